"""The exam in Python: settings schema, the seeded draw, marking, the results merge, LMS export."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import NODE_TOOLS, ROOT

from macros.banks import load_bank
from macros.downloads import copy_to_site, publish
from macros.exam.draw import draw, normalise_code, option_order, random_source, seed_of
from macros.exam.grading import grade, result_document, sheet_csv
from macros.exam.results import item_analysis, merge, table_csv, topic_analysis
from macros.links import DocsTree
from macros.lms import MOODLE_FRACTIONS, Exporter, ExportError
from macros.scoring import human, rounded
from macros.sitedata import SiteData

FIXTURE = ROOT / "tests" / "sites" / "exam" / "docs"
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def fixture_bank():
    return SiteData.load(FIXTURE, ROOT).bank("exam")


@pytest.fixture(scope="module")
def site_data() -> SiteData:
    return SiteData.load(ROOT / "docs", ROOT)


# ---------------------------------------------------------------- the draw


def test_same_code_same_draw_and_order(site_data: SiteData) -> None:
    bank = site_data.bank("exam")
    first = [q.id for q in draw(bank, "MAY-2026")]
    assert first == [q.id for q in draw(bank, "MAY-2026")]
    assert [option_order(bank, "MAY-2026", q) for q in draw(bank, "MAY-2026")] == [
        option_order(bank, "MAY-2026", q) for q in draw(bank, "MAY-2026")
    ]


def test_different_codes_give_different_variants(site_data: SiteData) -> None:
    bank = site_data.bank("exam")
    variants = {tuple(q.id for q in draw(bank, code)) for code in ["A1", "A2", "B7", "K7M2QX", "MAY-2026"]}
    assert len(variants) == 5


@pytest.mark.parametrize("code", ["A1", "K7M2QX", "MAY-2026", "Z", "2026-ГРУППА"[:4]])
def test_draw_takes_the_configured_count_from_each_topic(site_data: SiteData, code: str) -> None:
    bank = site_data.bank("exam")
    assert bank.exam is not None
    drawn = draw(bank, code)
    assert len(drawn) == bank.exam.size == len({q.id for q in drawn})
    for topic, count in bank.exam.draw.items():
        assert sum(1 for q in drawn if q.topic == topic) == count, topic


def test_every_option_order_is_a_permutation(site_data: SiteData) -> None:
    bank = site_data.bank("exam")
    orders = [option_order(bank, "K7M2QX", q) for q in bank.questions]
    assert all(sorted(o) == list(range(len(q.options))) for o, q in zip(orders, bank.questions, strict=True))
    # Shuffled for real: the right answer is not always where the author put it.
    assert sum(o != sorted(o) for o in orders) > len(orders) / 2


def test_random_source_matches_known_values() -> None:
    # FNV-1a and mulberry32 values, as exam-core.js gives them under Node.js.
    assert seed_of("") == 0x811C9DC5
    assert seed_of("a") == 0xE40C292C
    rand = random_source(1)
    assert [round(rand(), 10) for _ in range(3)] == [0.6270739406, 0.0027357212, 0.52744704]


def test_codes_are_normalised() -> None:
    assert normalise_code("  k7m2qx ") == "K7M2QX"
    assert normalise_code("MAY-2026") == "MAY-2026"
    assert normalise_code("два слова") is None
    assert normalise_code("") is None
    assert normalise_code("X" * 33) is None


# ---------------------------------------------------------------- exam settings in the bank

BANK = """\
id: exam
title: T
topics:
  - id: alpha
    name: Альфа
  - id: beta
    name: Бета
exam:
  draw:
    alpha: 1
    beta: 1
  pass_mark: 80
questions:
  - id: q1
    type: single
    topic: alpha
    text: Вопрос?
    options:
      - text: Да
        correct: true
      - text: Нет
  - id: q2
    type: single
    topic: beta
    text: Вопрос?
    options:
      - text: Да
        correct: true
      - text: Нет
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    path = docs / "exam.yml"
    path.write_text(text, encoding="utf-8")
    bank, found = load_bank(path, "docs/quiz/exam.yml", DocsTree(docs))
    assert (bank is None) == bool(found)
    return [str(p) for p in found]


