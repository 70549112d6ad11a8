"""Progress files of new hires, merged for their mentor: macros/path/progress.py over the shared
vectors (tests/data/progress-vectors.json), the merge, the golden CSV, and js/path-group.js run
in Node.js over the same files, which must give the same messages, rows and CSV bytes."""

from __future__ import annotations

import base64
import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from macros.exam.resultfile import shown
from macros.path.progress import merge, read_progress, table_csv
from macros.uitext import PROGRESS, fill

VECTORS = ROOT / "tests" / "data" / "progress-vectors.json"
GOLDEN = ROOT / "tests" / "golden" / "path-group.csv"
VERSION = "7534c49ed4a4"
STAGE = "Проверки знаний"
# The route as the site would pass it: three checks, one of which no file has taken.
ROUTE = {
    "version": VERSION,
    "stages": [
        {"id": "roles", "title": "Роли", "kind": "pages"},
        {"id": "checks", "title": "Проверки знаний", "kind": "checks", "checks": [
            {"bank": "roles", "title": "Проверьте себя: роли"},
            {"bank": "clients", "title": "Проверьте себя: клиенты"},
            {"bank": "model", "title": "Проверьте себя: модель"},
        ]},
        {"id": "self-assessment", "title": "Самооценка «Какая вы птица?»", "kind": "self_assessment"},
        {"id": "exam", "title": "Внутренний экзамен", "kind": "exam"},
    ],
}  # fmt: skip


def vectors() -> list[tuple[str, bytes, dict[str, Any]]]:
    """(file name, bytes, expected) for every vector: {'person': ...} or {'message': text}."""
    out = []
    for v in json.loads(VECTORS.read_text(encoding="utf-8")):
        if "hex" in v:
            data = bytes.fromhex(v["hex"])
        elif "base64" in v:
            data = base64.b64decode(v["base64"])
        else:
            text = v["text"]
            if "repeat" in v:  # a long value, written out here rather than stored
                char, count = v["repeat"]
                text = text.replace("$BIG", char * count)
            data = text.encode("utf-8", "surrogatepass")
        if "person" in v:
            expected = {"person": v["person"]}
        else:
            expected = {"message": fill(PROGRESS[v["message"]], file=shown(v["file"]), **v.get("values", {}))}
        out.append((v["file"], data, expected))
    return out


def progress(name: str, saved: str, route: str = VERSION, stages: list[dict[str, Any]] | None = None) -> bytes:
    """A progress file as the new hire's browser writes it."""
    doc = {"format": "sinyaya-ptitsa-progress", "version": 1, "name": name, "saved": saved, "route": route}
    doc["stages"] = stages if stages is not None else [
        {"id": "roles", "title": "Роли", "kind": "pages", "done": True, "read": 7, "updated": 0, "total": 7},
        {"id": "exam", "title": "Внутренний экзамен", "kind": "exam", "done": False},
    ]  # fmt: skip
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def checks_stage(done: bool, *best: tuple[str, float | None]) -> dict[str, Any]:
    checks = [{"bank": bank, "title": bank, "best": b, "date": "2026-12-01", "pass": 70} for bank, b in best]
    return {"id": "checks", "title": "Проверки знаний", "kind": "checks", "done": done, "checks": checks}


def golden_files() -> list[tuple[str, bytes]]:
    """3 valid files and 1 bad one: the table of the golden CSV."""
    return [
        ("1-anna.json", progress("Анна Петрова", "2026-12-06T10:15:00+03:00", stages=[
            {"id": "roles", "title": "Роли", "kind": "pages", "done": True, "read": 7, "updated": 0, "total": 7},
            checks_stage(False, ("roles", 80), ("clients", None)),
            {"id": "self-assessment", "title": "Самооценка", "kind": "self_assessment", "done": True, "result": "Хорошие ребята"},
            {"id": "exam", "title": "Внутренний экзамен", "kind": "exam", "done": False},
        ])),
        # Saved late in the evening UTC: already the 7th in Moscow. An older route.
        ("2-boris.json", progress("  Борис   Иванов ", "2026-12-06T23:30:00Z", route="0000aaaa1111", stages=[
            {"id": "roles", "title": "Роли", "kind": "pages", "done": True, "read": 6, "updated": 1, "total": 7},
            checks_stage(True, ("roles", 100), ("clients", 87.5), ("model", 200 / 3)),
            {"id": "self-assessment", "title": "Самооценка", "kind": "self_assessment", "done": True, "result": "Тихая гавань"},
            {"id": "exam", "title": "Внутренний экзамен", "kind": "exam", "done": False},
        ])),
        # A title that a spreadsheet would run as a formula, in the list of what is missing.
        ("3-vera.json", progress("Вера Козлова", "2026-12-05T09:00:00+03:00", stages=[
            {"id": "roles", "title": "=1+1", "kind": "pages", "done": False, "read": 1, "updated": 0, "total": 7},
            checks_stage(False, ("roles", 55.5), ("roles", 40)),
            {"id": "self-assessment", "title": "Самооценка", "kind": "self_assessment", "done": False, "result": None},
            {"id": "exam", "title": "Внутренний экзамен", "kind": "exam", "done": False},
        ])),
        ("4-bad.json", b'{"format": "sinyaya-ptitsa-progress", '),
    ]  # fmt: skip


