"""The self-assessment's schema: axes, results (subtypes) and the rule that picks one.

A scale bank declares the subtypes it can name as `results`, each with a profile on the
axes. Every option says which subtype answers that way (`subtype:`). Which subtype the
reader is told follows from what they chose most (see macros/scoring.py); the axes only
draw the chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .links import DocsTree
from .schema import Checker
from .yamlfile import LineDict


@dataclass
class Axis:
    id: str
    name: str


@dataclass
class Result:
    """One outcome of a scale bank, e.g. a subtype of the model, with its axis profile."""

    id: str
    name: str
    profile: dict[str, float]
    summary: str
    growth: str | None = None
    steps: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass
class Rule:
    """When the ideal may be named, and when a second subtype is worth naming.

    ideal: the result that must clearly dominate to be named (None: no such result).
    ideal_share: the least share of answers for the ideal; rival_share: the most any other
    subtype may then have; close_margin: a second subtype is named when its share is within
    this much of the result's.
    """

    ideal: str | None = None
    ideal_share: float = 0.6
    rival_share: float = 0.25
    close_margin: float = 0.15


@dataclass
class Scale:
    """What a scale question is checked against: the bank's axes, results and rule."""

    axes: list[Axis]
    results: list[Result]
    rule: Rule


RESULT_FIELDS = {"id", "name", "profile", "summary", "growth", "steps", "links"}
RULE_FIELDS = {"ideal", "ideal_share", "rival_share", "close_margin"}


def load_axes(check: Checker, data: LineDict) -> list[Axis]:
    if "axes" not in data:
        return []
    entries = check.items(data, "axes", "bank", "axes with 'id' and 'name'")
    axes: list[Axis] = []
    for index, raw in enumerate(entries or []):
        entry = check.mapping(raw, entries.line_of(index), f"axis #{index + 1}", "an axis")
        if entry is None:
            continue
        check.keys(entry, {"id", "name"}, f"axis #{index + 1}")
        axis_id = check.ident(entry, "id", f"axis #{index + 1}")
        name = check.text(entry, "name", f"axis '{axis_id}'")
        if axis_id and any(a.id == axis_id for a in axes):
            check.add(entry.line_of("id"), "duplicate axis id", f"axis '{axis_id}'", "id")
        elif axis_id and name:
            axes.append(Axis(axis_id, name))
    if "results" not in data and entries:
        check.add(
            data.line_of("axes"), "a bank with axes needs 'results' that map answers to outcomes", "bank", "results"
        )
    return axes


def load_results(check: Checker, data: LineDict, axes: list[Axis], docs: DocsTree) -> list[Result]:
    if "results" not in data:
        return []
    if not axes:
        check.add(data.line_of("results"), "results need 'axes' declared in the bank", "bank", "results")
        return []
    entries = check.items(data, "results", "bank", "results")
    results: list[Result] = []
    for index, raw in enumerate(entries or []):
        entry = check.mapping(raw, entries.line_of(index), f"result #{index + 1}", "a result")
        if entry is None:
            continue
        result_id = check.ident(entry, "id", f"result #{index + 1}")
        subject = f"result '{result_id or index + 1}'"
        check.keys(entry, RESULT_FIELDS, subject)
        if result_id and any(r.id == result_id for r in results):
            check.add(entry.line_of("id"), "duplicate result id", subject, "id")
        profile = _profile(check, entry, subject, axes)
        links = check.strings(entry, "links", subject)
        for link in links:
            if problem := docs.check(link):
                check.add(entry.line_of("links"), problem, subject, "links")
        result = Result(
            result_id or "",
            check.text(entry, "name", subject) or "",
            profile,
            check.text(entry, "summary", subject) or "",
            check.text(entry, "growth", subject, False),
            check.strings(entry, "steps", subject),
            links,
        )
        results.append(result)
    return results


def load_rule(check: Checker, data: LineDict, results: list[Result]) -> Rule:
    """The bank-level settings of the rule; 'ideal' must name one of the results."""
    rule = Rule()
    if not results:
        for key in RULE_FIELDS & set(data):
            check.add(data.line_of(key), "only a bank with 'results' takes this setting", "bank", key)
        return rule
    if "ideal" in data:
        ideal = check.ident(data, "ideal", "bank")
        ids = [r.id for r in results]
        if ideal and ideal not in ids:
            check.add(
                data.line_of("ideal"),
                f"expected one of the results: {', '.join(ids)}; found '{ideal}'",
                "bank",
                "ideal",
            )
        rule.ideal = ideal if ideal in ids else None
    for key in ("ideal_share", "rival_share", "close_margin"):
        value = check.number(data, key, "bank", getattr(rule, key), 0)
        if value > 1:
            check.add(data.line_of(key), f"expected a share from 0 to 1, found {value:g}", "bank", key)
        else:
            setattr(rule, key, value)
    if rule.rival_share >= rule.ideal_share:
        check.add(
            data.line_of("rival_share") if "rival_share" in data else data.line,
            f"must be below ideal_share ({rule.ideal_share:g}), or the ideal could win without dominating",
            "bank",
            "rival_share",
        )
    return rule


def check_subtype(check: Checker, option: LineDict, subject: str, results: list[Result]) -> str | None:
    """The result id an option of a scale question stands for."""
    ids = [r.id for r in results]
    if "subtype" not in option:
        check.add(
            option.line, f"is missing; expected the result this answer stands for: {', '.join(ids)}", subject, "subtype"
        )
        return None
    value = check.text(option, "subtype", subject)
    if value is not None and value not in ids:
        check.add(
            option.line_of("subtype"),
            f"unknown subtype '{value}'; expected one of: {', '.join(ids)}",
            subject,
            "subtype",
        )
        return None
    return value


def check_ideal_answer(check: Checker, entry: LineDict, subject: str, subtypes: list[str | None], rule: Rule) -> None:
    """Each situation needs the ideal's answer: the review after the result shows it."""
    if rule.ideal and None not in subtypes and rule.ideal not in subtypes:
        check.add(entry.line_of("options"), f"needs an option with subtype '{rule.ideal}'", subject, "options")


def _profile(check: Checker, entry: LineDict, subject: str, axes: list[Axis]) -> dict[str, float]:
    declared = [a.id for a in axes]
    if "profile" not in entry:
        check.add(entry.line, f"is missing; expected numbers on the axes {', '.join(declared)}", subject, "profile")
        return {}
    raw = entry["profile"]
    if not isinstance(raw, LineDict):
        check.add(
            entry.line_of("profile"),
            f"expected a mapping of axis to number, e.g. {{{declared[0]}: 1}}",
            subject,
            "profile",
        )
        return {}
    profile: dict[str, float] = {}
    for axis, value in raw.items():
        if axis not in declared:
            message = f"axis '{axis}' is not declared in the bank; declared axes: {', '.join(declared)}"
            check.add(raw.line_of(axis), message, subject, "profile")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            check.add(raw.line_of(axis), f"axis '{axis}' needs a number, found {value!r}", subject, "profile")
        elif not 0 <= value <= 1:
            check.add(raw.line_of(axis), f"axis '{axis}' must be between 0 and 1, found {value:g}", subject, "profile")
        else:
            profile[axis] = float(value)
    missing = [a for a in declared if a not in raw]
    if missing:
        check.add(
            entry.line_of("profile"), f"needs a value for every axis; missing: {', '.join(missing)}", subject, "profile"
        )
    return profile
