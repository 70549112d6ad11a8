"""Scoring: partial credit, numbers as people write them, and the subtype a self-assessment names."""

from __future__ import annotations

import pytest

from macros.banks import Axis, Bank, Option, Question, Result, Rule
from macros.fairness import simulate
from macros.scoring import axis_chart, bank_score, chosen_subtypes, classify, human, outcome, question_score


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


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ([0, 1, 2], 2.0),  # the three right ones
        ([0], 0.666666667),  # a third of the points per right option
        ([0, 1, 3], 0.333333333),  # two right (4/3) minus one wrong (1: the two wrong share 2 points)
        ([0, 1, 2, 3, 4], 0.0),  # ticking every box earns nothing, whatever the mix
        ([3, 4], 0.0),  # never below zero
    ],
)
def test_multiple_wrong_options_share_the_penalty(chosen: list[int], expected: float) -> None:
    three_of_five = Question(
        "m5",
        "multiple",
        "?",
        [Option("a", True), Option("b", True), Option("c", True), Option("d"), Option("e")],
        points=2,
    )
    assert question_score(three_of_five, chosen) == expected


def test_bank_score_sums_points() -> None:
    assert bank_score(knowledge_bank(), {"s": [0], "m": [0]}) == (2.0, 3.0)
    assert bank_score(knowledge_bank(), {}) == (0.0, 3.0)


FIVE = ["blue-bird", "obsluga", "formalists", "znayki", "good-guys"]
PROFILES = {
    "blue-bird": {"can": 1, "want": 1, "partner": 1},
    "obsluga": {"can": 0.5, "want": 1, "partner": 0},
    "formalists": {"can": 0, "want": 0, "partner": 0.25},
    "znayki": {"can": 1, "want": 0, "partner": 0.5},
    "good-guys": {"can": 0, "want": 1, "partner": 0.5},
}


def bird_bank(situations: int = 20, **rule: float) -> Bank:
    """The shape of the self-assessment: five subtypes, one option each per situation."""
    options = [Option(f"answer of {r}", subtype=r) for r in FIVE]
    questions = [Question(f"q{i}", "scale", "?", options) for i in range(situations)]
    results = [Result(r, r.title(), PROFILES[r], ".") for r in FIVE]
    axes = [Axis("can", "Могу"), Axis("want", "Хочу"), Axis("partner", "Партнёрство")]
    return Bank("bird", "B", questions, axes=axes, results=results, rule=Rule("blue-bird", **rule))


def answers_like(bank: Bank, *mix: tuple[str, int]) -> dict[str, int]:
    """Answer sets such as ('znayki', 9), ('good-guys', 9): that many situations each."""
    picks = [FIVE.index(subtype) for subtype, count in mix for _ in range(count)]
    return {q.id: pick for q, pick in zip(bank.questions, picks, strict=False)}


def named(bank: Bank, *mix: tuple[str, int]) -> tuple[str, str | None]:
    result, second = classify(bank, chosen_subtypes(bank, answers_like(bank, *mix)))
    return result.id, second.id if second else None


@pytest.mark.parametrize("subtype", FIVE)
def test_answering_all_like_one_subtype_gives_that_subtype(subtype: str) -> None:
    assert named(bird_bank(), (subtype, 20)) == (subtype, None)


def test_half_ideal_half_formalists_is_not_the_ideal() -> None:
    assert named(bird_bank(18), ("blue-bird", 9), ("formalists", 9)) == ("formalists", "blue-bird")


def test_a_mix_of_two_subtypes_never_averages_into_the_ideal_or_a_third() -> None:
    bank = bird_bank(18)
    assert named(bank, ("blue-bird", 4), ("znayki", 7), ("good-guys", 7))[0] in ("znayki", "good-guys")
    assert named(bank, ("znayki", 9), ("good-guys", 9))[0] in ("znayki", "good-guys")


def test_the_ideal_needs_a_clear_majority_and_no_strong_rival() -> None:
    bank = bird_bank(20)
    assert named(bank, ("blue-bird", 12), ("znayki", 4), ("obsluga", 4)) == ("blue-bird", None)
    # 60 % for the ideal, but one rival above 25 %: the rival is the result.
    assert named(bank, ("blue-bird", 12), ("znayki", 6), ("obsluga", 2)) == ("znayki", "blue-bird")
    # No rival, but the ideal below 60 %.
    assert named(bank, ("blue-bird", 11), ("znayki", 3), ("obsluga", 3), ("formalists", 3))[0] == "formalists"


def test_ties_go_to_the_later_answer_and_the_ideal_loses_them() -> None:
    bank = bird_bank(20)
    assert named(bank, ("znayki", 10), ("obsluga", 10)) == ("obsluga", "znayki")
    assert named(bank, ("obsluga", 10), ("znayki", 10)) == ("znayki", "obsluga")
    # The ideal tied with a subtype is second, never first, whatever the order.
    assert named(bank, ("blue-bird", 10), ("good-guys", 10)) == ("good-guys", "blue-bird")
    assert named(bank, ("good-guys", 10), ("blue-bird", 10)) == ("good-guys", "blue-bird")


def test_second_is_named_only_within_the_margin() -> None:
    bank = bird_bank(20, close_margin=0.15)  # three answers of twenty
    assert named(bank, ("znayki", 10), ("good-guys", 7), ("formalists", 3)) == ("znayki", "good-guys")
    assert named(bank, ("znayki", 11), ("good-guys", 7), ("formalists", 2)) == ("znayki", None)


def test_chart_is_the_mean_profile_of_the_answers() -> None:
    bank = bird_bank(4)
    result = outcome(bank, answers_like(bank, ("blue-bird", 2), ("formalists", 2)))
    assert result.counts == {"blue-bird": 2, "obsluga": 0, "formalists": 2, "znayki": 0, "good-guys": 0}
    assert result.axes == {"can": 0.5, "want": 0.5, "partner": 0.63}
    assert result.counts["blue-bird"] == 2 and result.result.id == "formalists"


def test_unanswered_bank_scores_zero_on_every_axis() -> None:
    assert axis_chart(bird_bank(), []) == {"can": 0.0, "want": 0.0, "partner": 0.0}


def test_random_answers_name_each_subtype_about_equally_and_the_ideal_almost_never() -> None:
    shares = {s.result_id: s.results for s in simulate(bird_bank(17), 4000, seed=7)}
    assert shares["blue-bird"] <= 4
    for subtype in FIVE[1:]:
        assert 800 <= shares[subtype] <= 1200, shares


@pytest.mark.parametrize(
    ("value", "text"),
    [(2 / 3, "0,67"), (7 + 2 / 3, "7,67"), (0.1 + 0.2, "0,3"), (1.005, "1"), (46.995, "47"), (1.5, "1,5"), (53, "53")],
)
def test_scores_read_as_people_write_them(value: float, text: str) -> None:
    assert human(value) == text
