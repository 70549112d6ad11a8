"""Quizzes in a real browser: the widgets fixture site and the real self-assessment."""

from __future__ import annotations

import random

import pytest
from browser import NO_STORAGE, stored, tab_to
from conftest import ROOT

from macros.scoring import classify, human
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
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Начать заново").click()
    assert page.locator(SINGLE).get_by_label("Аккаунт-менеджер").is_checked(), "nothing is lost without a yes"
    assert stored(page, key) == {"single-one": [0]}
    page.once("dialog", lambda dialog: dialog.accept())
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
    # The widget carries no script; the bank's text added none.
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
    for n in range(1, 6):
        page.locator(f"[data-bp-question='q{n}']").get_by_label(f"Экспертно {n}").check()
    page.get_by_role("button", name="Показать результат").click()
    assert page.locator("[data-bp-verdict-title]").inner_text() == "Ваш результат: «Эксперт»"
    page.go_back()
    page.go_back()
    page.wait_for_selector(".bp-quiz.bp-live[data-bp-quiz='knowledge']")
    assert page.locator(f"{SINGLE} [data-bp-verdict]").inner_text() == "Верно: 1 из 1"
    assert page.evaluate("window.__noReload === true"), "navigation must not reload the page"


def test_one_question_can_be_answered_again(page, widgets_url: str) -> None:
    open_knowledge(page, widgets_url)
    answer(page, SINGLE, ["Проджект-менеджер"])
    answer(page, MULTI, ["Цели", "Аудитория"])
    page.locator(SINGLE).get_by_role("button", name="Ответить на этот вопрос заново").click()
    assert page.locator(f"{SINGLE} [data-bp-verdict]").inner_text() == ""
    assert page.locator(SINGLE).locator("input").first.is_enabled()
    assert page.locator("[data-bp-count]").inner_text() == "1 из 2"
    assert page.locator(f"{MULTI} [data-bp-verdict]").inner_text() == "Верно: 2 из 2", "other answers stay"
    answer(page, SINGLE, ["Аккаунт-менеджер"])
    assert page.locator("[data-bp-score]").inner_text() == "Итог: 3 из 3 баллов"


def test_multiple_answer_rule_is_stated_at_the_question(page, widgets_url: str) -> None:
    open_knowledge(page, widgets_url)
    rule = page.locator(f"{MULTI} .bp-question__rule")
    assert rule.is_visible() and "отметить всё подряд значит получить ноль" in rule.inner_text()
    assert page.locator(f"{SINGLE} .bp-question__rule").count() == 0


def test_scores_are_rounded_alike_in_python_and_the_browser(page, widgets_url: str) -> None:
    open_knowledge(page, widgets_url)
    sums = [2 / 3, 7 + 2 / 3, 0.1 + 0.2, 1.005, 46.995, 1.5, 53, 0, 1 / 3 + 1 / 3 + 1 / 3, 12.345]
    assert page.evaluate("xs => xs.map(window.bp.human)", sums) == [human(x) for x in sums]


# The real self-assessment «Какая вы птица?».

SUBTYPE_NAMES = ("Синяя птица", "Синей птицы", "Обслуга", "Формалист", "Знайк", "Хорошие ребята")


@pytest.fixture(scope="module")
def bird():
    return SiteData.load(ROOT / "docs", ROOT).bank("bird")


def option_of(question, subtype: str) -> int:
    return next(i for i, o in enumerate(question.options) if o.subtype == subtype)


def take_self_assessment(page, base_url: str, bird, pick, show: bool = True) -> dict[str, int]:
    page.goto(f"{base_url}/quiz/self-assessment/")
    page.wait_for_selector(".bp-quiz.bp-live")
    answers = {}
    for question in bird.questions:
        index = pick(question)
        answers[question.id] = index
        page.locator(f"[data-bp-question='{question.id}'] input[value='{index}']").check()
    if show:
        page.get_by_role("button", name="Показать результат").click()
    return answers


def like(*mix: tuple[str, int]):
    """A picker answering the first situations as the first subtype, and so on."""
    plan = iter([subtype for subtype, count in mix for _ in range(count)])
    return lambda question: option_of(question, next(plan))


def widget_text(page) -> str:
    """All text of the widget, hidden parts included: what a reader could find in it."""
    return page.locator(".bp-quiz").text_content()


