"""Shared fixtures: the site built once with --strict, served on 127.0.0.1, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Local times in CSV files follow the machine's zone; the browser's is set to the same.
os.environ["TZ"] = "Europe/Moscow"
time.tzset()
# Node.js tools the tests run (pinned in tools/node/package.json, installed by scripts/test).
NODE_TOOLS = ROOT / "tools" / "node"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# Flags from the developers' guide: no sandbox as root, and no traffic to other hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# scripts/test-zensical sets BIRD_BUILDER=zensical: every site of the session is built with
# Zensical instead of MkDocs (README: Builders).
BUILDER = os.environ.get("BIRD_BUILDER", "mkdocs")
# Its console script, as users run it: `python -m zensical` would put the project on sys.path.
ZENSICAL = Path(sys.executable).with_name("zensical")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Where the builder writes the search index (a page left out of search is absent from it).
SEARCH_INDEX = "search.json" if BUILDER == "zensical" else "search/search_index.json"


def search_locations(index: dict) -> set[str]:
    """The pages in a search index: MkDocs lists them under 'docs', Zensical under 'items'."""
    return {doc["location"].split("#")[0] for doc in index.get("docs", index.get("items", []))}


def build(
    project: Path, site_dir: Path, site_url: str | None = None, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Build a project the way users and CI do: `mkdocs build --strict` (or `zensical build --strict`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if site_url:
        env["SITE_URL"] = site_url
    if BUILDER == "zensical":
        return build_with_zensical(project, site_dir, env)
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def build_with_zensical(project: Path, site_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`zensical build --strict --clean`; it has no --site-dir, so its site/ is moved to site_dir."""
    output = project / "site"
    shutil.rmtree(output, ignore_errors=True)
    result = subprocess.run(
        [str(ZENSICAL), "build", "--strict", "--clean"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    # Zensical colours its reports letter by letter and has no switch for it: keep the text.
    result.stdout, result.stderr = _ANSI.sub("", result.stdout), _ANSI.sub("", result.stderr)
    shutil.rmtree(site_dir, ignore_errors=True)
    if result.returncode == 0:
        shutil.move(output, site_dir)
    else:
        shutil.rmtree(output, ignore_errors=True)  # a half-built site must not be served
    return result


def fixture_project(name: str, tmp: Path) -> Path:
    """Copy a fixture site from tests/sites into tmp, wired to the real macros and assets."""
    project = tmp / name
    shutil.copytree(ROOT / "tests" / "sites" / name, project)
    (project / "macros").symlink_to(ROOT / "macros")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets", dirs_exist_ok=True)
    return project


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_and_serve(
    project: Path, site_dir: Path, extra_env: dict[str, str] | None = None
) -> Iterator[tuple[Path, str]]:
    """Bind a free port on 127.0.0.1, build the site for that address, and serve it."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    result = build(project, site_dir, url + "/", extra_env)
    if result.returncode != 0:
        server.server_close()
        pytest.fail(f"strict build of {project.name} failed:\n{result.stdout}\n{result.stderr}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site_dir, url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The real site, built once per session with --strict and served on 127.0.0.1."""
    yield from build_and_serve(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site(served_site: tuple[Path, str]) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def base_url(served_site: tuple[Path, str]) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def widgets_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The widgets fixture site (tests/sites/widgets), built and served once per session."""
    tmp = tmp_path_factory.mktemp("widgets")
    for _, url in build_and_serve(fixture_project("widgets", tmp), tmp / "site"):
        yield url


def chromium_path() -> str | None:
    """Debian's Chromium when present (or BIRD_CHROMIUM), else Playwright's own build."""
    explicit = os.environ.get("BIRD_CHROMIUM")
    if explicit:
        return explicit
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile per test: empty localStorage, clipboard allowed."""
    # Moscow's zone, as the tests' Python (tests/conftest.py sets TZ): local times in CSV agree.
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU", timezone_id="Europe/Moscow")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page that fails the test on any console error or uncaught exception."""
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    assert errors == [], f"console errors: {errors}"


@pytest.fixture(scope="session")
def exam_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The exam fixture site (tests/sites/exam): a 9-question bank and a 6-second one."""
    tmp = tmp_path_factory.mktemp("exam")
    for _, url in build_and_serve(fixture_project("exam", tmp), tmp / "site"):
        yield url


# The trainer's passphrase of the trainer-marked fixture: a test's secret, never the site's.
TRAINER_PASSPHRASE = "синяя птица летит на юг"


@pytest.fixture(scope="session")
def trainer_exam(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The exam fixture with both banks marked by the trainer, built with a passphrase."""
    tmp = tmp_path_factory.mktemp("trainer-exam")
    project = fixture_project("exam", tmp)
    for name in ("exam.yml", "timed.yml"):
        bank = project / "docs" / "quiz" / name
        bank.write_text(bank.read_text(encoding="utf-8").replace("exam:\n", "exam:\n  marking: trainer\n", 1), encoding="utf-8")
    yield from build_and_serve(project, tmp / "site", {"BIRD_TRAINER_PASSPHRASE": TRAINER_PASSPHRASE})
