"""LMS files of every knowledge bank, written into the docs folder so the build publishes them.

They are made on every build from the banks (never committed: see .gitignore), so the files
a trainer downloads always match the questions on the site. An exam marked by the trainer is
left out: its files hold every right answer, so they travel locked inside the results page
(macros/render.py) and come from `python -m macros export`.
"""

from __future__ import annotations

from pathlib import Path

from .banks import Bank
from .lms import Exporter

FOLDER = "downloads"
FILES = {"gift": "{id}-gift.txt", "moodle-xml": "{id}-moodle.xml"}


def publish(
    banks: dict[str, Bank], docs_dir: Path, site_url: str | None, use_directory_urls: bool
) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Write the GIFT and Moodle XML files; return their docs-relative paths per bank and
    format, and the paths of those that were missing or out of date before this build."""
    folder = docs_dir / FOLDER
    paths: dict[str, dict[str, str]] = {}
    rewritten: list[str] = []
    for bank in banks.values():
        if bank.is_scale or (bank.exam and bank.exam.marking == "trainer"):
            (folder / FILES["gift"].format(id=bank.id)).unlink(missing_ok=True)
            (folder / FILES["moodle-xml"].format(id=bank.id)).unlink(missing_ok=True)
            continue
        exporter = Exporter(bank, site_url, use_directory_urls)
        paths[bank.id] = {}
        for fmt, pattern in FILES.items():
            name = pattern.format(id=bank.id)
            if _write_if_changed(folder / name, exporter.write(fmt)):
                rewritten.append(f"{FOLDER}/{name}")
            paths[bank.id][fmt.replace("moodle-", "")] = f"{FOLDER}/{name}"
    return paths, rewritten


def copy_to_site(rewritten: list[str], docs_dir: Path, site_dir: Path) -> None:
    """Zensical lists the docs folder's files before any page runs the macros, so files
    written by this build would be missing from its output until the next build: copy them
    into the output folder as well, so the first clean build is whole."""
    for path in rewritten:
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((docs_dir / path).read_bytes())


def _write_if_changed(path: Path, text: str) -> bool:
    # An unchanged file is left alone so that `mkdocs serve` does not rebuild in a loop.
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
