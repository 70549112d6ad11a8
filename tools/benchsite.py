"""A generated site for the scale run of tools/benchmark.py: quiz, checklist and plain pages."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS_PER_BANK = 20
ITEMS_PER_CHECKLIST = 12
SECTIONS_PER_PAGE = 3

# Plain Russian words between glossary forms, so the text looks like the site's: the abbr
# extension scans every text node with the glossary pattern, whatever the words are.
_WORDS = [
    *("клиент", "команда", "задача", "срок", "бюджет", "встреча", "письмо", "договор", "отчёт"),
    *("итог", "план", "вопрос", "ответ", "решение", "риск", "цель", "результат", "работа"),
    *("проект", "агентство", "неделя", "данные", "правка", "статус"),
]


@dataclass
class Layout:
    """How many pages of each kind a generated site of a given size has."""

    pages: int

    @property
    def banks(self) -> int:
        return max(1, self.pages // 5)

    @property
    def checklists(self) -> int:
        return max(1, self.pages // 50)

    @property
    def plain(self) -> int:
        # index.md is a plain page too.
        return self.pages - self.banks - self.checklists

    @property
    def questions(self) -> int:
        return self.banks * QUESTIONS_PER_BANK


class _Text:
    """Deterministic Russian-looking sentences with glossary terms mixed in."""

    def __init__(self, forms: list[str], seed: int = 1):
        self.random = random.Random(seed)
        self.forms = forms

    def sentence(self, words: int = 12) -> str:
        chosen = [
            self.random.choice(self.forms) if self.random.random() < 0.2 else self.random.choice(_WORDS)
            for _ in range(words)
        ]
        return chosen[0][:1].upper() + " ".join(chosen)[1:] + "."

    def paragraph(self, sentences: int = 4) -> str:
        return " ".join(self.sentence() for _ in range(sentences))


def glossary_forms() -> list[str]:
    """The word forms of the real glossary, the ones that get tooltips on the site."""
    data = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8"))
    return [form for term in data["terms"] if term.get("tooltip", True) for form in term["forms"]]


def site_config(config: str) -> str:
    """The real mkdocs.yml without its nav (the generated pages are found by MkDocs)."""
    return re.sub(r"(?ms)^nav:\n.*", "", config)


def plain_page(text: _Text, number: int, pages: int) -> str:
    sections = []
    for section in range(1, SECTIONS_PER_PAGE + 1):
        bullets = "\n".join(f"- {text.sentence(6)}" for _ in range(3))
        sections.append(f"## Раздел {section}\n\n{text.paragraph()}\n\n{bullets}\n\n{text.paragraph(3)}\n")
    neighbour = f"page-{number % (pages - 1) + 1:03d}.md" if pages > 1 else f"page-{number:03d}.md"
    return f"# Страница {number}\n\n{text.paragraph(2)} [Дальше]({neighbour}#раздел-1).\n\n" + "\n".join(sections)


def bank(text: _Text, bank_id: str, plain_pages: int) -> dict:
    questions = []
    for number in range(1, QUESTIONS_PER_BANK + 1):
        multiple = number % 4 == 0
        options = [{"text": text.sentence(5), "feedback": text.sentence(8)} for _ in range(4)]
        for option in options[: 2 if multiple else 1]:
            option["correct"] = True
        questions.append(
            {
                "id": f"q{number:02d}",
                "type": "multiple" if multiple else "single",
                "text": text.sentence(14)[:-1] + "?",
                "hint": text.sentence(8),
                "explanation": text.paragraph(2),
                "link": f"pages/page-{number % plain_pages + 1:03d}.md#раздел-2",
                "options": options,
            }
        )
    return {"id": bank_id, "title": f"Проверьте себя: {bank_id}", "description": text.sentence(), "questions": questions}


def checklist(text: _Text, checklist_id: str, plain_pages: int) -> dict:
    items = [
        {
            "id": f"item-{number:02d}",
            "text": text.sentence(8)[:110],
            "why": text.paragraph(2),
            "link": f"pages/page-{number % plain_pages + 1:03d}.md#раздел-3",
        }
        for number in range(1, ITEMS_PER_CHECKLIST + 1)
    ]
    return {"id": checklist_id, "title": f"Чек-лист {checklist_id}", "moment": "during", "audience": ["команда проекта"], "items": items}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def generate(project: Path, pages: int) -> Layout:
    """Write a site of `pages` pages into `project`, wired to the real macros, theme and glossary.

    Like tests/conftest.fixture_project: the macros module is a symlink and the assets a
    copy, so the build runs the same code and templates as the real site.
    """
    layout = Layout(pages)
    if layout.plain < 2:
        raise ValueError(f"a generated site needs at least 8 pages, not {pages}")
    docs = project / "docs"
    docs.mkdir(parents=True)
    _write(project / "mkdocs.yml", site_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    (project / "macros").symlink_to(ROOT / "macros")
    (project / "overrides").symlink_to(ROOT / "overrides")
    shutil.copytree(ROOT / "includes", project / "includes")
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copy(ROOT / "docs" / "glossary.yml", docs / "glossary.yml")
    text = _Text(glossary_forms())
    plain = layout.plain - 1  # index.md is the other one
    _write(docs / "index.md", f"# Сгенерированный сайт\n\n{text.paragraph()}\n")
    for number in range(1, plain + 1):
        _write(docs / "pages" / f"page-{number:03d}.md", plain_page(text, number, plain + 1))
    for number in range(1, layout.banks + 1):
        bank_id = f"bank-{number:03d}"
        _write(docs / "quiz" / f"{bank_id}.yml", _dump(bank(text, bank_id, plain)))
        _write(docs / "quiz" / f"{bank_id}.md", f"# Тест {number}\n\n{text.paragraph(2)}\n\n{{{{ quiz(\"{bank_id}\") }}}}\n")
    for number in range(1, layout.checklists + 1):
        checklist_id = f"list-{number:02d}"
        _write(docs / "checklists" / f"{checklist_id}.yml", _dump(checklist(text, checklist_id, plain)))
        body = f"# Чек-лист {number}\n\n{{{{ checklist(\"{checklist_id}\") }}}}\n\n## Куда дальше\n\n{text.paragraph(2)}\n"
        _write(docs / "checklists" / f"{checklist_id}.md", body)
    return layout
