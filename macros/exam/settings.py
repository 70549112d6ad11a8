"""Topics and exam settings of a bank: the part of the schema that turns a bank into an exam."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..schema import Checker
from ..yamlfile import LineDict

EXAM_FIELDS = {"draw", "pass_mark", "time_limit", "shuffle_options", "marking"}
# instant: the answer sheet right after submitting (practice); trainer: marks and the key
# open only with the trainer's passphrase (macros/exam/lock.py).
MARKINGS = ("instant", "trainer")


@dataclass
class Named:
    """Something a bank declares by a lower-case id and a name, on a line of its file."""

    id: str
    name: str
    line: int = field(default=1, compare=False)


class Topic(Named):
    """An area the exam draws questions from."""


class Group(Named):
    """Questions that test the same fact: a variant draws at most one of them."""


@dataclass
class ExamSettings:
    """How an exam is drawn from its bank and marked."""

    draw: dict[str, int]  # topic id -> questions drawn, in the bank's topic order
    pass_mark: float  # per cent of points
    time_limit: float | None = None  # minutes
    shuffle_options: bool = True
    marking: str = "instant"
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def size(self) -> int:
        return sum(self.draw.values())


def _named(check: Checker, data: LineDict, kind: type[Named], key: str, what: str) -> list:
    """A declared list of things with a lower-case id and a name (topics, groups)."""
    if key not in data:
        return []
    named = []
    for entry, ident, subject in check.entries(data, key, "bank", what, {"id", "name"}):
        name = check.text(entry, "name", subject)
        if ident and name:
            named.append(kind(ident, name, entry.line_of("id")))
    return named


def load_topics(check: Checker, data: LineDict) -> list[Topic]:
    """The bank's declared topics."""
    return _named(check, data, Topic, "topics", "topic")


def load_groups(check: Checker, data: LineDict) -> list[Group]:
    """The bank's declared same-fact groups."""
    return _named(check, data, Group, "groups", "group")


def load_exam(check: Checker, data: LineDict, topics: list[Topic]) -> ExamSettings | None:
    """The optional `exam` block; problems with counts are checked later against the questions."""
    if "exam" not in data:
        return None
    raw = check.mapping(data["exam"], data.line_of("exam"), "exam settings", "exam settings")
    if raw is None:
        return None
    subject = "exam settings"
    check.keys(raw, EXAM_FIELDS, subject)
    if not topics:
        check.add(data.line_of("exam"), "an exam needs 'topics' declared in the bank to draw from", subject)
        return None
    draw: dict[str, int] = {}
    declared = [t.id for t in topics]
    counts = raw.get("draw")
    if not isinstance(counts, LineDict):
        example = f"{{{declared[0]}: 3}}"
        check.add(
            raw.line_of("draw"),
            f"expected a mapping of topic id to a number of questions, e.g. {example}",
            subject,
            "draw",
        )
    else:
        for topic_id, count in counts.items():
            if topic_id not in declared:
                check.add(
                    counts.line_of(topic_id),
                    f"unknown topic '{topic_id}'; declared topics: {', '.join(declared)}",
                    subject,
                    "draw",
                )
            elif isinstance(count, bool) or not isinstance(count, int) or count < 0:
                check.add(
                    counts.line_of(topic_id),
                    f"topic '{topic_id}' needs a whole number ≥ 0, found {count!r}",
                    subject,
                    "draw",
                )
            else:
                draw[topic_id] = count
        if counts and not any(draw.values()) and not check.problems:
            check.add(
                raw.line_of("draw"), "draws no question; give at least one topic a count above 0", subject, "draw"
            )
    pass_mark = raw.get("pass_mark")
    if "pass_mark" not in raw:
        check.add(
            raw.line, "is missing; expected the pass mark in per cent of points, from 0 to 100", subject, "pass_mark"
        )
        pass_mark = 0
    elif isinstance(pass_mark, bool) or not isinstance(pass_mark, int | float) or not 0 <= pass_mark <= 100:
        check.add(
            raw.line_of("pass_mark"),
            f"expected per cent of points from 0 to 100, found {pass_mark!r}",
            subject,
            "pass_mark",
        )
        pass_mark = 0
    limit = raw.get("time_limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int | float) or limit <= 0):
        check.add(
            raw.line_of("time_limit"), f"expected minutes, a number above 0, found {limit!r}", subject, "time_limit"
        )
        limit = None
    shuffle = raw.get("shuffle_options", True)
    if not isinstance(shuffle, bool):
        check.add(
            raw.line_of("shuffle_options"), f"expected true or false, found {shuffle!r}", subject, "shuffle_options"
        )
        shuffle = True
    marking = raw.get("marking", "instant")
    if marking not in MARKINGS:
        check.add(
            raw.line_of("marking"), f"expected one of: {', '.join(MARKINGS)}, found {marking!r}", subject, "marking"
        )
        marking = "instant"
    ordered = {t.id: draw[t.id] for t in topics if t.id in draw}
    lines = {key: counts.line_of(key) for key in counts} if isinstance(counts, LineDict) else {}
    return ExamSettings(ordered, float(pass_mark), float(limit) if limit else None, shuffle, marking, lines)


def check_topic_counts(check: Checker, topics: list[Topic], held: dict[str, int], exam: ExamSettings | None) -> None:
    """Every declared topic holds questions, and no draw asks for more than a topic holds."""
    for topic in topics:
        if not held.get(topic.id):
            check.add(topic.line, "has no questions; give it questions or remove it", f"topic '{topic.id}'", "id")
    if exam is None:
        return
    for topic_id, count in exam.draw.items():
        if held.get(topic_id, 0) and count > held[topic_id]:
            check.add(
                exam.lines.get(topic_id, 1),
                f"draws {count} questions from topic '{topic_id}', which holds only {held[topic_id]}",
                "exam settings",
                "draw",
            )


def check_groups(
    check: Checker, groups: list[Group], members: dict[str, list[tuple[str, str | None]]], exam: ExamSettings | None
) -> None:
    """Every group holds two questions or more, and every topic can meet its draw without repeating a group.

    `members` maps a group id to its questions as (question id, topic). A topic can count on
    its ungrouped questions and on one question of each group that lies wholly inside it; a
    group that spans topics may be used up by an earlier topic, so it counts for none.
    """
    for group in groups:
        found = len(members.get(group.id, []))
        if found < 2:
            held = "only 1 question" if found else "no question"
            check.add(group.line, f"holds {held}; a group needs two or more, or remove it", f"group '{group.id}'", "id")
    if exam is None:
        return
    ungrouped = [topic for _, topic in members.get("", [])]
    spans = [{topic for _, topic in qs} for g, qs in members.items() if g]
    for topic_id, count in exam.draw.items():
        sure = ungrouped.count(topic_id) + spans.count({topic_id})
        if count > sure:
            check.add(
                exam.lines.get(topic_id, 1),
                f"draws {count} questions from topic '{topic_id}', but its groups leave only {sure} "
                "that can be drawn together (one per group; a group spanning topics counts for none)",
                "exam settings",
                "draw",
            )
