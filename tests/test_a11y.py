"""Accessibility in a real browser: axe-core on every page and every widget state, in the
light and the dark palette; focus rings, target sizes, blocked storage, no JavaScript."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import search_for, tab_to
from conftest import ROOT

from macros.exam.draw import draw
from macros.exam.grading import result_document
from macros.sitedata import SiteData

pytestmark = pytest.mark.browser
AXE = ROOT / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = ["light", "dark"]
# Storage that the browser refuses outright, as with cookies blocked: reading the property throws.
BLOCKED_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});
"""


def violations(page) -> list[str]:
    """axe-core's violations on the page as it stands, one line per element."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
        # Judge the settled state, not a colour halfway through a hover transition.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary}`))"""
    )
    return found


def pages_of(site: Path) -> list[str]:
    """Every page of the built site, as a path under its root."""
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if not rel.startswith(("assets", "search")):
            paths.append("" if rel == "." else f"{rel}/")
    return paths


@pytest.fixture(params=SCHEMES)
def scheme_page(request, browser):
    """A page in one palette, chosen the way a reader's system chooses it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU", color_scheme=request.param)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == []


def test_every_page_has_no_violations(scheme_page, base_url: str, site: Path) -> None:
    paths = pages_of(site)
    assert len(paths) >= 40
    problems = {}
    for path in paths:
        scheme_page.goto(f"{base_url}/{path}")
        found = violations(scheme_page)
        if found:
            problems[path or "/"] = found
    assert problems == {}


def test_the_404_page_has_no_violations(scheme_page, base_url: str) -> None:
    scheme_page.goto(f"{base_url}/404.html")
    assert violations(scheme_page) == []


def test_knowledge_check_in_every_state(scheme_page, base_url: str) -> None:
    page = scheme_page
    page.goto(f"{base_url}/roles/quiz/")
    page.wait_for_selector(".bp-quiz.bp-live")
    assert violations(page) == [], "unanswered"
    questions = page.locator("[data-bp-question]")
    for i in range(questions.count()):
        question = questions.nth(i)
        question.locator("input").first.check()
        question.get_by_role("button", name="Ответить").click()
        if i == 0:
            assert violations(page) == [], "one answered"
    page.wait_for_selector("[data-bp-done]:not([hidden])")
    assert violations(page) == [], "result shown"


def test_self_assessment_in_every_state(scheme_page, base_url: str) -> None:
    page = scheme_page
    bird = SiteData.load(ROOT / "docs", ROOT).bank("bird")
    page.goto(f"{base_url}/quiz/self-assessment/")
    page.wait_for_selector(".bp-quiz.bp-live")
    assert violations(page) == [], "unanswered"
    for n, question in enumerate(bird.questions):
        page.locator(f"[data-bp-question='{question.id}'] input[value='{n % len(question.options)}']").check()
    assert violations(page) == [], "all answered"
    page.get_by_role("button", name="Показать результат").click()
    assert violations(page) == [], "result and review shown"


def test_checklist_in_every_state(scheme_page, base_url: str) -> None:
    page = scheme_page
    page.goto(f"{base_url}/checklists/brief/")
    page.wait_for_selector(".bp-checklist.bp-live")
    assert violations(page) == [], "no run yet"
    field = page.get_by_label("Проект", exact=True)
    field.fill("Лендинг для клиента")
    field.press("Enter")
    page.locator("[data-bp-tick]").first.check()
    assert violations(page) == [], "a run with a tick"
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Сбросить отметки").click()
    assert violations(page) == [], "reset, undo offered"
    page.goto(f"{base_url}/checklists/")
    page.wait_for_selector("[data-bp-runs].bp-live, .bp-runs.bp-live")
    assert violations(page) == [], "the runs list"


def test_exam_and_results_in_every_state(scheme_page, base_url: str, tmp_path: Path) -> None:
    page = scheme_page
    page.goto(f"{base_url}/quiz/exam/?variant=A11Y")
    page.wait_for_selector(".bp-exam.bp-live")
    assert violations(page) == [], "start form"
    page.get_by_label("Имя и фамилия").fill("Анна Смирнова")
    page.get_by_role("button", name="Начать экзамен").click()
    page.wait_for_selector("[data-bp-bar]:not([hidden])")
    page.locator("[data-bp-question]:not([hidden]) input").first.check()
    assert violations(page) == [], "taking the exam"
    page.get_by_role("button", name="Сдать экзамен").click()
    page.wait_for_selector("[data-bp-submit-status]:not(:empty)")
    assert violations(page) == [], "asked to confirm with unanswered questions"
    page.get_by_role("button", name="Сдать экзамен").click()
    page.wait_for_selector("[data-bp-sheet]:not([hidden])")
    assert violations(page) == [], "answer sheet"

    bank = SiteData.load(ROOT / "docs", ROOT).bank("exam")
    answers = {q.id: [0] for q in draw(bank, "A11Y")}
    doc = result_document(bank, "A11Y", answers, candidate="Анна", submitted="2026-11-20T09:10:00.000Z", duration_seconds=600)
    result = tmp_path / "anna.json"
    result.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    page.goto(f"{base_url}/trainer/results/")
    page.wait_for_selector(".bp-results.bp-live")
    assert violations(page) == [], "no files yet"
    page.set_input_files("[data-bp-files]", [str(result), str(tmp_path / "bad.json")])
    page.wait_for_selector("[data-bp-rows] tr")
    assert violations(page) == [], "a merged table and a refused file"


def outline_width(page) -> float:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth); }"""
    )


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("roles/quiz/", "[data-bp-question] input[type=radio]"),
        ("quiz/self-assessment/", "[data-bp-question] input[type=radio]"),
        ("checklists/brief/", "[data-bp-tick]"),
        ("checklists/brief/", "[data-bp-project] input, .bp-project input"),
        ("quiz/exam/", ".bp-exam input[type=text], .bp-exam input:not([type])"),
    ],
)
def test_keyboard_focus_is_visible(page, base_url: str, path: str, selector: str) -> None:
    page.goto(f"{base_url}/{path}")
    page.wait_for_selector(".bp-live")
    tab_to(page, selector, limit=200)
    assert outline_width(page) >= 2, f"no visible focus ring on {selector}"


