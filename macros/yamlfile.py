"""YAML loading that remembers the source line of every mapping key and list entry."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem


class LineDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 1
    lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line and the line of each entry (1-based)."""

    line: int = 1
    lines: list[int]

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    pass


# libyaml's parser with the same constructors: it reads the banks several times faster than
# the pure-Python one (it was half the macros' build cost). Its error messages are worded
# differently, so a file it rejects is parsed again by _Loader for the messages trainers know.
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            # Silently keeping the last duplicate would hide a trainer's typo.
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


for _loader in (_Loader, _FastLoader):
    if _loader is not None:
        _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
        _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load(path: Path, shown: str, items: tuple[str, str] = ("items", "item")) -> tuple[Any, list[Problem]]:
    """Parse a YAML file; on failure return no data and a problem naming the line.
    items: the top-level list of the file's items and what one is called, ("questions",
    "question"), to say which one holds a line that cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, f"cannot read the file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(raw, exc, shown, items)]
    if _FastLoader is not None:
        try:
            return yaml.load(text, Loader=_FastLoader), []
        except yaml.YAMLError:
            pass  # reported below, as the pure-Python parser words it
    try:
        return yaml.load(text, Loader=_Loader), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = " ".join(filter(None, [exc.context, exc.problem]))
        return None, [Problem(shown, line, f"YAML syntax error: {reason}")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, 1, f"YAML syntax error: {exc}")]


_ID = re.compile(rb"^\s*-\s+id:\s*['\"]?([^'\"#\s]+)")
_SECTION = re.compile(rb"^([A-Za-z_][\w-]*):")
_KEY = re.compile(rb"^\s*(?:-\s+)?([A-Za-z_][\w-]*):")


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, shown: str, items: tuple[str, str]) -> Problem:
    """Where the first byte that is not UTF-8 sits: its line, the field on that line and the
    question or item it belongs to (the last `- id:` above it in the items' list), as for
    any other defect."""
    lines = raw[: exc.start].split(b"\n")
    line_no = len(lines)
    line = raw.split(b"\n")[line_no - 1]
    section, kind, ids = b"", items[1], []
    for text in lines:
        if top := _SECTION.match(text):
            section, ids = top.group(1), []
        elif section == items[0].encode() and (m := _ID.match(text)):
            ids.append(m.group(1))
    key = _KEY.match(line)
    column = len(lines[-1]) + 1
    return Problem(
        shown,
        line_no,
        f"the text is not UTF-8 (byte 0x{raw[exc.start]:02x} at column {column}); "
        "save the file as UTF-8 (in most editors: Save with encoding, UTF-8)",
        f"{kind} '{ids[-1].decode('utf-8', 'replace')}'" if ids else "",
        key.group(1).decode("ascii") if key else "",
    )
