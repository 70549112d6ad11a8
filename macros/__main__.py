"""Command line: `python -m macros check [PATH...]` and `python -m macros glossary`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .banks import load_bank
from .checklists import load_checklist
from .glossary import abbreviations, load_glossary
from .links import DocsTree
from .problems import DataError, Problem, shown_path
from .sitedata import BANKS_DIR, CHECKLISTS_DIR, GLOSSARY_FILE, SiteData

ABBREVIATIONS = Path("includes/abbreviations.md")


def check(paths: list[str], docs_dir: Path) -> list[Problem]:
    """Validate the named data files, or all of them when none are named."""
    root = Path.cwd()
    if not paths:
        try:
            SiteData.load(docs_dir, root)
        except DataError as error:
            return error.problems
        return []
    docs = DocsTree(docs_dir)
    # Item anchors of every checklist, so links to items check out.
    try:
        data = SiteData.load(docs_dir, root)
        docs.extra_anchors = data.docs.extra_anchors
    except DataError:
        pass
    problems: list[Problem] = []
    for name in paths:
        path = Path(name)
        shown = shown_path(path, root)
        if not path.is_file():
            problems.append(Problem(shown, 1, "no such file"))
        elif path.name == GLOSSARY_FILE:
            problems += load_glossary(path, shown)[1]
        elif path.parent.name == CHECKLISTS_DIR:
            problems += load_checklist(path, shown, docs)[1]
        elif path.parent.name == BANKS_DIR:
            problems += load_bank(path, shown, docs)[1]
        else:
            problems.append(
                Problem(
                    shown,
                    1,
                    f"not a data file; expected docs/{BANKS_DIR}/*.yml, docs/{CHECKLISTS_DIR}/*.yml or docs/{GLOSSARY_FILE}",
                )
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    parser.add_argument("--docs", default="docs", help="the docs folder (default: docs)")
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="validate question banks, checklists and the glossary")
    checker.add_argument("paths", nargs="*", help="files to check (default: all)")
    commands.add_parser("glossary", help=f"regenerate {ABBREVIATIONS} from docs/{GLOSSARY_FILE}")
    args = parser.parse_args(argv)
    docs_dir = Path(args.docs)

    if args.command == "check":
        problems = check(args.paths, docs_dir)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"{len(problems)} problem(s) found.", file=sys.stderr)
            return 1
        print("All data files are valid.")
        return 0

    terms, problems = load_glossary(docs_dir / GLOSSARY_FILE, f"{args.docs}/{GLOSSARY_FILE}")
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    ABBREVIATIONS.write_text(abbreviations(terms), encoding="utf-8")
    print(f"Wrote {ABBREVIATIONS}: {len(terms)} terms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
