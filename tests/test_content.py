"""Content rules: page templates, canonical names, tags, and the size of each section."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import ROOT

from macros.scoring import plural
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


def words(text: str) -> int:
    """Words as a word processor counts them: runs of non-space characters."""
    return len(text.split())


def section(body: str, title: str) -> str:
    return body.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("name", ROLE_PAGES)
def test_role_pages_follow_the_role_template(name: str) -> None:
    _, body = split(DOCS / "roles" / f"{name}.md")
    assert headings(body, 2) == ROLE_TEMPLATE
    assert words(body) >= 800, f"a role page teaches at least 800 words, found {words(body)}"
    assert words(section(body, "Как это выглядит в агентстве")) >= 150, "a worked scene, not one paragraph"
    assert section(body, "Что запомнить").strip() != section(body, "Коротко").strip()


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
    assert words(body) >= 900, f"an archetype page teaches at least 900 words, found {words(body)}"
    tactics = words(section(body, "Как работает «Синяя птица»"))
    assert tactics >= 150, f"tactics need at least 150 words, found {tactics}"
    assert "model/situations.md#" in body, "links to the situations that fit"


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
        assert len(bank.questions) >= 12, bank_id
        assert all(q.link for q in bank.questions), f"every question in {bank_id} links to the page that answers it"
    assert len(data.bank("exam").questions) >= 20


def test_self_assessment_maps_to_the_five_subtypes(data: SiteData) -> None:
    bird = data.bank("bird")
    assert [f"«{r.name}»" for r in bird.results] == [CANONICAL[4], *CANONICAL[:4]]
    assert [a.id for a in bird.axes] == ["can", "want", "partner"]
    situations = re.findall(
        r"^## Ситуация (\d+)\.", (DOCS / "model" / "situations.md").read_text(encoding="utf-8"), re.M
    )
    assert len(bird.questions) == len(situations), "one question per situation of the situations page"
    for question, number in zip(bird.questions, situations, strict=True):
        assert question.link.startswith(f"model/situations.md#ситуация-{number}-"), question.id
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


def test_tooltips_mark_a_terms_first_mention_per_section_only(site: Path, data: SiteData) -> None:
    quiet = {t.tooltip_text for t in data.glossary if not t.tooltip}
    for page in sorted(site.rglob("index.html")):
        article = page.read_text(encoding="utf-8").split("<article", 1)[-1].split("</article>", 1)[0]
        where = str(page.relative_to(site))
        assert not re.search(r"<h[1-6][^>]*>(?:(?!</h[1-6]>).)*<abbr", article, re.S), f"{where}: tooltip in a heading"
        assert not re.search(r"<a\s[^>]*>(?:(?!</a>).)*<abbr", article, re.S), f"{where}: tooltip in a link"
        # Sections: the parts under each H2; a widget is a section of its own.
        for part in re.split(r"<h2[\s>]|<div class=\"bp-(?:checklist|quiz|exam)", article):
            titles = [html.unescape(t) for t in re.findall(r'<abbr title="([^"]*)"', part)]
            repeated = {t[:40] for t in titles if titles.count(t) > 1}
            assert not repeated, f"{where}: a term marked twice in one section: {repeated}"
            assert not quiet & set(titles), f"{where}: a term every reader knows got a tooltip"


def test_first_mention_rule_on_plain_markdown() -> None:
    text = "## Раз\n\nБриф и бриф, [бриф](x.md).\n\n## Два\n\nЕщё бриф.\n\n*[бриф]: Документ\n*[Бриф]: Документ\n"
    out = markdown.markdown(text, extensions=["abbr", "macros.tooltip_once"])
    assert out.count("<abbr") == 2, out
    assert '<a href="x.md">бриф</a>' in out
    assert "Бриф и бриф" not in out and '<abbr title="Документ">Бриф</abbr> и бриф' in out


# Forms the style page (docs/about/style.md) tells authors to avoid, with the form to use.
FORBIDDEN_FORMS = {
    r"аккаунт-мап\w*": "карта аккаунта",
    r"фидб[эе]к\w*": "обратная связь",
    r"овертайм\w*": "сверхурочные",
    r"дедлайн\w*": "срок",
    r"три составляющих": "три составляющие",
    r"кросс-отдельн\w*": "работа на стыке отделов",
    r"передов\w* удержани\w*": "первая линия удержания",
    r"продакт-оунер\w*": "владелец продукта (product owner)",
    r"digital-директор\w*": "диджитал-директор",
    # Issue 24: the forms the content review of 2026-12-06 found.
    r"опор[аеиоуы]\w*": "составляющая (модели)",
    r"пять птиц": "пять подтипов",
    r"администрир\w* клиент\w*": "ведёт клиента",
    r"цели digital": "цели в digital",
    r"власть над командой": "как ставит задачи команде",
    r"бывают выходные": "работа в выходные и праздники",
    r"диджитал-(?!директор)\w+": "digital-агентство, digital-маркетинг",
    r"по (?:оценке|данным|словам|мнению) (?:одного из )?источник\w*": "факт прямо; происхождение — на странице «Откуда материалы»",
    r"в классификации источник\w*": "факт прямо",
    r"автор\w* одного из (?:наших )?источник\w*": "факт прямо",
}
# A jargon word may be named in quotes: «в агентствах говорят „овертайм“».
_QUOTED = re.compile(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»|„[^“]*“")


# Anchors of glossary entries are identifiers, not prose: `link: glossary.md#овертайм`.
_ANCHOR = re.compile(r"\S*\.md#\S*")


def _misused_terms(text: str) -> list[str]:
    text = _ANCHOR.sub("", _QUOTED.sub("", text))
    found = []
    for pattern, use in FORBIDDEN_FORMS.items():
        for match in re.finditer(rf"(?<![\w-]){pattern}", text, re.IGNORECASE):
            found.append(f"«{match.group(0)}» (пишем: {use})")
    return found


def _glossary_prose(raw: str) -> str:
    """Glossary entries name jargon in 'term' and 'forms'; only their prose is checked."""
    return "\n".join(line for line in raw.splitlines() if re.match(r"\s*(definition|full):", line))


def test_terminology_follows_the_style_page() -> None:
    docs = ROOT / "docs"
    offenders = {}
    for path in sorted([*docs.rglob("*.md"), *docs.rglob("*.yml")]):
        if path.name == "style.md" or "downloads" in path.parts:
            continue
        raw = path.read_text(encoding="utf-8")
        text = _glossary_prose(raw) if path.name == "glossary.yml" else raw
        if found := _misused_terms(text):
            offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}


def _h1(path: Path) -> str | None:
    return next(iter(headings(split(path)[1], 1)), None)


def test_list_links_are_labelled_with_the_title_of_the_page_they_open() -> None:
    """«Куда дальше» and similar lists: the label is the page's own title, as the reader sees it there."""
    mismatches = []
    for path in sorted(DOCS.rglob("*.md")):
        for match in re.finditer(r"^\s*[-*] \[([^\]]+)\]\(([^)#\s]+\.md)\)", path.read_text(encoding="utf-8"), re.M):
            target = (path.parent / match.group(2)).resolve()
            if target.is_file() and (title := _h1(target)) and match.group(1) != title:
                mismatches.append(f"{path.relative_to(DOCS)}: «{match.group(1)}» opens «{title}»")
    assert mismatches == []


