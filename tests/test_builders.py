"""What differs between MkDocs and Zensical: page links, extensions, the data cache, the link check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from browser import search_for
from conftest import BUILDER, ROOT, build
from linkcheck import broken_links

from macros.builders import Once, PageLinks, docs_fingerprint, markdown_extensions, opens_from_disk, page_links
from macros.links import DocsTree


def mkdocs_page(src_uri: str, url: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


def zensical_page(path: str, url: str) -> SimpleNamespace:
    # zensical.extensions.context.Page: the source path and the URL, no File.
    return SimpleNamespace(path=path, url=url)


def test_mkdocs_links_are_relative_to_the_page_url() -> None:
    links = page_links(mkdocs_page("quiz/exam.md", "quiz/exam/"))
    assert links.href("checklists/brief.md#materials") == "../../checklists/brief/#materials"
    assert links.data("checklists/brief.md#materials") == "../../checklists/brief/#materials"
    assert links.rendered('<a href="roles/kam.md">x</a>') == '<a href="../../roles/kam/">x</a>'


def test_zensical_attribute_links_are_docs_files_relative_to_the_source() -> None:
    # Zensical rewrites href/src in raw HTML from the source file: 'brief.md' becomes the
    # page's URL, and a plain relative link gets '../' for a page that is not an index.
    links = page_links(zensical_page("quiz/exam.md", "quiz/exam/"))
    assert links.href("checklists/brief.md#materials") == "../checklists/brief.md#materials"
    assert links.href("quiz/index.md") == "index.md"
    assert links.rendered('<a href="roles/kam.md#kpi">x</a>') == '<a href="../roles/kam.md#kpi">x</a>'
    # Scripts resolve their links against the page's URL, which no builder rewrites.
    assert links.data("checklists/brief.md#materials") == "../../checklists/brief/#materials"
    assert links.rendered_data('<a href="roles/kam.md">x</a>') == '<a href="../../roles/kam/">x</a>'


def test_zensical_links_from_the_home_page_and_an_index() -> None:
    home = page_links(zensical_page("index.md", ""))
    assert home.href("roles/kam.md") == "roles/kam.md"
    assert home.data("roles/kam.md") == "roles/kam/"
    index = page_links(zensical_page("checklists/index.md", "checklists/"))
    assert index.href("checklists/brief.md") == "brief.md"
    assert index.data("checklists/brief.md") == "brief/"


def test_a_bare_url_means_mkdocs_without_directory_urls() -> None:
    links = PageLinks("roles/kam.html", None, use_directory_urls=False)
    assert links.href("checklists/brief.md#a") == "../checklists/brief.html#a"


def test_fragments_render_with_the_page_extensions_only() -> None:
    context = object()  # Zensical's page-context extension is an object in the list
    given = [context, "toc", "abbr", "macros.tooltip_once", "zensical.extensions.macros"]
    assert markdown_extensions(given) == ["toc", "abbr", "macros.tooltip_once"]


def test_the_offline_copy_is_told_by_its_plugin_under_any_name() -> None:
    assert opens_from_disk({"plugins": {"material/search": None, "material/offline": None}})
    assert opens_from_disk({"plugins": ["search", {"offline": {"enabled": True}}]})
    assert not opens_from_disk({"plugins": {"material/search": None, "macros": None}})
    assert not opens_from_disk({"plugins": None})
    # Zensical lists every plugin with its switch; the offline one is off unless configured.
    assert not opens_from_disk({"plugins": {"search": {"config": {}}, "offline": {"config": {"enabled": False}}}})
    assert opens_from_disk({"plugins": {"offline": {"config": {"enabled": True}}}})
    assert not opens_from_disk({"plugins": ["offline", {"offline": {"enabled": False}}][1:]})


def test_the_page_calling_a_macro_is_found_in_path_order(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "trainer").mkdir(parents=True)
    (docs / "b.md").write_text("# B\n\n{{ exam_results('exam') }}\n", encoding="utf-8")
    (docs / "trainer" / "results.md").write_text('# R\n\n{{exam_results( "exam" )}}\n', encoding="utf-8")
    (docs / "a.md").write_text('# A\n\n{{ exam_results("exam-2") }} {{ exam("exam") }}\n', encoding="utf-8")
    tree = DocsTree(docs)
    assert tree.page_calling("exam_results", "exam") == "b.md"
    assert tree.page_calling("exam_results", "exam-2") == "a.md"
    assert tree.page_calling("exam_results", "ex") is None, "the whole id, not a prefix"
    assert tree.page_calling("results", "exam") is None, "the whole macro name"


def test_the_data_is_loaded_once_until_a_file_changes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "quiz").mkdir(parents=True)
    bank = docs / "quiz" / "a.yml"
    bank.write_text("id: a\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    once, made = Once(), []

    def load() -> int:
        made.append(1)
        return len(made)

    assert once.get(docs_fingerprint(docs), load) == 1
    assert once.get(docs_fingerprint(docs), load) == 1, "a second page reuses the data"
    stamp = time.time() + 5
    os.utime(bank, (stamp, stamp))
    assert once.get(docs_fingerprint(docs), load) == 2, "a changed data file is read again (mkdocs serve)"
    (docs / "downloads").mkdir()
    (docs / "downloads" / "a.md").write_text("written by the build\n", encoding="utf-8")
    assert once.get(docs_fingerprint(docs), load) == 2, "files the build writes do not count"


def test_the_macros_module_loads_by_file_path_without_the_project_on_sys_path(tmp_path: Path) -> None:
    # Zensical executes macros/__init__.py by its path, as below, from any working directory.
    script = (
        "import importlib.util, sys\n"
        f"sys.path = [p for p in sys.path if p not in ('', {str(ROOT)!r})]\n"
        f"spec = importlib.util.spec_from_file_location('macros', {str(ROOT / 'macros' / '__init__.py')!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "assert callable(module.define_env)\n"
    )
    # The project is installed in .venv (editable): the script takes it off sys.path again.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_link_check_finds_missing_files_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="#top" id="top">ok</a>'
        '<a href="https://example.org/">other host</a><a href="b/">no file</a><a href="a/#gone">no anchor</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="../../up/">climbs</a>'
        '<div data-bp-checklists=\'[{"url": "../b/"}]\'></div><script src="../x.js"></script>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "a/index.html:1: '../../up/' leaves the site",
        "a/index.html:1: '../b/' names no file (b)",
        "a/index.html:1: '../x.js' names no file (x.js)",
        "index.html:1: 'b/' names no file (b)",
        "index.html:1: 'a/#gone': a/index.html has no anchor '#gone'",
    ]


def fresh_copy(tmp_path: Path) -> Path:
    """The project as a fresh clone has it: the files in git, nothing the builds wrote."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    project = tmp_path / "clone"
    for name in filter(None, listed.decode().split("\0")):
        if (ROOT / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    assert not (project / "docs" / "downloads").exists()
    return project


def test_the_first_build_of_a_fresh_clone_is_whole(tmp_path: Path) -> None:
    """The LMS files are written by the build itself: the first build publishes them too
    (Zensical lists the docs folder before the macros write them; macros/downloads.py)."""
    project = fresh_copy(tmp_path)
    run = build(project, tmp_path / "site")
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "site" / "downloads" / "roles-gift.txt").is_file()
    assert broken_links(tmp_path / "site") == []


