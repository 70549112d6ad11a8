"""Checklist schema and its error messages; runs: export formats and run files."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from macros.checklists import load_checklist
from macros.links import DocsTree
from macros.runs import (
    FORMATS,
    Run,
    as_markdown,
    import_message,
    pack_ticks,
    read_run,
    run_document,
    share_url,
    shared_ticks,
    subject_key,
    unpack_ticks,
)
from macros.uitext import few, shown

GOLDEN = Path(__file__).parent / "golden"

GOOD = """
id: brief
title: Чек-лист брифа
moment: kickoff
audience: [команда проекта]
items:
  - id: materials
    text: Получите все материалы и доступы
    why: Без доступов команда стоит.
  - id: goals
    text: Сверьте цели [бизнеса] с задачами проекта
    why: Цели идут сверху вниз.
"""


@pytest.fixture
def docs(tmp_path: Path) -> DocsTree:
    (tmp_path / "docs" / "checklists").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Главная\n\n## Теория\n", encoding="utf-8")
    return DocsTree(tmp_path / "docs")


def load(docs: DocsTree, text: str, name: str = "brief"):
    path = docs.docs_dir / "checklists" / f"{name}.yml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return load_checklist(path, f"docs/checklists/{name}.yml", docs)


def test_good_checklist_loads(docs: DocsTree) -> None:
    checklist, problems = load(docs, GOOD)
    assert problems == []
    assert [item.id for item in checklist.items] == ["materials", "goals"]
    assert checklist.page == "checklists/brief.md"


MALFORMED = {
    "yaml syntax": (GOOD.replace("items:", "items: ["), "docs/checklists/brief.yml:6: YAML syntax error:"),
    "duplicate item id": (
        GOOD.replace("id: goals", "id: materials"),
        "docs/checklists/brief.yml:9: item 'materials', field 'id': duplicate id; first used on line 6",
    ),
    "missing item id": (
        GOOD.replace("  - id: goals\n    text", "  - text"),
        "docs/checklists/brief.yml:9: item #2, field 'id': is missing; expected non-empty text",
    ),
    "empty item text": (
        GOOD.replace("text: Получите все материалы и доступы", 'text: ""'),
        "docs/checklists/brief.yml:7: item 'materials', field 'text': is empty; expected non-empty text",
    ),
    "missing why": (
        GOOD.replace("    why: Без доступов команда стоит.\n", ""),
        "docs/checklists/brief.yml:6: item 'materials', field 'why': is missing; expected non-empty text",
    ),
    "item text too long": (
        GOOD.replace("Получите все материалы и доступы", "Очень " * 25),
        "docs/checklists/brief.yml:7: item 'materials', field 'text': expected one short line "
        "(at most 120 characters), found 149; move details to 'why'",
    ),
    "unknown link": (
        GOOD + "    link: roles/kam.md\n",
        "docs/checklists/brief.yml:12: item 'goals', field 'link': 'roles/kam.md' names no page; "
        "expected an existing file under docs/, e.g. 'roles/kam.md'",
    ),
    "unknown anchor": (
        GOOD + "    link: index.md#практика\n",
        "docs/checklists/brief.yml:12: item 'goals', field 'link': 'index.md#практика': "
        "page 'index.md' has no heading or item with the anchor '#практика'",
    ),
    "unknown moment": (
        GOOD.replace("moment: kickoff", "moment: launch"),
        "docs/checklists/brief.yml:3: checklist, field 'moment': unknown moment 'launch'; "
        "expected one of: before, kickoff, during, handover",
    ),
    "unknown audience": (
        GOOD.replace("[команда проекта]", "[клиент]"),
        "docs/checklists/brief.yml:4: checklist, field 'audience': unknown audience 'клиент'; "
        "expected some of: новичок, тренер, команда проекта",
    ),
    "no items": (
        GOOD[: GOOD.index("items:")] + "items: []\n",
        "docs/checklists/brief.yml:5: checklist, field 'items': is empty; expected at least one of items",
    ),
    "id differs from file": (
        GOOD.replace("id: brief", "id: brif"),
        "docs/checklists/brief.yml:1: checklist, field 'id': 'brif' must match the file name 'brief'",
    ),
    "numeric item id": (
        GOOD.replace("id: goals", "id: Пункт 5"),
        "docs/checklists/brief.yml:9: item #2, field 'id': 'Пункт 5' is not a valid id; "
        "expected lower-case Latin letters, digits and single hyphens, e.g. 'am-vs-pm-3'",
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_checklist_gets_exact_message(docs: DocsTree, case: str) -> None:
    text, expected = MALFORMED[case]
    checklist, problems = load(docs, text)
    assert checklist is None
    assert len(problems) == 1
    assert str(problems[0]).startswith(expected)
    if not expected.endswith(":"):
        assert str(problems[0]) == expected


def test_subject_key_is_readable_and_stable() -> None:
    assert subject_key("Acme — лендинг") == "acme-лендинг"
    assert subject_key("  ACME landing ") == "acme-landing"
    assert subject_key("") == ""


def test_checklist_subject_defaults_to_a_project(docs: DocsTree) -> None:
    checklist, _ = load(docs, GOOD)
    assert checklist.subject == "Проект"
    checklist, _ = load(docs, GOOD.replace("items:", "subject: Новичок\nitems:"))
    assert checklist.subject == "Новичок"


@pytest.mark.parametrize(("fmt", "golden"), [("markdown", "run.md"), ("jira", "run-jira.txt"), ("text", "run.txt")])
def test_each_export_format_matches_its_golden_text(docs: DocsTree, fmt: str, golden: str) -> None:
    checklist, _ = load(docs, GOOD.replace("Получите все", "Получите **все**"))
    run = Run("brief", "Acme (лендинг)", {"materials": "2026-11-20T09:00:00Z"})
    text = FORMATS[fmt](checklist, run, "https://kb.example/checklists/brief/")
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_export_without_a_subject_has_no_query(docs: DocsTree) -> None:
    checklist, _ = load(docs, GOOD)
    text = as_markdown(checklist, Run("brief", ""), "https://kb.example/checklists/brief/")
    assert text.splitlines()[0] == "### Чек-лист брифа"
    assert "- [ ] Получите все материалы и доступы ([ссылка](https://kb.example/checklists/brief/#materials))" in text


def test_run_file_round_trip_keeps_ticks_and_dates(docs: DocsTree) -> None:
    checklist, _ = load(docs, GOOD)
    run = Run("brief", "Acme — лендинг", {"goals": "2026-11-20T09:00:00Z", "materials": None})
    document = run_document(checklist, run, "2026-11-21T10:00:00Z")
    assert [t["id"] for t in document["ticks"]] == ["materials", "goals"], "in checklist order"
    assert document["checklist_version"] == checklist.version
    back = read_run(checklist, json.dumps(document), "acme.json")
    assert back.error is None and back.dropped == []
    assert back.run.subject == "Acme — лендинг" and back.run.ticks == {
        "materials": None,
        "goals": "2026-11-20T09:00:00Z",
    }


def test_run_file_from_another_version_drops_missing_items(docs: DocsTree) -> None:
    checklist, _ = load(docs, GOOD)
    document = {
        "format": "sinyaya-ptitsa-checklist-run",
        "checklist": "brief",
        "checklist_version": "0000000000",
        "subject": "Beta",
        "ticks": [{"id": "goals", "ticked": None}, {"id": "removed", "ticked": None}],
    }
    back = read_run(checklist, json.dumps(document), "beta.json")
    assert back.run.ticks == {"goals": None} and back.dropped == ["removed"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "x.json: это не файл передачи чек-листа (не JSON)"),
        ('{"format": "other"}', "x.json: это не файл передачи чек-листа этого сайта"),
        (
            '{"format": "sinyaya-ptitsa-checklist-run", "checklist": "kpi"}',
            "x.json: это файл другого чек-листа («kpi»)",
        ),
        (
            '{"format": "sinyaya-ptitsa-checklist-run", "checklist": "brief", "subject": "", "ticks": []}',
            "x.json: файл повреждён: нет названия проекта или отметок",
        ),
        (
            '{"format": "sinyaya-ptitsa-checklist-run", "checklist": "brief", "subject": "A", "ticks": [5]}',
            "x.json: файл повреждён: отметка записана не так",
        ),
    ],
)
def test_broken_run_files_get_a_plain_message(docs: DocsTree, text: str, message: str) -> None:
    checklist, _ = load(docs, GOOD)
    back = read_run(checklist, text, "x.json")
    assert back.run is None and back.error == message


def test_hostile_values_in_a_run_file_are_shown_short(docs: DocsTree) -> None:
    checklist, _ = load(docs, GOOD)
    trap = '{"format": "sinyaya-ptitsa-checklist-run", "checklist": {"toString": 1, "valueOf": 1}}'
    assert read_run(checklist, trap, "x.json").error == 'x.json: это файл другого чек-листа («{"toString":1,"valueOf":1}»)'
    long = read_run(checklist, json.dumps({"format": "sinyaya-ptitsa-checklist-run", "checklist": "я" * 50_000}), "y" * 500)
    assert len(long.error) < 500 and long.error.startswith("y" * 200 + "…: ")
    ticks = [{"id": "goals", "ticked": None}] + [{"id": f"gone-{n}", "ticked": None} for n in range(10_000)]
    doc = {"format": "sinyaya-ptitsa-checklist-run", "checklist": "brief", "subject": "constructor", "ticks": ticks}
    imported = read_run(checklist, json.dumps(doc), "z.json")
    assert imported.run.key == "constructor" and imported.run.ticks == {"goals": None}
    assert import_message(imported) == (
        "Загружено: «constructor», отмечено 1. Пунктов, которых больше нет в чек-листе, — 10\u00a0000: "
        "gone-0, gone-1, gone-2 и ещё 9\u00a0997; их отметки не перенесены."
    )
    assert few(["a"]) == "a" and shown("x" * 201) == "x" * 200 + "…" and shown({"a": [1]}) == '{"a":[1]}'


def test_a_shared_link_carries_the_ticks_compactly_for_one_version(docs: DocsTree) -> None:
    checklist, _ = load(docs, GOOD)
    ids = [item.id for item in checklist.items]
    for chosen in ([], ids, ids[:1], ids[1:], ids[::2]):
        packed = pack_ticks(checklist, set(chosen))
        assert len(packed) == (len(ids) + 3) // 4 and unpack_ticks(checklist, packed) == chosen
    run = Run("brief", "Acme — лендинг", dict.fromkeys(ids[1:]))
    url = share_url("https://kb.example/checklists/brief/", checklist, run)
    assert url.startswith("https://kb.example/checklists/brief/?project=acme-%D0%BB") and "%20%E2%80%94%20" in url
    query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
    assert shared_ticks(checklist, query["ticks"], query["version"]) == ids[1:]
    assert shared_ticks(checklist, query["ticks"], "0000000000") is None, "another version brings no ticks"
    for bad in (None, "", "zz", "0" * 9, "G"):
        assert unpack_ticks(checklist, bad) is None


def test_links_in_why_text_are_checked_and_named(docs: DocsTree) -> None:
    text = GOOD.replace("why: Цели идут сверху вниз.", "why: См. [чек-лист](handover.md) и [главную](index.md#теория).")
    checklist, problems = load(docs, text)
    assert checklist is None
    assert [str(p) for p in problems] == [
        "docs/checklists/brief.yml:11: item 'goals', field 'why': link in the text: 'handover.md' names no page; "
        "expected an existing file under docs/, e.g. 'roles/kam.md'"
    ]
    fixed = text.replace("(handover.md)", "(index.md)")
    assert load(docs, fixed)[1] == []


def test_links_in_data_text_point_from_the_page_that_shows_them() -> None:
    from macros.builders import PageLinks

    html = '<p>См. <a href="checklists/brief.md#materials">бриф</a> и <a href="https://example.org/">сайт</a></p>'
    assert PageLinks("checklists/no-trouble/").rendered(html) == (
        '<p>См. <a href="../brief/#materials">бриф</a> и <a href="https://example.org/">сайт</a></p>'
    )
