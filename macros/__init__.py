"""mkdocs-macros entry point: loads the site's data once and exposes the widget macros.

Everything heavy lives in plain modules (banks, checklists, glossary, scoring, render)
that the tests import directly; this file only wires them into the page environment.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .downloads import publish
from .glossary import page_markdown, tooltips
from .lms import ExportError
from .problems import DataError
from .render import MarkdownText, Renderer
from .scoring import human
from .sitedata import SiteData


def define_env(env) -> None:
    """Validate every bank, checklist and the glossary, then register the macros."""
    conf = env.conf
    try:
        data = SiteData.load(Path(conf["docs_dir"]), Path(env.project_dir))
    except DataError as error:
        # A clean message for the trainer; a traceback would bury the file and line.
        raise PluginError(str(error)) from None
    text = MarkdownText(conf["markdown_extensions"], conf["mdx_configs"], tooltips(data.glossary))
    plain_text = MarkdownText(conf["markdown_extensions"], conf["mdx_configs"])
    renderer = Renderer(text, data.docs, conf["use_directory_urls"], plain_text)
    try:
        downloads = publish(data.banks, Path(conf["docs_dir"]), conf.get("site_url"), conf["use_directory_urls"])
    except ExportError as error:
        raise PluginError(f"LMS export: {error}") from None

    def lookup(kind: str, find, key: str):
        try:
            return find(key)
        except KeyError as error:
            raise PluginError(f"{env.page.file.src_uri}: {kind}('{key}'): {error.args[0]}") from None

    @env.macro
    def quiz(bank_id: str) -> str:
        """The interactive quiz for a question bank in docs/quiz/."""
        return renderer.quiz(lookup("quiz", data.bank, bank_id), env.page.url)

    @env.macro
    def exam(bank_id: str) -> str:
        """The internal exam drawn from a bank with 'exam' settings."""
        return renderer.exam(lookup("exam", data.exam_bank, bank_id), env.page.url)

    @env.macro
    def exam_results(bank_id: str) -> str:
        """The trainer's page that merges result files of an exam."""
        return renderer.exam_results(lookup("exam_results", data.exam_bank, bank_id), env.page.url)

    @env.macro
    def checklist(checklist_id: str) -> str:
        """The interactive checklist for a source in docs/checklists/."""
        return renderer.checklist(lookup("checklist", data.checklist, checklist_id), env.page.url)

    @env.macro
    def checklist_runs() -> str:
        """The reader's runs of every checklist with their progress (checklists index)."""
        return renderer.runs_index(list(data.checklists.values()), env.page.url)

    @env.macro
    def glossary() -> str:
        """The glossary page body, from docs/glossary.yml."""
        return page_markdown(data.glossary)

    # Numbers on pages as people write them: 80, 1,5, never 80.0.
    env.filter(human, "number")

    env.variables["checklists"] = data.checklists
    env.variables["banks"] = data.banks
    # Links to the LMS files on the trainer's page: {{ downloads.exam.gift }} -> docs-relative path.
    env.variables["downloads"] = downloads