def test_plain_mkdocs_works_in_a_venv_made_from_requirements_txt(tmp_path: Path) -> None:
    """What every MkDocs site's README promises: `pip install -r requirements.txt`, then the
    console script `mkdocs` (not `python -m mkdocs`, which would put the project on sys.path)."""
    project = fresh_copy(tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt"],
        cwd=project, capture_output=True, text=True, check=False,
    )
    assert pip.returncode == 0, pip.stderr[-3000:]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run(
        [str(venv / "bin" / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project, capture_output=True, text=True, env=env, check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "site" / "checklists" / "brief" / "index.html").is_file()


def test_every_link_of_the_built_site_resolves(site: Path) -> None:
    """Every href and src of every page, widget HTML and the runs index included, under either builder."""
    assert broken_links(site) == []


def test_search_box_finds_pages_under_either_builder(page, base_url: str) -> None:
    """The site's search worker wraps the builder's own (lunr under MkDocs, Zensical's
    engine under Zensical) and teaches either the same Russian word forms."""
    page.goto(f"{base_url}/")
    search_for(page, "делегирование", zensical=BUILDER == "zensical")
    # Search results carry the query for highlighting (?h=).
    found = page.locator("a[href*='?h=']").first
    found.wait_for(timeout=20_000)
    assert "checklists/delegation/" in found.get_attribute("href")
    found.click()
    page.wait_for_url("**/checklists/**")


def test_tags_stand_above_the_title_under_either_builder(site: Path) -> None:
    """overrides/partials/content.html: Zensical's own partial would put them after the text."""
    html = (site / "roles" / "account-manager" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") :]
    assert "md-tags" in article and article.index("md-tags") < article.index("<h1")
