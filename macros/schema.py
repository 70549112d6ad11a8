"""Field checks shared by every data kind (banks, checklists, glossary)."""

from __future__ import annotations

import re
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
        if not isinstance(value, LineList) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add(data.line_of(key), "expected a list of non-empty texts", subject, key)
            return []
        return [v.strip() for v in value]


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
