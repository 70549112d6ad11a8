"""«Мой путь» in a real browser: read marks and their fingerprints, the navigation's marks,
knowledge checks and the self-assessment on the route, what to repeat today with a fixed
clock, blocked storage, and a page that changed after it was read (a fixture site rebuilt)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser import NO_STORAGE, stored
from conftest import ROOT, build_and_serve, fixture_project
from playwright.sync_api import expect

from macros.path.progress import merge, table_csv
from macros.path.route import route_data
from macros.scoring import human
from macros.sitedata import SiteData

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def data() -> SiteData:
    return SiteData.load(ROOT / "docs", ROOT)


def right(question) -> list[int]:
    return [i for i, option in enumerate(question.options) if option.correct]


def wrong(question) -> list[int]:
    return [next(i for i, option in enumerate(question.options) if not option.correct)]


def mark_read(page, base_url: str, path: str) -> None:
    page.goto(f"{base_url}/{path}")
    page.locator("[data-bp-mark]").click()
    assert page.locator("[data-bp-mark]").get_attribute("aria-pressed") == "true"


def answer_check(page, base_url: str, data: SiteData, bank_id: str, misses: int = 0) -> float:
    """Answer every question of a knowledge check, the first `misses` wrongly; the share of points."""
    bank = data.bank(bank_id)
    page.goto(f"{base_url}/{bank_id}/quiz/")
    got = 0.0
    for n, question in enumerate(bank.questions):
        box = page.locator(f"[data-bp-question='{question.id}']")
        for i in wrong(question) if n < misses else right(question):
            box.locator(f"input[value='{i}']").check()
        box.get_by_role("button", name="Ответить").click()
        got += 0 if n < misses else question.points
    return round(got / sum(q.points for q in bank.questions) * 100, 2)


def stage(page, stage_id: str):
    return page.locator(f"[data-bp-stage='{stage_id}']")


def test_my_path_reports_exactly_what_was_done(page, base_url: str, data: SiteData) -> None:
    mark_read(page, base_url, "roles/")
    mark_read(page, base_url, "roles/kam/")
    share = answer_check(page, base_url, data, "roles", misses=1)
    page.goto(f"{base_url}/quiz/self-assessment/")
    for question in page.locator("[data-bp-question]").all():
        question.locator("input").first.check()
    page.locator("[data-bp-show]").click()
    verdict = page.locator("[data-bp-verdict-title]").inner_text()
    name = re.search(r"«(.+)»", verdict).group(1)

    page.goto(f"{base_url}/path/")
    roles = stage(page, "roles")
    assert roles.locator("[data-bp-stage-state]").inner_text() == "Не готово: прочитано 2 из 7"
    assert roles.locator("[data-bp-page='roles/kam.md']").get_attribute("data-bp-state") == "read"
    assert roles.locator("[data-bp-page='roles/am-vs-pm.md']").get_attribute("data-bp-state") == "unread"
    check = stage(page, "checks").locator("[data-bp-check='roles']")
    assert f"лучший результат {human(share)} %" in check.inner_text()
    assert check.get_attribute("data-bp-state") == ("done" if share >= 70 else "open")
    assert stage(page, "checks").locator("[data-bp-check='clients']").get_attribute("data-bp-state") == "open"
    assert f"пройдена: «{name}»" in stage(page, "self-assessment").inner_text()
    assert stage(page, "self-assessment").get_attribute("data-bp-state") == "done"
    assert page.locator("[data-bp-route-share]").inner_text() == "Маршрут: 1 из 7 этапов"
    ready = page.locator("[data-bp-ready]").inner_text()
    assert ready.startswith("До экзамена осталось: Роли (прочитано 2 из 7)") and "Самооценка" not in ready
    assert page.locator("[data-bp-route-meter]").evaluate("m => [m.value, m.max]") == [1, 7]


def test_a_read_page_says_so_at_its_top_and_in_the_navigation(page, base_url: str) -> None:
    mark_read(page, base_url, "roles/kam/")
    page.reload()
    assert page.locator("[data-bp-read-state]").inner_text().startswith("Вы прочитали эту страницу")
    nav = page.locator(".md-nav--primary .md-nav__link[href$='kam/'] .bp-nav-state").first
    assert nav.text_content() == "✓ (прочитано)"
    assert "(не прочитано)" in page.locator(".md-nav--primary .md-nav__link[href$='am-vs-pm/'] .bp-nav-state").first.text_content()
    # A page without a mark of its own (the glossary) still shows the route's marks.
    page.goto(f"{base_url}/glossary/")
    assert "(прочитано)" in page.locator(".md-nav--primary .md-nav__link[href$='kam/'] .bp-nav-state").first.text_content()
    # Unmarking takes it back.
    page.goto(f"{base_url}/roles/kam/")
    page.locator("[data-bp-mark]").click()
    assert page.locator("[data-bp-read-state]").count() == 0
    assert stored(page, "bp:read") is None


def test_a_missed_question_is_due_the_next_day_and_opens_at_that_question(page, base_url: str, data: SiteData) -> None:
    page.clock.set_fixed_time("2026-12-07T10:00:00")
    answer_check(page, base_url, data, "roles", misses=1)
    first = data.bank("roles").questions[0]
    page.goto(f"{base_url}/path/")
    assert page.locator("[data-bp-due-line]").inner_text() == "На сегодня повторять нечего."
    page.clock.set_fixed_time("2026-12-08T09:00:00")
    page.reload()
    assert page.locator("[data-bp-due-line]").inner_text() == "На сегодня 1 вопрос на повторение:"
    link = page.locator("[data-bp-due] a")
    assert link.inner_text() == f"{data.bank('roles').title}, вопрос 1"
    link.click()
    page.wait_for_url(re.compile(rf"/roles/quiz/#roles-{first.id}$"))
    # Answered right at review: up a box, due in three days, not tomorrow.
    box = page.locator(f"[data-bp-question='{first.id}']")
    box.locator("[data-bp-retry]").click()
    for i in right(first):
        box.locator(f"input[value='{i}']").check()
    box.get_by_role("button", name="Ответить").click()
    assert stored(page, "bp:review")[f"roles:{first.id}"] == {"box": 2, "due": "2026-12-11", "n": 1}


def test_with_storage_blocked_the_pages_say_so_once_and_still_show_the_route(browser, base_url: str) -> None:
    context = browser.new_context(locale="ru-RU")
    context.add_init_script(NO_STORAGE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}/roles/kam/")
    assert page.locator(".bp-nostore").count() == 1
    page.locator("[data-bp-mark]").click()
    assert "не сохранил" in page.locator("[data-bp-read-status]").inner_text()
    page.goto(f"{base_url}/path/")
    assert page.locator(".bp-nostore").count() == 1
    assert page.locator("[data-bp-stage]").count() == 8
    assert page.locator("[data-bp-stage='roles'] a").first.is_visible()
    context.close()
    assert errors == []


def test_without_javascript_the_route_is_a_list_of_links(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/path/")
    links = page.locator(".bp-route a")
    assert links.count() >= 31 + 3 + 2
    assert page.locator("[data-bp-download]").is_hidden()
    context.close()


@pytest.fixture
def route_site(tmp_path: Path):
    project = fixture_project("path", tmp_path)
    site = tmp_path / "site"
    yield from build_and_serve(project, site)


def test_a_page_changed_after_reading_asks_to_be_read_again(page, route_site, tmp_path: Path) -> None:
    from conftest import build

    site, url = route_site
    project = tmp_path / "path"
    page.goto(f"{url}/first/")
    page.locator("[data-bp-mark]").click()
    # A rebuild without changes keeps the mark.
    assert build(project, site, url + "/").returncode == 0
    page.reload()
    assert page.locator("[data-bp-read-state]").inner_text().startswith("Вы прочитали")
    # One changed word: the mark is for another text now.
    source = project / "docs" / "first.md"
    source.write_text(source.read_text(encoding="utf-8").replace("первая", "главная"), encoding="utf-8")
    result = build(project, site, url + "/")
    assert result.returncode == 0, result.stderr
    # A new address: the test server's Last-Modified has whole seconds, both builds fit in one.
    page.goto(f"{url}/first/?rebuilt")
    assert page.locator("[data-bp-read-state]").inner_text().startswith("Страница изменилась после того, как вы её прочитали")
    assert page.locator("[data-bp-mark]").get_attribute("aria-pressed") == "false"
    assert "(изменилась после прочтения)" in page.locator(".md-nav__link[href$='first/'] .bp-nav-state").first.text_content()
    page.goto(f"{url}/path/")
    assert page.locator("[data-bp-stage='reading'] [data-bp-stage-state]").inner_text() == (
        "Не готово: прочитано 0 из 2; изменилось после прочтения: 1"
    )


def progress_file(name: str, saved: str, done: bool) -> bytes:
    """A progress file as «Мой путь» writes it, for a person other than the browser's."""
    route = SiteData.load(ROOT / "docs", ROOT).route
    stages = []
    for s in route.stages:
        entry = {"id": s.id, "title": s.title, "kind": s.kind, "done": done and s.kind != "exam"}
        if s.kind == "pages":
            entry |= {"read": len(s.pages) if done else 0, "updated": 0, "total": len(s.pages)}
        if s.kind == "checks":
            entry["checks"] = [{"bank": c.bank, "title": c.title, "best": 90 if done else None,
                                "date": "2026-12-01" if done else None, "pass": c.pass_share} for c in s.checks]
        if s.kind == "self_assessment":
            entry["result"] = "«Синяя птица»" if done else None
        stages.append(entry)
    doc = {"format": "sinyaya-ptitsa-progress", "version": 1, "name": name, "saved": saved,
           "route": route.version, "stages": stages}
    return json.dumps(doc, ensure_ascii=False).encode()


