"""The build-cost shortcuts of macros/fragments.py give the HTML of a full conversion."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from macros.fragments import is_plain
from macros.glossary import load_glossary, tooltips
from macros.render import MarkdownText

ROOT = Path(__file__).resolve().parent.parent

# Texts Markdown only wraps in <p>, and texts near them that it changes (or might, with
# one of the site's extensions). Each must render as a full conversion does.
PLAIN = [
    "Просто текст.",
    "Текст, запятые: двоеточие — тире; «кавычки» и (скобки), 70 % и 1,5!",
    "Первая строка\nвторая строка",
    "«Цитата» в начале",
    "Неразрывный\u00a0пробел",
]
NOT_PLAIN = [
    '"Прямые" кавычки и апостроф\'',
    "1. пункт",
    "- пункт",
    "+ пункт",
    "> цитата",
    "# Заголовок",
    "Заголовок\n===",
    "Заголовок\n---",
    "Термин\n: определение",
    "Строка  \nс переносом",
    "Два  пробела",
    " Пробел в начале",
    "Пробел в конце ",
    "Табуляция\tвнутри",
    "Слово *курсив* и **жирный**",
    "Слово_с_подчёркиванием",
    "Код `x`",
    "Ссылка [тут](index.md)",
    "A & B",
    "Меньше < больше >",
    "Сущность &amp; здесь",
    "Атрибуты {: #id}",
    "!!! note",
    "??? note",
    "Сноска[^1]",
    "*[HTML]: Hyper Text",
    "Таблица | колонка",
    "Адрес https://example.com/путь?x=1",
    "Слово ~~зачёркнуто~~ и ==метка== и ^верх^",
    "Ёлка\n    отступ",
    "Строка\r\nWindows",
    "Неразрывный в конце\u00a0",
]


def _site_markdown() -> tuple[list, dict]:
    conf = load_config(str(ROOT / "mkdocs.yml"))
    return conf["markdown_extensions"], conf["mdx_configs"]


def _data_texts() -> list[str]:
    """Every string in the site's and the fixtures' data files (banks, checklists)."""
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted([*(ROOT / "docs").rglob("*.yml"), *(ROOT / "tests" / "sites").rglob("docs/**/*.yml")]):
        if path.name != "glossary.yml":
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return texts


@pytest.fixture(scope="module")
def site_markdown() -> tuple[list, dict]:
    return _site_markdown()


def test_plain_shortcut_matches_a_full_conversion(site_markdown: tuple[list, dict]) -> None:
    extensions, configs = site_markdown
    fast, full = MarkdownText(extensions, configs), MarkdownText(extensions, configs, shortcuts=False)
    texts = PLAIN + NOT_PLAIN + _data_texts()
    plain = [text for text in texts if is_plain(text)]
    # The shortcut must actually serve most of the site's data text, or it saves nothing.
    assert len(plain) > len(texts) / 2
    for text in texts:
        # inline() is block() with the paragraph removed, so block() decides both.
        assert fast.block(text) == full.block(text), text


def test_plain_means_no_markdown_syntax() -> None:
    assert all(is_plain(text) for text in PLAIN)
    assert not any(is_plain(text) for text in NOT_PLAIN)


def test_cached_abbreviations_match_a_full_conversion(site_markdown: tuple[list, dict]) -> None:
    extensions, configs = site_markdown
    terms, problems = load_glossary(ROOT / "docs" / "glossary.yml", "docs/glossary.yml")
    assert not problems
    glossary = tooltips(terms)
    fast = MarkdownText(extensions, configs, glossary)
    full = MarkdownText(extensions, configs, glossary, shortcuts=False)
    # A fragment that defines its own abbreviation changes the pattern for itself only.
    texts = [*_data_texts()[:150], "Текст про XYZ.\n\n*[XYZ]: Своё сокращение", "А здесь XYZ — просто буквы.", "Бриф и КП."]
    for number, text in enumerate(texts):
        if number % 20 == 0:
            fast.new_section()
            full.new_section()
        assert fast.block(text) == full.block(text), text
