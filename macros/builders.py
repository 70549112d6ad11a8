"""What differs between MkDocs and Zensical for the macros: the page, its links, extensions, errors, data."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.utils import get_relative_url

from .links import href, map_rendered_links

T = TypeVar("T")

# Zensical runs mkdocs-macros as this Markdown extension and lists it among the page's extensions.
ZENSICAL_MACROS = "zensical.extensions.macros"


@dataclass(frozen=True)
class PageLinks:
    """Links written into one page's widget HTML, the way the builder of that page expects them.

    MkDocs copies raw HTML as it is, so every link is relative to the page's URL. Zensical reads
    href and src in raw HTML as written from the source file: it turns 'brief.md#x' into the
    page's URL (and validates page and anchor) and prefixes other relative links with '../'.
    So under Zensical, attribute links are docs files relative to the source. Links that scripts
    read (JSON in data attributes, the sealed exam key) are never rewritten by either builder:
    they stay relative to the page's URL, which is where the browser resolves them.
    """

    url: str
    source: str | None = None  # set when the builder resolves raw-HTML links from the source file
    use_directory_urls: bool = True

    def href(self, link: str) -> str:
        """A docs-relative link ('roles/kam.md#kpi') for an href attribute."""
        if self.source is None:
            return self.data(link)
        page, _, anchor = link.partition("#")
        url = get_relative_url(page, self.source)
        return f"{url}#{anchor}" if anchor else url

    def data(self, link: str) -> str:
        """A docs-relative link for a script, which resolves it against the page's URL."""
        return href(link, self.url, self.use_directory_urls)

    def rendered(self, html: str) -> str:
        """Docs-relative page links in rendered data text, for HTML in the page."""
        return map_rendered_links(html, self.href)

    def rendered_data(self, html: str) -> str:
        """The same for HTML that a script inserts into the page."""
        return map_rendered_links(html, self.data)


def is_zensical(page: Any) -> bool:
    """MkDocs pages carry their File; Zensical's page (zensical.extensions.context.Page) a path."""
    return not hasattr(page, "file") and hasattr(page, "path")


def page_links(page: Any, use_directory_urls: bool = True) -> PageLinks:
    """The page's links from what its builder provides: MkDocs' Page or Zensical's."""
    if is_zensical(page):
        return PageLinks(page.url, page.path, use_directory_urls)
    return PageLinks(page.url, None, use_directory_urls)


def page_source(page: Any) -> str:
    """The page's source file, docs-relative, for error messages."""
    return page.path if is_zensical(page) else page.file.src_uri


def markdown_extensions(extensions: Iterable[Any]) -> list[Any]:
    """The page's own Markdown extensions, for rendering data text like the page.

    Zensical passes its macros extension in the list (and its page-context extension, an
    object): rendering a fragment with it would run define_env again and read the fragment as
    a Jinja template, so both are dropped. Only extensions named by a string are the page's.
    """
    return [ext for ext in extensions if isinstance(ext, str) and ext != ZENSICAL_MACROS]


def opens_from_disk(conf: Any) -> bool:
    """Whether the build is the offline copy, whose pages open from file:// where a page
    cannot fetch another: Material's offline plugin is on."""
    plugins = conf.get("plugins") or {}
    # A config as written lists names, or one-key mappings of a name to its options.
    entries = (
        [(p, None) if isinstance(p, str) else next(iter(p.items())) for p in plugins]
        if isinstance(plugins, list)
        else plugins.items()
    )
    return any(str(name).rsplit("/", 1)[-1] == "offline" and _enabled(options) for name, options in entries)


def _enabled(options: Any) -> bool:
    """A plugin's own 'enabled' switch. Zensical lists every plugin, the offline one too, with
    its options under 'config'; MkDocs lists the plugins in use, as objects with a config."""
    if isinstance(options, dict):
        options = options.get("config", options)
        return bool(options.get("enabled", True)) if isinstance(options, dict) else True
    config = getattr(options, "config", None)
    return config is None or bool(config.get("enabled", True))


class BuildError(Exception):
    """A problem that must stop the build, with a message for the trainer (file, line, id)."""


def fail(message: str, zensical: bool) -> BuildError:
    """Stop the build with a clean message under either builder.

    MkDocs prints a PluginError as one line. Zensical wraps any exception from a page into a
    RuntimeError with a Python traceback, and renders the other pages first; a data error
    concerns the whole site, so under Zensical the message is printed and the build ends here.
    """
    if zensical:
        sys.stdout.flush()
        print(f"Error: {message}", file=sys.stderr, flush=True)
        os._exit(1)
    from mkdocs.exceptions import PluginError

    return PluginError(message)


def docs_fingerprint(docs_dir: Path) -> tuple[tuple[str, int], ...]:
    """Pages and data files with their modification times: the key of the data cache.

    Pages count too: links in the data are checked against their headings. The LMS files
    that the build itself writes (downloads/) do not.
    """
    files = sorted(
        p
        for suffix in ("*.md", "*.yml")
        for p in docs_dir.rglob(suffix)
        if p.relative_to(docs_dir).parts[0] != "downloads"
    )
    return tuple((str(p), p.stat().st_mtime_ns) for p in files)


class Once:
    """One value per build: made again only when its key (the data files' mtimes) changes.

    MkDocs calls define_env once per build, Zensical once per page; `mkdocs serve` rebuilds
    in the same process. Keyed by mtimes, the data is read and validated once per build and
    again only after a data file changed.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: object = None
        self._value: Any = None

    def get(self, key: object, make: Callable[[], T]) -> T:
        with self._lock:
            if self._value is None or key != self._key:
                self._value, self._key = make(), key
            return self._value


# The site of the current build. It lives here, not in __init__.py, because Zensical executes
# __init__.py anew for every page, while this module is imported once.
site_cache = Once()
