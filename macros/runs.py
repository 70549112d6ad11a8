"""Checklist runs: one checklist ticked for one subject (a project, or a new hire).

A run travels in four ways, all defined here and mirrored in js/checklist.js:
- a link: the page address with ?project=<key>&name=<display name>#<item id>;
- a link that carries the ticks too («Поделиться отметками»): &ticks=<hex>&version=<v>;
- a run file (JSON) that a colleague imports to take the project over;
- text for the team's tool: a Markdown task list (GitHub, GitLab), Jira wiki markup, or
  plain text for chat and e-mail.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from .checklists import Checklist
from .uitext import CHECKLIST, PAGE, counted, few, fill, shown

RUN_FORMAT = "sinyaya-ptitsa-checklist-run"
RUN_FORMAT_VERSION = 1
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


@dataclass
class Run:
    checklist: str
    subject: str
    # Item id -> when it was ticked (ISO 8601), or None where the date is not known.
    ticks: dict[str, str | None] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return subject_key(self.subject)


def subject_key(name: str) -> str:
    """The URL form of a subject: «Acme — лендинг» -> 'acme-лендинг'."""
    words = "".join(ch if ch.isalnum() else " " for ch in name.lower()).split()
    return "-".join(words)


def item_url(page_url: str, run: Run, item_id: str) -> str:
    """An item's address that opens the same run for whoever follows it."""
    if not run.key:
        return f"{page_url}#{item_id}"
    # Everything but letters, digits and _.-~ is escaped, brackets too, so that the address
    # survives inside a Markdown or Jira link; the browser escapes the same way.
    key, name = quote(run.key, safe=""), quote(run.subject.strip(), safe="")
    return f"{page_url}?project={key}&name={name}#{item_id}"


