"""The site's Russian stemmer (js/russian-stem.js) against lunr's, which Material ships.

Under MkDocs the search worker used lunr's stemmer; Zensical's worker has no lunr, so the
site brings its own, for both builders. Every word of the site's pages must get the stem
lunr gives it, so that search finds the same pages whichever builder made the site.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import material
from conftest import NODE_TOOLS, ROOT

MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


def differing_stems(words: list[str], tmp_path: Path) -> list[list[str]]:
    node = shutil.which("node")
    assert node, "Node.js runs lunr's stemmer here (scripts/test installs it)"
    listing = tmp_path / "words.txt"
    listing.write_text("\n".join(words), encoding="utf-8")
    run = subprocess.run(
        [
            node,
            str(NODE_TOOLS / "compare-stems.js"),
            str(listing),
            str(MATERIAL_JS),
            str(ROOT / "js" / "russian-stem.js"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_every_word_of_the_site_gets_lunrs_stem(tmp_path: Path) -> None:
    # Words as the search worker hands them over: lower case, «е» for «ё».
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    text += " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.yml"))
    words = sorted(set(re.findall(r"[а-я]+", text.lower().replace("ё", "е"))))
    assert len(words) > 5000
    assert differing_stems(words, tmp_path) == []


def test_stems_of_hand_picked_forms(tmp_path: Path) -> None:
    """Every step of the algorithm: gerund, reflexive, adjectival with participle, verb,
    noun, final «и», «ость» in R2, superlative and «нн», final «ь»."""
    words = [
        "сделав",
        "сделавшись",
        "учился",
        "работающий",
        "делегировать",
        "подтипов",
        "подтипы",
        "договоренности",
        "ценность",
        "крупнейший",
        "длинный",
        "связь",
        "аккаунтинг",
        "бриф",
        "он",
        "я",
    ]
    assert differing_stems(words, tmp_path) == []
