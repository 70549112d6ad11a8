"""Checklist schema, its error messages, and the Markdown export for trackers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from macros.checklists import load_checklist, project_key, to_markdown
from macros.links import DocsTree

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


def test_project_key_is_readable_and_stable() -> None:
    assert project_key("Acme — лендинг") == "acme-лендинг"
    assert project_key("  ACME landing ") == "acme-landing"
    assert project_key("") == ""


EXPORT_GOLDEN = """\
### Чек-лист брифа — Acme — лендинг

- [x] Получите все материалы и доступы ([ссылка](https://kb.example/checklists/brief/?project=acme-%D0%BB%D0%B5%D0%BD%D0%B4%D0%B8%D0%BD%D0%B3#materials))
- [ ] Сверьте цели [бизнеса] с задачами проекта ([ссылка](https://kb.example/checklists/brief/?project=acme-%D0%BB%D0%B5%D0%BD%D0%B4%D0%B8%D0%BD%D0%B3#goals))
"""


def test_markdown_export_matches_golden_text(docs: DocsTree) -> None:
    checklist, _ = load(docs, GOOD)
    text = to_markdown(checklist, "https://kb.example/checklists/brief/", "Acme — лендинг", ["materials"])
    assert text == EXPORT_GOLDEN


def test_markdown_export_without_project_has_no_query(docs: DocsTree) -> None:
    checklist, _ = load(docs, GOOD)
    text = to_markdown(checklist, "https://kb.example/checklists/brief/")
    assert text.splitlines()[0] == "### Чек-лист брифа"
    assert "- [ ] Получите все материалы и доступы ([ссылка](https://kb.example/checklists/brief/#materials))" in text


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
    from macros.links import resolve_rendered_links

    html = '<p>См. <a href="checklists/brief.md#materials">бриф</a> и <a href="https://example.org/">сайт</a></p>'
    assert resolve_rendered_links(html, "checklists/no-trouble/") == (
        '<p>См. <a href="../brief/#materials">бриф</a> и <a href="https://example.org/">сайт</a></p>'
    )
