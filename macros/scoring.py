"""Scoring of answers: points with partial credit, and the subtype a self-assessment names.

The browser script (docs/assets/widgets.js) implements the same rules; the browser
tests check that both agree.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .banks import Bank, Question, Result

# Partial credit is rounded so that sums are exact in Python and in JavaScript alike.
_PRECISION = 9
_EPSILON = 1e-9


def question_score(question: Question, chosen: Iterable[int]) -> float:
    """Points earned: 'single' is all or nothing; 'multiple' gives partial credit.

    In a 'multiple' question the right options share the points equally and the wrong ones
    share the same points as a penalty, as Moodle weights them: ticking every box earns 0,
    so a candidate gains only by telling right from wrong.
    """
    picked = set(chosen)
    if question.type == "single":
        right = {i for i, option in enumerate(question.options) if option.correct}
        return question.points if picked == right else 0.0
    if question.type == "multiple":
        gain = question.points / question.correct_count
        loss = question.points / max(1, len(question.options) - question.correct_count)
        total = sum(gain if question.options[i].correct else -loss for i in picked)
        return round(max(0.0, total), _PRECISION)
    return 0.0


def bank_score(bank: Bank, answers: Mapping[str, Iterable[int]]) -> tuple[float, float]:
    """(points earned, points possible) for a knowledge bank."""
    earned = sum(question_score(q, answers.get(q.id, ())) for q in bank.questions)
    possible = sum(q.points for q in bank.questions)
    return round(earned, _PRECISION), possible


@dataclass
class Outcome:
    """What the self-assessment tells the reader."""

    result: Result
    second: Result | None
    counts: dict[str, int]
    axes: dict[str, float]


def chosen_subtypes(bank: Bank, answers: Mapping[str, int]) -> list[str]:
    """The subtype behind each answer, in the order of the situations on the page."""
    return [q.options[answers[q.id]].subtype for q in bank.questions if q.id in answers]


def classify(bank: Bank, chosen: Sequence[str]) -> tuple[Result, Result | None]:
    """The subtype chosen most, and a close second if any; chosen is chosen_subtypes().

    The ideal is named only when it clearly dominates: at least ideal_share of the answers
    and no other subtype above rival_share. Otherwise the result is the other subtype
    chosen most, so the ideal never comes out of a mix of other subtypes. A tie goes to
    the subtype answered in the later situation (no subtype is favoured by its place in
    the bank), and the ideal loses every tie. A second subtype is named when its share is
    within close_margin of the result's, or above it. Counts, not shares, are compared so
    that Python and JavaScript decide alike.
    """
    rule, total = bank.rule, len(chosen)
    counts = Counter(chosen)
    last = {subtype: position for position, subtype in enumerate(chosen)}
    results = sorted(
        bank.results,
        key=lambda r: (-counts[r.id], r.id == rule.ideal, -last.get(r.id, -1), bank.results.index(r)),
    )
    ideal = next((r for r in results if r.id == rule.ideal), None)
    others = [r for r in results if r is not ideal]
    dominates = ideal is not None and (
        counts[ideal.id] >= rule.ideal_share * total - _EPSILON
        and all(counts[r.id] <= rule.rival_share * total + _EPSILON for r in others)
    )
    result = ideal if dominates or not others else others[0]
    rest = [r for r in results if r is not result]
    second = rest[0] if rest else None
    if second and counts[result.id] - counts[second.id] > rule.close_margin * total + _EPSILON:
        second = None
    return result, second


def axis_chart(bank: Bank, chosen: Sequence[str]) -> dict[str, float]:
    """Each axis from 0 to 1: the mean profile of the subtypes behind the answers."""
    profiles = {r.id: r.profile for r in bank.results}
    return {
        axis.id: rounded(sum(profiles[s][axis.id] for s in chosen) / len(chosen)) if chosen else 0.0
        for axis in bank.axes
    }


def outcome(bank: Bank, answers: Mapping[str, int]) -> Outcome:
    chosen = chosen_subtypes(bank, answers)
    result, second = classify(bank, chosen)
    counts = {r.id: chosen.count(r.id) for r in bank.results}
    return Outcome(result, second, counts, axis_chart(bank, chosen))


def rounded(value: float) -> float:
    """Two decimals, halves rounded up: the browser's Math.round(x * 100) / 100."""
    return math.floor(value * 100 + 0.5) / 100


def human(value: float) -> str:
    """A score as people write it: 47, 1,5, 0,67; never float noise."""
    text = f"{rounded(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def plural(count: int, one: str, few: str, many: str) -> str:
    """Russian plural form for a count: 1 пункт, 3 пункта, 5 пунктов."""
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many
