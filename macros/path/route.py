"""The new hire's route (docs/path.yml): its stages, validated against the pages and banks.

A stage is done in the reader's browser (js/path-*.js), never here: this module only says
what each stage asks for and fingerprints each page to read, so that a mark «Прочитано»
made before the page changed can tell.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..banks import Bank
from ..links import DocsTree
from ..problems import Problem
from ..schema import Checker, kind
from ..yamlfile import LineDict, load

ROUTE_FILE = "path.yml"
# The pages of the route's widgets: the reader's «Мой путь» and the mentor's «Прогресс группы».
PATH_PAGE = "path.md"
GROUP_PAGE = "trainer/progress.md"
_STAGE_FIELDS = {"id", "title", "task", "pages", "checks", "self_assessment", "exam"}
_CHECK_FIELDS = {"bank", "pass"}
_KINDS = ("pages", "checks", "self_assessment", "exam")
# The Markdown the reader sees and the data the page's widgets show: front matter is metadata.
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_MARK_CALL = re.compile(r"\{\{-?\s*read_mark\(\s*\)")
_CHECKLIST_CALL = re.compile(r"\{\{-?\s*checklist\(\s*[\"']([a-z0-9-]+)[\"']\s*\)")


@dataclass(frozen=True)
class Check:
    bank: str
    title: str
    page: str  # the docs page that runs the check
    pass_share: int  # % of the points needed


@dataclass
class Stage:
    id: str
    title: str
    task: str
    kind: str  # one of _KINDS
    pages: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    bank: str | None = None  # the self-assessment's or the exam's bank
    page: str | None = None  # the page of that bank

    def links(self) -> list[str]:
        """The pages a reader opens for this stage, in order."""
        return self.pages or [c.page for c in self.checks] or ([self.page] if self.page else [])


@dataclass
class Route:
    stages: list[Stage]
    # docs page -> fingerprint of what it teaches (see fingerprint())
    hashes: dict[str, str]

    @property
    def version(self) -> str:
        """Changes when the stages or what they ask for change, not with comments or titles."""
        shape = [[s.id, s.kind, s.pages, [[c.bank, c.pass_share] for c in s.checks], s.bank] for s in self.stages]
        return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:12]

    def stage_of(self, page: str) -> Stage | None:
        return next((s for s in self.stages if page in s.pages), None)


def fingerprint(docs_dir: Path, page: str) -> str:
    """What a page teaches, as 12 hex digits: its Markdown without front matter, and the
    checklist data its macros show. A rebuild of the same sources gives the same value; one
    changed word gives another."""
    return _fingerprint(docs_dir, (docs_dir / page).read_text(encoding="utf-8"))


def _fingerprint(docs_dir: Path, source: str) -> str:
    """fingerprint() of a page whose source is already read."""
    text = _FRONT_MATTER.sub("", source, count=1)
    digest = hashlib.sha256(text.encode())
    for checklist in _CHECKLIST_CALL.findall(text):
        data = docs_dir / "checklists" / f"{checklist}.yml"
        if data.is_file():
            digest.update(data.read_bytes())
    return digest.hexdigest()[:12]


def load_route(path: Path, shown: str, docs: DocsTree, banks: dict[str, Bank]) -> tuple[Route | None, list[Problem]]:
    """Read and validate the route file; every page and bank it names must exist."""
    raw, problems = load(path, shown, ("stages", "stage"))
    if problems:
        return None, problems
    check = Checker(shown)
    data = check.mapping(raw, 1, "", "the route")
    if data is None:
        return None, check.problems
    check.keys(data, {"stages"}, "route")
    stages: list[Stage] = []
    seen_pages: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for entry, ident, subject in check.entries(data, "stages", "route", "stage", _STAGE_FIELDS):
        title = check.text(entry, "title", subject)
        task = check.text(entry, "task", subject)
        kinds = [k for k in _KINDS if k in entry]
        if len(kinds) != 1:
            found = ", ".join(kinds) if kinds else "none"
            check.add(entry.line, f"expected exactly one of: {', '.join(_KINDS)}; found {found}", subject)
            continue
        stage = Stage(ident or "", title or "", task or "", kinds[0])
        if stage.kind == "pages":
            stage.pages = _pages(check, entry, subject, docs, seen_pages, hashes)
        elif stage.kind == "checks":
            stage.checks = _checks(check, entry, subject, docs, banks)
        else:
            stage.bank, stage.page = _bank(check, entry, stage.kind, subject, docs, banks)
        if ident and title and task:
            stages.append(stage)
    exams = [s for s in stages if s.kind == "exam"]
    if len(exams) > 1:
        check.add(data.line_of("stages"), "expected one exam stage, the one the others lead to", "route", "stages")
    if exams and stages[-1] is not exams[0]:
        check.add(data.line_of("stages"), "the exam stage must come last: the others lead to it", "route", "stages")
    if check.problems:
        return None, check.problems
    return Route(stages, hashes), []


def _pages(
    check: Checker, entry: LineDict, subject: str, docs: DocsTree, seen: dict[str, str], hashes: dict[str, str]
) -> list[str]:
    """The stage's pages, each read once: checked for its mark and fingerprinted into hashes."""
    pages = check.strings(entry, "pages", subject)
    if not pages and "pages" in entry:
        check.add(entry.line_of("pages"), "is empty; expected at least one page to read", subject, "pages")
    for index, page in enumerate(pages):
        line = entry["pages"].line_of(index)
        problem = docs.check(page) if "#" not in page else f"'{page}' must name a whole page, without '#'"
        if problem:
            check.add(line, problem, subject, "pages")
        elif page in seen:
            check.add(line, f"'{page}' is already read in {seen[page]}", subject, "pages")
        else:
            seen[page] = subject
            source = (docs.docs_dir / page).read_text(encoding="utf-8")
            if _MARK_CALL.search(source):
                hashes[page] = _fingerprint(docs.docs_dir, source)
            else:
                check.add(line, f"'{page}' has no «Прочитано» mark; expected {{{{ read_mark() }}}} at its end", subject, "pages")
    return pages


