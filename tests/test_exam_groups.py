"""Same-fact groups: the bank declares them, validation names every misuse, the draw takes at most one of each."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from macros.banks import load_bank
from macros.exam.draw import draw
from macros.links import DocsTree
from macros.sitedata import SiteData

BANK = """\
id: exam
title: T
topics:
  - id: alpha
    name: Альфа
  - id: beta
    name: Бета
groups:
  - id: same
    name: Один и тот же факт
exam:
  draw:
    alpha: 2
    beta: 1
  pass_mark: 80
questions:
{questions}"""


def question(qid: str, topic: str, group: str | None = None) -> str:
    grouped = f"    group: {group}\n" if group else ""
    return (
        f"  - id: {qid}\n    type: single\n    topic: {topic}\n{grouped}    text: Вопрос?\n"
        "    options:\n      - text: Да\n        correct: true\n      - text: Нет\n"
    )


GOOD = [
    question("a1", "alpha", "same"),
    question("a2", "alpha", "same"),
    question("a3", "alpha"),
    question("a4", "alpha"),
    question("b1", "beta"),
]


def load(tmp_path: Path, text: str):
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    path = docs / "exam.yml"
    path.write_text(text, encoding="utf-8")
    return load_bank(path, "docs/quiz/exam.yml", DocsTree(docs))


def problems(tmp_path: Path, questions: list[str], bank: str = BANK) -> list[str]:
    found = load(tmp_path, bank.format(questions="".join(questions)))[1]
    return [str(p) for p in found]


def test_a_bank_with_groups_loads_and_keeps_them(tmp_path: Path) -> None:
    bank, found = load(tmp_path, BANK.format(questions="".join(GOOD)))
    assert found == []
    assert [g.id for g in bank.groups] == ["same"]
    assert [q.group for q in bank.questions] == ["same", "same", None, None, None]


def test_an_unknown_group_is_named_with_its_line(tmp_path: Path) -> None:
    bad = [question("a1", "alpha", "same"), question("a2", "alpha", "sme"), *GOOD[2:]]
    assert problems(tmp_path, bad) == [
        "docs/quiz/exam.yml:29: question 'a2', field 'group': unknown group 'sme'; declared groups: same"
    ]


def test_a_group_without_declared_groups_is_named(tmp_path: Path) -> None:
    bank = BANK.replace("groups:\n  - id: same\n    name: Один и тот же факт\n", "")
    assert problems(tmp_path, GOOD, bank)[0] == (
        "docs/quiz/exam.yml:17: question 'a1', field 'group': unknown group 'same'; the bank declares no 'groups'"
    )


def test_a_group_of_one_is_named(tmp_path: Path) -> None:
    lone = [question("a1", "alpha", "same"), *GOOD[1:]]
    lone[1] = question("a2", "alpha")
    assert problems(tmp_path, lone) == [
        "docs/quiz/exam.yml:9: group 'same', field 'id': holds only 1 question; a group needs two or more, or remove it"
    ]


def test_a_group_too_large_for_the_draw_is_named(tmp_path: Path) -> None:
    crowded = [
        question("a1", "alpha", "same"),
        question("a2", "alpha", "same"),
        question("a3", "alpha", "same"),
        question("b1", "beta"),
    ]
    assert problems(tmp_path, crowded) == [
        "docs/quiz/exam.yml:13: exam settings, field 'draw': draws 2 questions from topic 'alpha', but its groups "
        "leave only 1 that can be drawn together (one per group; a group spanning topics counts for none)"
    ]


def test_a_group_spanning_topics_counts_for_none(tmp_path: Path) -> None:
    spanning = [
        question("a1", "alpha", "same"),
        question("a3", "alpha"),
        question("b1", "beta", "same"),
        question("b2", "beta"),
    ]
    assert problems(tmp_path, spanning)[0].startswith(
        "docs/quiz/exam.yml:13: exam settings, field 'draw': draws 2 questions from topic 'alpha', but its groups leave only 1"
    )


def test_the_draw_never_takes_two_of_a_group(tmp_path: Path) -> None:
    bank = load(tmp_path, BANK.format(questions="".join(GOOD)))[0]
    seen = set()
    for n in range(2000):
        ids = [q.id for q in draw(bank, f"G{n}")]
        assert not {"a1", "a2"} <= set(ids)
        assert len(ids) == 3
        seen.add(frozenset(ids) & {"a1", "a2"})
    assert seen == {frozenset({"a1"}), frozenset({"a2"}), frozenset()}, "either member, or neither, can be drawn"


@pytest.fixture(scope="module")
def exam():
    return SiteData.load(ROOT / "docs", ROOT).bank("exam")


def test_the_real_exam_never_asks_one_fact_twice(exam) -> None:
    assert exam.groups, "the exam bank declares its same-fact groups"
    for n in range(5000):
        drawn = draw(exam, f"V{n}")
        groups = [q.group for q in drawn if q.group]
        assert len(groups) == len(set(groups)), f"V{n}"
        assert len(drawn) == exam.exam.size