def test_the_new_forbidden_forms_are_caught() -> None:
    text = "на какую опору опирается; как ответили бы пять птиц; администрирует клиента; по данным источника"
    found = " ".join(_misused_terms(text))
    for form in ("опору", "пять птиц", "администрирует клиента", "по данным источника"):
        assert form in found, form
    assert _misused_terms("диджитал-директор строит стратегию; «пять птиц» в кавычках") == []


AGENCY_PAGES = sorted((DOCS / "agency").glob("*.md"))


@pytest.mark.parametrize("path", AGENCY_PAGES, ids=[p.stem for p in AGENCY_PAGES])
def test_agency_pages_say_their_explanations_are_the_editors(path: Path) -> None:
    """The sources only name the agency's services: the pages explain them, and say so under the title."""
    body = split(path)[1]
    after_title = body.split("\n# ", 1)[1].split("\n## ", 1)[0]
    note = re.search(r'^!!! note "От редакции"\n((?:    .*\n|\n)+)', after_title, re.M)
    assert note, f"{path.name}: no «От редакции» note under the title"
    text = " ".join(note.group(1).split())
    assert "объяснения" in text and "редакци" in text and "../about/sources.md" in text, text


def test_style_page_says_which_facts_come_from_the_sources() -> None:
    style = (DOCS / "about" / "style.md").read_text(encoding="utf-8")
    rule = " ".join(style.split("## Факты и источники", 1)[1].split())
    assert "Все факты сайта взяты из исходных статей" not in rule
    assert "sources.md" in rule and "От редакции" in rule and "глоссарий" in rule


def test_sources_page_names_every_article_and_links_what_it_fed() -> None:
    page = (DOCS / "about" / "sources.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| «") or line.startswith("| Подборка")]
    assert len(rows) >= 8
    for row in rows:
        assert re.search(r"\]\(\.\./[\w/-]+\.md\)", row) or "другая работа" in row, row
    # Only names the sources themselves print.
    assert "Шпирт" in page and "Гаврикова" in page


def test_glossary_explains_the_words_the_agency_pages_use(data: SiteData) -> None:
    names = {t.term for t in data.glossary}
    for term in ("Домен", "Лицензия", "Рассылка", "Охват", "Частота контакта", "Контекстолог"):
        assert term in names, term


# Nouns that meet numbers on the site, with their three forms (1, 2–4, 5 and more).
COUNTED = [("вопрос", "вопроса", "вопросов"), ("пункт", "пункта", "пунктов"), ("балл", "балла", "баллов"),
           ("минута", "минуты", "минут"), ("тема", "темы", "тем"), ("ситуация", "ситуации", "ситуаций")]


def test_numbers_agree_with_the_nouns_they_count(site: Path) -> None:
    """«156 вопросов», «45 вопросов», «1 балл», «3 минуты»: never «124 вопросов» or «2 пунктов»."""
    wrong = []
    for page in sorted(site.rglob("index.html")):
        article = page.read_text(encoding="utf-8").split("<article", 1)[-1].split("</article>", 1)[0]
        text = html.unescape(re.sub(r"<[^>]+>", " ", article))
        for forms in COUNTED:
            pattern = rf"(?<![\d,.–-])(\d+)\s+({'|'.join(sorted(forms, key=len, reverse=True))})\b"
            for number, word in re.findall(pattern, text):
                if word != plural(int(number), *forms):
                    wrong.append(f"{page.relative_to(site).parent}: «{number} {word}»")
    assert wrong == []