def test_after_answering_focus_moves_to_the_verdict(page, base_url: str) -> None:
    page.goto(f"{base_url}/roles/quiz/")
    page.wait_for_selector(".bp-quiz.bp-live")
    tab_to(page, "[data-bp-question] input[type=radio]", limit=200)
    page.keyboard.press("Space")
    tab_to(page, "[data-bp-answer]")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.matches('[data-bp-verdict]')")
    assert page.evaluate("() => document.activeElement.textContent").startswith(("Верно", "Неверно", "Частично"))


def test_item_links_are_big_enough_to_hit(page, base_url: str) -> None:
    page.goto(f"{base_url}/checklists/brief/")
    page.wait_for_selector(".bp-checklist.bp-live")
    boxes = page.locator(".bp-item__link").evaluate_all(
        "links => links.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert boxes and all(w >= 24 and h >= 24 for w, h in boxes)


def test_blocked_storage_is_said_once_and_nothing_throws(browser, base_url: str) -> None:
    context = browser.new_context(locale="ru-RU")
    context.add_init_script(BLOCKED_STORAGE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{base_url}/roles/quiz/")
    page.wait_for_selector(".bp-quiz.bp-live")
    notes = page.locator(".bp-nostore")
    assert notes.count() == 1
    assert "пропадут" in notes.inner_text()
    # The quiz still works for this visit.
    question = page.locator("[data-bp-question]").first
    question.locator("input").first.check()
    question.get_by_role("button", name="Ответить").click()
    assert question.locator("[data-bp-verdict]").inner_text() != ""
    # The theme's palette toggle and search work and throw nothing.
    page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
    search_for(page, "бриф")
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    page.goto(f"{base_url}/checklists/")
    assert page.locator(".bp-nostore").count() == 1, "said once on each page with widgets"
    page.goto(f"{base_url}/roles/")
    assert page.locator(".bp-nostore").count() == 1, "a page with «Прочитано» says it too, once"
    page.goto(f"{base_url}/glossary/")
    assert page.locator(".bp-nostore").count() == 0, "pages without widgets say nothing"
    context.close()
    assert errors == []


def test_without_javascript_quizzes_say_they_need_it(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("roles/quiz/", "quiz/self-assessment/"):
        page.goto(f"{base_url}/{path}")
        assert "работает только с включённым JavaScript" in page.locator(".bp-nojs").inner_text()
        assert page.locator(".bp-option input:visible").count() == 0, "no radio buttons that do nothing"
        assert page.locator(".bp-option").first.is_visible(), "the options stay readable"
    context.close()
