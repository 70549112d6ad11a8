"""Progress files of new hires («Скачать мой прогресс»): one read, many merged, the mentor's CSV.

A progress file comes from a browser nobody here controls: every field is checked and each
failure is one plain message naming the file, while the other files still load.
js/path-group.js makes the same checks in the same order with the same words;
tests/data/progress-vectors.json holds the cases both must agree on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ..exam.resultfile import _parse, decode, epoch_ms, person_key, shown, spaced
from ..scoring import human
from ..spreadsheet import csv_text
from ..uitext import PROGRESS, fill

PROGRESS_FORMAT = "sinyaya-ptitsa-progress"
PROGRESS_VERSION = 1
KINDS = ("pages", "checks", "self_assessment", "exam")
MAX_TEXT = 200  # characters of a name, a title or a result
MAX_ID = 64  # characters of a stage id or a bank
MAX_STAGES = 50
MAX_CHECKS = 20
MAX_PAGES = 1000
# Levels of nesting read: a progress file needs 5; Python's parser gives up near 1,000, a browser's never.
MAX_DEPTH = 32
_ROUTE = re.compile(r"[0-9a-z]{1,64}")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Python would keep a lone surrogate and fail writing the CSV; a browser writes none.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Refused(Exception):
    """Why a file cannot be used: a PROGRESS key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def _text(value: Any, least: int, most: int) -> bool:
    """A string of least..most characters (code points, as Array.from counts them in JS)."""
    return isinstance(value, str) and least <= len(value) <= most and not _LONE_SURROGATE.search(value)


def _whole(value: Any, least: int, most: int) -> int | None:
    """An integer as JSON writes it (7 or 7.0) within least..most, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return int(value) if least <= value <= most else None


def _share(value: Any) -> bool:
    """A percentage: a number 0..100 (JSON has no NaN; an overflowing 1e400 is out of range)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and 0 <= value <= 100


def _day(value: Any) -> bool:
    """A calendar date «YYYY-MM-DD» that exists, in the years epoch_ms() accepts."""
    match = _DAY.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return False
    year, month, day = (int(g) for g in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 2000 <= year <= 2999


def _check(entry: Any, n: int, m: int) -> dict[str, Any]:
    """One knowledge check of a 'checks' stage: {bank, title, best, date, pass}."""
    if not isinstance(entry, dict):
        raise _Refused("checkShape", n=n, m=m)
    bank, title, best, day = entry.get("bank"), entry.get("title"), entry.get("best"), entry.get("date")
    share = _whole(entry.get("pass"), 1, 100)
    for field, fine in (
        ("bank", _text(bank, 1, MAX_ID)),
        ("title", _text(title, 1, MAX_TEXT)),
        ("best", best is None or _share(best)),
        ("date", day is None or _day(day)),
        ("pass", share is not None),
    ):
        if not fine:
            raise _Refused("badCheck", n=n, m=m, field=field)
    return {"bank": bank, "title": title, "best": best, "date": day, "pass": share}


def _stage(entry: Any, n: int) -> dict[str, Any]:
    """One stage as the file has it: id, title, kind, done and what its kind records."""
    if not isinstance(entry, dict):
        raise _Refused("stageShape", n=n)

    def bad(field: str) -> _Refused:
        return _Refused("badStage", n=n, field=field)

    ident, title, kind, done = (entry.get(k) for k in ("id", "title", "kind", "done"))
    if not _text(ident, 1, MAX_ID):
        raise bad("id")
    if not _text(title, 1, MAX_TEXT):
        raise bad("title")
    if not isinstance(kind, str) or kind not in KINDS:
        raise bad("kind")
    if not isinstance(done, bool):
        raise bad("done")
    stage: dict[str, Any] = {"id": ident, "title": title, "kind": kind, "done": done}
    if kind == "pages":
        for field in ("read", "updated", "total"):
            stage[field] = _whole(entry.get(field), 0, MAX_PAGES)
            if stage[field] is None:
                raise bad(field)
        if stage["read"] + stage["updated"] > stage["total"]:
            raise bad("total")
    elif kind == "checks":
        checks = entry.get("checks")
        if not isinstance(checks, list) or len(checks) > MAX_CHECKS:
            raise bad("checks")
        stage["checks"] = [_check(c, n, m) for m, c in enumerate(checks, 1)]
    elif kind == "self_assessment":
        result = entry.get("result")
        if result is not None and not _text(result, 0, MAX_TEXT):
            raise bad("result")
        stage["result"] = result
    return stage


def _deeper(value: Any, levels: int) -> bool:
    """Whether a parsed document nests arrays and objects more than `levels` deep."""
    items = list(value.values()) if isinstance(value, dict) else value
    return isinstance(items, list) and (levels == 0 or any(_deeper(v, levels - 1) for v in items))


def _version_shown(value: Any) -> str:
    """The version a file claims, as the message repeats it (the same text in JS)."""
    if value is None:
        return PROGRESS["noVersion"]
    if isinstance(value, int | float) and not isinstance(value, bool):
        whole = isinstance(value, int) or value.is_integer()
        return str(int(value)) if whole and abs(value) < 1e15 else "?"
    return shown(value) if isinstance(value, str) else "?"


def _read(name: str, data: bytes) -> dict[str, Any]:
    text = decode(data)
    if text is None:
        raise _Refused("notUtf8")
    try:
        doc = _parse(text)
    except (ValueError, RecursionError):
        raise _Refused("notJson") from None
    if _deeper(doc, MAX_DEPTH):
        raise _Refused("notJson")
    if not isinstance(doc, dict) or doc.get("format") != PROGRESS_FORMAT:
        raise _Refused("notProgress")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int | float) or version != PROGRESS_VERSION:
        raise _Refused("otherVersion", version=_version_shown(version))
    who = spaced(doc["name"]) if isinstance(doc.get("name"), str) else ""
    if not who or _LONE_SURROGATE.search(who):
        raise _Refused("noName")
    if len(who) > MAX_TEXT:
        raise _Refused("longName")
    saved = epoch_ms(doc.get("saved"))
    if saved is None:
        raise _Refused("badSaved")
    route = doc.get("route")
    if not isinstance(route, str) or not _ROUTE.fullmatch(route):
        raise _Refused("badRoute")
    stages = doc.get("stages")
    if not isinstance(stages, list) or not 1 <= len(stages) <= MAX_STAGES:
        raise _Refused("badStages")
    return {
        "file": name,
        "name": who,
        "person": person_key(who),
        "saved": saved,
        "route": route,
        "stages": [_stage(entry, n) for n, entry in enumerate(stages, 1)],
    }


