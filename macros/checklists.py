"""Checklists: the YAML schema project teams edit, and its validation (runs: macros/runs.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .links import DocsTree, text_link_problems
from .problems import Problem, shown_path
from .schema import Checker
from .yamlfile import LineDict, load

# When in a project a checklist is opened, in the order of a project's life.
MOMENTS = {
    "before": "До старта",
    "kickoff": "Запуск",
    "during": "В работе",
    "handover": "Сдача",
}
AUDIENCES = ("новичок", "тренер", "команда проекта")
# An item is one line in a tracker; longer text belongs in 'why'.
MAX_ITEM_LENGTH = 120

_CHECKLIST_FIELDS = {"id", "title", "moment", "audience", "subject", "items"}
# Who a run of the checklist is for, as the field is labelled: a project unless it says so.
DEFAULT_SUBJECT = "Проект"
_ITEM_FIELDS = {"id", "text", "why", "link"}


@dataclass
class Item:
    id: str
    text: str
    why: str
    link: str | None = None


@dataclass
class Checklist:
    id: str
    title: str
    moment: str
    audience: list[str]
    items: list[Item]
    subject: str = DEFAULT_SUBJECT

    @property
    def version(self) -> str:
        """Changes when items come or go; a run file from another version keeps what still fits."""
        return hashlib.sha256(" ".join(item.id for item in self.items).encode()).hexdigest()[:10]

    @property
    def page(self) -> str:
        """The docs page that shows this checklist."""
        return f"checklists/{self.id}.md"


def load_checklist(path: Path, shown: str, docs: DocsTree) -> tuple[Checklist | None, list[Problem]]:
    """Read and validate one checklist file; return it (or None) and every problem found."""
    raw, problems = load(path, shown)
    if problems:
        return None, problems
    check = Checker(shown)
    data, checklist_id = check.document(raw, path, "checklist", _CHECKLIST_FIELDS)
    if data is None:
        return None, check.problems
    title = check.text(data, "title", "checklist")
    moment = check.text(data, "moment", "checklist")
    if moment is not None and moment not in MOMENTS:
        check.add(
            data.line_of("moment"),
            f"unknown moment '{moment}'; expected one of: {', '.join(MOMENTS)}",
            "checklist",
            "moment",
        )
    audience = check.strings(data, "audience", "checklist")
    for name in audience:
        if name not in AUDIENCES:
            check.add(
                data.line_of("audience"),
                f"unknown audience '{name}'; expected some of: {', '.join(AUDIENCES)}",
                "checklist",
                "audience",
            )
    subject = check.text(data, "subject", "checklist", False) or DEFAULT_SUBJECT
    items = _items(check, data, docs)
    if check.problems or None in (checklist_id, title, moment):
        return None, check.problems
    return Checklist(checklist_id, title, moment, audience, items, subject), []


def _items(check: Checker, data: LineDict, docs: DocsTree) -> list[Item]:
    items: list[Item] = []
    for entry, item_id, subject in check.entries(data, "items", "checklist", "item", _ITEM_FIELDS):
        text = check.text(entry, "text", subject)
        if text and ("\n" in text or len(text) > MAX_ITEM_LENGTH):
            check.add(
                entry.line_of("text"),
                f"expected one short line (at most {MAX_ITEM_LENGTH} characters), found {len(text)}; move details to 'why'",
                subject,
                "text",
            )
        why = check.text(entry, "why", subject)
        for key, value in (("text", text), ("why", why)):
            for problem in text_link_problems(value, docs):
                check.add(entry.line_of(key), problem, subject, key)
        link = check.text(entry, "link", subject, False)
        if link and (problem := docs.check(link)):
            check.add(entry.line_of("link"), problem, subject, "link")
        if item_id and text and why:
            items.append(Item(item_id, text, why, link))
    return items


def load_checklists(folder: Path, docs: DocsTree, root: Path) -> tuple[dict[str, Checklist], list[Problem]]:
    """Load every checklist in a folder, keyed by id, and register item anchors."""
    checklists: dict[str, Checklist] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yml")):
        checklist, found = load_checklist(path, shown_path(path, root), docs)
        problems.extend(found)
        if checklist:
            checklists[checklist.id] = checklist
            docs.extra_anchors[checklist.page] = {item.id for item in checklist.items}
    return checklists, problems
