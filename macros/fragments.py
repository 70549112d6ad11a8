"""Cheaper Markdown for the many small fragments of data text, with output unchanged.

A build converts some 1,700 fragments (questions, options, feedback, checklist items) one
by one. Each full conversion pays a fixed cost (reset, a dozen processors, serialising)
and, with the glossary, rebuilt a pattern of a thousand abbreviations. Two shortcuts cut
that without changing a byte (tests/test_fragments.py compares them with full conversions
on every text of the site):

- plain text, which Markdown would only wrap in <p>, is wrapped here directly;
- the abbreviation pattern is compiled once per set of abbreviations, not per conversion.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions.abbr import AbbrTreeprocessor

# Extensions known to leave plain text alone: those of mkdocs.yml, MkDocs' defaults, and
# the renderer's own. Another extension (smarty, emoji, magiclink, nl2br...) may rewrite
# plain words, so with it every fragment takes the full conversion.
PLAIN_SAFE_EXTENSIONS = frozenset(
    {
        "abbr",
        "macros.tooltip_once",
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tasklist",
        "pymdownx.snippets",
    }
)

# Anything that could start Markdown syntax anywhere on a line (emphasis, code, links,
# escapes, HTML, entities, attribute lists, tables, tabs and control characters), and
# whitespace that Markdown treats specially: around the text or a line break, or doubled.
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&{}|~^=#$\x00-\x09\x0b-\x1f\x7f]|\s\s|\s\n|\n\s|\A\s|\s\Z")


def is_plain(text: str) -> bool:
    """Text that Markdown turns into exactly <p>text</p>.

    Besides no special character, every line must start with a letter or «: block syntax
    (lists, quotes, headings, rules, fences, definitions, admonitions, indented code,
    setext underlines) always starts a line with something else.
    """
    if _NOT_PLAIN.search(text):
        return False
    return all(line[:1].isalpha() or line[:1] == "«" for line in text.split("\n"))


def plain_paragraph(text: str) -> str:
    return f"<p>{text}</p>"


def allows_plain_shortcut(extensions: list, md: markdown.Markdown) -> bool:
    """Whether is_plain() text may skip the conversion with these extensions.

    Not while abbreviations are set (the glossary): they wrap words of plain text too.
    """
    if not all(isinstance(name, str) and name in PLAIN_SAFE_EXTENSIONS for name in extensions):
        return False
    return not any(isinstance(processor, AbbrTreeprocessor) and processor.abbrs for processor in md.treeprocessors)


class _CachedAbbrTreeprocessor(AbbrTreeprocessor):
    """abbr's tree processor, compiling its pattern only when the abbreviations change.

    The pattern is built exactly as Markdown 3.x builds it in AbbrTreeprocessor.run; it
    depends on the abbreviations and their order only, which the cache key holds.
    """

    def __init__(self, md: markdown.Markdown, abbrs: dict):
        super().__init__(md, abbrs)
        self._pattern_keys: tuple[str, ...] | None = None

    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        keys = tuple(self.abbrs)
        if keys != self._pattern_keys:
            abbr_list = sorted(keys, key=len, reverse=True)
            self.RE = re.compile(f"\\b(?:{'|'.join(re.escape(key) for key in abbr_list)})\\b")
            self._pattern_keys = keys
        self.iter_element(root)
        return None


# abbr registers its tree processor at priority 7 (macros.tooltip_once runs after it, at 6).
_ABBR_PRIORITY = 7


def cache_abbreviation_pattern(md: markdown.Markdown) -> None:
    """Swap abbr's tree processor for the caching one, sharing its abbreviations."""
    if "abbr" not in md.treeprocessors:
        return
    current = md.treeprocessors["abbr"]
    if type(current) is AbbrTreeprocessor:
        md.treeprocessors.register(_CachedAbbrTreeprocessor(md, current.abbrs), "abbr", _ABBR_PRIORITY)