def test_nothing_names_a_subtype_until_the_result_is_asked_for(page, base_url: str, bird) -> None:
    take_self_assessment(page, base_url, bird, lambda q: option_of(q, "obsluga"), show=False)
    text = widget_text(page)
    assert [name for name in SUBTYPE_NAMES if name in text] == []
    assert page.locator(".bp-quiz [data-bp-result]").count() == 0
    assert page.locator(".bp-quiz a[href*='situations']").count() == 0, "no link to the key before the result"
    assert page.locator("[data-bp-outcome]").is_hidden()
    page.get_by_role("button", name="Показать результат").click()
    assert page.locator("[data-bp-verdict-title]").inner_text() == "Ваш результат: «Обслуга»"


def test_result_card_comes_first_and_the_close_second_after_it(page, base_url: str, bird) -> None:
    take_self_assessment(page, base_url, bird, like(("znayki", 8), ("good-guys", 7), ("blue-bird", 2)))
    assert page.locator("[data-bp-verdict-title]").inner_text() == "Ваш результат: «Знайки»"
    assert page.locator("[data-bp-second-line]").inner_text() == "Близко к нему: «Хорошие ребята»."
    cards = page.locator("[data-bp-cards] [data-bp-result]")
    assert cards.evaluate_all("els => els.map(e => e.dataset.bpResult)") == ["znayki", "good-guys"]
    assert cards.locator("[data-bp-tag]").all_inner_texts() == ["ВАШ РЕЗУЛЬТАТ", "БЛИЗКИЙ РЕЗУЛЬТАТ"]
    assert "«Знайки» — 8 из 17" in page.locator("[data-bp-counts]").inner_text()


def test_mostly_znayka_with_a_few_ideal_answers_is_told_znayka(page, base_url: str, bird) -> None:
    take_self_assessment(page, base_url, bird, like(("blue-bird", 5), ("znayki", 10), ("good-guys", 2)))
    assert page.locator("[data-bp-verdict-title]").inner_text() == "Ваш результат: «Знайки»"


def test_answers_change_until_the_result_then_stay(page, base_url: str, bird) -> None:
    answers = take_self_assessment(page, base_url, bird, lambda q: option_of(q, "formalists"), show=False)
    first = bird.questions[0]
    assert not page.locator(f"[data-bp-question='{first.id}'] .bp-feedback").count()
    page.locator(f"[data-bp-question='{first.id}'] input[value='{option_of(first, 'znayki')}']").check()
    page.get_by_role("button", name="Показать результат").click()
    assert page.locator(f"[data-bp-question='{first.id}'] input").first.is_disabled()
    assert page.get_by_role("button", name="Показать результат").is_hidden()
    assert len(answers) == len(bird.questions)


def test_review_shows_each_answer_the_ideal_answer_and_a_link(page, base_url: str, bird) -> None:
    take_self_assessment(page, base_url, bird, lambda q: option_of(q, "good-guys"))
    items = page.locator("[data-bp-review] > li")
    assert items.count() == len(bird.questions)
    first = items.first
    assert first.locator("[data-bp-mine]").inner_text().strip()
    assert "Подтип этого ответа: «Хорошие ребята»." in first.inner_text()
    assert "Как ответила бы «Синяя птица»" in first.inner_text()
    link = first.get_by_role("link", name="разбор ситуации")
    assert link.get_attribute("href").endswith(bird.questions[0].link.split("#")[1])


def test_start_again_asks_first(page, base_url: str, bird) -> None:
    take_self_assessment(page, base_url, bird, lambda q: option_of(q, "znayki"))
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Пройти заново").click()
    assert page.locator("[data-bp-verdict-title]").inner_text() == "Ваш результат: «Знайки»"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Пройти заново").click()
    assert page.locator("[data-bp-outcome]").is_hidden()
    assert page.locator(".bp-self input:checked").count() == 0
    assert page.locator(".bp-self input").first.is_enabled()


def test_self_assessment_fits_a_phone_screen(browser, base_url: str, bird) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    take_self_assessment(page, base_url, bird, lambda q: option_of(q, "blue-bird"))
    assert page.locator(".bp-chart").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    widths = page.locator(".bp-axis__fill").evaluate_all("els => els.map(e => e.style.width)")
    assert widths == ["100%", "100%", "100%"]
    assert page.locator(".bp-axis__value").all_inner_texts() == ["100 %"] * 3
    context.close()


def test_browser_and_python_agree_on_200_random_answer_sets(page, base_url: str, bird) -> None:
    page.goto(f"{base_url}/quiz/self-assessment/")
    page.wait_for_selector(".bp-quiz.bp-live")
    rng = random.Random(9)
    ids = [r.id for r in bird.results]
    sets = [[rng.choice(ids) for _ in bird.questions] for _ in range(200)]
    # Skewed sets too, so the ideal's threshold and ties are crossed often.
    sets += [[rng.choice(ids[:1] * 6 + ids) for _ in bird.questions] for _ in range(100)]
    browser_says = page.evaluate(
        """sets => {
            const cfg = JSON.parse(document.querySelector('[data-bp-quiz="bird"]').dataset.bpConfig);
            return sets.map((s) => window.bp.classify(cfg, s).map((r) => r && r.id));
        }""",
        sets,
    )
    python_says = [[r and r.id for r in classify(bird, chosen)] for chosen in sets]
    assert browser_says == python_says