def same_person_files() -> list[tuple[str, bytes]]:
    """One person in three files (case, «ё», spaces differ), another person in one."""
    unread = {"id": "roles", "title": "Роли", "kind": "pages", "done": False, "read": 2, "updated": 0, "total": 7}
    return [
        ("a-old.json", progress("Пётр Ёжиков", "2026-12-01T10:00:00Z")),
        ("b-new.json", progress("петр   ежиков", "2026-12-03T10:00:00Z", stages=[unread])),
        ("c-tie.json", progress("ПЁТР ЁЖИКОВ", "2026-12-03T13:00:00+03:00")),
        # Code point order, as Python sorts: U+E000 before a bird (U+1F426), unlike UTF-16 units.
        ("d-bird.json", progress("🐦", "2026-12-02T10:00:00Z")),
        ("e-private.json", progress("\ue000", "2026-12-02T10:00:00Z")),
        # A name that starts another comes first, whichever was saved first.
        ("f-longer.json", progress("Ива Ивова", "2026-12-02T10:00:00Z")),
        ("g-shorter.json", progress("Ива", "2026-12-04T10:00:00Z")),
    ]


@pytest.mark.parametrize(("name", "data", "expected"), vectors(), ids=[v[0] for v in vectors()])
def test_each_vector_reads_as_expected(name: str, data: bytes, expected: dict[str, Any]) -> None:
    person, message = read_progress(name, data)
    if "person" in expected:
        assert message is None
        assert person == expected["person"]
    else:
        assert person is None
        assert message == expected["message"]


def test_the_vectors_cover_every_message_of_a_file() -> None:
    used = {v.get("message") for v in json.loads(VECTORS.read_text(encoding="utf-8"))}
    per_file = {k for k, t in PROGRESS.items() if isinstance(t, str) and t.startswith("{file}")}
    assert per_file - used == {"samePerson", "unreadable"}  # the merge's, and the browser's last resort


def test_the_golden_table() -> None:
    merged = merge(golden_files(), ROUTE)
    assert merged["messages"] == ["4-bad.json: это не файл прогресса (не JSON)"]
    assert [r["name"] for r in merged["people"]] == ["Анна Петрова", "Борис Иванов", "Вера Козлова"]
    anna, boris, vera = merged["people"]
    assert (anna["stagesDone"], anna["stagesTotal"], anna["ready"], anna["missing"]) == (2, 3, False, [STAGE])
    assert (anna["checks"], anna["selfAssessment"], anna["otherRoute"]) == ([80, None, None], "Хорошие ребята", False)
    assert (boris["ready"], boris["missing"], boris["otherRoute"]) == (True, [], True)
    assert boris["checks"] == [100, 87.5, 200 / 3]
    assert (vera["checks"], vera["selfAssessment"], vera["stagesDone"]) == ([55.5, None, None], None, 0)
    table = table_csv(merged, ROUTE)
    if os.environ.get("UPDATE_GOLDEN") or not GOLDEN.exists():
        GOLDEN.write_bytes(table.encode("utf-8"))
    assert table == GOLDEN.read_bytes().decode("utf-8")
    lines = table.split("\r\n")
    assert lines[0] == (
        "\ufeffИмя;Сохранён;Этапов пройдено;Этапов всего;Проверьте себя: роли, %;Проверьте себя: клиенты, %;"
        "Проверьте себя: модель, %;Самооценка;Готов к экзамену;Чего не хватает;Версия маршрута"
    )
    assert lines[1] == "Анна Петрова;06.12.2026;2;3;80;;;Хорошие ребята;нет;Проверки знаний;текущая"
    assert lines[2] == "Борис Иванов;07.12.2026;3;3;100;87,5;66,67;Тихая гавань;да;;другая"
    assert lines[3] == 'Вера Козлова;05.12.2026;0;3;55,5;;;;нет;"\'=1+1; Проверки знаний; Самооценка";текущая'


