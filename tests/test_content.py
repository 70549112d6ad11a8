"""Content rules: page templates, canonical names, tags, and the size of each section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from macros.sitedata import SiteData

DOCS = ROOT / "docs"
AUDIENCES = {"новичок", "тренер", "команда проекта"}
CANONICAL = ["«Обслуга»", "«Формалисты»", "«Знайки»", "«Хорошие ребята»", "«Синяя птица»"]

ROLE_TEMPLATE = [
    "Коротко",
    "Подробно",
    "Как это выглядит в агентстве",
    "Частые заблуждения",
    "Что запомнить",
    "Куда дальше",
]
ROLE_PAGES = ["account-manager", "am-vs-pm", "project-vs-product", "kam", "b2b-vs-b2c", "neighbours"]
ARCHETYPE_TEMPLATE = [
    "Признаки",
    "Чего хочет",
    "Риски",
    "Как работает «Синяя птица»",
    "Как ошибаются четыре подтипа",
    "Фразы",
    "Какие чек-листы открыть",
    "Похожие архетипы",
]
ARCHETYPE_PAGES = [
    "hired-manager",
    "business-owner",
    "competent-partner",
    "dictating",
    "busy",
    "vague",
    "dividend",
    "preservation",
    "image",
    "key-account",
]
CHECKLISTS = ["no-trouble", "brief", "delegation", "business-audit", "handover", "weekly", "kpi", "answer", "new-hire"]


def split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"{path.relative_to(ROOT)} has no front matter"
    return yaml.safe_load(match.group(1)), text[match.end() :]


def headings(body: str, level: int) -> list[str]:
    body = re.sub(r"^```.*?^```", "", body, flags=re.DOTALL | re.MULTILINE)
    return [m.group(1).strip() for m in re.finditer(rf"^{'#' * level} (.+)$", body, re.MULTILINE)]


@pytest.fixture(scope="module")
def data() -> SiteData:
    return SiteData.load(DOCS, ROOT)


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_page_has_description_audience_and_topic(path: Path) -> None:
    meta, body = split(path)
    if path.name == "tags.md":
        assert "<!-- material/tags -->" in body, "the tags index lists every tag"
        return
    tags = set(meta.get("tags") or [])
    assert meta.get("description"), "front matter needs a description"
    assert tags & AUDIENCES, f"needs an audience tag, one of {sorted(AUDIENCES)}"
    assert tags - AUDIENCES, "needs a topic tag"
    assert len(headings(body, 1)) == 1, "exactly one H1"


@pytest.mark.parametrize("name", ROLE_PAGES)
def test_role_pages_follow_the_role_template(name: str) -> None:
    _, body = split(DOCS / "roles" / f"{name}.md")
    assert headings(body, 2) == ROLE_TEMPLATE


@pytest.mark.parametrize("name", ARCHETYPE_PAGES)
def test_archetype_pages_follow_the_archetype_template(name: str) -> None:
    _, body = split(DOCS / "clients" / f"{name}.md")
    assert headings(body, 2) == ARCHETYPE_TEMPLATE
    subheads = headings(body, 3)
    for sub in ("Говорит вслух", "Не говорит вслух", "Помогают", "Вредят"):
        assert sub in subheads
    failures = body.split("## Как ошибаются четыре подтипа", 1)[1].split("\n## ", 1)[0]
    for name_ in CANONICAL[:4]:
        assert name_ in failures, f"{name_} missing from the four subtypes' failures"


def test_model_page_uses_the_five_canonical_names() -> None:
    _, body = split(DOCS / "model" / "index.md")
    assert [h for h in headings(body, 2) if h.startswith("«")] == CANONICAL
    for name in CANONICAL:
        assert body.count(name) >= 3


def test_model_diagram_is_an_accessible_inline_svg() -> None:
    _, body = split(DOCS / "model" / "index.md")
    svg = re.search(r"<svg[^>]*>.*?</svg>", body, re.DOTALL)
    assert svg, "the model page draws its diagram as inline SVG"
    assert 'role="img"' in svg.group(0) and "<title" in svg.group(0) and "<desc" in svg.group(0)


def test_situations_cover_every_subtype() -> None:
    _, body = split(DOCS / "model" / "situations.md")
    situations = [h for h in headings(body, 2) if h.startswith("Ситуация")]
    assert len(situations) >= 12
    for block in body.split("\n## Ситуация")[1:]:
        assert headings(block, 3)[:4] == [
            "Что произошло",
            "Как ответят четыре подтипа",
            "Что делает «Синяя птица»",
            "Почему это работает",
        ]
        for name in CANONICAL[:4]:
            assert name in block


def test_every_checklist_has_a_page_with_its_title(data: SiteData) -> None:
    assert sorted(data.checklists) == sorted(CHECKLISTS)
    index = (DOCS / "checklists" / "index.md").read_text(encoding="utf-8")
    for checklist in data.checklists.values():
        _, body = split(DOCS / checklist.page)
        assert headings(body, 1) == [checklist.title]
        assert f'checklist("{checklist.id}")' in body
        assert f"({checklist.id}.md" in index, f"the index does not list {checklist.id}"
        assert 7 <= len(checklist.items) <= 16


def test_no_trouble_checklist_keeps_its_ten_items(data: SiteData) -> None:
    assert len(data.checklist("no-trouble").items) == 10


def test_quiz_banks_are_big_enough_and_link_to_their_pages(data: SiteData) -> None:
    for bank_id in ("roles", "clients", "checklists"):
        bank = data.bank(bank_id)
        assert len(bank.questions) >= 6, bank_id
        assert all(q.link for q in bank.questions), f"every question in {bank_id} links to the page that answers it"
    assert len(data.bank("exam").questions) >= 20


def test_self_assessment_maps_to_the_five_subtypes(data: SiteData) -> None:
    bird = data.bank("bird")
    assert [f"«{r.name}»" for r in bird.results] == [CANONICAL[4], *CANONICAL[:4]]
    assert [a.id for a in bird.axes] == ["can", "want", "partner"]
    assert len(bird.questions) >= 16
    for result in bird.results:
        assert len(result.steps) >= 3 and result.growth and result.links, result.id


def test_glossary_is_big_enough(data: SiteData) -> None:
    assert len(data.glossary) >= 45
    names = {t.term for t in data.glossary}
    for term in ("Бриф", "ТЗ", "KPI", "SMART", "УТП", "CRM", "KAM"):
        assert term in names


def test_tooltips_reach_pages(site: Path) -> None:
    html = (site / "roles" / "am-vs-pm" / "index.html").read_text(encoding="utf-8")
    assert "<abbr title=" in html