def pack_ticks(checklist: Checklist, ticks: dict[str, str | None] | set[str]) -> str:
    """One bit per item in checklist order, four to a hex digit, lowest bit first: 11 items
    make 3 characters. Bound to the checklist's version (share_url), since the order is."""
    digits = [0] * ((len(checklist.items) + 3) // 4)
    for i, item in enumerate(checklist.items):
        if item.id in ticks:
            digits[i // 4] |= 1 << (i % 4)
    return "".join(f"{d:x}" for d in digits)


def unpack_ticks(checklist: Checklist, packed: str | None) -> list[str] | None:
    """The item ids a packed string ticks, or None when it does not fit this checklist."""
    if not isinstance(packed, str) or len(packed) != (len(checklist.items) + 3) // 4 or not re.fullmatch(r"[0-9a-f]*", packed):
        return None
    return [item.id for i, item in enumerate(checklist.items) if int(packed[i // 4], 16) >> (i % 4) & 1]


def share_url(page_url: str, checklist: Checklist, run: Run) -> str:
    """«Поделиться отметками»: the run's address with its ticks and the checklist's version."""
    link = item_url(page_url, run, "").removesuffix("#")
    return f"{link}&ticks={pack_ticks(checklist, run.ticks)}&version={quote(checklist.version, safe='')}"


def shared_ticks(checklist: Checklist, ticks: str | None, version: str | None) -> list[str] | None:
    """What a shared link ticks, or None for a link made for another version of the checklist."""
    return unpack_ticks(checklist, ticks) if version == checklist.version else None


def _heading(checklist: Checklist, run: Run) -> str:
    return checklist.title + (f" — {run.subject.strip()}" if run.subject.strip() else "")


def _progress(checklist: Checklist, run: Run) -> str:
    done = sum(1 for item in checklist.items if item.id in run.ticks)
    return fill(PAGE["of"], a=done, b=len(checklist.items))


def _plain(text: str) -> str:
    """Item text without Markdown emphasis, for tools that do not read Markdown."""
    return _EMPHASIS.sub(r"\2", text)


def as_markdown(checklist: Checklist, run: Run, page_url: str) -> str:
    """A task list that GitHub and GitLab render with ticks."""
    lines = [f"### {_heading(checklist, run)}", ""]
    for item in checklist.items:
        box = "x" if item.id in run.ticks else " "
        lines.append(f"- [{box}] {item.text} ([{CHECKLIST['link']}]({item_url(page_url, run, item.id)}))")
    return "\n".join(lines) + "\n"


def as_jira(checklist: Checklist, run: Run, page_url: str) -> str:
    """Jira wiki markup: a heading, then (/) for done and ☐ for not yet done.

    Not (x): Jira draws it as a red error cross, and an item not yet done is no error."""
    lines = [f"h3. {_heading(checklist, run)}", ""]
    for item in checklist.items:
        mark = "(/)" if item.id in run.ticks else "☐"
        text = _plain(item.text).replace("[", "(").replace("]", ")").replace("|", "/")
        lines.append(f"* {mark} {text} [{CHECKLIST['link']}|{item_url(page_url, run, item.id)}]")
    return "\n".join(lines) + "\n"


def as_text(checklist: Checklist, run: Run, page_url: str) -> str:
    """Plain text for a chat or an e-mail."""
    lines = [f"{_heading(checklist, run)} — {fill(CHECKLIST['ticked'], count=_progress(checklist, run))}", ""]
    for item in checklist.items:
        box = "[x]" if item.id in run.ticks else "[ ]"
        lines.append(f"{box} {_plain(item.text)} — {item_url(page_url, run, item.id)}")
    return "\n".join(lines) + "\n"


FORMATS = {"markdown": as_markdown, "jira": as_jira, "text": as_text}


def run_document(checklist: Checklist, run: Run, exported: str) -> dict:
    """The run file a colleague imports: ticks in checklist order, with their dates."""
    return {
        "format": RUN_FORMAT,
        "format_version": RUN_FORMAT_VERSION,
        "checklist": checklist.id,
        "checklist_version": checklist.version,
        "checklist_title": checklist.title,
        "subject": run.subject,
        "exported": exported,
        "ticks": [{"id": item.id, "ticked": run.ticks[item.id]} for item in checklist.items if item.id in run.ticks],
    }


@dataclass
class Imported:
    run: Run | None
    # Ticks whose item is no longer in the checklist (a file from another version).
    dropped: list[str] = field(default_factory=list)
    error: str | None = None


def read_run(checklist: Checklist, text: str, name: str) -> Imported:
    """Check a run file against the checklist on the site; the messages mirror the browser's."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        return Imported(None, error=fill(CHECKLIST["notJson"], file=shown(name)))
    if not isinstance(data, dict) or data.get("format") != RUN_FORMAT:
        return Imported(None, error=fill(CHECKLIST["notRun"], file=shown(name)))
    if data.get("checklist") != checklist.id:
        return Imported(None, error=fill(CHECKLIST["otherChecklist"], file=shown(name), checklist=shown(data.get("checklist"))))
    subject = data.get("subject")
    ticks = data.get("ticks")
    if not isinstance(subject, str) or not subject_key(subject) or not isinstance(ticks, list):
        return Imported(None, error=fill(CHECKLIST["noSubject"], file=shown(name)))
    known = {item.id for item in checklist.items}
    kept: dict[str, str | None] = {}
    dropped: list[str] = []
    for tick in ticks:
        if not isinstance(tick, dict) or not isinstance(tick.get("id"), str):
            return Imported(None, error=fill(CHECKLIST["badTick"], file=shown(name)))
        when = tick.get("ticked")
        when = when if isinstance(when, str) else None
        if tick["id"] in known:
            kept[tick["id"]] = when
        else:
            dropped.append(tick["id"])
    return Imported(Run(checklist.id, subject.strip(), kept), dropped)


def import_message(imported: Imported, kept: bool = True, why: str = "") -> str:
    """What the checklist says after an import: the browser's status line, word for word.
    kept: whether the browser kept the ticks (why: PAGE['full'] or PAGE['blocked'])."""
    if imported.error is not None or imported.run is None:
        return imported.error or ""
    values = {"name": shown(imported.run.subject), "n": len(imported.run.ticks), "why": why}
    text = fill(CHECKLIST["imported" if kept else "importedUnsaved"], **values)
    if imported.dropped:
        text += fill(CHECKLIST["dropped"], n=counted(len(imported.dropped)), ids=few(imported.dropped))
    return text
