"""Exam results of a group: files merged into people and their attempts, flags, statistics, CSV.

The trainer's results page (js/exam-results.js) does the same in the browser and
`python -m macros results` on the command line, with the same words (macros/uitext.py);
tests check the two agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..banks import Bank
from ..scoring import human, plural, rounded
from ..spreadsheet import csv_text, local_time
from ..uitext import EXAM_KEY, RESULTS, fill
from .grading import grade
from .resultfile import read_result

# Which attempt of a person counts: the first, as Moodle's statistics take it, by default.
GRADING = ("first", "last", "best")


@dataclass
class Merged:
    """Attempts in submission order, the people who made them, and a message per file left out."""

    bank: Bank
    grading: str = "first"
    attempts: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def graded(self) -> list[dict[str, Any]]:
        """The attempt that counts for each person, in the order of the people."""
        return [person["graded"] for person in self.people]


def merge(bank: Bank, files: list[tuple[str, bytes | str]], grading: str = "first") -> Merged:
    """Every usable file once, marked against the bank; copies of one attempt are flagged."""
    assert grading in GRADING
    merged = Merged(bank, grading)
    by_attempt: dict[str, list[dict[str, Any]]] = {}
    for name, data in files:
        attempt, problem = read_result(name, data.encode("utf-8") if isinstance(data, str) else data, bank)
        if problem:
            merged.messages.append(problem)
            continue
        assert attempt is not None
        copies = by_attempt.setdefault(attempt["attempt"], [])
        same = next((a for a in copies if (a["person"], a["answers"]) == (attempt["person"], attempt["answers"])), None)
        if same:
            merged.messages.append(fill(RESULTS["duplicate"], file=name, first=same["file"]))
            continue
        copies.append(attempt)
        merged.attempts.append({**attempt, **grade(bank, attempt["variant"], attempt["answers"]), "flags": []})
    merged.attempts.sort(key=lambda a: (a["submitted"], a["started"], a["candidate"], a["file"]))
    _flag(merged, by_attempt)
    _people(merged)
    return merged


def _flag(merged: Merged, by_attempt: dict[str, list[dict[str, Any]]]) -> None:
    """Copies of one attempt, attempts begun after an answer sheet of their variant, overtime."""
    limit = merged.bank.exam.time_limit if merged.bank.exam else None
    for attempt in merged.attempts:
        others = [a for a in by_attempt[attempt["attempt"]] if a["file"] != attempt["file"]]
        if others:
            attempt["flags"].append(
                fill(RESULTS["flagSameAttempt"], file=others[0]["file"], name=others[0]["candidate"])
            )
        sheets = [
            a["submitted"]
            for a in merged.attempts
            if a is not attempt and a["variant"] == attempt["variant"] and a["marking"] == "instant"
        ] + [s["at"] for s in attempt["sheets_seen"] if s["variant"] == attempt["variant"]]
        before = [moment for moment in sheets if moment < attempt["started"]]
        if before:
            attempt["flags"].append(
                fill(RESULTS["flagAfterSheet"], variant=attempt["variant"], when=local_time(min(before)))
            )
        if limit and attempt["duration_seconds"] > limit * 60 + 1:
            minutes = human(attempt["duration_seconds"] / 60)
            attempt["flags"].append(fill(RESULTS["flagOverTime"], minutes=minutes, limit=human(limit)))


def _people(merged: Merged) -> None:
    """Group attempts by person, number them by submission and mark the one that counts."""
    people: dict[str, dict[str, Any]] = {}
    for attempt in merged.attempts:
        person = people.setdefault(
            attempt["person"], {"person": attempt["person"], "candidate": attempt["candidate"], "attempts": []}
        )
        person["attempts"].append(attempt)
        attempt["number"] = len(person["attempts"])
    for person in people.values():
        attempts = person["attempts"]
        if merged.grading == "first":
            graded = attempts[0]
        elif merged.grading == "last":
            graded = attempts[-1]
        else:
            graded = max(attempts, key=lambda a: (a["percent"], -a["number"]))
        for attempt in attempts:
            attempt["graded"] = attempt is graded
        person["graded"] = graded
    merged.people = list(people.values())


def summary(merged: Merged) -> str:
    """«3 человека, 5 попыток. Оценивается первая попытка: сдали 2, не сдали 1. …»."""
    people, attempts = len(merged.people), len(merged.attempts)
    passed = sum(1 for a in merged.graded if a["passed"])
    return fill(
        RESULTS["summary"],
        people=people,
        peopleWord=plural(people, *RESULTS["people"]),
        attempts=attempts,
        attemptsWord=plural(attempts, *RESULTS["attempts"]),
        method=RESULTS["gradingWords"][GRADING.index(merged.grading)],
        passed=passed,
        failed=people - passed,
        mark=human(merged.bank.exam.pass_mark if merged.bank.exam else 0),
    )


def item_analysis(merged: Merged) -> list[dict[str, Any]]:
    """Per question asked in an attempt that counts: how many got it fully right and the wrong
    option chosen most. Hardest first, then bank order: the top is what the group has not learned."""
    order = {q.id: i for i, q in enumerate(merged.bank.questions)}
    by_id = {q.id: q for q in merged.bank.questions}
    rows: dict[str, dict[str, Any]] = {}
    for result in merged.graded:
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
    """Per topic: the group's points, in the attempts that count, as a share of the points possible."""
    rows = []
    for topic in merged.bank.topics:
        got = sum(t["score"] for r in merged.graded for t in r["topics"] if t["id"] == topic.id)
        top = sum(t["max"] for r in merged.graded for t in r["topics"] if t["id"] == topic.id)
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
    """One row per attempt, for a spreadsheet: who, when, how long, the marks, flags, topics."""
    topics = merged.bank.topics
    head = (
        RESULTS["csvColumns"]
        + [fill(RESULTS["topicScore"], topic=t.name) for t in topics]
        + [fill(RESULTS["topicMax"], topic=t.name) for t in topics]
    )
    rows: list[list[object]] = [head]
    for a in merged.attempts:
        scores = {t["id"]: t for t in a["topics"]}
        rows.append(
            [
                a["candidate"],
                a["number"],
                EXAM_KEY["yes"] if a["graded"] else EXAM_KEY["no"],
                local_time(a["started"]),
                local_time(a["submitted"]),
                human(a["duration_seconds"] / 60),
                EXAM_KEY["yes"] if a["timed_out"] else EXAM_KEY["no"],
                a["unanswered"],
                a["variant"],
                human(a["score"]),
                human(a["max_score"]),
                human(a["percent"]),
                RESULTS["pass"] if a["passed"] else RESULTS["fail"],
                "; ".join(a["flags"]),
            ]
            + [human(scores[t.id]["score"]) if t.id in scores else "" for t in topics]
            + [human(scores[t.id]["max"]) if t.id in scores else "" for t in topics]
        )
    return csv_text(rows)
