"""The project's own link check over a built site: every href and src resolves to a file and an anchor.

MkDocs validates the links of the Markdown it renders; Zensical validates fewer kinds, and
neither looks at links that widgets write into raw HTML or hand to their scripts. This reads
the built folder the way a browser would, so it holds under either builder.
"""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that a browser follows or loads; data-bp-checklists carries the runs index's URLs.
LINK_ATTRIBUTES = {"href", "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and tag != "meta":
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES and not (tag == "link" and ("rel", "canonical") in attrs):
                self.links.append((line, value))
            elif name == "data-bp-checklists":
                # The checklists index: the script turns these into links to each checklist.
                self.links += [(line, entry["url"]) for entry in json.loads(value)]


def _target(site: Path, page: str, url: str) -> tuple[str | None, str]:
    """The site file a link from `page` opens (None when it leaves the site) and its anchor."""
    parts = urlsplit(url)
    if parts.path.startswith("/"):
        path = parts.path.lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if path.startswith("../") or path == "..":
            return None, parts.fragment
    path = unquote(path)
    if path in (".", ""):
        path = "index.html"
    elif (site / path).is_dir():
        path = posixpath.join(path, "index.html")
    return path, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """Every href/src of every page that names no file of the site or no anchor of its page."""
    pages: dict[str, _Page] = {}
    for file in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(file.read_text(encoding="utf-8"))
        pages[file.relative_to(site).as_posix()] = parser
    problems = []
    for page, parsed in pages.items():
        for line, url in parsed.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue  # another host, mailto:, data:, javascript: — not this site's files
            if not parts.path:
                target, anchor = page, unquote(parts.fragment)
            else:
                target, anchor = _target(site, page, url)
            if target is None:
                problems.append(f"{page}:{line}: '{url}' leaves the site")
            elif not (site / target).is_file():
                problems.append(f"{page}:{line}: '{url}' names no file ({target})")
            elif anchor and target.endswith(".html") and anchor not in pages[target].ids:
                problems.append(f"{page}:{line}: '{url}': {target} has no anchor '#{anchor}'")
    return problems
