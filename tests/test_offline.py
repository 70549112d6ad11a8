"""The offline copy: ./scripts/offline's zip, unpacked and opened from disk (file://) in Chromium.

Every page load, script, the search index and the search worker must come from the
unpacked folder: a request to any other URL fails the test, and so does a console error.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import ROOT
from mkdocs.config import load_config

from macros.exam.draw import draw
from macros.exam.grading import result_document
from macros.scoring import human
from macros.sitedata import SiteData

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the real ./scripts/offline once, unzip its archive and return the site folder."""
    tmp = tmp_path_factory.mktemp("offline")
    target = tmp / "copy.zip"
    result = subprocess.run(
        [str(ROOT / "scripts" / "offline"), str(target)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"scripts/offline failed:\n{result.stdout}\n{result.stderr}"
    assert result.stdout.splitlines()[-1] == str(target), "the zip's absolute path is the last line"
    with zipfile.ZipFile(target) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
        assert tops == {"copy"}, f"one top folder, got {sorted(tops)}"
        archive.extractall(tmp / "unpacked")
    return tmp / "unpacked" / "copy"


def url(root: Path, page: str) -> str:
    return (root / page).as_uri()


@pytest.fixture
def offline(context, page, offline_root: Path) -> Iterator[tuple]:
    """The conftest page (fails on console errors), with every non-file:// request refused."""
    foreign: list[str] = []

    def refuse(route) -> None:
        foreign.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:)"), refuse)
    context.on("request", lambda request: None if request.url.startswith("file:") else foreign.append(request.url))
    yield page, offline_root
    assert foreign == [], f"requests that left the folder: {foreign}"


def test_the_zip_holds_the_site_with_index_at_its_root(offline_root: Path) -> None:
    assert (offline_root / "index.html").is_file()
    assert (offline_root / "assets" / "javascripts" / "iframe-worker.js").is_file()
    assert (offline_root / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
    pages = list(offline_root.rglob("*.html"))
    assert len(pages) > 40
    for html in pages:
        text = html.read_text(encoding="utf-8")
        assert "unpkg.com" not in text, html
        assert not re.search(r'<(?:script|img|iframe)[^>]+src="(?:https?:)?//', text), html
        assert not re.search(r'<link[^>]+rel="stylesheet"[^>]+href="(?:https?:)?//', text), html


def test_the_offline_config_only_changes_what_it_must() -> None:
    """MkDocs replaces lists under INHERIT, so the offline file repeats two: they must not drift."""
    online = load_config(str(ROOT / "mkdocs.yml"))
    offline = load_config(str(ROOT / "mkdocs.offline.yml"))
    assert offline.theme["features"] == [f for f in online.theme["features"] if f != "navigation.instant"]
    assert list(offline.plugins) == [*online.plugins, "material/offline"]
    for name in online.plugins:
        assert dict(offline.plugins[name].config) == dict(online.plugins[name].config), name
    assert offline.markdown_extensions == online.markdown_extensions
    assert offline.mdx_configs.keys() == online.mdx_configs.keys()
    assert offline.nav == online.nav and offline.extra_javascript == online.extra_javascript
    assert offline.use_directory_urls is False


def test_a_nav_link_opens_another_page(offline) -> None:
    page, root = offline
    page.goto(url(root, "index.html"))
    page.locator(".md-tabs").get_by_role("link", name="Чек-листы").click()
    page.wait_for_url(url(root, "checklists/index.html"))
    assert page.locator("h1").first.inner_text().startswith("Чек-листы")
    page.locator("article").get_by_role("link", name="Делегирование: клиент → аккаунт-менеджер").first.click()
    page.wait_for_url(url(root, "checklists/delegation.html"))
    page.wait_for_selector(".bp-checklist.bp-live")


@pytest.mark.parametrize(
    ("query", "stem", "teaching"),
    [("подтипы", "подтип", "model/index.html"), ("делегировать", "делегир", "checklists/delegation.html")],
)
def test_search_in_russian_finds_and_opens_the_page(offline, query: str, stem: str, teaching: str) -> None:
    page, root = offline
    page.goto(url(root, "roles/index.html"))
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    # Material sends a query on keyup. Playwright types Cyrillic as inserted text without
    # key events, and from file:// the index is built on the page's own thread, so the text
    # lands after search is ready: one key sends it, as a reader's own typing would.
    box.press("End")
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    first.wait_for()
    # Results of a shorter query («п») may show first while the index is being built; the
    # answer to the whole query is the one whose highlight carries the whole stem.
    page.wait_for_function(
        "stem => decodeURIComponent(document.querySelector("
        "'.md-search-result__item > a.md-search-result__link').href).includes('h=' + stem)",
        arg=stem,
    )
    href = unquote(first.get_attribute("href"))
    # The stem in the highlight shows the site's worker (not Material's alone) answered.
    assert href.startswith(url(root, teaching)) and f"h={stem}" in href, href
    first.click()
    page.wait_for_url(re.compile(re.escape(url(root, teaching))))
    assert page.locator("h1").first.is_visible()


@pytest.fixture(scope="module")
def data() -> SiteData:
    return SiteData.load(ROOT / "docs", ROOT)


def right(question) -> list[int]:
    return [i for i, option in enumerate(question.options) if option.correct]


def test_a_knowledge_check_gives_verdicts_and_a_score(offline, data: SiteData) -> None:
    page, root = offline
    bank = data.bank("roles")
    page.goto(url(root, "roles/quiz.html"))
    page.wait_for_selector(".bp-quiz.bp-live")
    for n, question in enumerate(bank.questions):
        box = page.locator(f"[data-bp-question='{question.id}']")
        for i in right(question):
            box.locator(f"input[value='{i}']").check()
        box.get_by_role("button", name="Ответить").click()
        verdict = box.locator("[data-bp-verdict]").inner_text()
        assert verdict.startswith("Верно"), f"{question.id}: {verdict}"
        if n == 0:
            assert box.locator(".bp-explanation").is_visible()
    total = human(sum(question.points for question in bank.questions))
    assert page.locator("[data-bp-score]").inner_text().startswith(f"Итог: {total} из {total} балл")


def test_my_path_works_from_disk(offline, data: SiteData) -> None:
    """«Прочитано» on a route page, its mark in the navigation and on «Мой путь», from file://."""
    page, root = offline
    page.goto(url(root, "roles/kam.html"))
    page.wait_for_selector("[data-bp-read].bp-live")
    page.locator("[data-bp-mark]").click()
    page.goto(url(root, "glossary.html"))
    mark = page.locator(".md-nav--primary .md-nav__link[href$='kam.html'] .bp-nav-state").first
    assert mark.text_content() == "✓ (прочитано)"
    page.goto(url(root, "path.html"))
    page.wait_for_selector("[data-bp-path].bp-live")
    stage = page.locator("[data-bp-stage='roles']")
    assert stage.locator("[data-bp-stage-state]").inner_text() == f"Не готово: прочитано 1 из {len(data.route.stages[0].pages)}"
    link = stage.locator("[data-bp-page='roles/kam.md'] a").get_attribute("href")
    assert link.endswith("roles/kam.html")


def test_a_checklist_tick_survives_a_reload(offline, data: SiteData) -> None:
    page, root = offline
    items = data.checklist("brief").items
    page.goto(url(root, "checklists/brief.html"))
    page.wait_for_selector(".bp-checklist.bp-live")
    page.locator(f"[data-bp-item='{items[0].id}'] [data-bp-tick]").check()
    page.reload()
    page.wait_for_selector(".bp-checklist.bp-live")
    assert page.locator(f"[data-bp-item='{items[0].id}'] [data-bp-tick]").is_checked()
    assert not page.locator(f"[data-bp-item='{items[1].id}'] [data-bp-tick]").is_checked()
    # An item's link is the file itself, not "null/..." (location.origin is "null" on file://).
    link = page.locator(f"[data-bp-item='{items[1].id}'] .bp-item__link").get_attribute("href")
    assert link == url(root, "checklists/brief.html") + f"#{items[1].id}"


def test_the_exam_and_the_results_page_work_from_disk(offline, data: SiteData, tmp_path: Path) -> None:
    page, root = offline
    bank, code = data.exam_bank("exam"), "OFFLINE-1"
    page.goto(url(root, "quiz/exam.html") + f"?variant={code}")
    page.wait_for_selector(".bp-exam.bp-live")
    page.get_by_label("Имя и фамилия").fill("Анна Смирнова")
    page.get_by_role("button", name="Начать экзамен").click()
    page.wait_for_selector("[data-bp-bar]:not([hidden])")
    answers = {question.id: right(question) for question in draw(bank, code)}
    for qid, options in answers.items():
        for i in options:
            page.locator(f"[data-bp-question='{qid}'] input[value='{i}']").check()
    page.get_by_role("button", name="Сдать экзамен").click()
    page.wait_for_selector("[data-bp-sheet]:not([hidden])")
    assert page.locator("[data-bp-verdict]").inner_text().startswith("Экзамен сдан")
    # The answer sheet's study links (sealed in the page, made by macros/links.py) open files.
    links = page.locator("[data-bp-review] a").evaluate_all("links => links.map(a => a.href)")
    assert links and all(link.startswith("file:") and ".html" in link for link in links)
    assert all(Path(unquote(link[len("file://") :].split("#")[0])).is_file() for link in links)

    page.goto(url(root, "trainer/results.html"))
    page.wait_for_selector(".bp-results.bp-live")
    assert page.locator("[data-bp-drop]").is_visible()
    result = tmp_path / "anna.json"
    document = result_document(bank, code, answers, candidate="Анна Смирнова")
    result.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    page.set_input_files("[data-bp-files]", [str(result)])
    page.wait_for_selector("[data-bp-rows] tr")
    assert page.locator("[data-bp-rows] tr th").first.inner_text() == "Анна Смирнова"