def read_progress(name: str, data: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """One file as a person's progress, or None and the one message saying why it cannot be used."""
    try:
        return _read(name, data), None
    except _Refused as refused:
        return None, fill(PROGRESS[refused.key], file=shown(name), **refused.values)


def route_checks(route: dict[str, Any]) -> list[dict[str, Any]]:
    """The knowledge checks of the site's current route, in route order."""
    return [check for stage in route["stages"] for check in stage.get("checks") or []]


def _row(person: dict[str, Any], route: dict[str, Any]) -> dict[str, Any]:
    """What the mentor's table shows of one person."""
    stages = person["stages"]
    counted = [s for s in stages if s["kind"] != "exam"]
    exam = next((i for i, s in enumerate(stages) if s["kind"] == "exam"), len(stages))
    missing = [s["title"] for s in stages[:exam] if not s["done"]]
    best: dict[str, float] = {}
    for stage in stages:
        for check in stage.get("checks", []):
            if check["best"] is not None and check["best"] > best.get(check["bank"], -1):
                best[check["bank"]] = check["best"]
    results = [s["result"] for s in stages if s["kind"] == "self_assessment" and s["result"] is not None]
    return {
        "file": person["file"],
        "name": person["name"],
        "person": person["person"],
        "saved": person["saved"],
        "stagesDone": sum(1 for s in counted if s["done"]),
        "stagesTotal": len(counted),
        "checks": [best.get(check["bank"]) for check in route_checks(route)],
        "selfAssessment": results[0] if results else None,
        "ready": not missing,
        "missing": missing,
        "otherRoute": person["route"] != route["version"],
    }


def merge(files: Iterable[tuple[str, bytes]], route: dict[str, Any]) -> dict[str, Any]:
    """Files in the order given as {people: one row per person, by name; messages: in file order}.
    Two files of one person: the later `saved` wins (the first given on a tie)."""
    kept: dict[str, dict[str, Any]] = {}
    messages: list[str] = []
    for name, data in files:
        person, message = read_progress(name, data)
        if person is None:
            messages.append(message or "")
            continue
        earlier = kept.get(person["person"])
        if earlier is not None:
            messages.append(fill(PROGRESS["samePerson"], file=shown(name), other=shown(earlier["file"])))
            if person["saved"] <= earlier["saved"]:
                continue
        kept[person["person"]] = person
    rows = sorted((_row(p, route) for p in kept.values()), key=lambda r: (r["person"], r["saved"]))
    return {"people": rows, "messages": messages}


def local_date(epoch_ms: int) -> str:
    """A moment's day in this machine's time zone: «06.12.2026»."""
    return f"{datetime.fromtimestamp(epoch_ms // 1000):%d.%m.%Y}"


def table_csv(merged: dict[str, Any], route: dict[str, Any]) -> str:
    """The mentor's table as a spreadsheet (macros/spreadsheet.py rules)."""
    columns = PROGRESS["columns"]
    checks = [fill(PROGRESS["checkColumn"], title=c["title"]) for c in route_checks(route)]
    rows: list[list[object]] = [[*columns[:4], *checks, *columns[4:]]]
    for row in merged["people"]:
        rows.append([
            row["name"], local_date(row["saved"]), row["stagesDone"], row["stagesTotal"],
            *("" if best is None else human(best) for best in row["checks"]),
            row["selfAssessment"], PROGRESS["yes"] if row["ready"] else PROGRESS["no"],
            PROGRESS["missingSeparator"].join(row["missing"]),
            PROGRESS["otherRoute"] if row["otherRoute"] else PROGRESS["currentRoute"],
        ])  # fmt: skip
    return csv_text(rows)
