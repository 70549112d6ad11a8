"""Scoring of answers: points with partial credit, and axis scores mapped to a result.

The browser script (docs/assets/widgets.js) implements the same rules; the browser
tests check that both agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from .banks import Bank, Question, Result

# Distances are rounded so that ties are exact in Python and in JavaScript alike.
_PRECISION = 9


def question_score(question: Question, chosen: Iterable[int]) -> float:
    """Points earned: 'single' is all or nothing; 'multiple' gives partial credit."""
    picked = set(chosen)
    if question.type == "single":
        right = {i for i, option in enumerate(question.options) if option.correct}
        return question.points if picked == right else 0.0
    if question.type == "multiple":
        share = question.points / question.correct_count
        total = sum(share if question.options[i].correct else -share for i in picked)
        return round(max(0.0, total), _PRECISION)
    return 0.0


def bank_score(bank: Bank, answers: Mapping[str, Iterable[int]]) -> tuple[float, float]:
    """(points earned, points possible) for a knowledge bank."""
    earned = sum(question_score(q, answers.get(q.id, ())) for q in bank.questions)
    possible = sum(q.points for q in bank.questions)
    return round(earned, _PRECISION), possible


def axis_ranges(bank: Bank) -> dict[str, tuple[float, float]]:
    """Lowest and highest sum each axis can reach over the whole bank."""
    ranges = {}
    for axis in bank.axes:
        low = sum(min(o.weights.get(axis.id, 0.0) for o in q.options) for q in bank.questions)
        high = sum(max(o.weights.get(axis.id, 0.0) for o in q.options) for q in bank.questions)
        ranges[axis.id] = (low, high)
    return ranges


def axis_scores(bank: Bank, answers: Mapping[str, int]) -> dict[str, float]:
    """Each axis as a share from 0 to 1 of its possible range, from one option per question."""
    scores = {}
    for axis_id, (low, high) in axis_ranges(bank).items():
        total = sum(q.options[answers[q.id]].weights.get(axis_id, 0.0) for q in bank.questions if q.id in answers)
        scores[axis_id] = round((total - low) / (high - low), _PRECISION) if high > low else 0.0
    return scores


def classify(bank: Bank, scores: Mapping[str, float]) -> tuple[Result, Result | None]:
    """The result whose profile is nearest to the scores, and a close second if any.

    Ties go to the result listed first in the bank, so the outcome never depends on
    dictionary order. The second is named when it is within the bank's close_margin.
    """
    ranked = sorted(
        enumerate(bank.results),
        key=lambda pair: (_distance(pair[1], scores), pair[0]),
    )
    best, runner_up = ranked[0][1], ranked[1][1] if len(ranked) > 1 else None
    if runner_up and _distance(runner_up, scores) - _distance(best, scores) > bank.close_margin + 1e-9:
        runner_up = None
    return best, runner_up


def _distance(result: Result, scores: Mapping[str, float]) -> float:
    squares = sum((scores.get(axis, 0.0) - value) ** 2 for axis, value in result.profile.items())
    return round(math.sqrt(squares), _PRECISION)


def rounded(value: float) -> float:
    """Two decimals, halves rounded up: the browser's Math.round(x * 100) / 100."""
    return math.floor(value * 100 + 0.5) / 100


def human(value: float) -> str:
    """A score as people write it: 47, 1,5, 0,67; never float noise."""
    text = f"{rounded(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
