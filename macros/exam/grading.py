"""Marking one exam attempt, the result file a candidate hands in, and their answer sheet as CSV.

js/exam-core.js marks the same way in the browser; a browser test compares the result file
it downloads and the sheet it writes with what this module makes from the same answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..banks import Bank
from ..scoring import human, question_score, rounded
from ..spreadsheet import csv_text, local_time
from ..uitext import EXAM, EXAM_KEY
from .draw import draw
from .resultfile import RESULT_FORMAT, RESULT_FORMAT_VERSION, duration_seconds, epoch_ms

# The answer sheet as CSV; exam.js writes the same columns, from the same list.
SHEET_COLUMNS = EXAM["sheetColumns"]


def grade(bank: Bank, code: str, answers: Mapping[str, Sequence[int]]) -> dict[str, Any]:
    """Scores of a variant answered with option indices in bank order (unanswered = [])."""
    assert bank.exam is not None
    questions = []
    for number, question in enumerate(draw(bank, code), start=1):
        chosen = sorted({i for i in answers.get(question.id, ()) if 0 <= i < len(question.options)})
        correct = [i for i, option in enumerate(question.options) if option.correct]
        questions.append(
            {
                "number": number,
                "id": question.id,
                "topic": question.topic,
                "points": question.points,
                "chosen": chosen,
                "chosen_text": [question.options[i].text for i in chosen],
                "correct": correct,
                "correct_text": [question.options[i].text for i in correct],
                "score": rounded(question_score(question, chosen)),
            }
        )
    topics = []
    for topic in bank.topics:
        mine = [q for q in questions if q["topic"] == topic.id]
        if mine:
            score = rounded(sum(q["score"] for q in mine))
            topics.append(
                {"id": topic.id, "name": topic.name, "score": score, "max": rounded(sum(q["points"] for q in mine))}
            )
    score = rounded(sum(q["score"] for q in questions))
    top = rounded(sum(q["points"] for q in questions))
    percent = rounded(score * 100 / top) if top else 0.0
    return {
        "score": score,
        "max_score": top,
        "percent": percent,
        "pass_mark": bank.exam.pass_mark,
        "passed": percent >= bank.exam.pass_mark,
        "topics": topics,
        "questions": questions,
    }


def result_document(
    bank: Bank, code: str, answers: Mapping[str, Sequence[int]], marking: str = "instant", **envelope: Any
) -> dict[str, Any]:
    """The result file as the browser writes it: who, when, which bank and variant, and the
    answers only. No key and no marks: whoever opens it learns nothing they did not choose."""
    assert bank.exam is not None
    fields = ("number", "id", "topic", "chosen")
    questions = [{k: q[k] for k in fields} for q in grade(bank, code, answers)["questions"]]
    return {
        "format": RESULT_FORMAT,
        "format_version": RESULT_FORMAT_VERSION,
        "bank": bank.id,
        "bank_version": bank.version,
        "bank_title": bank.title,
        "marking": marking,
        "attempt": envelope.get("attempt", ""),
        "candidate": envelope.get("candidate", ""),
        "variant": code,
        "started": envelope.get("started", "2026-01-01T09:00:00.000Z"),
        "submitted": envelope.get("submitted", "2026-01-01T09:30:00.000Z"),
        "duration_seconds": envelope.get("duration_seconds", 1800),
        "time_limit_minutes": bank.exam.time_limit,
        "timed_out": envelope.get("timed_out", False),
        "sheets_seen": envelope.get("sheets_seen", []),
        "questions": questions,
    }


def sheet_csv(bank: Bank, document: Mapping[str, Any]) -> str:
    """A candidate's answer sheet as CSV, one row per question with its text, the answer given,
    the right one and the points (the browser writes the same once the sheet is open)."""
    answers = {q["id"]: q["chosen"] for q in document["questions"]}
    marks = grade(bank, document["variant"], answers)
    texts = {q.id: q.text for q in bank.questions}
    topics = {t.id: t.name for t in bank.topics}
    submitted, started = epoch_ms(document["submitted"]), epoch_ms(document["started"])
    assert submitted is not None and started is not None
    minutes = human(duration_seconds(started, submitted) / 60)
    timed_out = EXAM_KEY["yes"] if document.get("timed_out") is True else EXAM_KEY["no"]
    rows: list[list[object]] = [SHEET_COLUMNS]
    for q in marks["questions"]:
        rows.append(
            [
                document["candidate"],
                local_time(submitted),
                document["variant"],
                minutes,
                timed_out,
                q["number"],
                q["id"],
                texts[q["id"]],
                topics.get(q["topic"] or "", q["topic"]),
                " | ".join(q["chosen_text"]),
                " | ".join(q["correct_text"]),
                human(q["score"]),
                human(q["points"]),
            ]
        )
    return csv_text(rows)