def test_the_later_file_of_a_person_wins() -> None:
    merged = merge(same_person_files(), ROUTE)
    assert merged["messages"] == [
        "b-new.json: тот же человек, что в a-old.json; взят более поздний файл",
        "c-tie.json: тот же человек, что в b-new.json; взят более поздний файл",
    ]
    files = ["g-shorter.json", "f-longer.json", "b-new.json", "e-private.json", "d-bird.json"]
    assert [r["file"] for r in merged["people"]] == files
    kept = merged["people"][2]
    assert (kept["name"], kept["ready"], kept["missing"], kept["stagesTotal"]) == ("петр ежиков", False, ["Роли"], 1)


def test_a_file_without_an_exam_stage_is_ready_when_all_is_done() -> None:
    stages = [{"id": "a", "title": "А", "kind": "exam", "done": False}, checks_stage(False)]
    merged = merge([("x.json", progress("Икс", "2026-12-01T10:00:00Z", stages=stages[1:]))], ROUTE)
    assert (merged["people"][0]["ready"], merged["people"][0]["missing"]) == (False, ["Проверки знаний"])
    merged = merge([("y.json", progress("Игрек", "2026-12-01T10:00:00Z", stages=stages))], ROUTE)
    row = merged["people"][0]
    assert (row["ready"], row["missing"], row["stagesDone"], row["stagesTotal"]) == (True, [], 0, 1)


def b64(files: list[tuple[str, bytes]]) -> list[list[str]]:
    return [[name, base64.b64encode(data).decode()] for name, data in files]


def run_browser(cases: dict[str, Any]) -> dict[str, Any]:
    """js/path-group.js (with js/widgets.js for bp.human and js/exam-core.js for its file helpers) under Node.js, in the tests' time zone."""
    node = shutil.which("node") or str(ROOT / "tools" / "node" / "node")
    assert Path(node).exists(), "Node.js runs js/path-group.js here (scripts/test installs it)"
    script = r"""
    const fs = require("fs");
    const vm = require("vm");
    const input = JSON.parse(fs.readFileSync(0, "utf8"));
    globalThis.window = globalThis;
    for (const f of ["widgets.js", "exam-core.js", "path-group.js"]) vm.runInThisContext(fs.readFileSync(`${input.root}/js/${f}`, "utf8"), { filename: f });
    const files = (list) => list.map(([name, b64]) => ({ name, bytes: new Uint8Array(Buffer.from(b64, "base64")) }));
    const G = window.bpGroup;
    const reads = files(input.vectors).map((f) => G.read(input.say, f.name, f.bytes));
    const merges = input.merges.map((list) => {
      const merged = G.merge(input.say, files(list), input.route);
      return { merged, csv: Buffer.from(G.tableCsv(input.say, merged, input.route), "utf8").toString("base64") };
    });
    process.stdout.write(JSON.stringify({ reads, merges }));
    """
    run = subprocess.run(
        [node, "-e", script], input=json.dumps({**cases, "root": str(ROOT)}), capture_output=True, text=True,
        encoding="utf-8", check=False, env={**os.environ, "TZ": "Europe/Moscow"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_browser_reads_and_merges_as_python_does() -> None:
    cases = vectors()
    files = [(name, data) for name, data, _ in cases]
    sets = [golden_files(), same_person_files(), files]  # the last: many files of «Анна Петрова»
    out = run_browser({"say": PROGRESS, "route": ROUTE, "vectors": b64(files), "merges": [b64(s) for s in sets]})
    for (name, data, expected), (person, message) in zip(cases, out["reads"], strict=True):
        assert [person, message] == list(read_progress(name, data)), name
        assert (person if "person" in expected else message) == next(iter(expected.values())), name
    for files, js in zip(sets, out["merges"], strict=True):
        merged = merge(files, ROUTE)
        assert js["merged"] == merged
        assert base64.b64decode(js["csv"]) == table_csv(merged, ROUTE).encode("utf-8")
    assert base64.b64decode(out["merges"][0]["csv"]) == GOLDEN.read_bytes()


def test_the_route_is_not_changed_by_a_merge() -> None:
    route = copy.deepcopy(ROUTE)
    table_csv(merge(golden_files(), route), route)
    assert route == ROUTE
