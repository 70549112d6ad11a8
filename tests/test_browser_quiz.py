"""Quizzes in a real browser: the widgets fixture site and the real self-assessment."""

from __future__ import annotations

import random

import pytest
from browser import NO_STORAGE, stored, tab_to
from conftest import ROOT

from macros.scoring import axis_scores, classify
from macros.sitedata import SiteData

pytestmark = pytest.mark.browser

SINGLE = "[data-bp-question='single-one']"
MULTI = "[data-bp-question='multi-two']"


def open_knowledge(page, url: str) -> None:
    page.goto(f"{url}/quiz/knowledge/")
    page.wait_for_selector(".bp-quiz.bp-live")


def answer(page, question: str, labels: list[str]) -> None:
    for label in labels:
        page.locator(question).get_by_label(label, exact=True).check()
    page.locator(question).get_by_role("button", name="Ответить").click()


def test_answer_shows_verdict_feedback_and_explanation(page, widgets_url: str) -> None:
    open_knowledge(page, widgets_url)
    question = page.locator(SINGLE)
    assert not question.locator(".bp-explanation").is_visible(), "explanation waits for the answer"
    answer(page, SINGLE, ["Проджект-менеджер"])
    assert question.locator("[data-bp-verdict]").inner_text() == "Неверно: 0 из 1"
    assert question.get_by_text("Нет, он отвечает за проект.").is_visible()
    assert not question.get_by_text("Да.", exact=True).is_visible(), "feedback only for the chosen option"
    assert question.locator(".bp-explanation").is_visible()
    assert question.locator("input").first.is_disabled()
    assert page.locator("[data-bp-count]").inner_text() == "1 из 2"


def test_multiple_choice_gets_partial_credit(page, widgets_url: str) -> None:
    open_knowledge(page, widgets_url)
    answer(page, MULTI, ["Цели"])
    assert page.locator(f"{MULTI} [data-bp-verdict]").inner_text() == "Частично верно: 1 из 2"
    assert not page.get_by_role("button", name="Скопировать итог для тренера").is_visible()
    answer(page, SINGLE, ["Аккаунт-менеджер"])
    assert page.locator("[data-bp-score]").inner_text() == "Итог: 2 из 3 баллов"
    page.get_by_role("button", name="Скопировать итог для тренера").click()
    page.wait_for_function("document.querySelector('[data-bp-done] [data-bp-status]').textContent !== ''")
    assert (
        page.evaluate("navigator.clipboard.readText()") == "Knowledge check — Итог: 2 из 3 баллов\n— вопрос 2: 1 из 2"
    )


def test_hint_opens_on_request(page, widgets_url: str) -> None:
    open_knowledge(page, widgets_url)
    hint = page.locator(f"{SINGLE} .bp-hint")
    assert not hint.get_by_text("Подумайте о").is_visible()
    hint.locator("summary").click()
    assert hint.get_by_text("Подумайте о").is_visible()


def test_reload_restores_answers_and_reset_clears_them(page, widgets_url: str) -> None:
    open_knowledge(page, widgets_url)
    answer(page, SINGLE, ["Аккаунт-менеджер"])
    key = page.evaluate("Object.keys(localStorage).find(k => k.startsWith('bp:quiz:knowledge:'))")
    assert stored(page, key) == {"single-one": [0]}
    page.reload()
    page.wait_for_selector(".bp-quiz.bp-live")
    assert page.locator(SINGLE).get_by_label("Аккаунт-менеджер").is_checked()
    assert page.locator(f"{SINGLE} [data-bp-verdict]").inner_text() == "Верно: 1 из 1"
    assert page.locator("[data-bp-count]").inner_text() == "1 из 2"
    page.get_by_role("button", name="Начать заново").click()
    assert not page.locator(SINGLE).get_by_label("Аккаунт-менеджер").is_checked()
    assert page.locator(f"{SINGLE} [data-bp-verdict]").inner_text() == ""
    assert page.locator("[data-bp-count]").inner_text() == "0 из 2"
    assert stored(page, key) is None
    page.reload()
    page.wait_for_selector(".bp-quiz.bp-live")
    assert not page.locator(SINGLE).get_by_label("Аккаунт-менеджер").is_checked()


def test_stale_answers_of_an_edited_bank_are_not_restored(page, widgets_url: str) -> None:
    open_knowledge(page, widgets_url)
    page.evaluate("localStorage.setItem('bp:quiz:knowledge:oldversion', JSON.stringify({'single-one': [1]}))")
    page.reload()
    page.wait_for_selector(".bp-quiz.bp-live")
    assert not page.locator(SINGLE).get_by_label("Проджект-менеджер").is_checked()


def test_keyboard_alone_completes_the_quiz(page, widgets_url: str) -> None:
    open_knowledge(page, widgets_url)
    tab_to(page, f"{SINGLE} input")
    page.keyboard.press("Space")
    tab_to(page, f"{SINGLE} [data-bp-answer]")
    page.keyboard.press("Enter")
    assert page.locator(f"{SINGLE} [data-bp-verdict]").inner_text() == "Верно: 1 из 1"
    tab_to(page, f"{MULTI} input[value='0']")
    page.keyboard.press("Space")
    tab_to(page, f"{MULTI} input[value='1']")
    page.keyboard.press("Space")
    tab_to(page, f"{MULTI} [data-bp-answer]")
    page.keyboard.press("Enter")
    assert page.locator("[data-bp-score]").inner_text() == "Итог: 3 из 3 баллов"


