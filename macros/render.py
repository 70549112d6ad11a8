"""HTML for the widgets: Jinja templates fed with text rendered by the page's Markdown."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markdown.extensions import Extension
from markupsafe import Markup

from .banks import Bank
from .builders import PageLinks
from .checklists import MOMENTS, Checklist
from .exam.draw import quiz_orders
from .exam.lock import Lock
from .exam.page import key, marking, seal, settings
from .fragments import allows_plain_shortcut, cache_abbreviation_pattern, is_plain, plain_paragraph
from .links import DocsTree
from .path.route import GROUP_PAGE, PATH_PAGE, Route, route_data
from .scoring import human, plural
from .uitext import words

TEMPLATES = Path(__file__).parent / "templates"
_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


class _NoRawHtml(Extension):
    """Treat raw HTML in data files as text: a trainer's '<script>' must stay visible text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block", strict=False)
        md.inlinePatterns.deregister("html", strict=False)


class MarkdownText:
    """Renders data-file text with the same extensions and settings as the pages.

    One difference: glossary tooltips come from the abbr extension's own glossary instead
    of the snippets auto_append file, which would be re-parsed for every fragment.
    """

    def __init__(
        self,
        extensions: list[Any],
        configs: dict[str, Any],
        tooltips: dict[str, str] | None = None,
        shortcuts: bool = True,
    ):
        configs = {name: dict(options) for name, options in configs.items()}
        if "pymdownx.snippets" in configs:
            configs["pymdownx.snippets"]["auto_append"] = []
        if tooltips and "abbr" in extensions:
            configs["abbr"] = {**configs.get("abbr", {}), "glossary": tooltips}
        self._md = markdown.Markdown(extensions=[*extensions, _NoRawHtml()], extension_configs=configs)
        # Build cost: see macros/fragments.py; neither shortcut changes the HTML (the tests
        # compare with shortcuts=False, a full conversion of every fragment).
        if shortcuts:
            cache_abbreviation_pattern(self._md)
        self._plain_shortcut = shortcuts and allows_plain_shortcut(extensions, self._md)

    def new_section(self) -> None:
        """Start a section: a glossary term gets its tooltip again at its next mention."""
        self._md.tooltip_once_seen = set()

    def block(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        if self._plain_shortcut and is_plain(text):
            return Markup(plain_paragraph(text))
        html = self._md.reset().convert(text)
        return Markup(html)

    def inline(self, text: str | None) -> Markup:
        """Text for one line (a label, an option): the paragraph wrapper removed."""
        html = str(self.block(text))
        match = _SINGLE_PARAGRAPH.match(html)
        return Markup(match.group(1) if match and "<p>" not in match.group(1) else html)


class PageText:
    """Data text for one page: rendered once, then its page links pointed from that page."""

    def __init__(self, text: MarkdownText, resolve: Callable[[str], str]):
        # resolve: PageLinks.rendered for HTML in the page, .rendered_data for HTML a script inserts.
        self._text, self._resolve = text, resolve
        # One widget is one section for tooltips: a term is marked at its first mention in it.
        text.new_section()

    def block(self, text: str | None) -> Markup:
        return Markup(self._resolve(str(self._text.block(text))))

    def inline(self, text: str | None) -> Markup:
        return Markup(self._resolve(str(self._text.inline(text))))


class Renderer:
    """Turns banks and checklists into widget HTML for one page at a time."""

    def __init__(
        self,
        text: MarkdownText,
        docs: DocsTree,
        use_directory_urls: bool = True,
        plain_text: MarkdownText | None = None,
        keys_inline: bool = False,
        lock: Lock | None = None,
        lms_files: Callable[[Bank], dict[str, str]] | None = None,
    ):
        self.text = text
        # Text without glossary tooltips: a tooltip on a quiz option gives the answer away,
        # and a checklist item's title is a heading, where tooltips never go.
        self.plain_text = plain_text or text
        self.docs = docs
        self.use_directory_urls = use_directory_urls
        self.keys_inline = keys_inline
        # Trainer marking: the key locked with the trainer's passphrase; the results page also
        # carries the bank's LMS files, which are not published in the open (downloads.py).
        self.lock = lock
        self.lms_files = lms_files
        self.jinja = Environment(
            loader=FileSystemLoader(TEMPLATES),
            bytecode_cache=_bytecode_cache(),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.jinja.filters["plural"] = plural
        self.jinja.filters["points"] = points
        self.jinja.filters["number"] = human
        # JSON for a data-* attribute: autoescape makes it safe there, and Cyrillic stays as
        # UTF-8 (Jinja's tojson writes 6-byte \uXXXX escapes, for <script> contexts).
        self.jinja.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)

    def _links(self, page: PageLinks | str) -> PageLinks:
        """Links of the page; a bare URL means a page built by MkDocs."""
        return page if isinstance(page, PageLinks) else PageLinks(page, None, self.use_directory_urls)

    def quiz(self, bank: Bank, page: PageLinks | str) -> str:
        """A knowledge check, or the self-assessment for a bank with subtypes."""
        links = self._links(page)
        rule = bank.rule
        config = {
            "axes": [{"id": a.id, "name": a.name} for a in bank.axes],
            "results": [{"id": r.id, "name": r.name, "profile": r.profile} for r in bank.results],
            "ideal": rule.ideal,
            "idealShare": rule.ideal_share,
            "rivalShare": rule.rival_share,
            "margin": rule.close_margin,
        }
        html = self.jinja.get_template("self-assessment.html" if bank.is_scale else "quiz.html").render(
            bank=bank,
            md=PageText(self.plain_text, links.rendered),
            link=links.href,
            title=self.docs.title,
            order=quiz_orders(bank),
            config=config,
            words=words("self-assessment" if bank.is_scale else "quiz"),
        )
        return _compact(html)

    def exam(self, bank: Bank, page: PageLinks | str) -> str:
        """The exam: questions in the open, right answers and explanations sealed.

        The exam page leaves its sealed key to the trainer's results page, which carries the
        same key, and fetches it from there: sealed bytes do not compress, and without them the
        page reaches a slow phone in two round trips instead of three (README: Accessibility
        and speed). A page opened from disk cannot fetch another, so the offline copy carries
        its own key, and so does an exam whose bank has no results page.
        """
        carrier = None if self.keys_inline else self.docs.page_calling("exam_results", bank.id)
        return self._exam_widget("exam.html", bank, page, "exam", carrier)

    def exam_results(self, bank: Bank, page: PageLinks | str) -> str:
        """The trainer's results page for an exam bank."""
        return self._exam_widget("exam-results.html", bank, page, "results", lms=True)

    def _exam_widget(
        self, template: str, bank: Bank, page: PageLinks | str, kind: str, carrier: str | None = None, lms: bool = False
    ) -> str:
        """carrier: the docs page whose widget carries the key, or None to carry it here;
        lms: with trainer marking, lock the bank's LMS files in with the key."""
        links = self._links(page)
        marked_by = marking(bank, self.lock is not None)
        sealed = locked = None
        if carrier is None:
            # The key is opened by the script, so its links are the script's kind.
            sealed_md = PageText(self.plain_text, links.rendered_data)
            content = key(bank, sealed_md.block, links.data, self.docs.title)
            if marked_by == "trainer" and self.lock:
                if lms and self.lms_files:
                    content["lms"] = self.lms_files(bank)
                locked = self.lock.lock(content)
            else:
                sealed = seal(content, bank.version)
        html = self.jinja.get_template(template).render(
            bank=bank,
            md=PageText(self.plain_text, links.rendered),
            config=settings(bank, marked_by),
            marking=marked_by,
            sealed=sealed,
            locked=locked,
            key_from=links.data(carrier) if carrier else None,
            words=words(kind),
        )
        return _compact(html)

    def checklist(self, checklist: Checklist, page: PageLinks | str) -> str:
        links = self._links(page)
        html = self.jinja.get_template("checklist.html").render(
            checklist=checklist,
            md=PageText(self.text, links.rendered),
            plain=PageText(self.plain_text, links.rendered),
            link=links.href,
            title=self.docs.title,
            moments=MOMENTS,
            words=words("checklist"),
        )
        return _compact(html)

    def runs_index(self, checklists: list[Checklist], page: PageLinks | str) -> str:
        """The list of runs in this browser, for the checklists index."""
        # The script reads these URLs, so they are relative to the page's URL.
        links = self._links(page)
        link = links.data
        lists = [
            {"id": c.id, "title": c.title, "url": link(c.page), "items": [item.id for item in c.items]}
            for c in checklists
        ]
        return _compact(self.jinja.get_template("runs-index.html").render(lists=lists, words=words("runs")))

    def read_mark(self, route: Route, src: str, page: PageLinks | str) -> str:
        """«Прочитано» at the end of a page of the route, with the pages' fingerprints for the
        navigation's marks (links for the script: each page's URL and fingerprint)."""
        links = self._links(page)
        pages = {p: [links.data(p), route.hashes[p]] for s in route.stages for p in s.pages}
        html = self.jinja.get_template("read-mark.html").render(
            src=src,
            hash=route.hashes[src],
            route={"version": route.version, "pages": pages},
            link=links.href,
            path_page=PATH_PAGE,
            words=words("path"),
        )
        return _compact(html)

    def route(self, route: Route, page: PageLinks | str, new_hire: Checklist | None = None, detail: bool = False) -> str:
        """The route as a list of links; with detail, the page «Мой путь» around it."""
        links = self._links(page)
        values = {"stages": route.stages, "link": links.href, "title": self.docs.title, "detail": detail}
        if not detail:
            return _compact(self.jinja.get_template("route.html").render(**values))
        runs = (new_hire.id, len(new_hire.items)) if new_hire else None
        html = self.jinja.get_template("my-path.html").render(
            **values,
            route=route_data(route, self.docs, links.data, runs),
            new_hire_title=new_hire.title if new_hire else "",
            group_page=GROUP_PAGE,
            words=words("path"),
        )
        return _compact(html)

    def group_progress(self, route: Route, page: PageLinks | str) -> str:
        """The mentor's page: progress files of a group merged into one table."""
        links = self._links(page)
        data = route_data(route, self.docs, links.data, None)
        html = self.jinja.get_template("group-progress.html").render(route=data, words=words("group"))
        return _compact(html)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between builds: compiling the seven widget templates took
    0.1 s, near half of all widget rendering. Jinja keys each entry by the template's path,
    checks its source before use, and keeps them in a private folder of the temp directory."""
    try:
        return FileSystemBytecodeCache()
    except RuntimeError:  # no private temp folder to be had: compile every time
        return None


def _compact(html: str) -> str:
    """Drop blank lines: inside a page, a blank line would end the raw HTML block."""
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


def points(value: float) -> str:
    """Points as a reader says them: «2 балла», «1 балл», «0,5 балла»."""
    if value != int(value):
        return f"{value:g}".replace(".", ",") + " балла"
    return f"{int(value)} {plural(int(value), 'балл', 'балла', 'баллов')}"
