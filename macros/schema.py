"""Field checks shared by every data kind (banks, checklists, glossary)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .problems import Problem
from .yamlfile import LineDict, LineList

# Ids become storage keys and URL anchors, so they stay plain and readable.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_EXPECTED = "lower-case Latin letters, digits and single hyphens, e.g. 'am-vs-pm-3'"


class Checker:
    """Collects problems for one file; each check returns the value or None."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []

    def add(self, line: int, message: str, subject: str = "", field: str = "") -> None:
        self.problems.append(Problem(self.shown, line, message, subject, field))

    def mapping(self, value: Any, line: int, subject: str, what: str) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.add(line, f"expected {what} (a mapping of fields), found {kind(value)}", subject)
        return None

    def document(self, raw: Any, path: Path, kind: str, fields: set[str]) -> tuple[LineDict | None, str | None]:
        """The top-level mapping of a data file and its id, which must match the file name."""
        data = self.mapping(raw, 1, "", _article(kind))
        if data is None:
            return None, None
        self.keys(data, fields, kind)
        ident = self.ident(data, "id", kind)
        if ident and ident != path.stem:
            self.add(data.line_of("id"), f"'{ident}' must match the file name '{path.stem}'", kind, "id")
        return data, ident

    def entries(
        self, data: LineDict, key: str, owner: str, kind: str, fields: set[str]
    ) -> Iterator[tuple[LineDict, str | None, str]]:
        """Each entry of a list of identified things (questions, items) with its id and name.

        Reports entries that are not mappings, unknown fields and duplicate ids on the way.
        """
        entries = self.items(data, key, owner, f"{kind}s")
        first_line: dict[str, int] = {}
        for index, raw in enumerate(entries or []):
            entry = self.mapping(raw, entries.line_of(index), f"{kind} #{index + 1}", _article(kind))
            if entry is None:
                continue
            ident = self.ident(entry, "id", f"{kind} #{index + 1}")
            subject = f"{kind} '{ident}'" if ident else f"{kind} #{index + 1}"
            self.keys(entry, fields, subject)
            if ident in first_line:
                self.add(entry.line_of("id"), f"duplicate id; first used on line {first_line[ident]}", subject, "id")
            elif ident:
                first_line[ident] = entry.line_of("id")
            yield entry, ident, subject

    def keys(self, data: LineDict, allowed: set[str], subject: str) -> None:
        for key in data:
            if key not in allowed:
                self.add(
                    data.line_of(key),
                    f"unknown field; expected one of: {', '.join(sorted(allowed))}",
                    subject,
                    str(key),
                )

    def text(self, data: LineDict, key: str, subject: str, required: bool = True) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.add(data.line, "is missing; expected non-empty text", subject, key)
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add(data.line_of(key), f"expected text, found {kind(value)}", subject, key)
            return None
        value = str(value).strip()
        if not value:
            self.add(data.line_of(key), "is empty; expected non-empty text", subject, key)
            return None
        return value

    def ident(self, data: LineDict, key: str, subject: str) -> str | None:
        value = self.text(data, key, subject)
        if value is not None and not ID_PATTERN.match(value):
            self.add(data.line_of(key), f"'{value}' is not a valid id; expected {ID_EXPECTED}", subject, key)
            return None
        return value

    def number(self, data: LineDict, key: str, subject: str, default: float, minimum: float) -> float:
        if key not in data:
            return default
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
            self.add(data.line_of(key), f"expected a number ≥ {minimum:g}, found {value!r}", subject, key)
            return default
        return float(value)

    def items(self, data: LineDict, key: str, subject: str, what: str) -> LineList | None:
        if key not in data or data[key] is None:
            self.add(data.line, f"is missing; expected a list of {what}", subject, key)
            return None
        value = data[key]
        if not isinstance(value, LineList):
            self.add(data.line_of(key), f"expected a list of {what}, found {kind(value)}", subject, key)
            return None
        if not value:
            self.add(data.line_of(key), f"is empty; expected at least one of {what}", subject, key)
            return None
        return value

    def strings(self, data: LineDict, key: str, subject: str) -> list[str]:
        """An optional list of non-empty strings."""
        if key not in data:
            return []
        value = data[key]
        if not isinstance(value, LineList):
            self.add(data.line_of(key), f"expected a list of texts, found {kind(value)}", subject, key)
            return []
        texts: list[str] = []
        for index, entry in enumerate(value):
            if isinstance(entry, str) and entry.strip():
                texts.append(entry.strip())
                continue
            hint = " (a text containing ': ' must be put in quotes)" if isinstance(entry, dict) else ""
            self.add(
                value.line_of(index),
                f"entry {index + 1} must be non-empty text, found {kind(entry)}{hint}",
                subject,
                key,
            )
        return texts


def kind(value: Any) -> str:
    """Name a YAML value's kind the way a trainer would."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text '{value}'"


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
