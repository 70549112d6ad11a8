"""Trainer marking in Python: the locked key, the passphrase's sources, the shared result-file
vectors through read_result and the CLI, and a site built with a passphrase, searched file
by file for anything that would mark the exam without it."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
import vectors
from conftest import ROOT, TRAINER_PASSPHRASE

from macros.exam.lock import ITERATIONS, Lock, LockError, passphrase_from, unlock
from macros.exam.page import unseal
from macros.exam.resultfile import read_result
from macros.sitedata import SiteData

FIXTURE = ROOT / "tests" / "sites" / "exam" / "docs"


@pytest.fixture(scope="module")
def bank():
    return SiteData.load(FIXTURE, ROOT).bank("exam")


def test_a_locked_key_opens_with_its_passphrase_only() -> None:
    lock = Lock("верная фраза", iterations=1000)
    locked = lock.lock({"questions": [{"id": "q", "correct": [1]}]})
    scheme, iterations, salt, nonce, _ = locked.split(".")
    assert scheme == "pbkdf2-sha256" and iterations == "1000"
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(nonce)) == 12
    assert unlock(locked, " верная фраза\n") == {"questions": [{"id": "q", "correct": [1]}]}
    for wrong in ["", "Верная фраза", "верная", "exam"]:
        with pytest.raises(LockError):
            unlock(locked, wrong)
    assert lock.lock({}) != lock.lock({}), "a fresh nonce every time"
    assert ITERATIONS >= 600_000


def test_the_passphrase_comes_from_the_environment_or_a_file(tmp_path: Path) -> None:
    assert passphrase_from({}) is None
    assert passphrase_from({"BIRD_TRAINER_PASSPHRASE": "  "}) is None
    assert passphrase_from({"BIRD_TRAINER_PASSPHRASE": "фраза"}) == "фраза"
    secret = tmp_path / "pass.txt"
    secret.write_text("фраза из файла\n", encoding="utf-8")
    assert passphrase_from({"BIRD_TRAINER_PASSPHRASE_FILE": str(secret)}) == "фраза из файла"
    with pytest.raises(LockError, match="cannot be read"):
        passphrase_from({"BIRD_TRAINER_PASSPHRASE_FILE": str(tmp_path / "missing.txt")})


def test_every_vector_gets_its_verdict_in_python(bank) -> None:
    for name, data, expected in vectors.files(bank):
        _attempt, message = read_result(name, data, bank)
        assert vectors.verdict_of(message) == expected, (name, message)
        assert message is None or len(message) < 450, "a message repeats at most about 200 characters of a value"


def test_the_results_command_agrees_with_every_vector(bank, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    cases = vectors.files(bank)
    for name, data, _ in cases:
        (folder / (name if name.endswith(".json") else name + ".json")).write_bytes(data)
    run = subprocess.run(
        [sys.executable, "-m", "macros", "--docs", str(FIXTURE), "results", str(folder), "-o", str(tmp_path / "t.csv")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    said = {line.split(": ", 1)[0]: line for line in run.stderr.splitlines() if ": " in line}
    for name, _, expected in cases:
        file = name if name.endswith(".json") else name + ".json"
        assert vectors.verdict_of(said.get(file)) == expected, (file, said.get(file))


@pytest.fixture(scope="module")
def locked_site(trainer_exam) -> Path:
    return trainer_exam[0]


def test_nothing_built_with_a_passphrase_gives_the_key_away(locked_site: Path, bank) -> None:
    """From the built files alone: no explanation, option feedback or key structure in the
    open, and the locked key does not open with any public value."""
    secrets = [q.explanation for q in bank.questions] + [o.feedback for q in bank.questions for o in q.options if o.feedback]
    locked = []
    for path in locked_site.rglob("*"):
        if not path.is_file() or path.suffix == ".gz":
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        for secret in secrets:
            assert secret not in text, f"{path.relative_to(locked_site)} holds «{secret}»"
        assert '"correct"' not in text and "data-bp-key=" not in text, path
        locked += [part.split('"')[0] for part in text.split('data-bp-locked="')[1:]]
    assert locked, "the results page carries the locked key"
    version, title = bank.version, bank.title
    for key in locked:
        for guess in ["", version, bank.id, title, "Exam fixture", "exam", "trainer"]:
            with pytest.raises(LockError):
                unlock(key, guess)
        with pytest.raises(Exception):  # noqa: B017 (any failure: it is not a sealed key)
            unseal(key, version)
        assert unlock(key, TRAINER_PASSPHRASE)["questions"], "the trainer's passphrase opens it"
    assert not (locked_site / "downloads" / "exam-gift.txt").exists()


def test_a_site_without_a_passphrase_builds_as_practice(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BIRD_TRAINER")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    exam = (tmp_path / "site" / "quiz" / "exam" / "index.html").read_text(encoding="utf-8")
    trainer = (tmp_path / "site" / "trainer" / "index.html").read_text(encoding="utf-8")
    assert "Тренировочный экзамен" in exam and "Сейчас это тренировочный экзамен" in trainer
    assert '"marking": "instant"' in exam.replace("&#34;", '"')


def test_an_unreadable_passphrase_file_stops_the_build_with_a_plain_message(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BIRD_TRAINER_PASSPHRASE_FILE": str(tmp_path / "none.txt")}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert run.returncode != 0
    assert "BIRD_TRAINER_PASSPHRASE_FILE" in run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
