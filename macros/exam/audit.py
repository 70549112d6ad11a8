"""How much of a bank a test-wise guesser can score without knowing the answers.

Everything is computed from the bank alone, over seeded variants drawn with the exam's own
draw and option order, so a run is repeatable. A knowledge bank (no exam settings) counts as
one variant holding all its questions, in the order its quiz page shows them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from statistics import mean

from ..banks import Bank, Question
from ..scoring import human, question_score
from .draw import draw, option_order, quiz_orders

# The guessing strategies, in the order the report lists them. The length strategies pick the
# options at a length rank (distinct lengths from the longest down): a key that is never the
# longest but often the next one is a cue as well.
LENGTH_RANKS = {"longest": 0, "second longest": 1, "second shortest": -2, "shortest": -1}
STRATEGIES = (*LENGTH_RANKS, "every box", "nothing", "random")
KNOWS = (0.5, 0.6, 0.7)


@dataclass
class Audit:
    bank: Bank
    variants: int
    single: int  # single-answer questions in the bank
    key_longest: list[str]  # ids whose key is strictly the longest option
    key_shortest: list[str]
    positions: list[int]  # how often the key is shown in place 1, 2, … (single-answer, over variants)
    expected: dict[str, tuple[float, float, float]]  # strategy -> mean, min, max per cent of points
    every_box: dict[str, float]  # multiple-answer question id -> share of its points for ticking all
    passing: dict[float, dict[str, float]]  # knows -> strategy -> share of variants passed
    coverage: list[tuple[str, int, int, int]]  # topic name, questions, drawable together, drawn
    collisions: int  # variants holding two questions of one group


def _lengths(question: Question) -> list[int]:
    return [len(o.text) for o in question.options]


def _extreme(question: Question, pick: Callable[[list[int]], int]) -> list[int]:
    lengths = _lengths(question)
    return [i for i, n in enumerate(lengths) if n == pick(lengths)]


def ranked(question: Question, strategy: str) -> list[int]:
    """The options a length strategy picks among: those at its rank of distinct lengths."""
    lengths = _lengths(question)
    distinct = sorted(set(lengths), reverse=True)
    rank = LENGTH_RANKS[strategy]
    target = distinct[max(-len(distinct), min(rank, len(distinct) - 1))]
    return [i for i, n in enumerate(lengths) if n == target]


def strictly(question: Question, pick: Callable[[list[int]], int]) -> bool:
    """Whether the key of a single-answer question is alone at the extreme length."""
    tied = _extreme(question, pick)
    return len(tied) == 1 and question.options[tied[0]].correct


def expected_points(question: Question, strategy: str) -> float:
    """The points a strategy earns on a question on average (ties and chance averaged exactly)."""
    n = len(question.options)
    if strategy in LENGTH_RANKS:
        return mean(question_score(question, [i]) for i in ranked(question, strategy))
    if strategy == "nothing":
        return 0.0
    if question.type == "single":  # a radio button cannot tick every box: a blind pick instead
        return mean(question_score(question, [i]) for i in range(n))
    if strategy == "every box":
        return question_score(question, range(n))
    subsets = [c for k in range(n + 1) for c in combinations(range(n), k)]
    return mean(question_score(question, c) for c in subsets)


def guess(question: Question, strategy: str, rng: random.Random) -> float:
    """The points of one guess by a strategy, ties and chance settled by rng."""
    n = len(question.options)
    if strategy in LENGTH_RANKS:
        return question_score(question, [rng.choice(ranked(question, strategy))])
    if strategy == "nothing":
        return 0.0
    if question.type == "single":
        return question_score(question, [rng.randrange(n)])
    if strategy == "every box":
        return question_score(question, range(n))
    return question_score(question, [i for i in range(n) if rng.random() < 0.5])


def _variants(bank: Bank, count: int) -> list[tuple[str, list[Question]]]:
    if bank.exam is None:
        return [("", [q for q in bank.questions if q.type in ("single", "multiple")])]
    return [(f"AUDIT-{n}", draw(bank, f"AUDIT-{n}")) for n in range(count)]


def _shown_order(bank: Bank, code: str, question: Question, quiz: dict[str, list[int]]) -> list[int]:
    return option_order(bank, code, question) if bank.exam else quiz[question.id]


def audit(bank: Bank, variants: int = 2000, seed: int = 1) -> Audit:
    """The full audit of a knowledge or exam bank."""
    scored = [q for q in bank.questions if q.type in ("single", "multiple")]
    singles = [q for q in scored if q.type == "single"]
    quiz = quiz_orders(bank) if bank.exam is None else {}
    drawn = _variants(bank, variants)
    places = [0] * max((len(q.options) for q in singles), default=0)
    expected: dict[str, list[float]] = {s: [] for s in STRATEGIES}
    passing = {k: dict.fromkeys(STRATEGIES, 0) for k in KNOWS}
    collisions = 0
    rng = random.Random(seed)
    worth = {(q.id, s): expected_points(q, s) for q in scored for s in STRATEGIES}
    for code, questions in drawn:
        groups = [q.group for q in questions if q.group]
        collisions += len(groups) != len(set(groups))
        possible = sum(q.points for q in questions) or 1
        for q in questions:
            if q.type == "single":
                shown = _shown_order(bank, code, q, quiz)
                places[next(p for p, i in enumerate(shown) if q.options[i].correct)] += 1
        for strategy in STRATEGIES:
            expected[strategy].append(100 * sum(worth[q.id, strategy] for q in questions) / possible)
        if bank.exam is None:
            continue
        for knows in KNOWS:
            known = [rng.random() < knows for _ in questions]
            for strategy in STRATEGIES:
                points = sum(q.points if k else guess(q, strategy, rng) for q, k in zip(questions, known, strict=True))
                passing[knows][strategy] += 100 * points / possible >= bank.exam.pass_mark
    total = len(drawn)
    return Audit(
        bank=bank,
        variants=total,
        single=len(singles),
        key_longest=[q.id for q in singles if strictly(q, max)],
        key_shortest=[q.id for q in singles if strictly(q, min)],
        positions=places,
        expected={s: (mean(v), min(v), max(v)) for s, v in expected.items()},
        every_box={q.id: expected_points(q, "every box") / q.points for q in scored if q.type == "multiple"},
        passing={k: {s: 100 * n / total for s, n in row.items()} for k, row in passing.items()} if bank.exam else {},
        coverage=_coverage(bank, drawn),
        collisions=collisions,
    )


def _coverage(bank: Bank, drawn: list[tuple[str, list[Question]]]) -> list[tuple[str, int, int, int]]:
    rows = []
    for topic in bank.topics:
        pool = [q for q in bank.questions if q.topic == topic.id]
        together = sum(1 for q in pool if not q.group) + len({q.group for q in pool if q.group})
        per_variant = round(mean(sum(1 for q in qs if q.topic == topic.id) for _, qs in drawn))
        rows.append((topic.name, len(pool), together, per_variant))
    return rows


def _pct(value: float) -> str:
    return f"{human(value)} %"


def report(result: Audit) -> str:
    """The audit as Markdown tables, for the terminal and for the README."""
    bank, n = result.bank, result.single or 1
    where = f"{result.variants} seeded variants" if bank.exam else "the bank as its quiz page shows it"
    lines = [
        f"{bank.title} ({bank.id}): {len(bank.questions)} questions, {where}",
        "",
        f"Single-answer questions: {result.single}. The key is strictly the longest option in "
        f"{len(result.key_longest)} ({_pct(100 * len(result.key_longest) / n)}) and strictly the shortest in "
        f"{len(result.key_shortest)} ({_pct(100 * len(result.key_shortest) / n)}).",
        "",
        "| Key shown in place | " + " | ".join(str(p + 1) for p in range(len(result.positions))) + " |",
        "|---|" + "---:|" * len(result.positions),
        "| Share of single-answer questions | "
        + " | ".join(_pct(100 * c / (sum(result.positions) or 1)) for c in result.positions)
        + " |",
        "",
        "| Strategy, knowing nothing | Expected score | Lowest variant | Highest variant |",
        "|---|---:|---:|---:|",
    ]
    names = {
        "longest": "always the longest option",
        "second longest": "always the second longest",
        "second shortest": "always the second shortest",
        "shortest": "always the shortest option",
        "every box": "tick every box (single-answer: a blind pick)",
        "nothing": "tick nothing",
        "random": "random guessing",
    }
    for strategy in STRATEGIES:
        avg, low, high = result.expected[strategy]
        lines.append(f"| {names[strategy]} | {_pct(avg)} | {_pct(low)} | {_pct(high)} |")
    if result.every_box:
        worst = max(result.every_box.items(), key=lambda kv: kv[1])
        which = f"; highest: {worst[0]}" if worst[1] > 0 else ""
        lines += [
            "",
            f"Ticking every box of a multiple-answer question earns at most {_pct(100 * worst[1])} "
            f"of its points ({len(result.every_box)} such questions{which}).",
        ]
    if result.passing:
        assert bank.exam is not None
        lines += [
            "",
            f"Chance to reach the pass mark ({human(bank.exam.pass_mark)} %) for a candidate who knows part of the "
            "questions and guesses the rest:",
            "",
            "| Knows | " + " | ".join(names[s] for s in STRATEGIES) + " | best strategy |",
            "|---|" + "---:|" * (len(STRATEGIES) + 1),
        ]
        for knows, row in result.passing.items():
            cells = " | ".join(_pct(row[s]) for s in STRATEGIES)
            lines.append(f"| {human(100 * knows)} % | {cells} | {_pct(max(row.values()))} |")
    if bank.topics:
        lines += ["", "| Topic | Questions | Drawable together | Drawn per variant |", "|---|---:|---:|---:|"]
        lines += [f"| {name} | {pool} | {together} | {per} |" for name, pool, together, per in result.coverage]
    lines += ["", f"Variants holding two questions of one same-fact group: {result.collisions}."]
    return "\n".join(lines)
