"""Scoring: partial credit, axis normalisation, and the mapping of scores to a subtype."""

from __future__ import annotations

import pytest

from macros.banks import Axis, Bank, Option, Question, Result
from macros.scoring import axis_ranges, axis_scores, bank_score, classify, question_score


def knowledge_bank() -> Bank:
    single = Question("s", "single", "?", [Option("a", True), Option("b"), Option("c")])
    multiple = Question(
        "m", "multiple", "?", [Option("a", True), Option("b", True), Option("c"), Option("d")], points=2
    )
    return Bank("k", "K", [single, multiple])


def test_single_is_all_or_nothing() -> None:
    question = knowledge_bank().questions[0]
    assert question_score(question, [0]) == 1
    assert question_score(question, [1]) == 0
    assert question_score(question, []) == 0


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ([0, 1], 2.0),  # all right
        ([0], 1.0),  # half the right ones
        ([0, 2], 0.0),  # one right, one wrong cancel out
        ([0, 1, 2], 1.0),  # both right, one wrong
        ([2, 3], 0.0),  # only wrong ones: never below zero
        ([0, 1, 2, 3], 0.0),  # ticking everything earns nothing
    ],
)
def test_multiple_gives_partial_credit_never_below_zero(chosen: list[int], expected: float) -> None:
    assert question_score(knowledge_bank().questions[1], chosen) == expected


def test_bank_score_sums_points() -> None:
    assert bank_score(knowledge_bank(), {"s": [0], "m": [0]}) == (2.0, 3.0)
    assert bank_score(knowledge_bank(), {}) == (0.0, 3.0)


def bird_bank(margin: float = 0.15) -> Bank:
    """Two axes, three results: the shape of the self-assessment in miniature."""
    options = [
        Option("ideal", weights={"can": 2, "want": 2}),
        Option("expert", weights={"can": 2}),
        Option("friend", weights={"want": 2}),
    ]
    questions = [Question(f"q{i}", "scale", "?", options) for i in range(4)]
    results = [
        Result("ideal", "Идеал", {"can": 1, "want": 1}, "."),
        Result("expert", "Эксперт", {"can": 1, "want": 0}, "."),
        Result("friend", "Друг", {"can": 0, "want": 1}, "."),
    ]
    return Bank(
        "bird", "B", questions, axes=[Axis("can", "Могу"), Axis("want", "Хочу")], results=results, close_margin=margin
    )


def test_axis_ranges_span_lowest_to_highest_answers() -> None:
    assert axis_ranges(bird_bank()) == {"can": (0, 8), "want": (0, 8)}


def test_axis_scores_are_shares_of_the_range() -> None:
    answers = {"q0": 0, "q1": 0, "q2": 1, "q3": 2}
    assert axis_scores(bird_bank(), answers) == {"can": 0.75, "want": 0.75}


@pytest.mark.parametrize(("pick", "expected"), [(0, "ideal"), (1, "expert"), (2, "friend")])
def test_answering_all_like_one_subtype_gives_that_subtype(pick: int, expected: str) -> None:
    bank = bird_bank()
    best, near = classify(bank, axis_scores(bank, dict.fromkeys(["q0", "q1", "q2", "q3"], pick)))
    assert best.id == expected
    assert near is None


def test_exact_tie_goes_to_the_result_listed_first() -> None:
    bank = bird_bank()
    # Half expert answers, half friend answers: (0.5, 0.5) is exactly as far from both.
    bank.results = bank.results[1:]
    best, near = classify(bank, axis_scores(bank, {"q0": 1, "q1": 1, "q2": 2, "q3": 2}))
    assert (best.id, near.id) == ("expert", "friend")
    bank.results.reverse()
    best, near = classify(bank, axis_scores(bank, {"q0": 1, "q1": 1, "q2": 2, "q3": 2}))
    assert (best.id, near.id) == ("friend", "expert")


def test_all_equal_axis_scores_are_classified_deterministically() -> None:
    bank = bird_bank()
    scores = {"can": 0.5, "want": 0.5}
    best, near = classify(bank, scores)
    # ideal is at distance 0.707, expert and friend too: three-way tie, first listed wins.
    assert best.id == "ideal"
    assert near.id == "expert"


def test_second_result_is_named_only_when_close() -> None:
    scores = {"can": 0.9, "want": 0.55}  # ideal at 0.461, expert at 0.559
    best, near = classify(bird_bank(margin=0.15), scores)
    assert best.id == "ideal" and near.id == "expert"
    best, near = classify(bird_bank(margin=0.05), scores)
    assert best.id == "ideal" and near is None


def test_unanswered_bank_scores_zero_on_every_axis() -> None:
    assert axis_scores(bird_bank(), {}) == {"can": 0.0, "want": 0.0}
