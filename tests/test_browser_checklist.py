"""Checklists in a real browser: ticks per project, permalinks, copy, keyboard, print."""

from __future__ import annotations

import io
import re

import pytest
from browser import stored, tab_to
from conftest import ROOT
from pypdf import PdfReader

from macros.checklists import to_markdown
from macros.sitedata import SiteData

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def brief():
    return SiteData.load(ROOT / "docs", ROOT).checklist("brief")


def open_brief(page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}/checklists/brief/{query}")
    page.wait_for_selector(".bp-checklist.bp-live")


def tick(page, item_id: str) -> None:
    page.locator(f"[data-bp-item='{item_id}'] [data-bp-tick]").check()


def is_ticked(page, item_id: str) -> bool:
    return page.locator(f"[data-bp-item='{item_id}'] [data-bp-tick]").is_checked()


def choose_project(page, name: str) -> None:
    field = page.get_by_label("Проект", exact=True)
    field.fill(name)
    field.press("Enter")
    field.blur()


def test_tick_survives_reload(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    first, second = brief.items[0].id, brief.items[1].id
    tick(page, first)
    assert page.locator("[data-bp-count]").inner_text() == f"1 из {len(brief.items)}"
    page.reload()
    page.wait_for_selector(".bp-checklist.bp-live")
    assert is_ticked(page, first) and not is_ticked(page, second)
    assert page.locator("[data-bp-count]").inner_text() == f"1 из {len(brief.items)}"


def test_two_projects_keep_separate_ticks(page, base_url: str, brief) -> None:
    first, second = brief.items[0].id, brief.items[1].id
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    tick(page, first)
    choose_project(page, "Beta — магазин")
    assert not is_ticked(page, first)
    tick(page, second)
    assert "project=beta-%D0%BC%D0%B0%D0%B3%D0%B0%D0%B7%D0%B8%D0%BD" in page.url
    choose_project(page, "Acme — лендинг")
    assert is_ticked(page, first) and not is_ticked(page, second)
    assert stored(page, "bp:ticks:brief:acme-лендинг") == [first]
    assert stored(page, "bp:ticks:brief:beta-магазин") == [second]
    page.get_by_role("button", name="Сбросить отметки проекта").click()
    assert not is_ticked(page, first)
    assert stored(page, "bp:ticks:brief:beta-магазин") == [second], "reset touches one project only"


def test_project_in_the_url_is_selected(page, base_url: str, brief) -> None:
    open_brief(page, base_url, "?project=acme-landing")
    assert page.get_by_label("Проект", exact=True).input_value() == "acme-landing"
    tick(page, brief.items[2].id)
    assert stored(page, "bp:ticks:brief:acme-landing") == [brief.items[2].id]
    open_brief(page, base_url)  # no project in the URL: the last one used comes back
    assert page.get_by_label("Проект", exact=True).input_value() == "acme-landing"
    assert is_ticked(page, brief.items[2].id)


def test_item_permalink_scrolls_to_and_highlights_the_item(page, base_url: str, brief) -> None:
    target = brief.items[-1]
    page.goto(f"{base_url}/checklists/brief/#{target.id}")
    page.wait_for_selector(".bp-checklist.bp-live")
    item = page.locator(f"[data-bp-item='{target.id}']")
    assert "is-target" in item.get_attribute("class")
    assert item.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert page.locator(".bp-item.is-target").count() == 1
    link = page.locator(f"[data-bp-item='{brief.items[0].id}'] .bp-item__link")
    assert link.get_attribute("href").endswith(f"/checklists/brief/#{brief.items[0].id}")
    link.click()
    page.wait_for_function(f"location.hash === '#{brief.items[0].id}'")
    page.wait_for_selector(f"[data-bp-item='{brief.items[0].id}'].is-target")
    assert page.locator(".bp-item.is-target").count() == 1
    # The clipboard is written asynchronously; instant navigation may also re-render the page.
    expected = f"{base_url}/checklists/brief/#{brief.items[0].id}"
    page.wait_for_function("url => navigator.clipboard.readText().then(text => text === url)", arg=expected)


def test_copy_as_markdown_gives_the_expected_task_list(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    ticked = [brief.items[0].id, brief.items[3].id]
    for item_id in ticked:
        tick(page, item_id)
    page.get_by_role("button", name="Скопировать как Markdown").click()
    page.wait_for_function("document.querySelector('[data-bp-status]').textContent.includes('скопирован')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == to_markdown(brief, f"{base_url}/checklists/brief/", "Acme — лендинг", ticked)
    lines = copied.splitlines()
    assert lines[0] == "### Чек-лист брифа — Acme — лендинг"
    assert all(
        re.match(
            r"^- \[[ x]\] \S.*\(\[ссылка\]\(http://127\.0\.0\.1:\d+/checklists/brief/\?project=[^ )]+#[a-z0-9-]+\)\)$",
            line,
        )
        for line in lines[2:]
    )


def test_keyboard_alone_ticks_and_switches_project(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    tab_to(page, "[data-bp-project]")
    page.keyboard.type("Гамма")
    page.keyboard.press("Enter")
    tab_to(page, f"[data-bp-item='{brief.items[0].id}'] [data-bp-tick]")
    page.keyboard.press("Space")
    assert is_ticked(page, brief.items[0].id)
    tab_to(page, f"[data-bp-item='{brief.items[0].id}'] .bp-why summary")
    page.keyboard.press("Enter")
    assert page.locator(f"[data-bp-item='{brief.items[0].id}'] .bp-why").get_attribute("open") is not None
    assert stored(page, "bp:ticks:brief:гамма") == [brief.items[0].id]


def test_instant_navigation_in_and_out_keeps_the_checklist_working(page, base_url: str, brief) -> None:
    page.goto(f"{base_url}/checklists/")
    page.evaluate("window.__noReload = true")
    page.locator("article").get_by_role("link", name="Чек-лист брифа").first.click()
    page.wait_for_selector(".bp-checklist.bp-live[data-bp-checklist='brief']")
    tick(page, brief.items[1].id)
    page.go_back()
    page.wait_for_url(f"{base_url}/checklists/")
    page.go_forward()
    page.wait_for_selector(".bp-checklist.bp-live[data-bp-checklist='brief']")
    assert is_ticked(page, brief.items[1].id)
    tick(page, brief.items[2].id)
    assert page.locator("[data-bp-count]").inner_text() == f"2 из {len(brief.items)}"
    assert page.evaluate("window.__noReload === true"), "navigation must not reload the page"


def test_without_javascript_the_checklist_is_a_readable_list(browser, base_url: str, brief) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/checklists/brief/")
    for item in brief.items:
        assert page.locator(f"[data-bp-item='{item.id}']").is_visible()
    assert not page.get_by_role("button", name="Скопировать как Markdown").is_visible()
    context.close()


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain(markdown: str) -> str:
    return normalise(re.sub(r"[*_`]", "", markdown))


def test_printed_checklist_has_every_item_and_no_navigation(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    tick(page, brief.items[0].id)
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = normalise(" ".join(p.extract_text() for p in reader.pages))
    for item in brief.items:
        assert plain(item.text) in text, f"item '{item.id}' missing from the printout"
    # The reasons are printed too, even though they are closed on screen.
    assert plain(brief.items[0].why.split(".")[0]) in text
    assert text.startswith(brief.title), "the sheet starts with the checklist, not the site's chrome"
    for chrome in ("Сбросить отметки проекта", "Распечатать", "Глоссарий", "Поиск", "Куда дальше", "Зачем и как"):
        assert chrome not in text, f"'{chrome}' should not be printed"
