"""The audit of test-wiseness: its arithmetic on small cases, and the thresholds the real banks must meet."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from macros.banks import Option, Question
from macros.exam.audit import audit, expected_points, report, strictly
from macros.sitedata import SiteData

KNOWLEDGE = ("roles", "clients", "checklists")


@pytest.fixture(scope="module")
def site() -> SiteData:
    return SiteData.load(ROOT / "docs", ROOT)


@pytest.fixture(scope="module")
def exam_audit(site: SiteData):
    return audit(site.bank("exam"), variants=2000)


def single(*texts: str, key: int = 0) -> Question:
    return Question("q", "single", "?", [Option(t, i == key) for i, t in enumerate(texts)])


def test_expected_points_of_each_strategy_by_hand() -> None:
    q = single("длинный верный", "коротк", "тоже длинный!!", "ещё")
    assert strictly(q, max) is False, "a tie at the top is not a cue"
    assert expected_points(q, "longest") == 0.5  # two options share the top length, one is the key
    assert expected_points(q, "second longest") == 0.0  # «коротк», 6 letters
    assert expected_points(q, "shortest") == 0.0
    assert expected_points(q, "random") == 0.25
    assert expected_points(q, "nothing") == 0.0
    two_of_four = Question(
        "m", "multiple", "?", [Option("a", True), Option("b", True), Option("c"), Option("d")], points=2
    )
    assert expected_points(two_of_four, "every box") == 0.0
    # 16 subsets, a right tick +1 and a wrong one -1, floored at 0: one right alone (2 subsets, 1 point),
    # both right (1 subset, 2 points), both right and one wrong (2 subsets, 1 point): 6 points in 16.
    assert expected_points(two_of_four, "random") == pytest.approx(6 / 16)


def test_the_audit_command_prints_every_part(tmp_path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "macros", "audit", "exam", "--variants", "50"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for part in (
        "Key shown in place",
        "always the longest option",
        "tick every box",
        "tick nothing",
        "random guessing",
        "| 60 % |",
        "Drawable together",
        "same-fact group: 0.",
    ):
        assert part in out


def test_the_audit_names_a_bad_bank_plainly() -> None:
    done = subprocess.run([sys.executable, "-m", "macros", "audit", "bird"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == "error: bank 'bird' is a self-assessment; see 'fairness'"
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------- the real exam


def test_exam_key_is_longest_no_more_often_than_chance(exam_audit) -> None:
    share = len(exam_audit.key_longest) / exam_audit.single
    assert share <= 0.30, f"key strictly longest in {len(exam_audit.key_longest)}: {exam_audit.key_longest}"
    assert len(exam_audit.key_shortest) / exam_audit.single <= 0.30, exam_audit.key_shortest


def test_exam_no_length_strategy_scores_above_35(exam_audit) -> None:
    for strategy in ("longest", "second longest", "second shortest", "shortest"):
        assert exam_audit.expected[strategy][0] <= 35, strategy


def test_ticking_every_box_earns_nothing_on_any_question(site: SiteData) -> None:
    for bank_id in ("exam", *KNOWLEDGE):
        result = audit(site.bank(bank_id), variants=1)
        assert result.every_box and all(v <= 0 for v in result.every_box.values()), bank_id


def test_knowing_60_percent_passes_at_most_one_time_in_ten(exam_audit) -> None:
    assert max(exam_audit.passing[0.6].values()) <= 10, exam_audit.passing[0.6]


def test_no_variant_asks_one_fact_twice(exam_audit) -> None:
    assert exam_audit.collisions == 0


def test_every_topic_can_be_drawn_with_room_to_spare(exam_audit) -> None:
    for name, _pool, together, drawn in exam_audit.coverage:
        assert together > drawn, f"{name}: every variant would hold the same questions"


# ---------------------------------------------------------------- the knowledge checks


@pytest.mark.parametrize("bank_id", KNOWLEDGE)
def test_knowledge_check_keys_give_nothing_away_by_length(site: SiteData, bank_id: str) -> None:
    result = audit(site.bank(bank_id), variants=1)
    assert len(result.key_longest) <= 0.3 * result.single, result.key_longest
    assert len(result.key_shortest) <= 0.3 * result.single, result.key_shortest


@pytest.mark.parametrize("bank_id", KNOWLEDGE)
def test_knowledge_check_keys_are_spread_over_the_places_in_the_file(site: SiteData, bank_id: str) -> None:
    """GIFT keeps the file's order, so an LMS without shuffling must not find the key first."""
    places = [
        next(i for i, o in enumerate(q.options) if o.correct)
        for q in site.bank(bank_id).questions
        if q.type == "single"
    ]
    assert max(places.count(p) for p in set(places)) <= 0.4 * len(places), places


def test_the_report_reads_as_tables(exam_audit) -> None:
    text = report(exam_audit)
    assert "| Knows |" in text and "0 %" in text and "." not in text.split("| 50 % |")[1].split("\n")[0]
