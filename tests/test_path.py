"""The route file (docs/path.yml): validation with file, line and field; page fingerprints;
the Leitner schedule of js/path-store.js with a fixed clock."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from macros.path.route import ROUTE_FILE, fingerprint, load_route
from macros.sitedata import SiteData


@pytest.fixture(scope="module")
def data() -> SiteData:
    return SiteData.load(ROOT / "docs", ROOT)


def problems_of(data: SiteData, tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / ROUTE_FILE
    path.write_text(text, encoding="utf-8")
    route, problems = load_route(path, "docs/path.yml", data.docs, data.banks)
    assert (route is None) == bool(problems)
    return [str(p) for p in problems]


def test_the_site_route_is_valid_and_covers_every_teaching_page(data: SiteData) -> None:
    route = data.route
    assert [s.id for s in route.stages] == [
        "roles", "model", "clients", "agency", "checklists", "checks", "self-assessment", "exam"]
    pages = {p for s in route.stages for p in s.pages}
    teaching = {p.relative_to(ROOT / "docs").as_posix() for folder in ("roles", "model", "clients", "agency")
                for p in (ROOT / "docs" / folder).glob("*.md") if p.name != "quiz.md"}
    assert teaching <= pages
    # Every page that says «Прочитано» is on the route, and the other way round.
    marked = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")
              if "{{ read_mark() }}" in p.read_text(encoding="utf-8")}
    assert marked == pages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stages:\n  - id: a\n    title: A\n    task: T\n    pages: [roles/nope.md]\n",
         "docs/path.yml:5: stage 'a', field 'pages': 'roles/nope.md' names no page"),
        ("stages:\n  - id: a\n    title: A\n    task: T\n    pages: [glossary.md]\n",
         "docs/path.yml:5: stage 'a', field 'pages': 'glossary.md' has no «Прочитано» mark"),
        ("stages:\n  - id: a\n    title: A\n    task: T\n    pages: [roles/kam.md]\n"
         "  - id: b\n    title: B\n    task: T\n    pages: [roles/kam.md]\n",
         "docs/path.yml:9: stage 'b', field 'pages': 'roles/kam.md' is already read in stage 'a'"),
        ("stages:\n  - id: a\n    title: A\n    task: T\n    checks:\n      - bank: roles\n        pass: 120\n",
         "docs/path.yml:7: stage 'a', check #1, field 'pass': expected a whole % from 1 to 100"),
        ("stages:\n  - id: a\n    title: A\n    task: T\n    checks:\n      - bank: nope\n        pass: 70\n",
         "docs/path.yml:6: stage 'a', check #1, field 'bank': no question bank 'nope'"),
        ("stages:\n  - id: a\n    title: A\n    task: T\n    checks:\n      - bank: exam\n        pass: 70\n",
         "docs/path.yml:6: stage 'a', check #1, field 'bank': bank 'exam' is not a knowledge check"),
        ("stages:\n  - id: a\n    title: A\n    task: T\n    self_assessment: roles\n",
         "docs/path.yml:5: stage 'a', field 'self_assessment': bank 'roles' is not a self-assessment"),
        ("stages:\n  - id: a\n    title: A\n    task: T\n    exam: exam\n    pages: [roles/kam.md]\n",
         "docs/path.yml:2: stage 'a': expected exactly one of: pages, checks, self_assessment, exam"),
        ("stages:\n  - id: a\n    title: A\n    task: T\n    exam: exam\n  - id: b\n    title: B\n    task: T\n"
         "    pages: [roles/kam.md]\n", "docs/path.yml:1: route, field 'stages': the exam stage must come last"),
        ("stages:\n  - id: Bad Id\n    title: A\n    task: T\n    pages: [roles/kam.md]\n",
         "docs/path.yml:2: stage #1, field 'id': 'Bad Id' is not a valid id"),
        ("stages:\n  - id: a\n    title: A\n    task: T\n    pages: [roles/kam.md]\n    colour: red\n",
         "docs/path.yml:6: stage 'a', field 'colour': unknown field"),
    ],
)
def test_a_broken_route_names_file_line_and_field(data: SiteData, tmp_path: Path, text: str, expected: str) -> None:
    found = problems_of(data, tmp_path, text)
    assert any(p.startswith(expected) for p in found), found


def test_a_route_file_that_is_not_yaml_is_one_plain_problem(data: SiteData, tmp_path: Path) -> None:
    found = problems_of(data, tmp_path, "stages: [\n")
    assert len(found) == 1 and found[0].startswith("docs/path.yml:")


def test_a_fingerprint_keeps_for_the_same_text_and_changes_with_one_word(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "checklists", docs / "checklists")
    page = docs / "page.md"
    page.write_text("---\ntags: [a]\n---\n# Заголовок\n\nОдин абзац текста.\n", encoding="utf-8")
    first = fingerprint(docs, "page.md")
    assert first == fingerprint(docs, "page.md") and len(first) == 12
    # Front matter is not what the page teaches.
    page.write_text("---\ntags: [b]\n---\n# Заголовок\n\nОдин абзац текста.\n", encoding="utf-8")
    assert fingerprint(docs, "page.md") == first
    page.write_text("---\ntags: [b]\n---\n# Заголовок\n\nДругой абзац текста.\n", encoding="utf-8")
    assert fingerprint(docs, "page.md") != first
    # A checklist page changes with its checklist's data.
    checklist = docs / "brief.md"
    checklist.write_text('# Бриф\n\n{{ checklist("brief") }}\n', encoding="utf-8")
    before = fingerprint(docs, "brief.md")
    data = docs / "checklists" / "brief.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("    text: ", "    text: Сначала ", 1), encoding="utf-8")
    assert fingerprint(docs, "brief.md") != before


def test_the_site_fingerprints_do_not_change_between_two_loads(data: SiteData) -> None:
    assert SiteData.load(ROOT / "docs", ROOT).route.hashes == data.route.hashes


LEITNER = """
const store = new Map();
globalThis.localStorage = { getItem: (k) => (store.has(k) ? store.get(k) : null), setItem: (k, v) => store.set(k, String(v)),
  removeItem: (k) => store.delete(k) };
