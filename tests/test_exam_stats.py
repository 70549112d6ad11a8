"""Item statistics against a small example computed independently with Python's statistics module."""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from macros.banks import load_bank
from macros.exam.grading import result_document
from macros.exam.results import merge
from macros.exam.stats import cohort, cohort_line, items, items_csv
from macros.links import DocsTree

# Five questions every variant holds: four single (1 point), one multiple (2 points, 2 of 4 right).
BANK = (
    """\
id: exam
title: Пример
topics:
  - {id: a, name: А}
  - {id: b, name: Б}
exam:
  draw: {a: 4, b: 1}
  pass_mark: 60
questions:
"""
    + "".join(
        f"  - id: q{n}\n    type: single\n    topic: a\n    text: Вопрос {n}?\n    options:\n"
        "      - text: верный\n        correct: true\n      - text: неверный один\n      - text: неверный два\n"
        for n in range(1, 5)
    )
    + """\
  - id: m
    type: multiple
    topic: b
    points: 2
    text: Несколько?
    options:
      - {text: да один, correct: true}
      - {text: да два, correct: true}
      - {text: нет один}
      - {text: нет два}
"""
)

# Answers of eight candidates, in bank option indices (0 is the key of every single question).
ANSWERS = [
    {"q1": [0], "q2": [0], "q3": [0], "q4": [0], "m": [0, 1]},
    {"q1": [0], "q2": [0], "q3": [1], "q4": [0], "m": [0, 1]},
    {"q1": [0], "q2": [0], "q3": [0], "q4": [2], "m": [0]},
    {"q1": [0], "q2": [1], "q3": [0], "q4": [0], "m": [0, 2]},
    {"q1": [0], "q2": [0], "q3": [2], "q4": [1], "m": [1]},
    {"q1": [1], "q2": [0], "q3": [1], "q4": [0], "m": [2, 3]},
    {"q1": [0], "q2": [2], "q3": [1], "q4": [2], "m": []},
    {"q1": [2], "q2": [1], "q3": [0], "q4": [1], "m": [0, 1, 2]},
]


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stats")
    (tmp / "exam.yml").write_text(BANK, encoding="utf-8")
    bank, problems = load_bank(tmp / "exam.yml", "exam.yml", DocsTree(tmp))
    assert not problems, problems
    files = []
    for n, answers in enumerate(ANSWERS):
        doc = result_document(bank, "X", answers, candidate=f"Кандидат {n}", attempt=f"A{n}",
                              submitted=f"2026-01-01T09:{30 + n}:00.000Z")  # fmt: skip
        files.append((f"{n}.json", json.dumps(doc, ensure_ascii=False).encode()))
    return merge(bank, files)


def independent(merged):
    """Every figure from the raw marks, with the standard library only."""
    marks = {q: [] for q in ("q1", "q2", "q3", "q4", "m")}
    totals = []
    for answers in ANSWERS:
        row = {f"q{n}": 1.0 if answers[f"q{n}"] == [0] else 0.0 for n in range(1, 5)}
        m = answers["m"]
        row["m"] = max(0.0, sum(1.0 if i in (0, 1) else -1.0 for i in m))  # 2 points: +1 per right, −1 per wrong
        for q, v in row.items():
            marks[q].append(v)
        totals.append(sum(row.values()))
    return marks, totals


def test_item_figures_match_an_independent_computation(merged) -> None:
    marks, totals = independent(merged)
    stats = {s.id: s for s in items(merged)}
    for qid, xs in marks.items():
        points = 2 if qid == "m" else 1
        rest = [t - x for t, x in zip(totals, xs, strict=True)]
        s = stats[qid]
        assert s.attempts == 8
        assert s.facility == pytest.approx(statistics.mean(xs) / points)
        assert s.sd == pytest.approx(statistics.stdev(xs) / points)
        assert s.discrimination == pytest.approx(statistics.correlation(xs, rest))
        assert s.efficiency == pytest.approx(
            statistics.covariance(xs, rest) / statistics.covariance(sorted(xs), sorted(rest))
        )


