"""Checklists in a real browser: runs per project, permalinks, copy formats, hand-over, print."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import quote

import pytest
from browser import stored, tab_to
from conftest import ROOT
from pypdf import PdfReader

from macros.runs import FORMATS, Run, read_run
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
    assert list(stored(page, "bp:ticks:brief:acme-лендинг")) == [first]
    assert list(stored(page, "bp:ticks:brief:beta-магазин")) == [second]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Сбросить отметки").click()
    assert not is_ticked(page, first)
    assert list(stored(page, "bp:ticks:brief:beta-магазин")) == [second], "reset touches one project only"


def test_a_shared_link_shows_the_project_by_its_name(page, base_url: str, brief) -> None:
    open_brief(page, base_url, f"?project=acme-лендинг&name={quote('Acme — лендинг')}")
    assert page.get_by_label("Проект", exact=True).input_value() == "Acme — лендинг"
    tick(page, brief.items[2].id)
    assert list(stored(page, "bp:ticks:brief:acme-лендинг")) == [brief.items[2].id]
    open_brief(page, base_url)  # no project in the URL: the last one used comes back
    assert page.get_by_label("Проект", exact=True).input_value() == "Acme — лендинг"
    assert is_ticked(page, brief.items[2].id)
    # An old link without a name still opens the project, under its slug.
    open_brief(page, base_url, "?project=old-link")
    assert page.get_by_label("Проект", exact=True).input_value() == "old-link"


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


@pytest.mark.parametrize("fmt", ["markdown", "jira", "text"])
def test_each_copy_format_matches_the_python_text(page, base_url: str, brief, fmt: str) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    ticked = [brief.items[0].id, brief.items[3].id]
    for item_id in ticked:
        tick(page, item_id)
    page.locator("[data-bp-format]").select_option(fmt)
    page.get_by_role("button", name="Скопировать список").click()
    page.wait_for_function("document.querySelector('[data-bp-status]').textContent.includes('скопирован')")
    copied = page.evaluate("navigator.clipboard.readText()")
    run = Run("brief", "Acme — лендинг", dict.fromkeys(ticked))
    assert copied == FORMATS[fmt](brief, run, f"{base_url}/checklists/brief/")
    if fmt == "markdown":
        assert copied.splitlines()[0] == "### Чек-лист брифа — Acme — лендинг"
        link = r"\(\[ссылка\]\(http://127\.0\.0\.1:\d+/checklists/brief/\?project=[^ )]+&name=[^ )]+#[a-z0-9-]+\)\)$"
        assert all(re.match(r"^- \[[ x]\] \S.* " + link, line) for line in copied.splitlines()[2:])
    if fmt == "jira":
        assert copied.startswith("h3. ") and "* (/) " in copied and "* ☐ " in copied and "(x)" not in copied


def test_item_link_carries_the_run_and_copies_without_reloading(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    item = brief.items[4]
    link = page.locator(f"[data-bp-item='{item.id}'] .bp-item__link")
    href = link.get_attribute("href")
    assert "project=acme-" in href and "name=" in href and href.endswith(f"#{item.id}")
    page.locator(f"[data-bp-item='{brief.items[0].id}'] .bp-why summary").click()
    page.evaluate("window.__noReload = true")
    link.click()
    page.wait_for_function("document.querySelector('[data-bp-status]').textContent === 'Ссылка на пункт скопирована.'")
    assert page.evaluate("window.__noReload === true"), "the first click must not reload the page"
    assert page.locator(f"[data-bp-item='{brief.items[0].id}'] .bp-why").get_attribute("open") is not None
    assert page.evaluate("navigator.clipboard.readText()") == href
    assert page.locator(f"[data-bp-item='{item.id}']").get_attribute("class").count("is-target") == 1


def test_denied_clipboard_leaves_a_box_until_closed(context, base_url: str, brief) -> None:
    context.clear_permissions()
    page = context.new_page()
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'))")
    open_brief(page, base_url)
    page.get_by_role("button", name="Скопировать список").click()
    box = page.locator(".bp-checklist .bp-fallback textarea")
    box.wait_for()
    assert box.input_value().startswith("### Чек-лист брифа")
    tick(page, brief.items[0].id)  # later messages do not wipe the box
    assert box.is_visible()
    page.locator(".bp-fallback").get_by_role("button", name="Закрыть").click()
    assert page.locator(".bp-fallback").count() == 0


def test_rename_and_delete_a_run(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    tick(page, brief.items[0].id)
    page.once("dialog", lambda dialog: dialog.accept("Acme — сайт"))
    page.get_by_role("button", name="Переименовать").click()
    assert page.get_by_label("Проект", exact=True).input_value() == "Acme — сайт"
    assert stored(page, "bp:ticks:brief:acme-лендинг") is None
    assert list(stored(page, "bp:ticks:brief:acme-сайт")) == [brief.items[0].id]
    assert is_ticked(page, brief.items[0].id)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Удалить").click()
    assert is_ticked(page, brief.items[0].id), "nothing is deleted without a yes"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Удалить").click()
    assert stored(page, "bp:ticks:brief:acme-сайт") is None
    assert "acme-сайт" not in (stored(page, "bp:projects") or {})


def test_names_that_would_merge_are_refused(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    tick(page, brief.items[0].id)
    choose_project(page, "ACME лендинг")
    assert "совпадает с «Acme — лендинг»" in page.locator("[data-bp-status]").inner_text()
    assert page.get_by_label("Проект", exact=True).input_value() == "Acme — лендинг"
    assert is_ticked(page, brief.items[0].id)


def test_reset_asks_and_can_be_undone(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    tick(page, brief.items[0].id)
    tick(page, brief.items[1].id)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Сбросить отметки").click()
    assert is_ticked(page, brief.items[0].id)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Сбросить отметки").click()
    assert not is_ticked(page, brief.items[0].id)
    page.get_by_role("button", name="Вернуть отметки").click()
    assert is_ticked(page, brief.items[0].id) and is_ticked(page, brief.items[1].id)
    assert len(stored(page, "bp:ticks:brief:acme-лендинг")) == 2


def export_run(page) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name="Сохранить файл передачи").click()
    return info.value.path().read_text(encoding="utf-8")


def import_run(page, text: str, name: str = "run.json") -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Загрузить файл передачи").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "application/json", "buffer": text.encode()}])


def test_a_run_handed_over_shows_the_same_ticks(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    ticked = [brief.items[1].id, brief.items[5].id]
    for item_id in ticked:
        tick(page, item_id)
    text = export_run(page)
    imported = read_run(brief, text, "run.json")
    assert imported.error is None and imported.run.subject == "Acme — лендинг"
    assert list(imported.run.ticks) == ticked and all(imported.run.ticks.values()), "ticks travel with their dates"
    page.evaluate("localStorage.clear()")
    open_brief(page, base_url)
    assert not is_ticked(page, ticked[0])
    import_run(page, text)
    page.wait_for_function("document.querySelector('[data-bp-status]').textContent.startsWith('Загружено')")
    assert page.get_by_label("Проект", exact=True).input_value() == "Acme — лендинг"
    assert [i.id for i in brief.items if is_ticked(page, i.id)] == ticked


def test_a_run_from_another_version_keeps_what_fits_and_names_the_rest(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    doc = {
        "format": "sinyaya-ptitsa-checklist-run",
        "format_version": 1,
        "checklist": "brief",
        "checklist_version": "older",
        "subject": "Beta",
        "ticks": [{"id": brief.items[0].id, "ticked": "2026-11-01T10:00:00Z"}, {"id": "gone-item", "ticked": None}],
    }
    import_run(page, json.dumps(doc))
    page.wait_for_function("document.querySelector('[data-bp-status]').textContent.startsWith('Загружено')")
    status = page.locator("[data-bp-status]").inner_text()
    assert "gone-item" in status and "не перенесены" in status
    assert is_ticked(page, brief.items[0].id)
    assert read_run(brief, json.dumps(doc), "x").dropped == ["gone-item"]


def test_a_broken_run_file_changes_nothing(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    tick(page, brief.items[0].id)
    import_run(page, "<b>not json</b>", "evil.json")
    page.wait_for_function("document.querySelector('[data-bp-status]').textContent.includes('evil.json')")
    assert page.locator("[data-bp-status]").inner_text() == "evil.json: это не файл передачи чек-листа (не JSON)"
    assert page.locator("[data-bp-status] b").count() == 0
    assert page.get_by_label("Проект", exact=True).input_value() == "Acme — лендинг"
    assert is_ticked(page, brief.items[0].id)


def test_the_new_hire_route_asks_for_a_new_hire(page, base_url: str) -> None:
    page.goto(f"{base_url}/checklists/new-hire/")
    page.wait_for_selector(".bp-checklist.bp-live")
    assert page.get_by_label("Новичок", exact=True).is_visible()


def test_the_index_lists_runs_with_progress(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    tick(page, brief.items[0].id)
    tick(page, brief.items[1].id)
    page.goto(f"{base_url}/checklists/")
    row = page.locator("[data-bp-runs] li").first
    row.wait_for()
    assert row.inner_text() == f"Acme — лендинг: Чек-лист брифа — 2 из {len(brief.items)}"
    assert "project=acme-" in row.get_by_role("link").get_attribute("href")


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
    assert list(stored(page, "bp:ticks:brief:гамма")) == [brief.items[0].id]


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
    assert not page.get_by_role("button", name="Скопировать список").is_visible()
    assert page.get_by_text("можно с включённым JavaScript").is_visible()
    context.close()


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain(markdown: str) -> str:
    return normalise(re.sub(r"[*_`]", "", markdown))


def test_printed_checklist_stands_alone(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    tick(page, brief.items[0].id)
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = normalise(" ".join(p.extract_text() for p in reader.pages))
    for item in brief.items:
        assert plain(item.text) in text, f"item '{item.id}' missing from the printout"
    # The reasons are printed too, even though they are closed on screen.
    assert plain(brief.items[0].why.split(".")[0]) in text
    assert text.startswith(brief.title), "the sheet starts with the checklist, not the site's chrome"
    assert "Проект: Acme — лендинг" in text
    assert re.search(r"напечатано \d{2}\.\d{2}\.\d{4}", text)
    assert f"отмечено 1 из {len(brief.items)}" in text
    assert "✓" in text
    assert f"/checklists/brief/#{brief.items[0].id}" in text.replace(" ", "")
    for chrome in ("Сбросить отметки", "Распечатать", "Глоссарий", "Поиск", "Куда дальше", "Зачем и как", "Отмечайте"):
        assert chrome not in text, f"'{chrome}' should not be printed"


def test_switching_runs_offers_every_run_without_clearing_the_field(page, base_url: str, brief) -> None:
    open_brief(page, base_url)
    choose_project(page, "Acme — лендинг")
    choose_project(page, "Beta — магазин")
    field = page.get_by_label("Проект", exact=True)
    field.focus()
    assert field.input_value() == "" and field.get_attribute("placeholder") == "Beta — магазин"
    options = page.locator("datalist option").evaluate_all("os => os.map(o => o.value)")
    assert sorted(options) == ["Acme — лендинг", "Beta — магазин"]
    field.blur()
    assert field.input_value() == "Beta — магазин", "leaving the field unchanged keeps the run"
