"""Reading one exam result file: every check a file must pass, each failure one plain message.

A result file holds a candidate's answers only (no key, no marks): the trainer's side marks
it against the bank. js/exam-core.js (readResult) makes the same checks in the same order
with the same words; tests/data/result-vectors.json holds the cases both must agree on.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from typing import Any

from ..banks import Bank
from ..uitext import RESULTS, fill, shown
from .draw import draw, normalise_code

RESULT_FORMAT = "sinyaya-ptitsa-exam-result"
# 2: answers only, an attempt id and the answer sheets seen in the browser before it.
# 1: files of the first exams (they carried marks, which were never trusted): still read.
RESULT_FORMAT_VERSION = 2
# ASCII digits and fullmatch ('$' would let a final newline through), as JavaScript reads them.
_INSTANT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?(?:(Z)|([+-])([0-9]{2}):([0-9]{2}))"
)
_ATTEMPT = re.compile(r"[A-Za-z0-9]{1,32}")
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_MAX_SEEN = 100


def person_key(name: str) -> str:
    """Who a name means: case, «ё» and runs of spaces do not make another person."""
    return spaced(unicodedata.normalize("NFC", name)).lower().replace("ё", "е")


def spaced(name: str) -> str:
    """A name with its spaces as people type them: single, none at the ends."""
    return _SPACES.sub(" ", name).strip(" ")


def epoch_ms(value: Any) -> int | None:
    """Milliseconds since 1970 of an ISO 8601 moment with its zone, or None for anything else."""
    match = _INSTANT.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    fraction, utc, sign, zone_h, zone_m = match.group(7, 8, 9, 10, 11)
    if not (2000 <= year <= 2999 and 1 <= month <= 12 and hour <= 23 and minute <= 59 and second <= 59):
        return None
    if day < 1 or day > calendar.monthrange(year, month)[1]:
        return None
    offset = 0
    if not utc:
        if int(zone_h) > 14 or int(zone_m) > 59:
            return None
        offset = (int(zone_h) * 60 + int(zone_m)) * (1 if sign == "+" else -1)
    seconds = calendar.timegm((year, month, day, hour, minute, second)) - offset * 60
    return seconds * 1000 + int((fraction or "0")[:3].ljust(3, "0"))


def duration_seconds(started: int, submitted: int) -> int:
    """Whole seconds between two moments in milliseconds, halves up (as the browser's Math.round)."""
    return (submitted - started + 500) // 1000


def _index(value: Any, count: int) -> bool:
    """An option number as JSON writes it (2 or 2.0), within the question's options."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return float(value).is_integer() and 0 <= value < count


def decode(data: bytes) -> str | None:
    """The file's text: UTF-8, with or without a byte order mark; None for another encoding."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text[1:] if text.startswith("\ufeff") else text


def _parse(text: str) -> Any:
    # JSON as browsers read it: NaN and Infinity are not JSON.
    def refuse(name: str) -> Any:
        raise ValueError(name)

    return json.loads(text, parse_constant=refuse)


def read_result(name: str, data: bytes, bank: Bank) -> tuple[dict[str, Any] | None, str | None]:
    """One file as an attempt (answers in bank option order, times, flags' raw material), or
    None and the message saying why it cannot be used."""

    def problem(key: str, **values: Any) -> tuple[None, str]:
        return None, fill(RESULTS[key], file=shown(name), **values)

    text = decode(data)
    if text is None:
        return problem("notUtf8")
    try:
        doc = _parse(text)
    except (ValueError, RecursionError):
        return problem("notJson")
    if not isinstance(doc, dict) or doc.get("format") != RESULT_FORMAT:
        return problem("notResult")
    if doc.get("bank") != bank.id:
        return problem("otherBank", bank=shown(doc.get("bank")), siteBank=bank.id)
    if doc.get("bank_version") != bank.version:
        return problem("otherVersion", version=shown(doc.get("bank_version")), siteVersion=bank.version)
    variant = normalise_code(doc["variant"]) if isinstance(doc.get("variant"), str) else None
    candidate = spaced(doc["candidate"]) if isinstance(doc.get("candidate"), str) else ""
    if not variant or not candidate or not isinstance(doc.get("questions"), list):
        return problem("broken")
    started, submitted = epoch_ms(doc.get("started")), epoch_ms(doc.get("submitted"))
    if started is None or submitted is None or submitted < started:
        return problem("badTime")
    drawn = {q.id: q for q in draw(bank, variant)}
    answers: dict[str, list[int]] = {}
    for entry in doc["questions"]:
        qid = entry.get("id") if isinstance(entry, dict) else None
        chosen = entry.get("chosen") if isinstance(entry, dict) else None
        if not isinstance(qid, str) or qid not in drawn or qid in answers:
            return problem("otherQuestions", variant=variant)
        count = len(drawn[qid].options)
        if not isinstance(chosen, list) or not all(_index(i, count) for i in chosen):
            return problem("badAnswer")
        answers[qid] = sorted({int(i) for i in chosen})
    if len(answers) != len(drawn):
        return problem("otherQuestions", variant=variant)
    attempt = doc.get("attempt")
    seen = doc.get("sheets_seen") if isinstance(doc.get("sheets_seen"), list) else []
    return {
        "file": name,
        "candidate": candidate,
        "person": person_key(candidate),
        "variant": variant,
        "attempt": attempt if isinstance(attempt, str) and _ATTEMPT.fullmatch(attempt) else f"{variant}@{started}",
        "marking": "trainer" if doc.get("marking") == "trainer" else "instant",
        "started": started,
        "submitted": submitted,
        "duration_seconds": duration_seconds(started, submitted),
        "timed_out": doc.get("timed_out") is True,
        "unanswered": sum(1 for chosen in answers.values() if not chosen),
        "sheets_seen": [s for s in (_sheet(entry) for entry in seen[:_MAX_SEEN]) if s],
        "answers": answers,
    }, None


def _sheet(entry: Any) -> dict[str, Any] | None:
    """An answer sheet seen in the candidate's browser: {variant, at}, or None if malformed."""
    if not isinstance(entry, dict) or not isinstance(entry.get("variant"), str):
        return None
    variant, at = normalise_code(entry["variant"]), epoch_ms(entry.get("at"))
    return {"variant": variant, "at": at} if variant and at is not None else None
