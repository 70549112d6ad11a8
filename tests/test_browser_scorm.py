"""SCORM 1.2 packages in a real browser, inside a real SCORM 1.2 runtime: scorm-again's
Scorm12API (tools/node) is the LMS's window.API on a test page that frames the package.
The exam passed and failed, a knowledge check completed, suspend and resume, the largest
suspend_data, no LMS at all, and the same package opened from disk."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import NODE_TOOLS, ROOT

from macros.exam.draw import draw
from macros.exam.grading import grade
from macros.scorm.package import build, write
from macros.sitedata import SiteData

pytestmark = pytest.mark.browser
SITE_URL = "https://kb.example.org/"
# The LMS: scorm-again's runtime as window.API, every call logged in order, then the
# package's page in a frame, as an LMS shows a SCO.
LMS_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>LMS</title>
<link rel="icon" href="data:,"><script src="scorm12.js"></script></head><body>
<script>
const params = new URLSearchParams(location.search);
window.calls = [];
window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
if (params.get("data")) window.API.loadFromJSON(JSON.parse(params.get("data")));
for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]) {
  const call = window.API[name].bind(window.API);
  window.API[name] = (...args) => { window.calls.push([name, ...args]); return call(...args); };
}
const frame = Object.assign(document.createElement("iframe"), { src: params.get("sco") + "/index.html", title: "Курс" });
frame.style.width = "100%"; frame.style.height = "900px";
document.body.append(frame);
</script></body></html>"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def data() -> SiteData:
    return SiteData.load(ROOT / "docs", ROOT)


@pytest.fixture(scope="module")
def lms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("lms")
    for bank in ("exam", "roles"):
        archive = root / f"{bank}.zip"
        write(build(ROOT, ROOT / "docs", bank, SITE_URL), archive)
        with zipfile.ZipFile(archive) as z:
            z.extractall(root / bank)
    shutil.copy(NODE_TOOLS / "node_modules" / "scorm-again" / "dist" / "scorm12.js", root / "scorm12.js")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch(page, url: str, sco: str, preset: dict | None = None):
    """The LMS page with the package in its frame; returns the frame, its widget started."""
    query = f"?sco={sco}" + (f"&data={quote(json.dumps(preset))}" if preset else "")
    page.goto(f"{url}/lms.html{query}")
    frame = page.frame_locator("iframe")
    frame.locator(".bp-live").first.wait_for()
    return frame


def cmi(page) -> dict:
    return page.evaluate("JSON.parse(JSON.stringify(window.API.cmi))")


def interactions_of(page) -> list[dict]:
    """cmi.interactions as the runtime keeps them (write-only for the SCO in SCORM 1.2)."""
    return page.evaluate("window.API.cmi.interactions.childArray.map((i) => JSON.parse(JSON.stringify(i)))")


def calls(page) -> list[list[str]]:
    return page.evaluate("window.calls")


LEARNER = {"core": {"student_id": "u-1001", "student_name": "Смирнова, Анна"}}


def start_exam(frame) -> str:
    assert frame.locator("[data-bp-name]").input_value() == "Анна Смирнова", "the LMS's name, as people write it"
    code = frame.locator("[data-bp-variant]").input_value()
    assert frame.locator("[data-bp-variant]").get_attribute("readonly") is not None
    frame.get_by_role("button", name="Начать экзамен").click()
    frame.locator("[data-bp-bar]:not([hidden])").wait_for()
    return code


def answer_all(frame, bank, code: str, right: bool, skip: int = 0) -> dict[str, list[int]]:
    """Every question right (or wrong), but the first `skip` left unanswered."""
    answers = {}
    for n, q in enumerate(draw(bank, code)):
        good = [i for i, o in enumerate(q.options) if o.correct]
        bad = [i for i, o in enumerate(q.options) if not o.correct][:1]
        answers[q.id] = [] if n < skip else good if right else bad
        for i in answers[q.id]:
            frame.locator(f"[data-bp-question='{q.id}'] input[value='{i}']").check()
    return answers


def submit(frame) -> None:
    frame.get_by_role("button", name="Сдать экзамен").click()
    frame.locator("[data-bp-sheet]:not([hidden])").wait_for()


@pytest.mark.parametrize("right", [True, False], ids=["pass", "fail"])
def test_the_exam_reports_score_status_answers_and_time(page, lms, data, right: bool) -> None:
    _, url = lms
    bank = data.bank("exam")
    frame = launch(page, url, "exam", LEARNER)
    code = start_exam(frame)
    answers = answer_all(frame, bank, code, right, skip=0 if right else 1)
    if not right:  # one left unanswered: the exam asks once, then takes it as no answer
        frame.get_by_role("button", name="Сдать экзамен").click()
    submit(frame)
    page.wait_for_function("window.calls.some((c) => c[0] === 'LMSFinish')")
    marks = grade(bank, code, answers)
    core = cmi(page)["core"]
    assert float(core["score"]["raw"]) == pytest.approx(marks["percent"], abs=0.01)
    assert (core["score"]["min"], core["score"]["max"]) == ("0", "100")
    assert core["lesson_status"] == ("passed" if right else "failed")
    sent = dict(c[1:] for c in calls(page) if c[0] == "LMSSetValue")
    assert re.fullmatch(r"\d{4}:[0-5]\d:[0-5]\d\.\d\d", sent["cmi.core.session_time"]), "HHHH:MM:SS.SS"
    interactions = interactions_of(page)
    assert [i["id"] for i in interactions] == [q.id for q in draw(bank, code)]
    assert all(i["type"] == "choice" for i in interactions)
    assert {i["result"] for i in interactions} == ({"correct"} if right else {"wrong"})
    for i in interactions:
        assert i["student_response"] == ",".join("abcdef"[n] for n in answers[i["id"]]), i["id"]
        assert float(i["weighting"]) == next(q.points for q in bank.questions if q.id == i["id"])
    assert frame.locator("[data-bp-scorm-status]").inner_text() == "Результат отправлен в систему обучения."
    names = [c[0] for c in calls(page)]
    assert names[0] == "LMSInitialize" and names[-2:] == ["LMSCommit", "LMSFinish"]
    sets = [c[1] for c in calls(page) if c[0] == "LMSSetValue"]
    last = {name: n for n, name in enumerate(sets)}
    assert sets[0] == "cmi.core.lesson_status" and sent["cmi.core.lesson_status"] == core["lesson_status"]
    assert (
        last["cmi.suspend_data"]
        < last["cmi.core.score.raw"]
        < last["cmi.core.lesson_status"]
        < last["cmi.interactions.0.id"]
    )
    assert last["cmi.interactions.0.id"] < last["cmi.core.session_time"], (
        "the report, then the time, then commit and finish"
    )
    status = frame.locator("[data-bp-scorm-status]").inner_text()
    assert status == "Результат отправлен в систему обучения."
    assert frame.locator(".is-key").count() == 0, "the trainer's exam shows the verdict, not the right answers"
    assert "сдан" in frame.locator("[data-bp-verdict]").inner_text()


def test_suspend_and_resume_keep_the_answers_and_the_clock(page, lms, data) -> None:
    _, url = lms
    bank = data.bank("exam")
    frame = launch(page, url, "exam", LEARNER)
    code = start_exam(frame)
    first = draw(bank, code)[8:11]  # far enough down that opening there needs a scroll
    for q in first:
        frame.locator(f"[data-bp-question='{q.id}'] input[value='1']").check()
    page.wait_for_timeout(2200)
    clock = frame.locator("[data-bp-clock]").inner_text()
    page.evaluate("document.querySelector('iframe').remove()")  # the learner leaves: pagehide
    page.wait_for_function("window.calls.some((c) => c[0] === 'LMSFinish')")
    kept = cmi(page)
    assert kept["core"]["exit"] == "suspend"
    suspend = kept["suspend_data"]
    assert suspend.startswith("b1|") and len(suspend) < 200
    assert kept["core"]["lesson_location"] == first[-1].id
    where = kept["core"]["lesson_location"]
    resumed = {"core": {**LEARNER["core"], "entry": "resume", "lesson_location": where}, "suspend_data": suspend}
    again = launch(page, url, "exam", resumed)
    again.locator("[data-bp-bar]:not([hidden])").wait_for()
    assert again.locator("[data-bp-code]").inner_text() == code, "a resumed attempt keeps its variant"
    assert all(again.locator(f"[data-bp-question='{q.id}'] input[value='1']").is_checked() for q in first)
    after = again.locator("[data-bp-clock]").inner_text()
    assert after <= clock and after >= "59:", "the clock goes on from where it stopped"
    last = again.locator(f"[data-bp-question='{first[-1].id}']")
    in_view = "(el) => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; }"
    page.wait_for_timeout(300)
    assert last.evaluate(in_view), "it opens at the question of lesson_location"


def test_two_learners_get_different_variants(page, lms) -> None:
    _, url = lms
    codes = set()
    for learner in ("u-1", "u-2", "u-3"):
        frame = launch(page, url, "exam", {"core": {"student_id": learner, "student_name": "Иванов, Пётр"}})
        codes.add(frame.locator("[data-bp-variant]").input_value())
    assert len(codes) == 3


def test_the_largest_variant_fits_suspend_data(page, lms, data) -> None:
    """Every question answered with every option (the longest masks), in the longest draw."""
    _, url = lms
    frame = launch(page, url, "exam", LEARNER)
    start_exam(frame)
    length = frame.locator("body").evaluate(
        """() => {
          const ids = [...document.querySelectorAll('[data-bp-question]:not([hidden])')];
          const answers = ids.map((li) => [...li.querySelectorAll('input')].map((i) => +i.value));
          return window.bpScorm.encode({ attempt: 'X'.repeat(32), spent: 999 * 3600 * 1000, done: true, answers }).length;
        }"""
    )
    assert length < 4096 // 10, length


def test_a_knowledge_check_is_completed_with_its_score(page, lms, data) -> None:
    _, url = lms
    bank = data.bank("roles")
    frame = launch(page, url, "roles", LEARNER)
    questions = frame.locator("[data-bp-question]")
    for n in range(questions.count()):
        q = questions.nth(n)
        q.locator("input").first.check()
        q.get_by_role("button", name="Ответить").click()
    page.wait_for_function("window.calls.some((c) => c[0] === 'LMSFinish')")
    core = cmi(page)["core"]
    assert core["lesson_status"] == "completed"
    got = frame.locator("[data-bp-score]").inner_text()
    assert got.startswith("Итог:")
    assert len(interactions_of(page)) == len(bank.questions)


def test_without_an_lms_the_exam_runs_and_says_nothing_is_sent(page, lms) -> None:
    _, url = lms
    page.goto(f"{url}/exam/index.html")
    page.locator(".bp-exam.bp-live").wait_for()
    assert "результат никуда не отправится" in page.locator("[data-bp-scorm-status]").inner_text()
    # A plain exam, as on the site: a code from the trainer or a new one, kept in this browser.
    page.get_by_role("button", name="Новый код").click()
    page.get_by_label("Имя и фамилия").fill("Анна Смирнова")
    page.get_by_role("button", name="Начать экзамен").click()
    page.locator("[data-bp-bar]:not([hidden])").wait_for()
    page.locator("[data-bp-question]:not([hidden]) input").first.check()
    page.reload()
    page.locator("[data-bp-bar]:not([hidden])").wait_for()
    assert page.locator("[data-bp-question]:not([hidden]) input").first.is_checked()


def test_the_package_opened_from_disk_behaves_the_same(page, lms, data) -> None:
    root, _ = lms
    page.goto((root / "roles" / "index.html").as_uri())
    page.locator(".bp-quiz.bp-live").wait_for()
    assert "результат никуда не отправится" in page.locator("[data-bp-scorm-status]").inner_text()
    q = page.locator("[data-bp-question]").first
    q.locator("input").first.check()
    q.get_by_role("button", name="Ответить").click()
    assert q.locator("[data-bp-verdict]").inner_text() != ""


def test_a_refused_call_is_said_in_plain_russian(page, lms) -> None:
    _, url = lms
    page.goto(f"{url}/lms.html?sco=roles")
    page.evaluate("window.API.LMSSetValue = () => 'false'; window.API.LMSGetLastError = () => '405'")
    page.frame_locator("iframe").locator(".bp-live").first.wait_for()
    frame = page.frame_locator("iframe")
    questions = frame.locator("[data-bp-question]")
    questions.first.locator("input").first.check()
    questions.first.get_by_role("button", name="Ответить").click()
    assert "Система обучения не приняла данные" in frame.locator("[data-bp-scorm-status]").inner_text()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_package_page_has_no_accessibility_violations(browser, lms, data, width: int) -> None:
    """At a phone's width and a desktop's, before and after submitting, as the LMS frames it."""
    from test_a11y import violations

    _, url = lms
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{url}/exam/index.html")
    page.locator(".bp-exam.bp-live").wait_for()
    assert violations(page) == []
    page.get_by_role("button", name="Новый код").click()
    page.get_by_label("Имя и фамилия").fill("Анна Смирнова")
    page.get_by_role("button", name="Начать экзамен").click()
    page.locator("[data-bp-bar]:not([hidden])").wait_for()
    assert violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scroll"
    page.goto(f"{url}/roles/index.html")
    page.locator(".bp-quiz.bp-live").wait_for()
    q = page.locator("[data-bp-question]").first
    q.locator("input").first.check()
    q.get_by_role("button", name="Ответить").click()
    assert violations(page) == []
    context.close()
