"""Question bank schema: every malformed bank gets one exact, actionable message."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from macros.banks import load_bank
from macros.links import DocsTree

GOOD_QUESTION = """
  - id: q1
    type: single
    text: Вопрос?
    options:
      - text: Да
        correct: true
      - text: Нет
"""


@pytest.fixture
def docs(tmp_path: Path) -> DocsTree:
    (tmp_path / "docs" / "roles").mkdir(parents=True)
    (tmp_path / "docs" / "roles" / "kam.md").write_text("# KAM\n\n## Что запомнить\n", encoding="utf-8")
    return DocsTree(tmp_path / "docs")


def problems(docs: DocsTree, text: str, name: str = "roles") -> list[str]:
    path = docs.docs_dir / f"{name}.yml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    bank, found = load_bank(path, f"docs/quiz/{name}.yml", docs)
    assert (bank is None) == bool(found)
    return [str(p) for p in found]


MALFORMED = {
    "yaml syntax": (
        "id: roles\ntitle: [unclosed\nquestions: []\n",
        "docs/quiz/roles.yml:3: YAML syntax error: while parsing a flow sequence expected ',' or ']', but got ':'",
    ),
    "not a mapping": (
        "- just\n- a list\n",
        "docs/quiz/roles.yml:1: expected a bank (a mapping of fields), found a list",
    ),
    "id differs from file": (
        "id: role\ntitle: T\nquestions:" + GOOD_QUESTION,
        "docs/quiz/roles.yml:1: bank, field 'id': 'role' must match the file name 'roles'",
    ),
    "missing title": (
        "id: roles\nquestions:" + GOOD_QUESTION,
        "docs/quiz/roles.yml:1: bank, field 'title': is missing; expected non-empty text",
    ),
    "no questions": (
        "id: roles\ntitle: T\nquestions: []\n",
        "docs/quiz/roles.yml:3: bank, field 'questions': is empty; expected at least one of questions",
    ),
    "unknown bank field": (
        "id: roles\ntitle: T\nauthor: me\nquestions:" + GOOD_QUESTION,
        "docs/quiz/roles.yml:3: bank, field 'author': unknown field; expected one of: "
        "axes, close_margin, description, exam, groups, id, ideal, ideal_share, questions, results, rival_share, title, topics",
    ),
    "duplicate question id": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION + GOOD_QUESTION,
        "docs/quiz/roles.yml:12: question 'q1', field 'id': duplicate id; first used on line 4",
    ),
    "bad question id": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION.replace("id: q1", "id: Q 1"),
        "docs/quiz/roles.yml:4: question #1, field 'id': 'Q 1' is not a valid id; "
        "expected lower-case Latin letters, digits and single hyphens, e.g. 'am-vs-pm-3'",
    ),
    "unknown type": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION.replace("single", "singel"),
        "docs/quiz/roles.yml:5: question 'q1', field 'type': unknown type 'singel'; "
        "expected one of: single, multiple, scale",
    ),
    "no options": (
        "id: roles\ntitle: T\nquestions:\n  - id: q1\n    type: single\n    text: Вопрос?\n",
        "docs/quiz/roles.yml:4: question 'q1', field 'options': is missing; expected a list of options",
    ),
    "single with two correct": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION.replace("- text: Нет", "- text: Нет\n        correct: true"),
        "docs/quiz/roles.yml:7: question 'q1', field 'options': 'single' needs exactly one correct option, found 2",
    ),
    "single with no correct": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION.replace("        correct: true\n", ""),
        "docs/quiz/roles.yml:7: question 'q1', field 'options': 'single' needs exactly one correct option, found 0",
    ),
    "multiple with no correct": (
        "id: roles\ntitle: T\nquestions:"
        + GOOD_QUESTION.replace("single", "multiple").replace("        correct: true\n", ""),
        "docs/quiz/roles.yml:7: question 'q1', field 'options': 'multiple' needs at least one correct option, found 0",
    ),
    "correct not boolean": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION.replace("correct: true", "correct: yes please"),
        "docs/quiz/roles.yml:9: question 'q1', option 1, field 'correct': expected true or false, found 'yes please'",
    ),
    "empty question text": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION.replace("text: Вопрос?", 'text: ""'),
        "docs/quiz/roles.yml:6: question 'q1', field 'text': is empty; expected non-empty text",
    ),
    "unknown link target": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION + "    link: roles/kpi.md\n",
        "docs/quiz/roles.yml:11: question 'q1', field 'link': 'roles/kpi.md' names no page; "
        "expected an existing file under docs/, e.g. 'roles/kam.md'",
    ),
    "unknown link anchor": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION + "    link: roles/kam.md#итоги\n",
        "docs/quiz/roles.yml:11: question 'q1', field 'link': 'roles/kam.md#итоги': "
        "page 'roles/kam.md' has no heading or item with the anchor '#итоги'",
    ),
    "absolute link": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION + "    link: https://example.com/\n",
        "docs/quiz/roles.yml:11: question 'q1', field 'link': 'https://example.com/' must be a page path "
        "relative to docs/, e.g. 'roles/kam.md#kpi'",
    ),
    "negative points": (
        "id: roles\ntitle: T\nquestions:" + GOOD_QUESTION + "    points: -1\n",
        "docs/quiz/roles.yml:11: question 'q1', field 'points': expected a number ≥ 0, found -1",
    ),
    "duplicate key": (
        "id: roles\ntitle: T\ntitle: U\nquestions:" + GOOD_QUESTION,
        "docs/quiz/roles.yml:3: YAML syntax error: duplicate key 'title'",
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_bank_gets_exact_message(docs: DocsTree, case: str) -> None:
    text, expected = MALFORMED[case]
    assert problems(docs, text) == [expected]


SCALE_BANK = """
id: bird
title: Какая вы птица?
axes:
  - id: can
    name: Могу
  - id: want
    name: Хочу
