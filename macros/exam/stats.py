"""Item statistics of a group's exam, computed as Moodle's quiz statistics report computes them.

Over the attempts that count (one per person), for each question: the attempts that included
it (variants differ), the facility index, the standard deviation of its marks, the
discrimination index (the correlation of its marks with the rest of the test), the
discriminative efficiency (that correlation's covariance against the largest one the two
distributions allow) and how often each option was picked overall and by the top and bottom
27 % of candidates. For the group: mean, median and standard deviation of the scores,
Cronbach's alpha (KR-20 when every mark is 0 or 1) over the variant's places, and the
standard error of measurement.

js/exam-stats.js computes the same, in the same order of operations, so the figures agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..scoring import human
from ..spreadsheet import csv_text
from ..uitext import EXAM_KEY, STATS, fill
from .results import Merged

RELIABLE = 10  # attempts below which the figures are not yet to be trusted
TAIL_PER_CENT = 27  # the top and bottom groups, as in classical item analysis
HARD, EASY, WEAK = 0.2, 0.9, 0.2


@dataclass
class OptionStat:
    text: str
    correct: bool
    picked: float | None  # share of the attempts that included the question
    top: float | None
    bottom: float | None


@dataclass
class ItemStat:
    id: str
    topic: str
    text: str
    attempts: int
    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None
    options: list[OptionStat] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # hard, easy, weak, distractor: STATS["item" + flag.capitalize()]


@dataclass
class CohortStat:
    attempts: int
    mean: float | None
    median: float | None
    sd: float | None
    alpha: float | None
    kr20: bool
    sem: float | None


def _sum(values: list[float]) -> float:
    """Left to right from 0, as reduce() adds in the browser (sum() may round differently)."""
    total = 0.0
    for v in values:
        total += v
    return total


def _mean(values: list[float]) -> float:
    return _sum(values) / len(values)


def _covariance(xs: list[float], ys: list[float]) -> float | None:
    """Sample covariance (n − 1), as Moodle divides; None below two values."""
    if len(xs) < 2:
        return None
    mx, my = _mean(xs), _mean(ys)
    return _sum([(x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)]) / (len(xs) - 1)


def tails(merged: Merged) -> tuple[set[int], set[int]]:
    """Positions (in merged.graded) of the top and bottom 27 % by score; ties keep the people's order."""
    graded = merged.graded
    if not graded:
        return set(), set()
    size = max(1, (TAIL_PER_CENT * len(graded) + 50) // 100)  # halves up, in integers, as in the browser
    ranked = sorted(range(len(graded)), key=lambda i: (-graded[i]["percent"], i))
    return set(ranked[:size]), set(ranked[-size:])


def items(merged: Merged) -> list[ItemStat]:
    """Per question asked in an attempt that counts, in bank order."""
    graded = merged.graded
    top, bottom = tails(merged)
    stats = []
    answers = [{q["id"]: q for q in a["questions"]} for a in graded]
    for question in merged.bank.questions:
        rows = [(i, mine[question.id]) for i, mine in enumerate(answers) if question.id in mine]
        if not rows:
            continue
        marks = [r["score"] for _, r in rows]
        rest = [graded[i]["score"] - r["score"] for i, r in rows]
        item = ItemStat(question.id, question.topic or "", question.text, len(rows), None, None, None, None)
        item.facility = _mean(marks) / question.points
        variance, rest_variance = _covariance(marks, marks), _covariance(rest, rest)
        covariance = _covariance(marks, rest)
        if variance is not None and rest_variance is not None and covariance is not None:
            item.sd = math.sqrt(variance) / question.points
            if variance * rest_variance > 0:
                item.discrimination = covariance / math.sqrt(variance * rest_variance)
            most = _covariance(sorted(marks), sorted(rest))
            if most:
                item.efficiency = covariance / most
        for n, option in enumerate(question.options):
            picked = [_share(rows, n, tail) for tail in (None, top, bottom)]
            item.options.append(OptionStat(option.text, option.correct, *picked))
        item.flags = _flags(item)
        stats.append(item)
    return stats


def _share(rows: list[tuple[int, dict[str, Any]]], option: int, tail: set[int] | None) -> float | None:
    """The share of a tail's attempts with the question (all of them for None) that picked the option."""
    asked = [r for i, r in rows if tail is None or i in tail]
    return sum(1 for r in asked if option in r["chosen"]) / len(asked) if asked else None


def _flags(item: ItemStat) -> list[str]:
    flags = []
    if item.facility is not None and item.facility < HARD:
        flags.append("hard")
    if item.facility is not None and item.facility > EASY:
        flags.append("easy")
    if item.discrimination is not None and item.discrimination < WEAK:
        flags.append("weak")
    if any(not o.correct and o.top is not None and o.bottom is not None and o.top > o.bottom for o in item.options):
        flags.append("distractor")
    return flags


def cohort(merged: Merged) -> CohortStat:
    """The candidates as a whole (the cohort; a "group" is a set of same-fact questions): scores in per cent of each variant's points, reliability over the variant's places.

    Variants differ, so a "place" stands for Moodle's random-question slot: the k-th question of
    a topic, counting in bank order. A place's mark is its share of the variant's per cent, so
    the places add up to each candidate's score.
    """
    graded = merged.graded
    scores = [a["percent"] for a in graded]
    if not scores:
        return CohortStat(0, None, None, None, None, False, None)
    ordered = sorted(scores)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    variance = _covariance(scores, scores)
    sd = math.sqrt(variance) if variance is not None else None
    rank = {q.id: n for n, q in enumerate(merged.bank.questions)}
    places: dict[tuple[str, int], list[float]] = {}
    binary = True
    for a in graded:
        seen: dict[str, int] = {}
        for q in sorted(a["questions"], key=lambda q: rank[q["id"]]):
            k = seen.get(q["topic"], 0)
            seen[q["topic"]] = k + 1
            places.setdefault((q["topic"], k), []).append(q["score"] * 100 / a["max_score"])
            binary = binary and q["points"] == 1 and q["score"] in (0, 1)
    alpha = sem = None
    full = [marks for marks in places.values() if len(marks) == len(graded)]
    if variance and len(full) > 1:
        parts = _sum([_covariance(marks, marks) or 0.0 for marks in full])
        alpha = len(full) / (len(full) - 1) * (1 - parts / variance)
        sem = sd * math.sqrt(1 - alpha) if sd is not None and alpha <= 1 else None
    return CohortStat(len(graded), _mean(scores), median, sd, alpha, binary, sem)


def _per_cent(value: float | None) -> str:
    return "" if value is None else human(value * 100)


def items_csv(merged: Merged) -> str:
    """One row per option of each question, its question's figures on every row, for a spreadsheet."""
    topics = {t.id: t.name for t in merged.bank.topics}
    rows: list[list[object]] = [STATS["itemColumns"]]
    for item in items(merged):
        flags = "; ".join(STATS["item" + f.capitalize()] for f in item.flags)
        head = [item.id, topics.get(item.topic, item.topic), item.text, item.attempts, _per_cent(item.facility),
                _per_cent(item.sd), _per_cent(item.discrimination), _per_cent(item.efficiency), flags]  # fmt: skip
        for n, option in enumerate(item.options, start=1):
            mark = EXAM_KEY["yes"] if option.correct else EXAM_KEY["no"]
            figures = [_per_cent(option.picked), _per_cent(option.top), _per_cent(option.bottom)]
            rows.append([*head, n, option.text, mark, *figures])
    return csv_text(rows)


def cohort_line(stat: CohortStat) -> str:
    """The group's figures in one line, as the results page shows them."""
    if stat.mean is None:
        return STATS["noAttempts"]
    values: dict[str, Any] = {
        "n": stat.attempts,
        "mean": human(stat.mean),
        "median": human(stat.median or 0),
        "sd": "—" if stat.sd is None else human(stat.sd),
        "alphaName": STATS["kr20"] if stat.kr20 else STATS["alpha"],
        "alpha": "—" if stat.alpha is None else human(stat.alpha),
        "sem": "—" if stat.sem is None else human(stat.sem),
    }
    text = fill(STATS["cohortLine"], **values)
    return text if stat.attempts >= RELIABLE else f"{text} {fill(STATS['unreliable'], n=RELIABLE)}"
