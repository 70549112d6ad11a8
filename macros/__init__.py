"""mkdocs-macros entry point (MkDocs or Zensical): loads the site's data once and exposes the widget macros.

Everything heavy lives in plain modules (banks, checklists, glossary, scoring, render)
that the tests import directly; what differs between the builders is in builders.py.
This file only wires them into the page environment.
"""

from __future__ import annotations

import hashlib
import os
import sys

if __name__ not in sys.modules:
    # Zensical executes this file by its path, outside the import system, so the relative
    # imports below would look for a 'macros' package on sys.path. Register the package
    # from this file first; then it needs nothing on sys.path and loads its modules once.
    import importlib.util

    _spec = importlib.util.spec_from_file_location(__name__, __file__)
    assert _spec is not None and _spec.loader is not None
    sys.modules[__name__] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(sys.modules[__name__])

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .builders import (
    docs_fingerprint,
    fail,
    is_zensical,
    markdown_extensions,
    opens_from_disk,
    page_links,
    page_source,
    site_cache,
)
from .downloads import copy_to_site, publish
from .exam.lock import ENV, ENV_FILE, Lock, LockError, passphrase_from
from .exam.page import marking
from .glossary import page_markdown, tooltips
from .lms import ExportError, lms_texts
from .problems import DataError
from .render import MarkdownText, Renderer
from .scoring import human, plural
from .sitedata import SiteData


@dataclass
class Site:
    """What every page of one build shares: the validated data, the renderer, the LMS files."""

    data: SiteData
    renderer: Renderer
    downloads: dict[str, dict[str, str]]
    # How each exam is marked on this build: 'trainer', 'practice' or 'instant' (exam/page.py).
    marking: dict[str, str]


def load_site(conf: Any, docs_dir: Path, project_dir: Path, zensical: bool, offline: bool) -> Site:
    """Validate every bank, checklist and the glossary, write the LMS files, prepare the renderer."""
    data = SiteData.load(docs_dir, project_dir)
    extensions, configs = markdown_extensions(conf["markdown_extensions"]), conf["mdx_configs"]
    text = MarkdownText(extensions, configs, tooltips(data.glossary))
    # Only exams that ask for the trainer's marking need the passphrase, and only one
    # derivation per build (it is slow on purpose).
    wanted = any(b.exam and b.exam.marking == "trainer" for b in data.banks.values())
    passphrase = passphrase_from() if wanted else None
    renderer = Renderer(
        text,
        data.docs,
        conf["use_directory_urls"],
        MarkdownText(extensions, configs),
        keys_inline=offline,
        lock=Lock(passphrase) if passphrase else None,
        lms_files=lambda bank: lms_texts(bank, conf.get("site_url"), conf["use_directory_urls"]),
    )
    downloads, rewritten = publish(data.banks, docs_dir, conf.get("site_url"), conf["use_directory_urls"])
    if zensical and rewritten:
        copy_to_site(rewritten, docs_dir, project_dir / conf["site_dir"])
    locking = renderer.lock is not None
    return Site(data, renderer, downloads, {b.id: marking(b, locking) for b in data.banks.values() if b.exam})


def define_env(env) -> None:
    """Load the site once per build (cached across Zensical's per-page calls), then register the macros."""
    conf, project_dir = env.conf, Path(env.project_dir)
    # MkDocs calls define_env before any page (env.page raises then), Zensical once per page.
    zensical = is_zensical(getattr(env, "page", None))
    # MkDocs gives docs_dir absolute, Zensical as written in mkdocs.yml: joining serves both.
    docs_dir = project_dir / conf["docs_dir"]
    offline = opens_from_disk(conf)
    # The passphrase settings are part of the key (as a digest): a changed passphrase relocks.
    secret = hashlib.sha256(repr([os.environ.get(ENV), os.environ.get(ENV_FILE)]).encode()).hexdigest()
    key = (str(docs_dir), conf.get("site_url"), conf["use_directory_urls"], offline, secret, docs_fingerprint(docs_dir))
    try:
        site = site_cache.get(key, lambda: load_site(conf, docs_dir, project_dir, zensical, offline))
    except DataError as error:
        # A clean message for the trainer; a traceback would bury the file and line.
        raise fail(str(error), zensical) from None
    except ExportError as error:
        raise fail(f"LMS export: {error}", zensical) from None
    except LockError as error:
        raise fail(f"Trainer's passphrase: {error}", zensical) from None
    data, renderer = site.data, site.renderer

    def page():
        return page_links(env.page, conf["use_directory_urls"])

    def lookup(kind: str, find, key: str):
        try:
            return find(key)
        except KeyError as error:
            raise fail(f"{page_source(env.page)}: {kind}('{key}'): {error.args[0]}", zensical) from None

    @env.macro
    def quiz(bank_id: str) -> str:
        """The interactive quiz for a question bank in docs/quiz/."""
        return renderer.quiz(lookup("quiz", data.bank, bank_id), page())

    @env.macro
    def exam(bank_id: str) -> str:
        """The internal exam drawn from a bank with 'exam' settings."""
        return renderer.exam(lookup("exam", data.exam_bank, bank_id), page())

    @env.macro
    def exam_results(bank_id: str) -> str:
        """The trainer's page that merges result files of an exam."""
        return renderer.exam_results(lookup("exam_results", data.exam_bank, bank_id), page())

    @env.macro
    def checklist(checklist_id: str) -> str:
        """The interactive checklist for a source in docs/checklists/."""
        return renderer.checklist(lookup("checklist", data.checklist, checklist_id), page())

    @env.macro
    def checklist_runs() -> str:
        """The reader's runs of every checklist with their progress (checklists index)."""
        return renderer.runs_index(list(data.checklists.values()), page())

    def the_route():
        if data.route is None:
            raise fail(f"{page_source(env.page)}: the route file docs/path.yml is missing", zensical)
        return data.route

    @env.macro
    def read_mark() -> str:
        """«Прочитано» at the end of a page of the route (docs/path.yml)."""
        src = page_source(env.page)
        if src not in the_route().hashes:
            raise fail(f"{src}: read_mark() is only for the pages of the route in docs/path.yml", zensical)
        return renderer.read_mark(the_route(), src, page())

    @env.macro
    def route() -> str:
        """The new hire's route from docs/path.yml as a list of links (home page, new-hire checklist)."""
        return renderer.route(the_route(), page())

    @env.macro
    def my_path() -> str:
        """The page «Мой путь»: the route with its state in this browser."""
        return renderer.route(the_route(), page(), data.checklists.get("new-hire"), detail=True)

    @env.macro
    def group_progress() -> str:
        """The mentor's page «Прогресс группы»: progress files of new hires in one table."""
        return renderer.group_progress(the_route(), page())

    @env.macro
    def glossary() -> str:
        """The glossary page body, from docs/glossary.yml."""
        return page_markdown(data.glossary)

    # Numbers on pages as people write them: 80, 1,5, never 80.0.
    env.filter(human, "number")
    env.filter(plural, "plural")

    env.variables["checklists"] = data.checklists
    env.variables["banks"] = data.banks
    # Links to the LMS files on the trainer's page: {{ downloads.exam.gift }} -> docs-relative path.
    env.variables["downloads"] = site.downloads
    # For the pages that explain it: {% if exam_marking.exam == "practice" %}.
    env.variables["exam_marking"] = site.marking