def test_quiz_works_without_storage_and_just_forgets(context, widgets_url: str) -> None:
    context.add_init_script(NO_STORAGE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_knowledge(page, widgets_url)
    answer(page, SINGLE, ["Аккаунт-менеджер"])
    assert page.locator(f"{SINGLE} [data-bp-verdict]").inner_text() == "Верно: 1 из 1"
    page.reload()
    page.wait_for_selector(".bp-quiz.bp-live")
    assert not page.locator(SINGLE).get_by_label("Аккаунт-менеджер").is_checked()
    assert errors == []


def test_script_in_a_bank_is_shown_as_text(page, widgets_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_knowledge(page, widgets_url)
    assert '<script>alert("x")</script>' in page.locator(f"{SINGLE} .bp-question__text").inner_text()
    assert page.locator(".bp-quiz script").count() == 0
    assert dialogs == []


def test_without_javascript_questions_and_explanations_are_readable(browser, widgets_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{widgets_url}/quiz/knowledge/")
    assert page.get_by_text("Кто отвечает за отношения с клиентом?").is_visible()
    assert page.get_by_text("Аккаунт-менеджер", exact=True).is_visible()
    assert page.locator(f"{SINGLE} .bp-explanation").is_visible()
    assert not page.get_by_role("button", name="Ответить").first.is_visible(), "controls need JavaScript"
    context.close()


def test_instant_navigation_in_and_out_keeps_widgets_working(page, widgets_url: str) -> None:
    page.goto(f"{widgets_url}/")
    page.evaluate("window.__noReload = true")
    page.get_by_role("link", name="Knowledge").first.click()
    page.wait_for_selector(".bp-quiz.bp-live")
    answer(page, SINGLE, ["Аккаунт-менеджер"])
    assert page.locator(f"{SINGLE} [data-bp-verdict]").inner_text() == "Верно: 1 из 1"
    page.get_by_role("link", name="Home").first.click()
    page.wait_for_url(f"{widgets_url}/")
    page.get_by_role("link", name="Scale").first.click()
    page.wait_for_selector(".bp-quiz.bp-live[data-bp-quiz='scale']")
    page.locator("[data-bp-question='q1']").get_by_label("Экспертно").check()
    page.locator("[data-bp-question='q2']").get_by_label("Экспертно").check()
    assert "«Эксперт»" in page.locator("[data-bp-verdict-title]").inner_text()
    page.go_back()
    page.go_back()
    page.wait_for_selector(".bp-quiz.bp-live[data-bp-quiz='knowledge']")
    assert page.locator(f"{SINGLE} [data-bp-verdict]").inner_text() == "Верно: 1 из 1"
    assert page.evaluate("window.__noReload === true"), "navigation must not reload the page"


# The real self-assessment «Какая вы птица?».


@pytest.fixture(scope="module")
def bird():
    return SiteData.load(ROOT / "docs", ROOT).bank("bird")


def take_self_assessment(page, base_url: str, bird, pick) -> dict[str, int]:
    page.goto(f"{base_url}/quiz/self-assessment/")
    page.wait_for_selector(".bp-quiz.bp-live")
    answers = {}
    for question in bird.questions:
        index = pick(question)
        answers[question.id] = index
        page.locator(f"[data-bp-question='{question.id}'] input[value='{index}']").check()
    return answers


def ideal_option(question) -> int:
    return max(range(len(question.options)), key=lambda i: sum(question.options[i].weights.values()))


def test_self_assessment_names_a_subtype_and_draws_the_chart(page, base_url: str, bird) -> None:
    take_self_assessment(page, base_url, bird, ideal_option)
    title = page.locator("[data-bp-verdict-title]").inner_text()
    assert title.startswith("Ваш результат: «Синяя птица»")
    assert page.locator("[data-bp-chart]").is_visible()
    widths = page.locator(".bp-axis__fill").evaluate_all("els => els.map(e => e.style.width)")
    assert widths == ["100%", "100%", "100%"]
    shown = page.locator(".bp-result:visible")
    assert shown.count() == 1 and "Синяя птица" in shown.inner_text()
    assert page.get_by_text("не для решений о найме").is_visible()
    page.get_by_role("button", name="Скопировать итог для тренера").click()
    page.wait_for_function("document.querySelector('[data-bp-done] [data-bp-status]').textContent !== ''")
    summary = page.evaluate("navigator.clipboard.readText()").splitlines()
    assert summary[0] == "Какая вы птица? — Ваш результат: «Синяя птица»"
    assert summary[1:] == [f"— {axis.name}: 100 %" for axis in bird.axes]


def test_self_assessment_fits_a_phone_screen(browser, base_url: str, bird) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    take_self_assessment(page, base_url, bird, ideal_option)
    assert page.locator("[data-bp-chart]").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    context.close()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_browser_and_python_agree_on_the_subtype(page, base_url: str, bird, seed: int) -> None:
    rng = random.Random(seed)
    answers = take_self_assessment(page, base_url, bird, lambda q: rng.randrange(len(q.options)))
    best, near = classify(bird, axis_scores(bird, answers))
    expected = f"Ваш результат: «{best.name}»" + (f". Близко к нему: «{near.name}»" if near else "")
    assert page.locator("[data-bp-verdict-title]").inner_text() == expected


def test_self_assessment_survives_reload(page, base_url: str, bird) -> None:
    take_self_assessment(page, base_url, bird, ideal_option)
    page.reload()
    page.wait_for_selector(".bp-quiz.bp-live")
    assert page.locator("[data-bp-count]").inner_text() == f"{len(bird.questions)} из {len(bird.questions)}"
    assert "«Синяя птица»" in page.locator("[data-bp-verdict-title]").inner_text()
