"""Exam results from many candidates: read result files, merge them, analyse every question.

The trainer's results page (js/exam-results.js) does the same in the browser and
`python -m macros results` on the command line, with the same words (macros/uitext.py);
tests check the two agree.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..banks import Bank
from ..scoring import human, rounded
from ..uitext import RESULTS, fill
from .draw import draw, normalise_code
from .grading import RESULT_FORMAT, grade


@dataclass
class Merged:
    """Candidates in submission order, plus a plain message for every file left out."""

    bank: Bank
    candidates: list[dict[str, Any]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def read_result(name: str, text: str, bank: Bank) -> tuple[dict[str, Any] | None, str | None]:
    """One result file re-marked against the bank, or a message saying why it cannot be used.

    Scores are recomputed from the answers: a file edited by hand cannot raise its own mark.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None, fill(RESULTS["notJson"], file=name)
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        return None, fill(RESULTS["notResult"], file=name)
    if data.get("bank") != bank.id:
        return None, fill(RESULTS["otherBank"], file=name, bank=data.get("bank"), siteBank=bank.id)
    if data.get("bank_version") != bank.version:
        return None, fill(
            RESULTS["otherVersion"], file=name, version=data.get("bank_version"), siteVersion=bank.version
        )
    code = normalise_code(str(data.get("variant", "")))
    candidate = data.get("candidate")
    questions = data.get("questions")
    if not code or not isinstance(candidate, str) or not candidate.strip() or not isinstance(questions, list):
        return None, fill(RESULTS["broken"], file=name)
    drawn = [q.id for q in draw(bank, code)]
    answers: dict[str, list[int]] = {}
    for entry in questions:
        chosen = entry.get("chosen") if isinstance(entry, dict) else None
        if not isinstance(chosen, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in chosen):
            return None, fill(RESULTS["badAnswer"], file=name)
        answers[str(entry.get("id"))] = chosen
    if sorted(answers) != sorted(drawn):
        return None, fill(RESULTS["otherQuestions"], file=name, variant=code)
    marks = grade(bank, code, answers)
    return {
        "file": name,
        "candidate": candidate.strip(),
        "variant": code,
        "started": str(data.get("started") or ""),
        "submitted": str(data.get("submitted") or ""),
        "duration_seconds": _whole(data.get("duration_seconds")),
        "timed_out": data.get("timed_out") is True,
        **marks,
    }, None


def merge(bank: Bank, files: list[tuple[str, str]]) -> Merged:
    """Every usable result once, in submission order; duplicates and bad files get a message."""
    merged = Merged(bank)
    seen: dict[tuple[str, str, str], str] = {}
    for name, text in files:
        result, problem = read_result(name, text, bank)
        if problem:
            merged.messages.append(problem)
            continue
        assert result is not None
        key = (result["candidate"].casefold(), result["variant"], result["submitted"])
        if key in seen:
            merged.messages.append(fill(RESULTS["duplicate"], file=name, first=seen[key]))
            continue
        seen[key] = name
        merged.candidates.append(result)
    merged.candidates.sort(key=lambda r: (r["submitted"], r["candidate"]))
    return merged


def item_analysis(merged: Merged) -> list[dict[str, Any]]:
    """Per question asked: how many got it fully right and the wrong option chosen most.

    Hardest first, then bank order, so the top of the list is what the group has not learned.
    """
    order = {q.id: i for i, q in enumerate(merged.bank.questions)}
    by_id = {q.id: q for q in merged.bank.questions}
    rows: dict[str, dict[str, Any]] = {}
    for result in merged.candidates:
        for answer in result["questions"]:
            row = rows.setdefault(
                answer["id"], {"id": answer["id"], "topic": answer["topic"], "asked": 0, "right": 0, "wrong": Counter()}
            )
            row["asked"] += 1
            row["right"] += answer["score"] >= answer["points"]
            row["wrong"].update(i for i in answer["chosen"] if i not in answer["correct"])
    analysis = []
    for row in rows.values():
        question = by_id[row["id"]]
        wrong = min(row["wrong"].items(), key=lambda pair: (-pair[1], pair[0]), default=None)
        analysis.append(
            {
                "id": row["id"],
                "topic": row["topic"],
                "asked": row["asked"],
                "right": row["right"],
                "share": rounded(row["right"] * 100 / row["asked"]),
                "wrong_option": question.options[wrong[0]].text if wrong else None,
                "wrong_count": wrong[1] if wrong else 0,
            }
        )
    return sorted(analysis, key=lambda r: (r["share"], order[r["id"]]))


def topic_analysis(merged: Merged) -> list[dict[str, Any]]:
    """Per topic: the group's points as a share of the points possible."""
    rows = []
    for topic in merged.bank.topics:
        got = sum(t["score"] for r in merged.candidates for t in r["topics"] if t["id"] == topic.id)
        top = sum(t["max"] for r in merged.candidates for t in r["topics"] if t["id"] == topic.id)
        if top:
            rows.append(
                {
                    "id": topic.id,
                    "name": topic.name,
                    "score": rounded(got),
                    "max": rounded(top),
                    "share": rounded(got * 100 / top),
                }
            )
    return rows


def table_csv(merged: Merged) -> str:
    """One row per candidate, for a spreadsheet: totals, pass or fail, per-topic scores."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    topics = merged.bank.topics
    writer.writerow(
        RESULTS["csvColumns"]
        + [fill(RESULTS["topicScore"], topic=t.name) for t in topics]
        + [fill(RESULTS["topicMax"], topic=t.name) for t in topics]
    )
    for r in merged.candidates:
        scores = {t["id"]: t for t in r["topics"]}
        minutes = "" if r["duration_seconds"] is None else human(r["duration_seconds"] / 60)
        writer.writerow(
            [
                r["candidate"],
                r["submitted"],
                r["variant"],
                human(r["score"]),
                human(r["max_score"]),
                human(r["percent"]),
            ]
            + [RESULTS["pass"] if r["passed"] else RESULTS["fail"], minutes]
            + [human(scores[t.id]["score"]) if t.id in scores else "" for t in topics]
            + [human(scores[t.id]["max"]) if t.id in scores else "" for t in topics]
        )
    return out.getvalue()


def _whole(value: Any) -> int | None:
    """A whole number as JSON gives it (12 or 12.0), as the browser's Number.isInteger reads it."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not float(value).is_integer():
        return None
    return int(value)
