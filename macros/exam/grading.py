"""Marking one exam attempt: per-question, per-topic and total scores against the pass mark.

docs/assets/exam-core.js marks the same way in the browser; a browser test compares the
result file it downloads with what this module computes from the same answers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from ..banks import Bank
from ..scoring import human, question_score, rounded
from ..uitext import EXAM
from .draw import draw

RESULT_FORMAT = "sinyaya-ptitsa-exam-result"
RESULT_FORMAT_VERSION = 1
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


def result_document(bank: Bank, code: str, answers: Mapping[str, Sequence[int]], **envelope: Any) -> dict[str, Any]:
    """The whole result file as the browser writes it: who, when, which bank, and the marks."""
    assert bank.exam is not None
    return {
        "format": RESULT_FORMAT,
        "format_version": RESULT_FORMAT_VERSION,
        "bank": bank.id,
        "bank_version": bank.version,
        "bank_title": bank.title,
        "candidate": envelope.get("candidate", ""),
        "variant": code,
        "started": envelope.get("started", ""),
        "submitted": envelope.get("submitted", ""),
        "duration_seconds": envelope.get("duration_seconds", 0),
        "time_limit_minutes": bank.exam.time_limit,
        "timed_out": envelope.get("timed_out", False),
        **grade(bank, code, answers),
    }


def sheet_csv(document: dict[str, Any]) -> str:
    """A candidate's answer sheet as CSV, one row per question (the browser writes the same)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SHEET_COLUMNS)
    minutes = human(document["duration_seconds"] / 60)
    for q in document["questions"]:
        writer.writerow(
            [
                document["candidate"],
                document["submitted"],
                document["variant"],
                document["bank"],
                document["bank_version"],
                minutes,
                q["number"],
                q["id"],
                q["topic"],
                " | ".join(q["chosen_text"]),
                " | ".join(q["correct_text"]),
                human(q["score"]),
                human(q["points"]),
            ]
        )
    return out.getvalue()
