"""Links from data files to site pages: validation against the docs tree, and URLs."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.utils import get_relative_url
from pymdownx.slugs import slugify

# The same slugify as the toc extension in mkdocs.yml, so anchors agree with headings.
_slugify = slugify(case="lower")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EXPLICIT_ID = re.compile(r"""\bid=["']([^"']+)["']""")
# A Markdown link in data text: [label](target "title"); page links are docs-relative.
_TEXT_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_RENDERED_LINK = re.compile(r'href="([^"#:?]+\.md)(#[^"]*)?"')


def heading_anchor(text: str) -> str:
    """The anchor the toc extension gives a Markdown heading."""
    explicit = _ATTR_ID.search(text)
    if explicit:
        return explicit.group(1)
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return _slugify(text, "-")


class DocsTree:
    """Pages of the docs folder and the anchors each page will have."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self._anchors: dict[str, set[str]] = {}
        self._titles: dict[str, str] = {}
        # Anchors made by widgets (checklist items, glossary terms), not by headings.
        self.extra_anchors: dict[str, set[str]] = {}
        self._calls: dict[tuple[str, str], str | None] = {}
        self._sources: list[tuple[str, str]] | None = None

    def has_page(self, page: str) -> bool:
        return page.endswith(".md") and (self.docs_dir / page).is_file()

    def anchors(self, page: str) -> set[str]:
        if page not in self._anchors:
            found: set[str] = set()
            in_fence = False
            for line in (self.docs_dir / page).read_text(encoding="utf-8").splitlines():
                if line.lstrip().startswith(("```", "~~~")):
                    in_fence = not in_fence
                    continue
                match = None if in_fence else _HEADING.match(line)
                if match:
                    found.add(heading_anchor(match.group(2)))
                found.update(_EXPLICIT_ID.findall(line))
            self._anchors[page] = found
        return self._anchors[page] | self.extra_anchors.get(page, set())

    def title(self, link: str) -> str:
        """The H1 of the page a link points to, for link text (read once per page)."""
        page = link.partition("#")[0]
        if page not in self._titles:
            self._titles[page] = page
            for line in (self.docs_dir / page).read_text(encoding="utf-8").splitlines():
                if line.startswith("# "):
                    self._titles[page] = re.sub(r"[*_`]", "", _MD_LINK.sub(r"\1", line[2:])).strip()
                    break
        return self._titles[page]

    def page_calling(self, macro: str, argument: str) -> str | None:
        """The first page (in path order) whose source calls {{ macro("argument") }}, or None."""
        if (macro, argument) not in self._calls:
            call = re.compile(r"\{\{-?\s*" + re.escape(macro) + r"\(\s*([\"'])" + re.escape(argument) + r"\1\s*\)")
            found = (page for page, source in self._page_sources() if call.search(source))
            self._calls[(macro, argument)] = next(found, None)
        return self._calls[(macro, argument)]

    def _page_sources(self) -> list[tuple[str, str]]:
        """Every page with its source, in path order, read once: the route asks page_calling
        for each of its checks, and reading the docs folder each time cost 2 ms per call."""
        if self._sources is None:
            pages = sorted(p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*.md"))
            self._sources = [(page, (self.docs_dir / page).read_text(encoding="utf-8")) for page in pages]
        return self._sources

    def check(self, link: str) -> str | None:
        """Return what is wrong with a docs-relative link such as 'roles/kam.md#kpi', or None."""
        page, _, anchor = link.partition("#")
        if "://" in link or link.startswith("/"):
            return f"'{link}' must be a page path relative to docs/, e.g. 'roles/kam.md#kpi'"
        if not self.has_page(page):
            return f"'{link}' names no page; expected an existing file under docs/, e.g. 'roles/kam.md'"
        if anchor and anchor not in self.anchors(page):
            return f"'{link}': page '{page}' has no heading or item with the anchor '#{anchor}'"
        return None


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site URL MkDocs gives a docs file, e.g. 'roles/kam.md' -> 'roles/kam/'."""
    stem, _ = posixpath.splitext(src_uri)
    if not use_directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) in ("index", "README"):
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


def href(link: str, from_page_url: str, use_directory_urls: bool = True) -> str:
    """A docs-relative link as a URL relative to the page that shows it."""
    page, _, anchor = link.partition("#")
    target = page_url(page, use_directory_urls)
    url = get_relative_url(target or ".", from_page_url or ".")
    if use_directory_urls and not url.endswith("/") and not url.endswith(".html"):
        url += "/"
    return f"{url}#{anchor}" if anchor else url


def _is_page_link(target: str) -> bool:
    return "://" not in target and not target.startswith(("mailto:", "tel:", "#"))


def text_link_problems(text: str | None, docs: DocsTree) -> list[str]:
    """What is wrong with each page link written inside data text (docs-relative, like 'link')."""
    problems = []
    for _, target in _TEXT_LINK.findall(text or ""):
        if _is_page_link(target) and (problem := docs.check(target)):
            problems.append(f"link in the text: {problem}")
    return problems


def rewrite_page_links(text: str, url_of: Callable[[str], str | None]) -> str:
    """Page links in Markdown data text pointed at url_of(link), or left as plain label when None."""

    def rewrite(match: re.Match[str]) -> str:
        label, target = match.groups()
        if not _is_page_link(target):
            return match.group(0)
        url = url_of(target)
        return f"[{label}]({url})" if url else label

    return _TEXT_LINK.sub(rewrite, text)


def map_rendered_links(html: str, to_href: Callable[[str], str]) -> str:
    """Docs-relative page links in rendered data text ('brief.md#x'), each replaced by to_href(link)."""
    return _RENDERED_LINK.sub(lambda m: f'href="{to_href(m.group(1) + (m.group(2) or ""))}"', html)