def test_a_downloaded_progress_file_loads_with_two_others_for_the_mentor(page, base_url: str, data: SiteData, tmp_path: Path) -> None:
    mark_read(page, base_url, "roles/kam/")
    page.goto(f"{base_url}/path/")
    page.locator("[data-bp-name]").fill("  Анна   Петрова ")
    with page.expect_download() as info:
        page.locator("[data-bp-download]").click()
    mine = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename.startswith("progress-анна-петрова-")
    doc = json.loads(mine)
    assert doc["name"] == "Анна Петрова" and doc["route"] == data.route.version
    assert next(s for s in doc["stages"] if s["id"] == "roles") == {
        "id": "roles", "title": "Роли", "kind": "pages", "done": False, "read": 1, "updated": 0, "total": 7}
    files = {
        "anna.json": mine,
        "boris.json": progress_file("Борис <b>Смирнов</b>", "2026-12-05T10:00:00+03:00", done=True),
        "vera.json": progress_file("Вера", "2026-12-04T10:00:00+03:00", done=False),
        "broken.json": b"{not json",
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    page.goto(f"{base_url}/trainer/progress/")
    page.locator("[data-bp-files]").set_input_files([str(tmp_path / name) for name in files])
    rows = page.locator("[data-bp-rows] tr")
    expect(rows).to_have_count(3)
    assert page.locator("[data-bp-messages] li").all_inner_texts() == ["broken.json: это не файл прогресса (не JSON)"]
    assert page.locator("[data-bp-summary]").inner_text() == "В таблице 3 человека, готовы к экзамену: 1."
    # A name is text, never markup.
    assert page.locator("[data-bp-rows] b").count() == 0
    assert "Борис <b>Смирнов</b>" in rows.nth(1).inner_text()
    assert rows.nth(1).locator("td").last.inner_text() == "готов"
    assert rows.nth(0).locator("td").last.inner_text().startswith("не готов: Роли")
    # Sorted by a column on request, and back.
    header = page.locator("[data-bp-head] th").nth(1)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert rows.nth(0).locator("th").inner_text().startswith("Вера")
    with page.expect_download() as info:
        page.locator("[data-bp-csv]").click()
    route = route_data(data.route, data.docs, lambda link: link, None)
    expected = table_csv(merge(list(files.items()), route), route)
    assert Path(info.value.path()).read_bytes() == expected.encode()


def test_the_route_pages_pass_axe_in_both_palettes(browser, base_url: str, data: SiteData, tmp_path: Path) -> None:
    from test_a11y import violations

    for scheme in ("light", "dark"):
        context = browser.new_context(locale="ru-RU", color_scheme=scheme)
        page = context.new_page()
        mark_read(page, base_url, "roles/kam/")
        answer_check(page, base_url, data, "roles", misses=1)
        page.clock.set_fixed_time("2030-01-01T10:00:00")
        page.goto(f"{base_url}/path/")
        assert page.locator("[data-bp-due] a").count() >= 1
        assert violations(page) == []
        page.goto(f"{base_url}/roles/kam/")
        assert violations(page) == []
        (tmp_path / "v.json").write_bytes(progress_file("Вера", "2026-12-04T10:00:00+03:00", done=False))
        page.goto(f"{base_url}/trainer/progress/")
        page.locator("[data-bp-files]").set_input_files(str(tmp_path / "v.json"))
        expect(page.locator("[data-bp-rows] tr")).to_have_count(1)
        assert violations(page) == []
        context.close()
