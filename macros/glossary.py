"""The glossary: one YAML source for the glossary page and for the tooltips on every page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .links import heading_anchor
from .problems import Problem
from .schema import Checker
from .yamlfile import load

GROUPS = (
    "Роли",
    "Документы и процессы",
    "Клиент и продажи",
    "Маркетинг и реклама",
    "Разработка и продукт",
    "Метрики и аналитика",
)
_TERM_FIELDS = {"term", "full", "forms", "group", "definition", "tooltip"}
# A tooltip is a title attribute: one line, short enough to read while hovering.
MAX_DEFINITION = 300


@dataclass
class Term:
    term: str
    definition: str
    group: str
    forms: list[str]
    full: str | None = None
    # False for the few words every reader of the site knows after its first page.
    tooltip: bool = True

    @property
    def anchor(self) -> str:
        return heading_anchor(self.term)

    @property
    def tooltip_text(self) -> str:
        return f"{self.full}. {self.definition}" if self.full else self.definition


def load_glossary(path: Path, shown: str) -> tuple[list[Term], list[Problem]]:
    """Read and validate the glossary file."""
    raw, problems = load(path, shown)
    if problems:
        return [], problems
    check = Checker(shown)
    data = check.mapping(raw, 1, "", "the glossary")
    if data is None:
        return [], check.problems
    check.keys(data, {"terms"}, "glossary")
    entries = check.items(data, "terms", "glossary", "terms")
    terms: list[Term] = []
    owner: dict[str, str] = {}
    for index, raw_term in enumerate(entries or []):
        entry = check.mapping(raw_term, entries.line_of(index), f"term #{index + 1}", "a term")
        if entry is None:
            continue
        name = check.text(entry, "term", f"term #{index + 1}")
        subject = f"term '{name}'" if name else f"term #{index + 1}"
        check.keys(entry, _TERM_FIELDS, subject)
        definition = check.text(entry, "definition", subject)
        if definition and ("\n" in definition or len(definition) > MAX_DEFINITION):
            check.add(
                entry.line_of("definition"),
                f"expected one line of at most {MAX_DEFINITION} characters",
                subject,
                "definition",
            )
        group = check.text(entry, "group", subject)
        if group and group not in GROUPS:
            check.add(
                entry.line_of("group"),
                f"unknown group '{group}'; expected one of: {', '.join(GROUPS)}",
                subject,
                "group",
            )
        forms = check.strings(entry, "forms", subject) or ([name] if name else [])
        for form in _with_capitals(forms):
            if form in owner and owner[form] != name:
                check.add(
                    entry.line_of("forms"), f"form '{form}' already belongs to term '{owner[form]}'", subject, "forms"
                )
            owner.setdefault(form, name or "")
        tooltip = entry.get("tooltip", True)
        if not isinstance(tooltip, bool):
            check.add(entry.line_of("tooltip"), f"expected true or false, found {tooltip!r}", subject, "tooltip")
            tooltip = True
        if name and definition and group:
            terms.append(Term(name, definition, group, forms, check.text(entry, "full", subject, False), tooltip))
    anchors: dict[str, str] = {}
    for term in terms:
        if term.anchor in anchors:
            check.add(
                entries.line,
                f"terms '{anchors[term.anchor]}' and '{term.term}' would share the anchor '#{term.anchor}'",
                "glossary",
                "terms",
            )
        anchors[term.anchor] = term.term
    return terms, check.problems


def _with_capitals(forms: list[str]) -> list[str]:
    """Each form plus its capitalised twin, since a sentence may start with the term."""
    result: list[str] = []
    for form in forms:
        for variant in (form, form[:1].upper() + form[1:]):
            if variant not in result:
                result.append(variant)
    return result


def tooltips(terms: list[Term]) -> dict[str, str]:
    """Every word form that gets a tooltip, with its text."""
    return {form: term.tooltip_text for term in terms if term.tooltip for form in _with_capitals(term.forms)}


def abbreviations(terms: list[Term]) -> str:
    """The Markdown abbreviations file appended to every page (tooltips)."""
    # No header comment: this file is appended to every page, so it must render nothing.
    lines = [f"*[{form}]: {tip.replace(']', ')')}" for form, tip in tooltips(terms).items()]
    # One definition per block: in a single block Markdown re-splits the remaining lines
    # after each definition, which made every page take seconds to render.
    return "\n\n".join(lines) + "\n"


def page_markdown(terms: list[Term]) -> str:
    """The body of the glossary page: terms grouped, alphabetical, each with its anchor."""
    parts: list[str] = []
    for group in GROUPS:
        members = sorted((t for t in terms if t.group == group), key=lambda t: t.term.lower())
        if not members:
            continue
        parts.append(f"## {group}\n")
        for term in members:
            full = f"*{term.full}.* " if term.full else ""
            parts.append(f"### {term.term} {{#{term.anchor}}}\n\n{full}{term.definition}\n")
    return "\n".join(parts)