def test_self_assessment_survives_reload(page, base_url: str, bird) -> None:
    take_self_assessment(page, base_url, bird, lambda q: option_of(q, "blue-bird"))
    page.reload()
    page.wait_for_selector(".bp-quiz.bp-live")
    assert page.locator("[data-bp-count]").inner_text() == f"{len(bird.questions)} из {len(bird.questions)}"
    assert page.locator("[data-bp-verdict-title]").inner_text() == "Ваш результат: «Синяя птица»"
    page.get_by_role("button", name="Скопировать итог для тренера").click()
    page.wait_for_function("document.querySelector('[data-bp-done] [data-bp-status]').textContent !== ''")
    summary = page.evaluate("navigator.clipboard.readText()").splitlines()
    assert summary[0] == "Какая вы птица? — Ваш результат: «Синяя птица»"
    assert summary[2:] == [f"— {axis.name}: 100 %" for axis in bird.axes]


def test_garbage_in_storage_changes_nothing(page, base_url: str, bird) -> None:
    page.goto(f"{base_url}/quiz/self-assessment/")
    page.evaluate(
        "v => localStorage.setItem(`bp:quiz:bird:${v}`, JSON.stringify({answers: {'sunday-price': '<b>x</b>'}, shown: true}))",
        bird.version,
    )
    page.reload()
    page.wait_for_selector(".bp-quiz.bp-live")
    assert page.locator(".bp-self input:checked").count() == 0
    assert page.locator("[data-bp-outcome]").is_hidden()


# Knowledge checks of the real site.


@pytest.mark.parametrize("page_path", ["roles/quiz/", "clients/quiz/", "checklists/quiz/"])
def test_always_the_first_option_gets_at_most_a_third_right(page, base_url: str, page_path: str) -> None:
    page.goto(f"{base_url}/{page_path}")
    page.wait_for_selector(".bp-quiz.bp-live")
    questions = page.locator("[data-bp-question]")
    total = questions.count()
    assert total >= 12
    for n in range(total):
        question = questions.nth(n)
        question.locator("input").first.check()
        question.get_by_role("button", name="Ответить").click()
    verdicts = page.locator("[data-bp-verdict]").all_inner_texts()
    right = sum(1 for v in verdicts if v.startswith("Верно"))
    assert right <= total / 3, f"{right} of {total} right by always picking the first option"


def test_option_order_is_the_same_on_every_visit(page, base_url: str) -> None:
    page.goto(f"{base_url}/roles/quiz/")
    page.wait_for_selector(".bp-quiz.bp-live")
    read = "els => els.map(e => e.dataset.bpOption).join()"
    before = page.locator("[data-bp-option]").evaluate_all(read)
    page.reload()
    page.wait_for_selector(".bp-quiz.bp-live")
    assert page.locator("[data-bp-option]").evaluate_all(read) == before
    assert before != ",".join(str(i) for i in range(len(before.split(",")))), "options are shuffled"


def test_questions_off_screen_wait_until_near_yet_all_print(page, base_url: str) -> None:
    """Questions below the fold skip rendering until scrolled near (css/widgets.css), which
    must never cost a reader a question: scrolled to, found, focused or printed, each shows."""
    page.set_viewport_size({"width": 412, "height": 800})
    page.goto(f"{base_url}/quiz/self-assessment/")
    page.wait_for_selector("[data-bp-quiz].bp-live")
    # A skipped question's own box stays (its remembered height); what it skips is its content.
    rendered = "els => els.map(e => e.checkVisibility({contentVisibilityAuto: true}))"
    shown = page.eval_on_selector_all(".bp-question fieldset", rendered)
    assert shown[0] and not shown[-1], "the last question waits while the first is on screen"
    last = page.locator(".bp-question").last
    last.locator("input").first.focus()
    assert last.locator("fieldset").evaluate("e => e.checkVisibility({contentVisibilityAuto: true})"), "focus brings it"
    page.goto(f"{base_url}/quiz/self-assessment/")
    page.wait_for_selector("[data-bp-quiz].bp-live")
    page.emulate_media(media="print")
    assert all(page.eval_on_selector_all(".bp-question fieldset", rendered)), "a printout has every question"