def test_by_hand_values(merged) -> None:
    stats = {s.id: s for s in items(merged)}
    assert stats["q1"].facility == 6 / 8
    assert stats["q3"].facility == 4 / 8
    # Top 27 % of 8 is 2 candidates (0 and 1: 100 % and 83,3 %), bottom 2 are 6 and 7.
    q3 = stats["q3"].options
    assert (q3[1].picked, q3[1].top, q3[1].bottom) == (3 / 8, 1 / 2, 1 / 2)
    q2 = stats["q2"].options
    assert (q2[0].top, q2[0].bottom) == (1.0, 0.0)


def test_group_figures_match_an_independent_computation(merged) -> None:
    _, totals = independent(merged)
    marks, _ = independent(merged)
    percents = [t * 100 / 6 for t in totals]
    g = cohort(merged)
    assert g.attempts == 8
    assert g.mean == pytest.approx(statistics.mean(percents), abs=0.01)
    assert g.median == pytest.approx(statistics.median(percents), abs=0.01)
    assert g.sd == pytest.approx(statistics.stdev(percents), abs=0.01)
    parts = sum(statistics.variance([x * 100 / 6 for x in xs]) for xs in marks.values())
    alpha = 5 / 4 * (1 - parts / statistics.variance(percents))
    assert g.alpha == pytest.approx(alpha, abs=0.001)
    assert g.sem == pytest.approx(statistics.stdev(percents) * math.sqrt(1 - alpha), abs=0.01)
    assert g.kr20 is False, "a 2-point question with partial credit makes it Cronbach's alpha"


def test_flags_name_what_to_review(merged) -> None:
    stats = {s.id: s for s in items(merged)}
    for s in stats.values():
        assert ("hard" in s.flags) == (s.facility < 0.2)
        assert ("easy" in s.flags) == (s.facility > 0.9)
        assert ("weak" in s.flags) == (s.discrimination is not None and s.discrimination < 0.2)
    # q1's wrong options are picked only by the bottom group (candidates 5 and 7): no flag.
    assert "distractor" not in stats["q1"].flags


def test_fewer_than_ten_attempts_are_called_unreliable(merged) -> None:
    line = cohort_line(cohort(merged))
    assert line.startswith("Попыток в расчёте: 8. Средний результат ")
    assert line.endswith("Попыток меньше 10: цифры пока ненадёжны, выводы о вопросах делать рано.")
    assert "." not in line.split("Средний результат ")[1].split(" %")[0], "a decimal comma, not a point"


def test_items_csv_has_a_row_per_option(merged) -> None:
    text = items_csv(merged)
    rows = text.lstrip("\ufeff").split("\r\n")
    assert rows[0].startswith("Вопрос;Тема;Текст вопроса;Попыток с вопросом;Индекс лёгкости, %")
    assert len([r for r in rows if r]) == 1 + 4 * 3 + 4
    assert rows[1].startswith("q1;А;Вопрос 1?;8;75;")


def test_results_command_writes_the_items_file(merged, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    docs = tmp_path / "docs" / "quiz"
    docs.mkdir(parents=True)
    (docs / "exam.yml").write_text(BANK, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Главная\n", encoding="utf-8")
    bank = merged.bank
    for n, answers in enumerate(ANSWERS):
        doc = result_document(bank, "X", answers, candidate=f"Кандидат {n}", attempt=f"A{n}",
                              submitted=f"2026-01-01T09:{30 + n}:00.000Z")  # fmt: skip
        (folder / f"{n}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "macros", "--docs", str(tmp_path / "docs"), "results", str(folder),
         "-o", str(tmp_path / "t.csv"), "--items", str(tmp_path / "items.csv")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "items.csv").read_bytes() == items_csv(merged).encode()
    assert "Попыток в расчёте: 8" in run.stdout
