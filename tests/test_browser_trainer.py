"""Trainer marking in a real browser: the candidate sees no marks and hands in answers only;
the passphrase opens the sheet on the candidate's screen and the group on the results page;
people, attempts, flags, grading and kept files; the shared bad-file vectors agree with
Python; the clock's warning in view; print page counts of the sheet and the group report."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import vectors
from conftest import ROOT, TRAINER_PASSPHRASE

from macros.exam.draw import draw
from macros.exam.grading import grade, result_document
from macros.exam.resultfile import read_result
from macros.exam.results import merge, summary
from macros.scoring import human
from macros.sitedata import SiteData

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "sites" / "exam" / "docs"


@pytest.fixture(scope="module")
def bank():
    return SiteData.load(FIXTURE, ROOT).bank("exam")


@pytest.fixture(scope="module")
def url(trainer_exam) -> str:
    return trainer_exam[1]


def right(bank, code: str) -> dict[str, list[int]]:
    return {q.id: [i for i, o in enumerate(q.options) if o.correct] for q in draw(bank, code)}


def take(page, url: str, code: str, answers: dict[str, list[int]], name: str = "Анна Смирнова") -> None:
    page.goto(f"{url}/quiz/exam/?variant={code}")
    page.wait_for_selector(".bp-exam.bp-live")
    page.get_by_label("Имя и фамилия").fill(name)
    page.get_by_role("button", name="Начать экзамен").click()
    for qid, options in answers.items():
        for i in options:
            page.locator(f"[data-bp-question='{qid}'] input[value='{i}']").check()
    page.get_by_role("button", name="Сдать экзамен").click()
    page.wait_for_selector("[data-bp-sheet]:not([hidden])")


def download(page, button: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return Path(info.value.path()).read_bytes()


def test_a_candidate_sees_no_marks_and_hands_in_answers_only(page, url: str, bank) -> None:
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if r.resource_type == "fetch" else None)
    take(page, url, "T-1", right(bank, "T-1"))
    text = page.locator("article").inner_text()
    assert "Экзамен сдан" in text and "Оценку и верные ответы откроет тренер" in text
    for word in ["Верный ответ", "верный ответ", "Экзамен не сдан", "проходной балл —", "Баллы по темам"]:
        assert word not in text, f"«{word}» is shown without the passphrase"
    for q in bank.questions:
        assert q.explanation not in page.content()
    assert fetched == [], "taking the exam needs no key"
    document = json.loads(download(page, "Скачать JSON"))
    raw = json.dumps(document, ensure_ascii=False)
    assert document["marking"] == "trainer"
    for field in ['"correct', '"score"', '"passed"', '"percent"', '"topics"']:
        assert field not in raw, f"the result file holds {field}"
    assert page.get_by_role("button", name="Скачать CSV").is_hidden(), "the CSV has right answers: after the passphrase"


def test_the_passphrase_opens_the_sheet_on_the_candidate_screen(page, url: str, bank) -> None:
    code = "T-2"
    answers = right(bank, code)
    first = draw(bank, code)[0]
    answers[first.id] = [next(i for i, o in enumerate(first.options) if not o.correct)]
    take(page, url, code, answers)
    page.get_by_label("Кодовая фраза тренера").fill("exam")
    page.get_by_role("button", name="Открыть лист ответов").click()
    status = page.locator("[data-bp-unlock-status]")
    status.filter(has_text="Кодовая фраза не подошла").wait_for()
    assert "Верный ответ" not in page.locator("article").inner_text()
    page.get_by_label("Кодовая фраза тренера").fill(TRAINER_PASSPHRASE)
    page.get_by_role("button", name="Открыть лист ответов").click()
    page.wait_for_selector(".bp-exam.is-marked")
    marks = grade(bank, code, answers)
    verdict = page.locator("[data-bp-verdict]").inner_text()
    assert f"{human(marks['score'])} из {human(marks['max_score'])}" in verdict
    review = page.locator(f"[data-bp-question='{first.id}'] [data-bp-review]").inner_text()
    assert "Верный ответ" in review and first.explanation in review
    seen = page.evaluate("() => JSON.parse(localStorage.getItem('bp:exam-sheets:exam'))")
    assert [s["variant"] for s in seen] == [code], "the browser remembers whose sheet was opened"


def test_the_trainer_opens_the_group_and_sees_people_attempts_and_flags(page, url: str, bank, tmp_path: Path) -> None:
    def doc(name, code, attempt, start, end, answers=None, **more):
        return result_document(
            bank, code, answers or right(bank, code), "trainer", candidate=name, attempt=attempt,
            started=f"2026-12-01T{start}:00.000Z", submitted=f"2026-12-01T{end}:00.000Z", **more,
        )

    wrong = {q.id: [] for q in draw(bank, "G-1")}
    docs = {
        "anna.json": doc("Анна Смирнова", "G-1", "A1", "09:00", "09:20"),
        "boris-1.json": doc("Борис Петров", "G-1", "B1", "09:00", "09:25", wrong),
        "boris-2.json": doc("  борис   петров ", "G-1", "B2", "10:00", "10:10",
                            sheets_seen=[{"variant": "G-1", "at": "2026-12-01T09:40:00.000Z"}]),
        "anna-copy.json": {**doc("Анна Смирнова", "G-1", "A1", "09:00", "09:20"), "candidate": "Вера Ёлкина"},
    }  # fmt: skip
    paths = []
    for name, content in docs.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    page.goto(f"{url}/trainer/results/")
    page.wait_for_selector(".bp-results.bp-live")
    page.get_by_label("Кодовая фраза тренера").fill("Exam fixture")
    page.get_by_role("button", name="Открыть результаты").click()
    page.locator("[data-bp-unlock-status]").filter(has_text="Кодовая фраза не подошла").wait_for()
    assert page.locator("[data-bp-drop]").is_hidden()
    page.get_by_label("Кодовая фраза тренера").fill(TRAINER_PASSPHRASE)
    page.get_by_role("button", name="Открыть результаты").click()
    page.wait_for_selector("[data-bp-drop]:not([hidden])")
    page.set_input_files("[data-bp-files]", [str(p) for p in paths])
    page.wait_for_selector("[data-bp-rows] tr")
    merged = merge(bank, [(p.name, p.read_bytes()) for p in paths])
    assert page.locator("[data-bp-summary]").inner_text() == summary(merged)
    assert summary(merged).startswith("3 человека, 4 попытки. Оценивается первая попытка: сдали 2, не сдали 1.")
    rows = {r.split("\t")[0].lower() + r.split("\t")[1][:1]: r for r in page.locator("[data-bp-rows] tr").all_inner_texts()}
    assert "начата после листа ответов варианта G-1" in rows["борис петров2"]
    assert "та же попытка, что в файле anna" in rows["вера ёлкина1"]
    # The grading method: the best attempt passes Борис.
    page.get_by_label("Какая попытка оценивается").select_option("best")
    assert "сдали 3, не сдали 0" in page.locator("[data-bp-summary]").inner_text()
    assert summary(merge(bank, [(p.name, p.read_bytes()) for p in paths], "best")) == page.locator(
        "[data-bp-summary]"
    ).inner_text()
    # Loaded files come back after a reload, once the passphrase is typed again.
    page.reload()
    page.wait_for_selector(".bp-results.bp-live")
    assert "сохранены файлы результатов: 4" in page.locator("[data-bp-status]").inner_text()
    page.get_by_label("Кодовая фраза тренера").fill(TRAINER_PASSPHRASE)
    page.get_by_role("button", name="Открыть результаты").click()
    page.wait_for_selector("[data-bp-rows] tr")
    assert page.locator("[data-bp-rows] tr").count() == 4
    gift = download(page, "Скачать GIFT").decode("utf-8")
    assert "::alpha-1::" in gift, "the Moodle files come with the passphrase"
    page.locator("[data-bp-clear]").click()
    page.reload()
    page.wait_for_selector(".bp-results.bp-live")
    assert page.locator("[data-bp-status]").inner_text() == ""


def test_the_browser_and_python_agree_on_every_vector(page, exam_url: str, bank) -> None:
    """tests/data/result-vectors.json through js/exam-core.js readResult on the results page."""
    cases = vectors.files(bank)
    page.goto(f"{exam_url}/trainer/results/")
    page.wait_for_selector("[data-bp-drop]:not([hidden])")
    said = page.evaluate(
        """async (cases) => {
          const root = document.querySelector("[data-bp-results]");
          const cfg = JSON.parse(root.dataset.bpConfig);
          const key = await window.bpKey.open(root, cfg);
          const bank = key.questions.map((q) => ({ id: q.id, topic: q.topic, options: q.options.length }));
          const say = window.bp.words(root);
          return cases.map(([name, hex]) => {
            const bytes = new Uint8Array(hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
            return window.bpExam.readResult(say, cfg, bank, name, bytes)[1];
          });
        }""",
        [[name, data.hex()] for name, data, _ in cases],
    )
    for (name, data, expected), message in zip(cases, said, strict=True):
        assert vectors.verdict_of(message) == expected, (name, message)
        assert message == read_result(name, data, bank)[1], f"{name}: the same words in both"


def test_the_last_minute_is_seen_wherever_the_candidate_has_scrolled(page, exam_url: str) -> None:
    page.set_viewport_size({"width": 800, "height": 500})
    page.goto(f"{exam_url}/quiz/timed/?variant=CLOCK")
    page.wait_for_selector(".bp-exam.bp-live")
    page.get_by_label("Имя и фамилия").fill("Анна")
    page.get_by_role("button", name="Начать экзамен").click()
    page.mouse.wheel(0, 3000)
    timer = page.locator("[data-bp-timer]")
    page.wait_for_selector("[data-bp-timer].is-warning")
    assert timer.is_visible() and timer.evaluate("e => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= innerHeight")
    page.wait_for_selector(".bp-exam.is-submitted", timeout=15_000)
    notice = page.locator("[data-bp-sheet-timeout]")
    assert notice.is_visible() and "Время вышло" in notice.inner_text()


def pages_printed(page) -> int:
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    pdf = page.pdf(format="A4")
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def test_the_answer_sheet_of_the_real_exam_prints_on_eight_pages_at_most(page, base_url: str) -> None:
    real = SiteData.load(ROOT / "docs", ROOT).bank("exam")
    code = "PRINT-45"
    page.goto(f"{base_url}/quiz/exam/?variant={code}")
    page.wait_for_selector(".bp-exam.bp-live")
    page.get_by_label("Имя и фамилия").fill("Анна Смирнова")
    page.get_by_role("button", name="Начать экзамен").click()
    for q in draw(real, code):
        page.locator(f"[data-bp-question='{q.id}'] input[value='0']").check()
    page.get_by_role("button", name="Сдать экзамен").click()
    page.wait_for_selector("[data-bp-sheet]:not([hidden])")
    assert len(draw(real, code)) == 45
    assert pages_printed(page) <= 8


def test_the_group_report_prints_on_two_pages_for_fifteen_people(page, base_url: str, tmp_path: Path) -> None:
    real = SiteData.load(ROOT / "docs", ROOT).bank("exam")
    paths = []
    for n in range(15):
        code = f"GROUP-{n}"
        answers = right(real, code)
        for q in draw(real, code)[: n * 2]:
            answers[q.id] = []
        content = result_document(
            real, code, answers, candidate=f"Кандидат Номер {n + 1}", attempt=f"P{n}",
            started="2026-12-01T09:00:00.000Z", submitted=f"2026-12-01T09:{10 + n}:00.000Z",
        )  # fmt: skip
        paths.append(tmp_path / f"{n}.json")
        paths[-1].write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    page.goto(f"{base_url}/trainer/results/")
    page.wait_for_selector("[data-bp-drop]:not([hidden])")
    page.set_input_files("[data-bp-files]", [str(p) for p in paths])
    page.wait_for_selector("[data-bp-rows] tr")
    assert len(real.topics) == 16
    assert pages_printed(page) <= 2
    page.emulate_media(media="print")
    assert page.locator("[data-bp-drop]").is_hidden() and page.locator("[data-bp-clear]").is_hidden()
    report = page.locator("[data-bp-print-report]")
    assert report.is_visible() and "✓ сдал" in report.inner_text() and "✗ не сдал" in report.inner_text()


def test_the_locked_results_page_stays_within_its_budget(trainer_exam) -> None:
    from test_site import LOCKED_RESULTS_BUDGET

    size = len(gzip.compress((trainer_exam[0] / "trainer" / "results" / "index.html").read_bytes(), 9))
    assert size <= LOCKED_RESULTS_BUDGET


def test_a_trainer_clicking_an_lms_link_gets_a_file(page, base_url: str) -> None:
    """Not a page of raw GIFT text, under either builder's instant navigation."""
    page.goto(f"{base_url}/trainer/")
    for name in ("roles-gift.txt", "roles-moodle.xml"):
        with page.expect_download() as info:
            page.locator(f"a[download='{name}']").click()
        assert info.value.suggested_filename == name
        text = Path(info.value.path()).read_text(encoding="utf-8")
        assert "am-subject" in text, name
    assert page.url.endswith("/trainer/"), "the page stays where it was"