def test_a_good_exam_bank_loads(tmp_path: Path) -> None:
    assert problems(tmp_path, BANK) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("alpha: 1\n    beta: 1", "alpha: 2\n    beta: 1"),
            "docs/quiz/exam.yml:10: exam settings, field 'draw': draws 2 questions from topic 'alpha', which holds only 1",
        ),
        (
            ("pass_mark: 80", "pass_mark: 120"),
            "docs/quiz/exam.yml:12: exam settings, field 'pass_mark': expected per cent of points from 0 to 100, found 120",
        ),
        (
            ("pass_mark: 80", "pass_mark: -5"),
            "docs/quiz/exam.yml:12: exam settings, field 'pass_mark': expected per cent of points from 0 to 100, found -5",
        ),
        (
            ("topic: alpha", "topic: gamma"),
            "docs/quiz/exam.yml:16: question 'q1', field 'topic': expected one of the bank's topics: alpha, beta; found 'gamma'",
        ),
        (
            ("    beta: 1\n", "    beta: 1\n    delta: 2\n"),
            "docs/quiz/exam.yml:12: exam settings, field 'draw': unknown topic 'delta'; declared topics: alpha, beta",
        ),
        (
            ("pass_mark: 80", "pass_mark: 80\n  time_limit: 0"),
            "docs/quiz/exam.yml:13: exam settings, field 'time_limit': expected minutes, a number above 0, found 0",
        ),
    ],
    ids=[
        "draw above topic",
        "pass mark above 100",
        "pass mark below 0",
        "unknown question topic",
        "unknown draw topic",
        "zero time",
    ],
)
def test_bad_exam_settings_name_file_line_and_field(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    assert change[0] in BANK
    assert problems(tmp_path, BANK.replace(change[0], change[1], 1))[0] == expected


def test_a_topic_without_questions_is_named(tmp_path: Path) -> None:
    text = BANK.replace("    name: Бета\n", "    name: Бета\n  - id: gamma\n    name: Гамма\n")
    assert problems(tmp_path, text) == [
        "docs/quiz/exam.yml:8: topic 'gamma', field 'id': has no questions; give it questions or remove it"
    ]


def test_an_exam_needs_topics(tmp_path: Path) -> None:
    text = BANK.split("exam:")[0].split("topics:")[0] + "exam:" + BANK.split("exam:")[1]
    text = text.replace("    topic: alpha\n", "").replace("    topic: beta\n", "")
    assert problems(tmp_path, text) == [
        "docs/quiz/exam.yml:3: exam settings: an exam needs 'topics' declared in the bank to draw from"
    ]


def test_the_real_exam_bank_covers_every_area(site_data: SiteData) -> None:
    bank = site_data.bank("exam")
    assert len(bank.questions) >= 90
    names = {t.id for t in bank.topics}
    assert {"seo", "context", "display", "sites", "smm", "copywriting", "design", "email", "hosting", "licences",
            "refinement", "roles", "model", "clients", "checklists"} <= names  # fmt: skip
    for topic in bank.topics:
        assert sum(q.topic == topic.id for q in bank.questions) >= 4, topic.id
    for q in bank.questions:
        assert q.explanation, q.id
        assert q.link and q.link != "glossary.md", f"{q.id} links to the glossary page instead of where it is taught"
        assert q.hint is None, f"{q.id}: the exam shows no hints"


# ---------------------------------------------------------------- marking and numbers


def test_numbers_are_written_as_people_write_them() -> None:
    assert human(2 / 3) == "0,67"
    assert human(4 / 3) == "1,33"
    assert human(1.5) == "1,5"
    assert human(47.0) == "47"
    assert human(7 + 2 / 3) == "7,67"
    assert human(0.125) == "0,13"
    assert rounded(0.665) == 0.67


def right_answers(bank, code: str) -> dict[str, list[int]]:
    return {q.id: [i for i, o in enumerate(q.options) if o.correct] for q in draw(bank, code)}


def test_all_right_is_full_marks_and_a_pass(fixture_bank) -> None:
    marks = grade(fixture_bank, "TEST", right_answers(fixture_bank, "TEST"))
    assert marks["score"] == marks["max_score"] and marks["percent"] == 100 and marks["passed"]
    assert [t["id"] for t in marks["topics"]] == ["alpha", "beta", "gamma"]


def test_partial_credit_and_per_topic_scores(fixture_bank) -> None:
    drawn = draw(fixture_bank, "TEST")
    answers = {}
    for q in drawn:
        if q.type == "multiple":
            answers[q.id] = [0, 1]  # one right, one wrong: nothing
        elif q.topic == "alpha":
            answers[q.id] = [1]  # right
        else:
            answers[q.id] = [0]  # wrong
    marks = grade(fixture_bank, "TEST", answers)
    by_topic = {t["id"]: (t["score"], t["max"]) for t in marks["topics"]}
    alpha_singles = sum(1 for q in drawn if q.topic == "alpha" and q.type == "single")
    assert by_topic["alpha"][0] == alpha_singles
    assert by_topic["beta"][0] == 0 and by_topic["gamma"][0] == 0
    assert marks["passed"] is (marks["percent"] >= 60)


# ---------------------------------------------------------------- results merge


def result_files(bank, tmp: Path) -> list[Path]:
    """Three candidates, a duplicate, a wrong version, a broken file and a stranger's JSON."""
    docs = []
    for name, code, wrong in [
        ("Анна Смирнова", "GROUP-1", 0),
        ("Борис Иванов", "GROUP-1", 2),
        ("Вера Козлова", "K7M2QX", 5),
    ]:
        answers = right_answers(bank, code)
        for q in draw(bank, code)[:wrong]:
            answers[q.id] = [0]
        docs.append(
            result_document(
                bank, code, answers, candidate=name, attempt=f"ATTEMPT{len(docs)}", started="2026-11-20T09:00:00.000Z",
                submitted=f"2026-11-20T09:{10 + len(docs)}:00.000Z", duration_seconds=600 + 60 * len(docs),
            )
        )  # fmt: skip
    paths = []
    for i, doc in enumerate(docs):
        paths.append(tmp / f"{i + 1}.json")
        paths[-1].write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (tmp / "4-duplicate.json").write_text(json.dumps(docs[0], ensure_ascii=False), encoding="utf-8")
    (tmp / "5-old.json").write_text(json.dumps({**docs[1], "bank_version": "0000000000"}), encoding="utf-8")
    (tmp / "6-broken.json").write_text('{"format": "sinyaya-ptitsa-exam-result", "bank": ', encoding="utf-8")
    (tmp / "7-stranger.json").write_text('{"name": "not a result"}', encoding="utf-8")
    tampered = {**docs[2], "score": 999}
    tampered["questions"] = docs[2]["questions"][:-1]
    (tmp / "8-edited.json").write_text(json.dumps(tampered, ensure_ascii=False), encoding="utf-8")
    return sorted(tmp.glob("*.json"))


@pytest.fixture
def moscow(monkeypatch):
    """Local times in CSV files follow the machine's zone: fix it for golden files."""
    monkeypatch.setenv("TZ", "Europe/Moscow")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_merge_matches_the_golden_table(fixture_bank, tmp_path: Path, moscow) -> None:
    files = [(p.name, p.read_bytes()) for p in result_files(fixture_bank, tmp_path)]
    merged = merge(fixture_bank, files)
    assert [r["candidate"] for r in merged.graded] == ["Анна Смирнова", "Борис Иванов", "Вера Козлова"]
    assert merged.messages == [
        "4-duplicate.json: тот же результат, что и 1.json; учтён один раз",
        f"5-old.json: сдан по другой версии банка вопросов (0000000000, на сайте сейчас {fixture_bank.version}); "
        "собирайте результаты до правки банка",
        "6-broken.json: это не файл результата экзамена (не JSON)",
        "7-stranger.json: это не файл результата экзамена этого сайта",
        "8-edited.json: вопросы в файле не совпадают с вариантом K7M2QX; файл изменён вручную",
    ]
    table = table_csv(merged)
    golden = GOLDEN / "exam-results.csv"
    if os.environ.get("UPDATE_GOLDEN") or not golden.exists():
        golden.write_bytes(table.encode("utf-8"))
    assert table == golden.read_bytes().decode("utf-8")
    assert table.startswith("\ufeffКандидат;Попытка;") and "09.00:00" not in table
    assert "20.11.2026 12:00:00 UTC+03:00" in table, "local time with its zone"
    items = item_analysis(merged)
    assert items[0]["share"] <= items[-1]["share"]
    assert sum(r["asked"] for r in items) == 15
    assert {t["id"] for t in topic_analysis(merged)} == {"alpha", "beta", "gamma"}


def test_results_command_writes_the_same_table(fixture_bank, tmp_path: Path, moscow) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    files = result_files(fixture_bank, folder)
    out = tmp_path / "table.csv"
    run = subprocess.run(
        [sys.executable, "-m", "macros", "--docs", str(FIXTURE), "results", str(folder), "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False, env={**os.environ, "TZ": "Europe/Moscow"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "5-old.json" in run.stderr and "Traceback" not in run.stderr
    assert "3 человека, 3 попытки" in run.stdout
    assert out.read_bytes() == table_csv(merge(fixture_bank, [(p.name, p.read_bytes()) for p in files])).encode()


def test_sheet_csv_has_a_row_per_question(fixture_bank, moscow) -> None:
    doc = result_document(fixture_bank, "TEST", right_answers(fixture_bank, "TEST"), candidate="Анна")
    text = sheet_csv(fixture_bank, doc)
    lines = text.split("\r\n")[:-1]
    assert text.startswith("\ufeffКандидат;Сдано;") and len(lines) == 1 + len(doc["questions"])
    first = draw(fixture_bank, "TEST")[0]
    assert lines[1].startswith(f"Анна;01.01.2026 12:30:00 UTC+03:00;TEST;30;нет;1;{first.id};{first.text};")


# ---------------------------------------------------------------- LMS export


def gift_parse(path: Path) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the independent GIFT parser (scripts/test installs it)"
    assert (NODE_TOOLS / "node_modules" / "gift-pegjs").is_dir(), "run ./scripts/test: it installs gift-pegjs"
    run = subprocess.run(
        [node, str(NODE_TOOLS / "parse-gift.js"), str(path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("bank_id", ["exam", "roles", "clients", "checklists"])
def test_gift_export_reads_back_with_an_independent_parser(site_data: SiteData, bank_id: str, tmp_path: Path) -> None:
    bank = site_data.bank(bank_id)
    path = tmp_path / "bank.txt"
    path.write_text(Exporter(bank, "https://example.org/site/").gift(), encoding="utf-8")
    parsed = gift_parse(path)
    expected_categories = {t.name for t in bank.topics} or {q.topic or bank.title for q in bank.questions}
    assert {c.rsplit("/", 1)[1] for c in parsed["categories"]} == expected_categories
    assert len(parsed["questions"]) == len(bank.questions)
    read_by_id = {q["title"]: q for q in parsed["questions"]}
    for question in bank.questions:
        read = read_by_id[question.id]
        assert read["title"] == question.id
        assert len(read["choices"]) == len(question.options)
        if question.type == "single":
            assert [c["correct"] for c in read["choices"]] == [o.correct for o in question.options]
        else:
            weights = [c["weight"] for c in read["choices"]]
            assert [w > 0 for w in weights] == [o.correct for o in question.options], question.id
            assert abs(sum(w for w in weights if w > 0) - 100) < 0.001
            assert all(min(abs(abs(w) - f) for f in MOODLE_FRACTIONS) < 0.00001 for w in weights)


def test_gift_escapes_every_special_character(tmp_path: Path) -> None:
    text = BANK.replace("text: Вопрос?", "text: 'Что значит a=b, {x}, ~y, #z, \\ и: двоеточие?'", 1)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "exam.yml").write_text(text, encoding="utf-8")
    bank, found = load_bank(docs / "exam.yml", "exam.yml", DocsTree(docs))
    assert bank and not found
    path = tmp_path / "b.txt"
    path.write_text(Exporter(bank).gift(), encoding="utf-8")
    assert "a\\=b, \\{x\\}, \\~y, \\#z, \\\\ и\\: двоеточие?" in path.read_text(encoding="utf-8")
    assert gift_parse(path)["questions"][0]["stem"] == "Что значит a=b, {x}, ~y, #z, \\ и: двоеточие?"


def test_moodle_xml_is_well_formed_with_a_category_per_topic(site_data: SiteData) -> None:
    bank = site_data.bank("exam")
    root = ET.fromstring(Exporter(bank, "https://example.org/").moodle_xml())
    questions = root.findall("question")
    assert sum(q.get("type") == "category" for q in questions) == len(bank.topics)
    choice = [q for q in questions if q.get("type") == "multichoice"]
    assert sorted(q.findtext("name/text") for q in choice) == sorted(q.id for q in bank.questions)
    assert len(choice) == len(bank.questions)
    for q in choice:
        fractions = [float(a.get("fraction")) for a in q.findall("answer")]
        assert all(min(abs(abs(f) - m) for m in MOODLE_FRACTIONS) < 0.00001 for f in fractions)
        assert abs(sum(f for f in fractions if f > 0) - 100) < 0.001
        assert q.findtext("generalfeedback/text").count("https://example.org/") >= 1


def test_the_self_assessment_cannot_be_exported(site_data: SiteData) -> None:
    with pytest.raises(ExportError, match="self-assessment"):
        Exporter(site_data.bank("bird"))


def test_export_command_writes_both_formats(tmp_path: Path) -> None:
    for fmt, name in [("gift", "e.txt"), ("moodle-xml", "e.xml")]:
        run = subprocess.run(
            [sys.executable, "-m", "macros", "export", "--format", fmt, "--bank", "exam", "-o", str(tmp_path / name)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
    assert "$CATEGORY:" in (tmp_path / "e.txt").read_text(encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "macros", "export", "--format", "gift", "--bank", "nope", "-o", str(tmp_path / "x")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 1 and "no question bank 'nope'" in run.stderr and "Traceback" not in run.stderr


def test_the_built_site_publishes_knowledge_checks_for_moodle_but_not_the_exam(site: Path) -> None:
    """The exam's LMS files hold every right answer: a trainer-marked exam never publishes them."""
    for name in ["roles-gift.txt", "roles-moodle.xml"]:
        assert (site / "downloads" / name).stat().st_size > 5_000
    assert not (site / "downloads" / "exam-gift.txt").exists()
    assert not (site / "downloads" / "exam-moodle.xml").exists()
    trainer = (site / "trainer" / "index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/roles-gift.txt"' in trainer and "exam-gift" not in trainer
    assert "GIFT баллы вопроса не передаёт" in trainer


def test_export_links_to_the_configured_site_and_carries_hints(tmp_path: Path) -> None:
    out = tmp_path / "roles.xml"
    run = subprocess.run(
        [sys.executable, "-m", "macros", "export", "--format", "moodle-xml", "--bank", "roles", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False, env={**os.environ, "SITE_URL": "https://bp.example.org/"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    xml = out.read_text(encoding="utf-8")
    assert "Где прочитать: https://bp.example.org/roles/" in xml, "site_url of mkdocs.yml, not a dropped link"
    root = ET.fromstring(xml)
    hints = [q.find("hint/text").text for q in root.iter("question") if q.find("hint") is not None]
    bank = SiteData.load(ROOT / "docs", ROOT).bank("roles")
    assert len(hints) == sum(1 for q in bank.questions if q.hint) >= 1


def test_the_build_knows_which_lms_files_it_had_to_write(site_data: SiteData, tmp_path: Path) -> None:
    """Zensical publishes the docs folder as it was when its build started, so the files a
    build had to write are copied into its output as well (macros/downloads.py)."""
    paths, rewritten = publish(site_data.banks, tmp_path, None, True)
    assert paths["roles"] == {"gift": "downloads/roles-gift.txt", "xml": "downloads/roles-moodle.xml"}
    assert "exam" not in paths, "a trainer-marked exam's files are not published"
    assert "downloads/roles-gift.txt" in rewritten and len(rewritten) == 2 * len(paths)
    assert publish(site_data.banks, tmp_path, None, True)[1] == [], "unchanged files are left alone"
    (tmp_path / "downloads" / "roles-gift.txt").write_text("old", encoding="utf-8")
    (tmp_path / "downloads" / "exam-gift.txt").write_text("left from an older build", encoding="utf-8")
    assert publish(site_data.banks, tmp_path, None, True)[1] == ["downloads/roles-gift.txt"]
    assert not (tmp_path / "downloads" / "exam-gift.txt").exists(), "an old exam file is removed"
    copy_to_site(["downloads/roles-gift.txt"], tmp_path, tmp_path / "site")
    assert (tmp_path / "site" / "downloads" / "roles-gift.txt").read_text(encoding="utf-8").startswith("//")


def test_page_links_in_exported_text_become_absolute_or_plain(site_data: SiteData) -> None:
    text = "См. [бриф](checklists/brief.md#materials) и [сайт](https://example.org/x)."
    online = Exporter(site_data.bank("exam"), "https://learn.example.org/bp/")
    assert online.text(text) == (
        "См. [бриф](https://learn.example.org/bp/checklists/brief/#materials) и [сайт](https://example.org/x)."
    )
    assert Exporter(site_data.bank("exam")).text(text) == "См. бриф и [сайт](https://example.org/x)."