globalThis.window = globalThis;
%s
const P = window.bpPath;
const at = (day) => new Date(`${day}T10:00:00`).getTime();
const log = [];
const state = () => JSON.parse(localStorage.getItem("bp:review"));
P.answered("roles", "q1", false, 3, at("2026-12-07"));
log.push(state(), P.due(at("2026-12-07")).length, P.due(at("2026-12-08")).map((d) => [d.question, d.n]));
P.answered("roles", "q1", true, 3, at("2026-12-07"));  // before it is due: no change
log.push(state());
P.answered("roles", "q1", true, 3, at("2026-12-08"));
log.push(state());
P.answered("roles", "q1", true, 3, at("2026-12-11"));
log.push(state());
P.answered("roles", "q1", false, 3, at("2026-12-12"));  // a miss sends it back to box 1
log.push(state());
P.answered("roles", "q1", true, 3, at("2026-12-13"));
P.answered("roles", "q1", true, 3, at("2026-12-16"));
P.answered("roles", "q1", true, 3, at("2026-12-23"));  // right in the last box: learnt
log.push(state(), P.addDays("2026-12-31", 1), P.addDays("2026-03-28", 1));
localStorage.setItem("bp:review", JSON.stringify({ "constructor": { box: 1, due: "2026-01-01" }, "a:b": { box: 9, due: "x" } }));
log.push(P.due(at("2026-12-31")));
console.log(JSON.stringify(log));
"""


def test_leitner_boxes_with_a_fixed_clock() -> None:
    node = shutil.which("node")
    assert node, "Node.js runs the browser's scheduling here (scripts/test installs it)"
    sources = [(ROOT / "js" / name).read_text(encoding="utf-8") for name in ("widgets.js", "path-store.js")]
    script = LEITNER % "\n".join(sources)
    run = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True, env={"TZ": "Europe/Moscow"})
    log = json.loads(run.stdout)
    assert log[0] == {"roles:q1": {"box": 1, "due": "2026-12-08", "n": 3}}
    assert log[1] == 0 and log[2] == [["q1", 3]]
    assert log[3] == log[0]
    assert log[4] == {"roles:q1": {"box": 2, "due": "2026-12-11", "n": 3}}
    assert log[5] == {"roles:q1": {"box": 3, "due": "2026-12-18", "n": 3}}
    assert log[6] == {"roles:q1": {"box": 1, "due": "2026-12-13", "n": 3}}
    assert log[7] is None
    assert log[8:10] == ["2027-01-01", "2026-03-29"]
    # Whatever storage holds that is not a schedule is nothing, «constructor» included.
    assert log[10] == []