def _checks(check: Checker, entry: LineDict, subject: str, docs: DocsTree, banks: dict[str, Bank]) -> list[Check]:
    checks: list[Check] = []
    entries = check.items(entry, "checks", subject, "knowledge checks")
    for index, raw in enumerate(entries or []):
        item = check.mapping(raw, entries.line_of(index), f"{subject}, check #{index + 1}", "a check")
        if item is None:
            continue
        where = f"{subject}, check #{index + 1}"
        check.keys(item, _CHECK_FIELDS, where)
        bank_id = check.text(item, "bank", where)
        share = item.get("pass")
        if isinstance(share, bool) or not isinstance(share, int) or not 1 <= share <= 100:
            check.add(item.line_of("pass") if "pass" in item else item.line, f"expected a whole % from 1 to 100, found {kind(share)}", where, "pass")
            continue
        bank = _known_bank(check, item, "bank", bank_id, where, banks)
        if bank is None:
            continue
        if bank.is_scale or bank.exam:
            check.add(item.line_of("bank"), f"bank '{bank_id}' is not a knowledge check", where, "bank")
            continue
        page = _page_of(check, item, "bank", bank_id, where, docs)
        if page:
            checks.append(Check(bank.id, bank.title, page, share))
    return checks


def _bank(check: Checker, entry: LineDict, key: str, subject: str, docs: DocsTree, banks: dict[str, Bank]) -> tuple[str | None, str | None]:
    bank_id = check.text(entry, key, subject)
    bank = _known_bank(check, entry, key, bank_id, subject, banks)
    if bank is None:
        return None, None
    if key == "exam" and bank.exam is None:
        check.add(entry.line_of(key), f"bank '{bank_id}' has no 'exam' settings", subject, key)
        return None, None
    if key == "self_assessment" and not bank.is_scale:
        check.add(entry.line_of(key), f"bank '{bank_id}' is not a self-assessment (it has no axes)", subject, key)
        return None, None
    return bank.id, _page_of(check, entry, key, bank.id, subject, docs, "exam" if key == "exam" else "quiz")


def _known_bank(check: Checker, data: LineDict, key: str, bank_id: str | None, subject: str, banks: dict[str, Bank]) -> Bank | None:
    if bank_id is None:
        return None
    if bank_id not in banks:
        check.add(data.line_of(key), f"no question bank '{bank_id}'; known banks: {', '.join(sorted(banks))}", subject, key)
        return None
    return banks[bank_id]


def _page_of(check: Checker, data: LineDict, key: str, bank_id: str, subject: str, docs: DocsTree, macro: str = "quiz") -> str | None:
    page = docs.page_calling(macro, bank_id)
    if page is None:
        check.add(data.line_of(key), f"no page shows bank '{bank_id}' (no page calls {macro}(\"{bank_id}\"))", subject, key)
    return page


def route_data(route: Route, docs: DocsTree, link: Callable[[str], str], new_hire: tuple[str, int] | None) -> dict[str, Any]:
    """The route as the scripts read it: stages with their pages' links, titles and
    fingerprints, checks with their pass marks; link() makes a page's link for a script.
    new_hire: the new-hire checklist's id and number of items, whose runs «Мой путь» shows."""

    def page(src: str) -> dict[str, str]:
        return {"src": src, "url": link(src), "title": docs.title(src), "hash": route.hashes[src]}

    stages = [
        {
            "id": s.id,
            "title": s.title,
            "kind": s.kind,
            "pages": [page(p) for p in s.pages],
            "checks": [{"bank": c.bank, "title": c.title, "url": link(c.page), "pass": c.pass_share} for c in s.checks],
            "bank": s.bank,
            "url": link(s.page) if s.page else None,
        }
        for s in route.stages
    ]
    data: dict[str, Any] = {"version": route.version, "stages": stages}
    if new_hire:
        data["newHire"] = {"id": new_hire[0], "total": new_hire[1]}
    return data
