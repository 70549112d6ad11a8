"""A Markdown extension: glossary tooltips on a term's first mention in each section only.

The abbr extension marks every occurrence of every glossary form, which underlined a term
dozens of times on one page. This runs after it and keeps a tooltip only on the first
mention of each term in a section (a part of the page under one H2), never inside a
heading, a link or a button, where a tooltip would fight with the element's own role.
Use it in mkdocs.yml as `macros.tooltip_once`, listed after `abbr`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_SECTION_START = {"h1", "h2"}
_NO_TOOLTIP_INSIDE = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "summary"}


class _FirstMention(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        # A widget renders its data text in many small conversions; it shares one set of
        # seen terms across them (see MarkdownText.new_section), so the widget counts as
        # one section.
        shared = getattr(self.md, "tooltip_once_seen", None)
        self._seen: set[str] = shared if shared is not None else set()
        self._walk(root, inside_blocked=False)

    def _walk(self, parent: etree.Element, inside_blocked: bool) -> None:
        for child in list(parent):
            if child.tag in _SECTION_START:
                self._seen.clear()
            if child.tag == "abbr":
                term = child.get("title", "")
                if inside_blocked or term in self._seen:
                    _unwrap(parent, child)
                    continue
                self._seen.add(term)
            self._walk(child, inside_blocked or child.tag in _NO_TOOLTIP_INSIDE)


def _unwrap(parent: etree.Element, element: etree.Element) -> None:
    """Replace an element by its text, keeping the text that follows it."""
    text = "".join(element.itertext()) + (element.tail or "")
    index = list(parent).index(element)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)


class TooltipOnceExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # abbr's tree processor runs at priority 7; lower numbers run later.
        md.treeprocessors.register(_FirstMention(md), "tooltip_once", 6)


def makeExtension(**kwargs) -> TooltipOnceExtension:  # the name Markdown looks for
    return TooltipOnceExtension(**kwargs)
