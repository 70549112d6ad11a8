"""Question banks: the schema trainers write in YAML, and its validation."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .exam.settings import (
    ExamSettings,
    Group,
    Topic,
    check_groups,
    check_topic_counts,
    load_exam,
    load_groups,
    load_topics,
)
from .links import DocsTree, text_link_problems
from .problems import Problem, shown_path
from .schema import Checker
from .subtypes import (
    RULE_FIELDS,
    Axis,
    Result,
    Rule,
    Scale,
    check_ideal_answer,
    check_subtype,
    load_axes,
    load_results,
    load_rule,
)
from .yamlfile import LineDict, load

QUESTION_TYPES = ("single", "multiple", "scale")


@dataclass
class Option:
    text: str
    correct: bool = False
    feedback: str | None = None
    subtype: str | None = None


@dataclass
class Question:
    id: str
    type: str
    text: str
    options: list[Option]
    hint: str | None = None
    explanation: str | None = None
    link: str | None = None
    topic: str | None = None
    points: float = 1.0
    group: str | None = None  # same-fact group: a variant draws at most one of its questions

    @property
    def correct_count(self) -> int:
        return sum(1 for option in self.options if option.correct)


@dataclass
class Bank:
    id: str
    title: str
    questions: list[Question]
    description: str | None = None
    axes: list[Axis] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    rule: Rule = field(default_factory=Rule)
    topics: list[Topic] = field(default_factory=list)
    exam: ExamSettings | None = None
    groups: list[Group] = field(default_factory=list)

    @property
    def is_scale(self) -> bool:
        return bool(self.axes)

    @property
    def version(self) -> str:
        """Changes whenever answers saved in a browser would no longer fit the bank.

        Options without a subtype hash as they did before subtypes existed ({} stood for
        no weights), so exam results already collected still match their bank.
        """
        shape = [
            [q.id, q.type, q.topic, q.points, [[o.text, o.correct, o.subtype or {}] for o in q.options]]
            + ([q.group] if q.group else [])
            for q in self.questions
        ]
        # Exam results are marked against the draw and the pass mark, so they are part of it too.
        exam = self.exam and [self.exam.draw, self.exam.pass_mark, self.exam.shuffle_options]
        digest = hashlib.sha256(json.dumps([self.id, shape, exam], ensure_ascii=False).encode())
        return digest.hexdigest()[:10]


_BANK_FIELDS = {"id", "title", "description", "axes", "results", "topics", "groups", "exam", "questions", *RULE_FIELDS}
_QUESTION_FIELDS = {"id", "type", "text", "options", "hint", "explanation", "link", "topic", "points", "group"}
_OPTION_FIELDS = {"text", "correct", "feedback", "subtype"}


def load_bank(path: Path, shown: str, docs: DocsTree) -> tuple[Bank | None, list[Problem]]:
    """Read and validate one bank file; return the bank (or None) and every problem found."""
    raw, problems = load(path, shown, ("questions", "question"))
    if problems:
        return None, problems
    check = Checker(shown)
    data, bank_id = check.document(raw, path, "bank", _BANK_FIELDS)
    if data is None:
        return None, check.problems
    title = check.text(data, "title", "bank")
    axes = load_axes(check, data)
    results = load_results(check, data, axes, docs)
    rule = load_rule(check, data, results)
    topics = load_topics(check, data)
    exam = load_exam(check, data, topics)
    groups = load_groups(check, data)
    questions = _questions(check, data, Scale(axes, results, rule), docs, {t.id for t in topics}, groups)
    if topics:
        held = {t.id: sum(1 for q in questions if q.topic == t.id) for t in topics}
        check_topic_counts(check, topics, held, exam)
    if groups and not check.problems:
        members: dict[str, list[tuple[str, str | None]]] = {}
        for q in questions:
            members.setdefault(q.group or "", []).append((q.id, q.topic))
        check_groups(check, groups, members, exam)
    if check.problems or bank_id is None or title is None:
        return None, check.problems
    description = check.text(data, "description", "bank", False)
    bank = Bank(bank_id, title, questions, description, axes, results, rule, topics, exam, groups)
    return bank, []


def _questions(
    check: Checker, data: LineDict, scale: Scale, docs: DocsTree, topics: set[str], groups: list[Group]
) -> list[Question]:
    questions: list[Question] = []
    declared = [g.id for g in groups]
    for entry, question_id, subject in check.entries(data, "questions", "bank", "question", _QUESTION_FIELDS):
        question = _question(check, entry, subject, question_id or "", scale, docs)
        if question and "group" in entry and question.group not in declared:
            known = f"declared groups: {', '.join(declared)}" if declared else "the bank declares no 'groups'"
            check.add(entry.line_of("group"), f"unknown group {question.group!r}; {known}", subject, "group")
        if question and topics and question.topic not in topics:
            found = f"'{question.topic}'" if question.topic else "none"
            check.add(
                entry.line_of("topic"),
                f"expected one of the bank's topics: {', '.join(sorted(topics))}; found {found}",
                subject,
                "topic",
            )
        if question:
            questions.append(question)
    return questions


def _question(
    check: Checker, entry: LineDict, subject: str, question_id: str, scale: Scale, docs: DocsTree
) -> Question | None:
    qtype = check.text(entry, "type", subject)
    if qtype is not None and qtype not in QUESTION_TYPES:
        check.add(
            entry.line_of("type"),
            f"unknown type '{qtype}'; expected one of: {', '.join(QUESTION_TYPES)}",
            subject,
            "type",
        )
        qtype = None
    if qtype == "scale" and not scale.axes:
        check.add(entry.line_of("type"), "'scale' questions need 'axes' declared in the bank", subject, "type")
    if qtype in ("single", "multiple") and scale.axes:
        check.add(
            entry.line_of("type"), f"a bank with axes holds only 'scale' questions, found '{qtype}'", subject, "type"
        )
    text = check.text(entry, "text", subject)
    link = check.text(entry, "link", subject, False)
    if link and (problem := docs.check(link)):
        check.add(entry.line_of("link"), problem, subject, "link")
    points = check.number(entry, "points", subject, 1.0, 0.0)
    options = _options(check, entry, subject, qtype, scale)
    for key in ("text", "explanation", "hint"):
        for problem in text_link_problems(entry.get(key) if isinstance(entry.get(key), str) else None, docs):
            check.add(entry.line_of(key), problem, subject, key)
    if qtype is None or text is None or options is None:
        return None
    return Question(
        question_id,
        qtype,
        text,
        options,
        check.text(entry, "hint", subject, False),
        check.text(entry, "explanation", subject, False),
        link,
        check.text(entry, "topic", subject, False),
        points,
        check.text(entry, "group", subject, False),
    )


def _options(check: Checker, entry: LineDict, subject: str, qtype: str | None, scale: Scale) -> list[Option] | None:
    entries = check.items(entry, "options", subject, "options")
    if entries is None:
        return None
    options: list[Option] = []
    before = len(check.problems)
    for index, raw in enumerate(entries):
        option_subject = f"{subject}, option {index + 1}"
        data = check.mapping(raw, entries.line_of(index), option_subject, "an option")
        if data is None:
            continue
        check.keys(data, _OPTION_FIELDS, option_subject)
        correct = data.get("correct", False)
        if not isinstance(correct, bool):
            check.add(data.line_of("correct"), f"expected true or false, found {correct!r}", option_subject, "correct")
            correct = False
        subtype = None
        if qtype == "scale":
            if "correct" in data:
                message = "'scale' options carry 'subtype', not 'correct'"
                check.add(data.line_of("correct"), message, option_subject, "correct")
            if scale.results:
                subtype = check_subtype(check, data, option_subject, scale.results)
        elif "subtype" in data:
            message = f"only 'scale' options carry a subtype, this question is '{qtype}'"
            check.add(data.line_of("subtype"), message, option_subject, "subtype")
        text = check.text(data, "text", option_subject)
        options.append(Option(text or "", correct, check.text(data, "feedback", option_subject, False), subtype))
    found = sum(1 for option in options if option.correct)
    where = entry.line_of("options")
    if len(check.problems) > before:
        return options  # counting correct options among broken ones would only add noise
    if qtype == "scale":
        check_ideal_answer(check, entry, subject, [o.subtype for o in options], scale.rule)
    if qtype in ("single", "multiple") and len(entries) < 2:
        check.add(where, f"'{qtype}' needs at least 2 options, found {len(entries)}", subject, "options")
    elif qtype == "single" and found != 1:
        check.add(where, f"'single' needs exactly one correct option, found {found}", subject, "options")
    elif qtype == "multiple" and found == 0:
        check.add(where, "'multiple' needs at least one correct option, found 0", subject, "options")
    elif qtype == "multiple" and found == len(options):
        message = (
            f"'multiple' needs at least one wrong option, found all {found} correct; ticking every box must not pay"
        )
        check.add(where, message, subject, "options")
    return options


def load_banks(folder: Path, docs: DocsTree, root: Path) -> tuple[dict[str, Bank], list[Problem]]:
    """Load every bank in a folder, keyed by id."""
    banks: dict[str, Bank] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yml")):
        bank, found = load_bank(path, shown_path(path, root), docs)
        problems.extend(found)
        if bank:
            banks[bank.id] = bank
    return banks, problems
