"""CSV files that a Russian Excel opens by a double click, safe from formula injection.

UTF-8 with a byte order mark (without it Excel reads Cyrillic as cp1251), ';' between
cells (a Russian Excel's list separator, since ',' is its decimal mark), and every cell that
a spreadsheet would run as a formula written as text (OWASP's CSV-injection rule). The
browser writes the same bytes (csvLine in js/exam-core.js); tests compare the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

BOM = "\ufeff"
SEPARATOR = ";"
# A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """One cell: neutralised with a leading apostrophe, then quoted where it must be."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    if any(c in text for c in (SEPARATOR, '"', "\n", "\r")):
        text = '"' + text.replace('"', '""') + '"'
    return text


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """The whole file: BOM, then one line per row, ended by CRLF as RFC 4180 has it."""
    return BOM + "".join(SEPARATOR.join(cell(v) for v in row) + "\r\n" for row in rows)


def local_time(epoch_ms: int) -> str:
    """A moment in this machine's time zone, as a person reads it: «06.12.2026 23:13:24 UTC+03:00»."""
    moment = datetime.fromtimestamp(epoch_ms // 1000).astimezone()
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "-" if minutes < 0 else "+"
    zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{moment:%d.%m.%Y %H:%M:%S} {zone}"