ideal: ideal
results:
  - id: ideal
    name: Идеал
    profile: {can: 1, want: 1}
    summary: Хорошо.
  - id: formal
    name: Формалист
    profile: {can: 0, want: 0}
    summary: Плохо.
questions:
  - id: s1
    type: scale
    text: Что сделаете?
    options:
      - text: Помогу
        subtype: ideal
      - text: Перешлю
        subtype: formal
"""


def test_valid_scale_bank_loads(docs: DocsTree) -> None:
    assert problems(docs, SCALE_BANK, "bird") == []


SCALE_MALFORMED = {
    "option without a subtype": (
        SCALE_BANK.replace("        subtype: formal\n", ""),
        "docs/quiz/bird.yml:25: question 's1', option 2, field 'subtype': "
        "is missing; expected the result this answer stands for: ideal, formal",
    ),
    "unknown subtype": (
        SCALE_BANK.replace("subtype: formal", "subtype: formalist"),
        "docs/quiz/bird.yml:26: question 's1', option 2, field 'subtype': "
        "unknown subtype 'formalist'; expected one of: ideal, formal",
    ),
    "no answer of the ideal": (
        SCALE_BANK.replace("subtype: ideal\n", "subtype: formal\n"),
        "docs/quiz/bird.yml:22: question 's1', field 'options': needs an option with subtype 'ideal'",
    ),
    "ideal not a result": (
        SCALE_BANK.replace("ideal: ideal", "ideal: blue-bird"),
        "docs/quiz/bird.yml:8: bank, field 'ideal': expected one of the results: ideal, formal; found 'blue-bird'",
    ),
    "share above one": (
        SCALE_BANK.replace("ideal: ideal", "ideal: ideal\nideal_share: 60"),
        "docs/quiz/bird.yml:9: bank, field 'ideal_share': expected a share from 0 to 1, found 60",
    ),
    "weights are gone": (
        SCALE_BANK.replace("        subtype: formal\n", "        subtype: formal\n        weights: {can: 0}\n"),
        "docs/quiz/bird.yml:27: question 's1', option 2, field 'weights': "
        "unknown field; expected one of: correct, feedback, subtype, text",
    ),
    "subtype on a knowledge option": (
        GOOD_QUESTION.join(["id: roles\ntitle: T\nquestions:", ""]).replace(
            "correct: true", "correct: true\n        subtype: ideal"
        ),
        None,
    ),
    "profile misses an axis": (
        SCALE_BANK.replace("profile: {can: 1, want: 1}", "profile: {can: 1}"),
        "docs/quiz/bird.yml:12: result 'ideal', field 'profile': needs a value for every axis; missing: want",
    ),
    "profile out of range": (
        SCALE_BANK.replace("profile: {can: 1, want: 1}", "profile: {can: 2, want: 1}"),
        "docs/quiz/bird.yml:12: result 'ideal', field 'profile': axis 'can' must be between 0 and 1, found 2",
    ),
    "correct on a scale option": (
        SCALE_BANK.replace("      - text: Перешлю\n", "      - text: Перешлю\n        correct: true\n"),
        "docs/quiz/bird.yml:26: question 's1', option 2, field 'correct': 'scale' options carry 'subtype', not 'correct'",
    ),
    "step read as a mapping": (
        SCALE_BANK.replace("    summary: Хорошо.\n", "    summary: Хорошо.\n    steps:\n      - Шаг: первый\n"),
        "docs/quiz/bird.yml:15: result 'ideal', field 'steps': entry 1 must be non-empty text, "
        "found a mapping (a text containing ': ' must be put in quotes)",
    ),
    "scale without axes": (
        "id: bird\ntitle: T\nquestions:\n  - id: s1\n    type: scale\n    text: X\n    options:\n"
        "      - text: A\n        subtype: a\n",
        "docs/quiz/bird.yml:5: question 's1', field 'type': 'scale' questions need 'axes' declared in the bank",
    ),
    "single in a scale bank": (
        SCALE_BANK + GOOD_QUESTION.replace("q1", "q2"),
        "docs/quiz/bird.yml:29: question 'q2', field 'type': a bank with axes holds only 'scale' questions, found 'single'",
    ),
}


@pytest.mark.parametrize("case", SCALE_MALFORMED, ids=list(SCALE_MALFORMED))
def test_malformed_scale_bank_gets_exact_message(docs: DocsTree, case: str) -> None:
    text, expected = SCALE_MALFORMED[case]
    if expected is None:
        found = problems(docs, text)
        assert len(found) == 1 and "only 'scale' options carry a subtype, this question is 'single'" in found[0]
        return
    assert problems(docs, text, "bird") == [expected]


def test_all_problems_are_collected_not_only_the_first(docs: DocsTree) -> None:
    text = "id: roles\nquestions:" + GOOD_QUESTION.replace("single", "singel") + GOOD_QUESTION
    found = problems(docs, text)
    assert len(found) == 3
    assert found[0].endswith("field 'title': is missing; expected non-empty text")
    assert "unknown type 'singel'" in found[1]
    assert "duplicate id" in found[2]


def test_version_changes_when_answers_would_no_longer_fit(docs: DocsTree) -> None:
    path = docs.docs_dir / "roles.yml"
    path.write_text("id: roles\ntitle: T\nquestions:" + GOOD_QUESTION, encoding="utf-8")
    before = load_bank(path, "x", docs)[0].version
    path.write_text("id: roles\ntitle: Новое название\nquestions:" + GOOD_QUESTION, encoding="utf-8")
    assert load_bank(path, "x", docs)[0].version == before, "a new title keeps saved answers"
    path.write_text("id: roles\ntitle: T\nquestions:" + GOOD_QUESTION.replace("Нет", "Скорее нет"), encoding="utf-8")
    assert load_bank(path, "x", docs)[0].version != before, "changed options drop saved answers"


def test_a_file_that_is_not_utf8_names_the_line_question_and_field(docs: DocsTree) -> None:
    """Saved from an old Windows editor (cp1251): the message points where a person looks."""
    path = docs.docs_dir / "roles.yml"
    text = "id: roles\ntitle: Роли\nquestions:" + GOOD_QUESTION + GOOD_QUESTION.replace("q1", "q2").replace("Вопрос?", "Второй вопрос?")
    lines = text.split("\n")
    bad = next(i for i, line in enumerate(lines) if "Второй вопрос?" in line)
    path.write_bytes("\n".join(lines[:bad]).encode() + b"\n" + lines[bad].encode("cp1251") + b"\n" + "\n".join(lines[bad + 1 :]).encode())
    bank, found = load_bank(path, "docs/quiz/roles.yml", docs)
    assert bank is None
    assert [str(p) for p in found] == [
        f"docs/quiz/roles.yml:{bad + 1}: question 'q2', field 'text': the text is not UTF-8 (byte 0xc2 at column 11); "
        "save the file as UTF-8 (in most editors: Save with encoding, UTF-8)"
    ]
