"""The site as hosted: nginx with hosting/nginx.conf, its headers, compression, caching and CSP.

The site is built once with --strict for the served address and served by Debian's nginx
through the shipped server block (scripts/lib.sh: serve_with_nginx, as scripts/preview
does). Every page is then loaded in Chromium, which fails on any CSP violation, so a theme
upgrade that adds an inline script, or a widget that writes a style attribute, is caught.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import re
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import search_for
from conftest import ROOT, build

pytestmark = pytest.mark.browser

CONF = ROOT / "hosting" / "nginx.conf"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy")
LONG_CACHE = "public, max-age=31536000, immutable"
MISSING = "/no/such/page/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The real site built for http://127.0.0.1:PORT/ and served there by nginx."""
    tmp = tmp_path_factory.mktemp("hosting")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    site = tmp / "site"
    result = build(ROOT, site, url + "/")
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stdout}\n{result.stderr}")
    # As scripts/build does: the search index in UTF-8 and .gz files for gzip_static.
    subprocess.run([sys.executable, str(ROOT / "tools" / "finish_site.py"), str(site)], check=True, capture_output=True)
    log = tmp / "nginx.log"
    with log.open("w") as stderr:
        nginx = subprocess.Popen(
            ["bash", "-c", '. scripts/lib.sh && serve_with_nginx "$@"', "serve", str(site), str(port), str(tmp / "nginx")],
            cwd=ROOT,
            stdout=stderr,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 20
        while nginx.poll() is None and time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"nginx did not start:\n{log.read_text()}")
        yield site, url
    finally:
        nginx.terminate()
        nginx.wait(timeout=20)


