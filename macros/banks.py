"""Question banks: the schema trainers write in YAML, and its validation."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .examconf import ExamSettings, Topic, check_topic_counts, load_exam, load_topics
from .links import DocsTree, text_link_problems
from .problems import Problem, shown_path
from .schema import Checker
from .yamlfile import LineDict, load

QUESTION_TYPES = ("single", "multiple", "scale")


@dataclass
class Option:
    text: str
    correct: bool = False
    feedback: str | None = None
    weights: dict[str, float] = field(default_factory=dict)


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

    @property
    def correct_count(self) -> int:
        return sum(1 for option in self.options if option.correct)


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
class Bank:
    id: str
    title: str
    questions: list[Question]
    description: str | None = None
    axes: list[Axis] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    close_margin: float = 0.1
    topics: list[Topic] = field(default_factory=list)
    exam: ExamSettings | None = None

    @property
    def is_scale(self) -> bool:
        return bool(self.axes)

    @property
    def version(self) -> str:
        """Changes whenever answers saved in a browser would no longer fit the bank."""
        shape = [
            [q.id, q.type, q.topic, q.points, [[o.text, o.correct, o.weights] for o in q.options]]
            for q in self.questions
        ]
        # Exam results are marked against the draw and the pass mark, so they are part of it too.
        exam = self.exam and [self.exam.draw, self.exam.pass_mark, self.exam.shuffle_options]
        digest = hashlib.sha256(json.dumps([self.id, shape, exam], ensure_ascii=False).encode())
        return digest.hexdigest()[:10]


_BANK_FIELDS = {"id", "title", "description", "axes", "results", "close_margin", "topics", "exam", "questions"}
_QUESTION_FIELDS = {"id", "type", "text", "options", "hint", "explanation", "link", "topic", "points"}
_OPTION_FIELDS = {"text", "correct", "feedback", "weights"}
_RESULT_FIELDS = {"id", "name", "profile", "summary", "growth", "steps", "links"}


def load_bank(path: Path, shown: str, docs: DocsTree) -> tuple[Bank | None, list[Problem]]:
    """Read and validate one bank file; return the bank (or None) and every problem found."""
    raw, problems = load(path, shown)
    if problems:
        return None, problems
    check = Checker(shown)
    data, bank_id = check.document(raw, path, "bank", _BANK_FIELDS)
    if data is None:
        return None, check.problems
    title = check.text(data, "title", "bank")
    axes = _axes(check, data)
    results = _results(check, data, axes, docs)
    margin = check.number(data, "close_margin", "bank", 0.1, 0)
    topics = load_topics(check, data)
    exam = load_exam(check, data, topics)
    questions = _questions(check, data, axes, docs, {t.id for t in topics})
    if topics:
        held = {t.id: sum(1 for q in questions if q.topic == t.id) for t in topics}
        check_topic_counts(check, topics, held, exam)
    if check.problems or bank_id is None or title is None:
        return None, check.problems
    description = check.text(data, "description", "bank", False)
    bank = Bank(bank_id, title, questions, description, axes, results, margin, topics, exam)
    return bank, []


def _axes(check: Checker, data: LineDict) -> list[Axis]:
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
            data.line_of("axes"), "a bank with axes needs 'results' that map axis scores to outcomes", "bank", "results"
        )
    return axes


def _results(check: Checker, data: LineDict, axes: list[Axis], docs: DocsTree) -> list[Result]:
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
        check.keys(entry, _RESULT_FIELDS, subject)
        if result_id and any(r.id == result_id for r in results):
            check.add(entry.line_of("id"), "duplicate result id", subject, "id")
        profile = _weights(check, entry, "profile", subject, axes, require_all=True, low=0, high=1)
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


def _weights(
    check: Checker,
    entry: LineDict,
    key: str,
    subject: str,
    axes: list[Axis],
    require_all: bool,
    low: float | None = None,
    high: float | None = None,
) -> dict[str, float]:
    declared = [a.id for a in axes]
    if key not in entry:
        check.add(entry.line, f"is missing; expected numbers on the axes {', '.join(declared)}", subject, key)
        return {}
    raw = entry[key]
    if not isinstance(raw, LineDict):
        check.add(entry.line_of(key), f"expected a mapping of axis to number, e.g. {{{declared[0]}: 1}}", subject, key)
        return {}
    weights: dict[str, float] = {}
    for axis, value in raw.items():
        if axis not in declared:
            check.add(
                raw.line_of(axis),
                f"axis '{axis}' is not declared in the bank; declared axes: {', '.join(declared)}",
                subject,
                key,
            )
        elif isinstance(value, bool) or not isinstance(value, int | float):
            check.add(raw.line_of(axis), f"axis '{axis}' needs a number, found {value!r}", subject, key)
        elif (low is not None and value < low) or (high is not None and value > high):
            check.add(
                raw.line_of(axis), f"axis '{axis}' must be between {low:g} and {high:g}, found {value:g}", subject, key
            )
        else:
            weights[axis] = float(value)
    missing = [a for a in declared if a not in raw]
    if require_all and missing:
        check.add(entry.line_of(key), f"needs a value for every axis; missing: {', '.join(missing)}", subject, key)
    return weights


def _questions(check: Checker, data: LineDict, axes: list[Axis], docs: DocsTree, topics: set[str]) -> list[Question]:
    questions: list[Question] = []
    for entry, question_id, subject in check.entries(data, "questions", "bank", "question", _QUESTION_FIELDS):
        question = _question(check, entry, subject, question_id or "", axes, docs)
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
    check: Checker, entry: LineDict, subject: str, question_id: str, axes: list[Axis], docs: DocsTree
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
    if qtype == "scale" and not axes:
        check.add(entry.line_of("type"), "'scale' questions need 'axes' declared in the bank", subject, "type")
    if qtype in ("single", "multiple") and axes:
        check.add(
            entry.line_of("type"), f"a bank with axes holds only 'scale' questions, found '{qtype}'", subject, "type"
        )
    text = check.text(entry, "text", subject)
    link = check.text(entry, "link", subject, False)
    if link and (problem := docs.check(link)):
        check.add(entry.line_of("link"), problem, subject, "link")
    points = check.number(entry, "points", subject, 1.0, 0.0)
    options = _options(check, entry, subject, qtype, axes)
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
    )


def _options(check: Checker, entry: LineDict, subject: str, qtype: str | None, axes: list[Axis]) -> list[Option] | None:
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
        weights: dict[str, float] = {}
        if qtype == "scale":
            if "correct" in data:
                check.add(
                    data.line_of("correct"), "'scale' options carry 'weights', not 'correct'", option_subject, "correct"
                )
            if axes:
                weights = _weights(check, data, "weights", option_subject, axes, require_all=False)
        elif "weights" in data:
            check.add(
                data.line_of("weights"),
                f"only 'scale' options carry weights, this question is '{qtype}'",
                option_subject,
                "weights",
            )
        text = check.text(data, "text", option_subject)
        options.append(Option(text or "", correct, check.text(data, "feedback", option_subject, False), weights))
    found = sum(1 for option in options if option.correct)
    where = entry.line_of("options")
    if len(check.problems) > before:
        return options  # counting correct options among broken ones would only add noise
    if qtype in ("single", "multiple") and len(entries) < 2:
        check.add(where, f"'{qtype}' needs at least 2 options, found {len(entries)}", subject, "options")
    elif qtype == "single" and found != 1:
        check.add(where, f"'single' needs exactly one correct option, found {found}", subject, "options")
    elif qtype == "multiple" and found == 0:
        check.add(where, "'multiple' needs at least one correct option, found 0", subject, "options")
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
