"""A knowledge bank for an LMS: Moodle's GIFT text and Moodle XML, a category per topic.

Moodle accepts only certain answer weights; a multiple-answer question gives each right
option 100/k per cent and each wrong one -100/k, the same partial credit as the site.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

from .banks import Bank, Question
from .links import page_url, rewrite_page_links

FORMATS = ("gift", "moodle-xml")
# Moodle's list of grade fractions (question/format.php), as per cent.
MOODLE_FRACTIONS = (
    100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0,
)  # fmt: skip
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


class ExportError(Exception):
    """A bank that cannot be written for an LMS, with the reason."""


def fraction(correct_count: int) -> str:
    """The weight of one of `correct_count` options that share the points, as Moodle writes it, e.g. '33.33333'."""
    share = 100 / correct_count
    allowed = min(MOODLE_FRACTIONS, key=lambda f: abs(f - share))
    if abs(allowed - share) > 0.00001:
        raise ExportError(f"{correct_count} right options give {share:.5f} %, a weight Moodle does not accept")
    return f"{allowed:.5f}".rstrip("0").rstrip(".")


class Exporter:
    """Writes one bank; links to site pages become absolute when the site's address is known."""

    def __init__(self, bank: Bank, site_url: str | None = None, use_directory_urls: bool = True):
        if bank.is_scale:
            raise ExportError(f"bank '{bank.id}' is a self-assessment; only knowledge banks go to an LMS")
        self.bank = bank
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.use_directory_urls = use_directory_urls

    def categories(self) -> list[tuple[str, list[Question]]]:
        """(category path, questions) in bank order: declared topics, else free-text topics."""
        names = {t.id: t.name for t in self.bank.topics}
        groups: dict[str, list[Question]] = {name: [] for name in names.values()}
        for q in self.bank.questions:
            groups.setdefault(names.get(q.topic or "", q.topic or self.bank.title), []).append(q)
        base = f"$course$/top/{self.bank.title.replace('/', '//')}"
        return [(f"{base}/{name.replace('/', '//')}", qs) for name, qs in groups.items()]

    def url(self, link: str) -> str | None:
        if not self.site_url:
            return None
        page, _, anchor = link.partition("#")
        return self.site_url + page_url(page, self.use_directory_urls) + (f"#{anchor}" if anchor else "")

    def text(self, markdown: str | None) -> str:
        """Markdown with links between site pages made absolute (or reduced to their text)."""
        return rewrite_page_links(markdown, self.url) if markdown else ""

    def general_feedback(self, q: Question) -> str:
        parts = [self.text(q.explanation)]
        if q.link and (url := self.url(q.link)):
            parts.append(f"Где прочитать: {url}")
        return "\n\n".join(p for p in parts if p)

    def weights(self, q: Question) -> list[str]:
        if q.type == "single":
            return ["100" if o.correct else "0" for o in q.options]
        right = fraction(q.correct_count)
        wrong = fraction(len(q.options) - q.correct_count)
        return [right if o.correct else f"-{wrong}" for o in q.options]

    def gift(self) -> str:
        lines = [f"// {self.bank.title}: exported from the site; question ids are permanent.", ""]
        for category, questions in self.categories():
            lines += [f"$CATEGORY: {category}", ""]
            for q in questions:
                lines.append(f"::{_gift(q.id)}::[markdown]{_gift(self.text(q.text))} {{")
                for option, weight in zip(q.options, self.weights(q), strict=True):
                    mark = "=" if q.type == "single" and option.correct else "~"
                    if q.type == "multiple":
                        mark = f"~%{weight}%"
                    feedback = f"#{_gift(self.text(option.feedback))}" if option.feedback else ""
                    lines.append(f"\t{mark}{_gift(self.text(option.text))}{feedback}")
                if general := self.general_feedback(q):
                    lines.append(f"\t####{_gift(general)}")
                lines += ["}", ""]
        return "\n".join(lines)

    def moodle_xml(self) -> str:
        out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
        for category, questions in self.categories():
            out += [
                '  <question type="category">',
                f"    <category><text>{escape(category)}</text></category>",
                "  </question>",
            ]
            for q in questions:
                out += [
                    '  <question type="multichoice">',
                    f"    <name><text>{escape(q.id)}</text></name>",
                    f'    <questiontext format="markdown"><text>{escape(self.text(q.text))}</text></questiontext>',
                    f'    <generalfeedback format="markdown"><text>{escape(self.general_feedback(q))}</text></generalfeedback>',
                    f"    <defaultgrade>{q.points:g}</defaultgrade>",
                    "    <penalty>0</penalty>",
                    "    <hidden>0</hidden>",
                    f"    <idnumber>{escape(q.id)}</idnumber>",
                    f"    <single>{'true' if q.type == 'single' else 'false'}</single>",
                    "    <shuffleanswers>true</shuffleanswers>",
                    "    <answernumbering>abc</answernumbering>",
                ]
                for option, weight in zip(q.options, self.weights(q), strict=True):
                    out += [
                        f'    <answer fraction="{weight}" format="markdown">',
                        f"      <text>{escape(self.text(option.text))}</text>",
                        f'      <feedback format="markdown"><text>{escape(self.text(option.feedback))}</text></feedback>',
                        "    </answer>",
                    ]
                if q.hint:
                    # Moodle shows a hint between tries in interactive mode; GIFT has no place for one.
                    out.append(f'    <hint format="markdown"><text>{escape(self.text(q.hint))}</text></hint>')
                out.append("  </question>")
        out.append("</quiz>")
        return "\n".join(out) + "\n"

    def write(self, fmt: str) -> str:
        if fmt == "gift":
            return self.gift()
        if fmt == "moodle-xml":
            return self.moodle_xml()
        raise ExportError(f"unknown format '{fmt}'; expected one of: {', '.join(FORMATS)}")


def configured_site_url(config: Path) -> str | None:
    """site_url of an mkdocs.yml, with its !ENV default, so that exports link to the site."""

    class Loader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        names = (
            loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        )
        *variables, default = names if len(names) > 1 else [*names, None]
        return next((os.environ[v] for v in variables if os.environ.get(v)), default)

    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/... tags of extensions
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, yaml.YAMLError):
        return None
    url = data.get("site_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url else None


def lms_texts(bank: Bank, site_url: str | None, use_directory_urls: bool = True) -> dict[str, str]:
    """Both files of a bank, as the trainer's results page hands them over: {'gift', 'xml'}."""
    exporter = Exporter(bank, site_url, use_directory_urls)
    return {"gift": exporter.write("gift"), "xml": exporter.write("moodle-xml")}


def _gift(text: str) -> str:
    """GIFT text: special characters escaped and line breaks kept as \\n."""
    return _GIFT_SPECIAL.sub(r"\\\1", text.strip()).replace("\n", "\\n")