def get(url: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One plain HTTP request: status, headers (lower-case names) and the raw body."""
    conn = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def configured_csp() -> str:
    found = re.findall(r'^\s*set \$csp "([^"]+)";', CONF.read_text(encoding="utf-8"), re.M)
    assert len(found) == 1, "hosting/nginx.conf sets $csp exactly once"
    return found[0]


def bundle_path(site: Path) -> str:
    """Material's fingerprinted bundle, e.g. /assets/javascripts/bundle.a5f9d56c.min.js."""
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    return "/" + bundle.relative_to(site).as_posix()


class InlineCode(HTMLParser):
    """Inline scripts that run (not JSON data, not src=) and inline styles of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if "style" in named:
            self.styles.append(f'<{tag} style="{named["style"]}">')
        if tag == "style":
            self.styles.append("<style> element")
        runs = named.get("type") in (None, "", "text/javascript", "module")
        if tag == "script" and "src" not in named and runs:
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def inline_code(site: Path) -> dict[str, InlineCode]:
    pages = {}
    for html in sorted(site.rglob("*.html")):
        parser = InlineCode()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html.relative_to(site).as_posix()] = parser
    return pages


def sha256(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def test_every_inline_script_is_hashed_in_the_csp(hosted: tuple[Path, str]) -> None:
    site, _ = hosted
    allowed = set(re.findall(r"'(sha256-[^']+)'", configured_csp()))
    used: dict[str, str] = {}
    for page, code in inline_code(site).items():
        for script in code.scripts:
            used.setdefault(sha256(script), f"{page}: {script[:90]}…")
    missing = [f"'{digest}' for {where}" for digest, where in used.items() if digest not in allowed]
    stale = allowed - used.keys()
    paste = "script-src 'self' 'report-sample' " + " ".join(f"'{digest}'" for digest in used)
    assert not missing, "inline scripts the CSP blocks:\n" + "\n".join(missing) + f"\nnew directive:\n{paste}"
    assert not stale, f"hashes no page uses (remove them): {sorted(stale)}\nnew directive:\n{paste}"


def test_no_page_has_inline_styles_the_csp_would_block(hosted: tuple[Path, str]) -> None:
    site, _ = hosted
    found = {page: code.styles for page, code in inline_code(site).items() if code.styles}
    assert found == {}, "style-src 'self' blocks these"


def test_security_headers_on_pages_assets_and_the_404_page(hosted: tuple[Path, str]) -> None:
    site, url = hosted
    expected = {
        "content-security-policy": configured_csp(),
        "x-content-type-options": "nosniff",
        "referrer-policy": "same-origin",
    }
    for path in ("/", "/roles/quiz/", "/assets/bp.js", bundle_path(site), "/search/search_index.json", MISSING):
        _, headers, _ = get(url, path)
        for name in SECURITY_HEADERS:
            assert name.lower() in headers, f"{path}: no {name}"
        assert {k: headers[k] for k in expected} == expected, path
        assert "camera=()" in headers["permissions-policy"] and "microphone=()" in headers["permissions-policy"]


@pytest.mark.parametrize(
    "path",
    ["/", "/checklists/brief/", "/assets/bp.css", "/assets/bp.js", "BUNDLE", "/search/search_index.json", "/sitemap.xml"],
)
def test_text_is_sent_gzipped_when_accepted(hosted: tuple[Path, str], path: str) -> None:
    site, url = hosted
    path = bundle_path(site) if path == "BUNDLE" else path
    status, headers, body = get(url, path, **{"Accept-Encoding": "gzip"})
    assert (status, headers.get("content-encoding")) == (200, "gzip"), path
    assert "Accept-Encoding" in headers.get("vary", "")
    assert body[:2] == b"\x1f\x8b"
    _, plain, _ = get(url, path)
    assert "content-encoding" not in plain, "no gzip for a client that did not ask"


def test_fingerprinted_theme_files_are_cached_for_a_year(hosted: tuple[Path, str]) -> None:
    site, url = hosted
    fingerprinted = [bundle_path(site)] + [
        "/" + p.relative_to(site).as_posix()
        for p in [*(site / "assets" / "stylesheets").glob("*.min.css"), *(site / "assets" / "javascripts" / "workers").glob("*.min.js")]
    ]
    assert len(fingerprinted) >= 4
    for path in fingerprinted:
        status, headers, _ = get(url, path)
        assert (status, headers.get("cache-control")) == (200, LONG_CACHE), path


@pytest.mark.parametrize(
    "path",
    ["/", "/clients/busy/", "/assets/bp.js", "/assets/bp.css", "/assets/javascripts/bp/search-worker.js", "/search/search_index.json", "/sitemap.xml"],
)
def test_pages_and_site_assets_are_revalidated(hosted: tuple[Path, str], path: str) -> None:
    _, url = hosted
    status, headers, _ = get(url, path)
    assert (status, headers.get("cache-control")) == (200, "no-cache"), path
    again, _, body = get(url, path, **{"If-None-Match": headers["etag"]})
    assert (again, body) == (304, b""), "an unchanged file costs a 304"


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/assets/bp.js", "application/javascript; charset=utf-8"),
        ("/assets/bp.css", "text/css; charset=utf-8"),
        ("/search/search_index.json", "application/json; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/downloads/roles-gift.txt", "text/plain; charset=utf-8"),
        ("/downloads/roles-moodle.xml", "application/xml; charset=utf-8"),
        ("/assets/images/favicon.png", "image/png"),
    ],
)
def test_mime_types(hosted: tuple[Path, str], path: str, mime: str) -> None:
    _, url = hosted
    status, headers, _ = get(url, path)
    assert (status, headers["content-type"]) == (200, mime)


def test_lms_files_are_saved_as_files_not_shown(hosted: tuple[Path, str]) -> None:
    """A trainer clicking «GIFT» gets a file to import, not a wall of text (and the links say
    `download` as well); pages are shown as usual."""
    _, url = hosted
    for path in ("/downloads/roles-gift.txt", "/downloads/roles-moodle.xml"):
        status, headers, _ = get(url, path)
        assert (status, headers.get("content-disposition")) == (200, "attachment"), path
        assert all(h.lower() in headers for h in SECURITY_HEADERS), path
    assert "content-disposition" not in get(url, "/trainer/")[1]


def test_a_missing_url_gets_404_and_the_sites_404_page(hosted: tuple[Path, str]) -> None:
    site, url = hosted
    status, headers, body = get(url, MISSING)
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body == (site / "404.html").read_bytes()
    assert get(url, "/assets/javascripts/bundle.00000000.min.js")[0] == 404
    status, headers, _ = get(url, "/clients")
    assert (status, headers["location"]) == (301, "/clients/"), "a folder gets its slash, host-relative"


# Collected in every document before its own scripts run (init scripts bypass the CSP).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => window.bpCspViolation(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} «${e.sample}»`));
"""


@pytest.fixture
def watched(context):
    """A tab whose CSP violations, console errors and uncaught exceptions are collected."""
    problems: list[str] = []
    tab = context.new_page()
    tab.expose_function("bpCspViolation", lambda text: problems.append(f"{tab.url}: CSP {text}"))
    tab.add_init_script(REPORT_VIOLATIONS)
    tab.on("console", lambda msg: problems.append(f"{msg.location['url']}: console {msg.text}") if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: problems.append(f"{tab.url}: {exc}"))
    return tab, problems


def test_every_page_loads_without_csp_violations_or_errors(hosted: tuple[Path, str], watched) -> None:
    _, url = hosted
    tab, problems = watched
    status, _, sitemap = get(url, "/sitemap.xml")
    locations = [loc.text for loc in ET.fromstring(sitemap).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert status == 200 and len(locations) >= 40
    assert all(loc.startswith(url + "/") for loc in locations), "SITE_URL is the served address"
    for location in [*locations, url + MISSING]:
        tab.goto(location, wait_until="load")
        # Widgets mount from Material's document$ after load; a task later they are done,
        # and queued securitypolicyviolation events have been delivered.
        tab.evaluate("() => new Promise((done) => setTimeout(done, 0))")
        assert tab.locator(".md-content").count() == 1, location
    # The browser logs the 404 status of the missing page itself; nothing else may appear.
    missing = f"{url}{MISSING}: console Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert [p for p in problems if p != missing] == []


def test_the_harness_sees_what_the_csp_blocks(hosted: tuple[Path, str], watched) -> None:
    """A control: an unknown inline script and a style attribute are blocked and reported."""
    _, url = hosted
    tab, problems = watched
    tab.goto(url + "/", wait_until="networkidle")
    tab.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.bpInjected = true";
      document.head.append(script);
      document.body.setAttribute("style", "color: red");
    }""")
    tab.evaluate("() => new Promise((done) => setTimeout(done, 0))")  # violation events are queued
    assert tab.evaluate("window.bpInjected") is None
    assert any("script-src" in p for p in problems) and any("style-src" in p for p in problems), problems


def test_search_instant_navigation_and_a_quiz_run_under_the_csp(hosted: tuple[Path, str], watched) -> None:
    _, url = hosted
    tab, problems = watched
    # Search runs in a worker (the site's, then Material's, then lunr's language files):
    # results prove the worker was allowed to start and to load its scripts.
    tab.goto(url + "/", wait_until="networkidle")
    search_for(tab, "делегирования")
    result = tab.locator(".md-search-result__item a[href*='checklists/delegation/']").first
    result.wait_for(timeout=20_000)
    result.click()
    tab.wait_for_url("**/checklists/delegation/**")
    # Instant navigation: Material fetches the page and swaps it in without a reload.
    tab.locator(".md-tabs__link", has_text="Тесты").click()
    tab.wait_for_url("**/quiz/")
    tab.goto(url + "/roles/quiz/", wait_until="networkidle")
    tab.wait_for_selector(".bp-quiz.bp-live")
    question = tab.locator("[data-bp-question]").first
    question.locator("input").first.check()
    question.get_by_role("button", name="Ответить").click()
    assert question.locator("[data-bp-verdict]").inner_text().strip() != ""
    tab.wait_for_load_state("networkidle")
    assert problems == []


def test_self_assessment_checklist_and_exam_run_under_the_csp(hosted: tuple[Path, str], watched) -> None:
    """The widgets that set styles (result bars), store runs and make files (blob downloads)."""
    _, url = hosted
    tab, problems = watched
    tab.goto(url + "/quiz/self-assessment/")
    tab.wait_for_selector(".bp-quiz.bp-live")
    for question in tab.locator("[data-bp-question]").all():
        question.locator("input[value='0']").check()
    tab.get_by_role("button", name="Показать результат").click()
    assert tab.locator("[data-bp-axis]").first.evaluate("bar => bar.style.width") != ""
    tab.goto(url + "/checklists/brief/")
    tab.locator("[data-bp-tick]").first.check()
    assert tab.locator("[data-bp-tick]").first.is_checked()
    tab.goto(url + "/quiz/exam/?variant=CSP1")
    tab.wait_for_selector(".bp-exam.bp-live")
    tab.get_by_label("Имя и фамилия").fill("Анна Смирнова")
    tab.get_by_role("button", name="Начать экзамен").click()
    for question in tab.locator("[data-bp-question]:not([hidden])").all():
        question.locator("input[value='0']").check()
    tab.get_by_role("button", name="Сдать экзамен").click()
    tab.wait_for_selector("[data-bp-sheet]:not([hidden])")
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Скачать JSON").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("{")
    assert problems == []


def test_the_search_index_is_utf8_and_costs_at_most_150_kb(hosted: tuple[Path, str]) -> None:
    site, url = hosted
    raw = (site / "search" / "search_index.json").read_bytes()
    assert b"\\u04" not in raw, "Cyrillic is written as UTF-8, not as \\u escapes"
    _, headers, body = get(url, "/search/search_index.json", **{"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip"
    assert len(body) <= 150 * 1024, f"the search index costs {len(body) // 1024} KB"


def test_precompressed_files_are_what_is_sent(hosted: tuple[Path, str]) -> None:
    site, url = hosted
    _, _, body = get(url, "/", **{"Accept-Encoding": "gzip"})
    assert body == (site / "index.html.gz").read_bytes(), "gzip_static serves the .gz written at build time"


def test_theme_scripts_are_fetched_after_parsing_and_run_before_load(hosted: tuple[Path, str], watched) -> None:
    """overrides/main.html: the first paint never shares the network with the theme's bundle
    or bp.js (they are requested once the page is parsed), yet both have run, and the
    widgets have started, when the load event fires, as they did when they were deferred."""
    _, url = hosted
    tab, problems = watched
    tab.add_init_script("""addEventListener("load", () => {
      window.bpAtLoad = {
        theme: Boolean(window.document$) && document.documentElement.classList.contains("js"),
        helpers: Boolean(window.bp),
        widgets: document.querySelectorAll("[data-bp-checklist].bp-live").length,
      };
    });""")
    tab.goto(url + "/checklists/brief/")
    timing = tab.evaluate("""() => {
      const parsed = performance.getEntriesByType("navigation")[0].domContentLoadedEventStart;
      const fetched = (name) => performance.getEntriesByType("resource").find((e) => e.name.includes(name)).startTime;
      return { parsed, bundle: fetched("/assets/javascripts/bundle."), helpers: fetched("/assets/bp.js") };
    }""")
    assert timing["bundle"] >= timing["parsed"] and timing["helpers"] >= timing["parsed"], timing
    assert tab.evaluate("window.bpAtLoad") == {"theme": True, "helpers": True, "widgets": 1}
    # The theme's own controls work: the palette toggle switches the scheme.
    scheme = tab.evaluate("document.body.dataset.mdColorScheme")
    tab.locator("form[data-md-component=palette] label:visible").first.click()
    assert tab.evaluate("document.body.dataset.mdColorScheme") != scheme
    assert problems == []
