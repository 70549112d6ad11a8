"""The benchmark's generated site and config edit (tools/): sizes and validity, never times."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import ROOT, build
from tools.benchmark import without_macros
from tools.benchsite import QUESTIONS_PER_BANK, generate


def test_generated_site_has_the_requested_size_and_builds_strictly(tmp_path: Path) -> None:
    layout = generate(tmp_path / "project", 20)
    docs = tmp_path / "project" / "docs"
    pages = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    assert len(pages) == 20
    assert (layout.banks, layout.checklists, layout.questions) == (4, 1, 4 * QUESTIONS_PER_BANK)
    bank = yaml.safe_load((docs / "quiz" / "bank-001.yml").read_text(encoding="utf-8"))
    assert len(bank["questions"]) == QUESTIONS_PER_BANK
    assert (tmp_path / "project" / "macros").resolve() == ROOT / "macros"

    result = build(tmp_path / "project", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    quiz = (tmp_path / "site" / "quiz" / "bank-001" / "index.html").read_text(encoding="utf-8")
    assert quiz.count('class="bp-question') >= QUESTIONS_PER_BANK and "{{" not in quiz
    assert len(list((tmp_path / "site").rglob("index.html"))) == 20


def test_without_macros_drops_only_the_macros_plugin() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    edited = without_macros(config)
    assert "  - macros:" not in edited and "module_name" not in edited
    assert "- macros.tooltip_once" in edited and "- search:" in edited and "- tags:" in edited
    assert "strict: false" in without_macros(config, strict=False)
