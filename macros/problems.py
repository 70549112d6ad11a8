"""Problems found in data files, reported the way a compiler would."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One defect in a data file: where it is, what is wrong, what is expected."""

    path: str
    line: int
    message: str
    subject: str = ""  # e.g. "question 'am-vs-pm-3'" or "item 'materials'"
    field: str = ""

    def __str__(self) -> str:
        where = self.subject
        if self.field:
            where = f"{where}, field '{self.field}'" if where else f"field '{self.field}'"
        prefix = f"{self.path}:{self.line}: "
        return f"{prefix}{where}: {self.message}" if where else f"{prefix}{self.message}"


class DataError(Exception):
    """Raised when data files have problems; carries all of them, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the site's data files:"
        super().__init__("\n".join([head, *(f"  {p}" for p in problems)]))


def shown_path(path: Path, root: Path) -> str:
    """The path as a trainer sees it: relative to the project folder when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
