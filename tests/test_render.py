"""Golden HTML for the widget renderer: tests/golden/*.html, regenerate with UPDATE_GOLDEN=1."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from macros.exam.page import unseal
from macros.render import MarkdownText, Renderer, plural, points
from macros.sitedata import SiteData

HERE = Path(__file__).parent
FIXTURE = HERE / "sites" / "widgets"
GOLDEN = HERE / "golden"


@pytest.fixture(scope="module")
def data() -> SiteData:
    return SiteData.load(FIXTURE / "docs", FIXTURE)


@pytest.fixture(scope="module")
def renderer(data: SiteData) -> Renderer:
    text = MarkdownText(["abbr", "attr_list", "md_in_html", "toc"], {})
    return Renderer(text, data.docs)


def assert_golden(name: str, html: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        path.write_text(html, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), html.splitlines(True), "golden", "rendered"))
    assert html == expected, f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept):\n{diff}"


def test_knowledge_quiz_golden(data: SiteData, renderer: Renderer) -> None:
    assert_golden("quiz-knowledge.html", renderer.quiz(data.bank("knowledge"), "quiz/knowledge/"))


def test_scale_quiz_golden(data: SiteData, renderer: Renderer) -> None:
    assert_golden("quiz-scale.html", renderer.quiz(data.bank("scale"), "quiz/scale/"))


def test_checklist_golden(data: SiteData, renderer: Renderer) -> None:
    assert_golden("checklist-demo.html", renderer.checklist(data.checklist("demo"), "checklists/demo/"))


def test_raw_html_in_a_bank_is_text_not_markup(data: SiteData, renderer: Renderer) -> None:
    html = renderer.quiz(data.bank("knowledge"), "quiz/knowledge/")
    assert "<script>alert" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html or '&lt;script&gt;alert("x")&lt;/script&gt;' in html
    )
    checklist = renderer.checklist(data.checklist("demo"), "checklists/demo/")
    assert "<b>bold?</b>" not in checklist and "&lt;b&gt;bold?&lt;/b&gt;" in checklist


def test_markdown_in_bank_text_is_rendered(data: SiteData, renderer: Renderer) -> None:
    html = renderer.quiz(data.bank("knowledge"), "quiz/knowledge/")
    assert "<strong>себя</strong>" in html and "<em>клиенте</em>" in html


def test_links_are_relative_to_the_page(data: SiteData, renderer: Renderer) -> None:
    html = renderer.quiz(data.bank("knowledge"), "quiz/knowledge/")
    assert '<a href="../../#теория">Fixture</a>' in html
    assert '<a href="../../checklists/demo/#materials">Демо-чек-лист</a>' in html


def test_widget_html_has_no_blank_lines() -> None:
    # A blank line inside a raw HTML block would hand the rest back to Markdown.
    for golden in GOLDEN.glob("*.html"):
        assert "\n\n" not in golden.read_text(encoding="utf-8"), golden.name


@pytest.mark.parametrize(
    ("count", "word"), [(1, "пункт"), (3, "пункта"), (5, "пунктов"), (11, "пунктов"), (21, "пункт"), (22, "пункта")]
)
def test_russian_plural(count: int, word: str) -> None:
    assert plural(count, "пункт", "пункта", "пунктов") == word


def test_points_read_naturally() -> None:
    assert [points(1), points(2), points(5), points(0.5)] == ["1 балл", "2 балла", "5 баллов", "0,5 балла"]


def exam_fixture() -> tuple[SiteData, Renderer]:
    exam_docs = HERE / "sites" / "exam" / "docs"
    data = SiteData.load(exam_docs, exam_docs.parent)
    return data, Renderer(MarkdownText(["abbr", "attr_list", "md_in_html", "toc"], {}), data.docs)


def test_exam_golden_carries_no_readable_answers() -> None:
    data, renderer = exam_fixture()
    html = renderer.exam(data.exam_bank("exam"), "quiz/exam/")
    assert_golden("exam-fixture.html", html)
    assert "data-bp-correct" not in html and "Пояснение к вопросу" not in html and "секрет" not in html
    # The key stays on the results page, which the exam names relative to itself.
    assert "data-bp-key=" not in html and 'data-bp-key-from="../../trainer/results/"' in html
    bank = data.exam_bank("exam")
    results = renderer.exam_results(bank, "trainer/results/")
    assert_golden("exam-results-fixture.html", results)
    sealed = re.search(r'data-bp-key="([^"]+)"', results).group(1)
    opened = unseal(sealed, bank.version)["questions"]
    assert [q["correct"] for q in opened] == [[i for i, o in enumerate(q.options) if o.correct] for q in bank.questions]
    assert opened[0]["explanation"] == "<p>Пояснение к вопросу alpha-1 — секрет.</p>"
    assert opened[0]["link"] == "../../#теория", "links in the key are relative to the page that carries it"


def test_an_exam_carries_its_own_key_without_a_results_page_or_from_disk() -> None:
    data, renderer = exam_fixture()
    timed = data.exam_bank("timed")
    assert data.docs.page_calling("exam_results", "timed") is None
    html = renderer.exam(timed, "quiz/timed/")
    assert unseal(re.search(r'data-bp-key="([^"]+)"', html).group(1), timed.version)["questions"]
    offline = Renderer(MarkdownText(["toc"], {}), data.docs, False, keys_inline=True)
    html = offline.exam(data.exam_bank("exam"), "quiz/exam.html")
    assert "data-bp-key-from" not in html
    opened = unseal(re.search(r'data-bp-key="([^"]+)"', html).group(1), data.exam_bank("exam").version)["questions"]
    assert opened[0]["link"] == "../index.html#теория", "relative to the exam page itself"

