"""Command line for whoever maintains the site.

python -m macros check [PATH...]                      validate data files
python -m macros glossary                             regenerate the tooltips file
python -m macros export --format F --bank NAME -o OUT  a bank for an LMS (gift | moodle-xml)
python -m macros results DIR_OR_FILES... -o OUT.csv [--items ITEMS.csv]
                                                      merge exam result files into one table,
                                                      and write the item statistics
python -m macros fairness [--bank bird] [--sets N]     the self-assessment rule on random answers
python -m macros audit BANK [--variants N]             what a test-wise guesser scores on a bank
python -m macros scorm --bank NAME -o FILE.zip          a SCORM 1.2 package of the exam or a check
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .banks import load_bank
from .checklists import load_checklist
from .exam.audit import audit, report
from .exam.results import GRADING, merge, summary, table_csv
from .exam.stats import cohort, cohort_line, items_csv
from .fairness import table
from .glossary import abbreviations, load_glossary
from .links import DocsTree
from .lms import FORMATS, Exporter, ExportError, configured_site_url
from .problems import DataError, Problem, shown_path
from .scorm.package import PackageError, local_site
from .scorm.package import build as build_package
from .scorm.package import write as write_package
from .sitedata import BANKS_DIR, CHECKLISTS_DIR, GLOSSARY_FILE, SiteData
from .uitext import RESULTS, fill

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
    exporter = commands.add_parser("export", help="write a knowledge bank for an LMS")
    exporter.add_argument("--format", required=True, choices=FORMATS)
    exporter.add_argument("--bank", required=True, help="bank id, e.g. exam")
    exporter.add_argument("-o", "--output", required=True, help="file to write")
    exporter.add_argument(
        "--site-url", default=None, help="site address, for links in feedback (default: site_url of mkdocs.yml)"
    )
    merger = commands.add_parser("results", help="merge exam result files (JSON) into one CSV table")
    merger.add_argument("inputs", nargs="+", help="result files or folders holding them")
    merger.add_argument("-o", "--output", required=True, help="CSV file to write")
    merger.add_argument("--bank", default="exam", help="exam bank id (default: exam)")
    merger.add_argument("--items", default=None, help="CSV file for the item statistics (one row per option)")
    merger.add_argument(
        "--grading", default="first", choices=GRADING, help="which attempt of a person counts (default: first)"
    )
    fair = commands.add_parser("fairness", help="share of each subtype over random self-assessment answers")
    fair.add_argument("--bank", default="bird", help="self-assessment bank id (default: bird)")
    fair.add_argument("--sets", type=int, default=10_000, help="random answer sets (default: 10000)")
    fair.add_argument("--seed", type=int, default=1, help="random seed, for a repeatable table (default: 1)")
    auditor = commands.add_parser("audit", help="what a test-wise guesser scores on a bank, over seeded variants")
    auditor.add_argument("bank", help="bank id, e.g. exam or roles")
    auditor.add_argument("--variants", type=int, default=2000, help="exam variants to draw (default: 2000)")
    auditor.add_argument("--seed", type=int, default=1, help="random seed, for a repeatable table (default: 1)")
    packer = commands.add_parser("scorm", help="write a SCORM 1.2 package (zip) of the exam or a knowledge check")
    packer.add_argument("--bank", required=True, help="bank id, e.g. exam or roles")
    packer.add_argument("-o", "--output", required=True, help="zip file to write")
    packer.add_argument(
        "--site-url", default=None, help="site address, for links to its pages (default: site_url of mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    docs_dir = Path(args.docs)

    if args.command == "export":
        return _export(args, docs_dir)
    if args.command == "results":
        return _results(args, docs_dir)
    if args.command == "fairness":
        return _fairness(args, docs_dir)
    if args.command == "audit":
        return _audit(args, docs_dir)
    if args.command == "scorm":
        return _scorm(args, docs_dir)

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


def _load_bank(docs_dir: Path, bank_id: str):
    """The named bank of a valid site, or None after saying why on stderr."""
    try:
        return SiteData.load(docs_dir, Path.cwd()).bank(bank_id)
    except DataError as error:
        print(error, file=sys.stderr)
    except KeyError as error:
        print(f"error: {error.args[0]}", file=sys.stderr)
    return None


def _export(args: argparse.Namespace, docs_dir: Path) -> int:
    bank = _load_bank(docs_dir, args.bank)
    if bank is None:
        return 1
    try:
        text = Exporter(bank, args.site_url or configured_site_url(Path("mkdocs.yml"))).write(args.format)
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"Wrote {args.output}: {len(bank.questions)} questions of '{bank.id}' as {args.format}.")
    return 0


def _results(args: argparse.Namespace, docs_dir: Path) -> int:
    bank = _load_bank(docs_dir, args.bank)
    if bank is None:
        return 1
    if bank.exam is None:
        print(f"error: bank '{bank.id}' has no exam settings", file=sys.stderr)
        return 1
    files: list[tuple[str, bytes | str]] = []
    unread = []
    for name in args.inputs:
        path = Path(name)
        found = sorted(path.glob("*.json")) if path.is_dir() else [path]
        if path.is_dir() and not found:
            print(f"{name}: no .json files in this folder", file=sys.stderr)
        for file in found:
            try:
                files.append((file.name, file.read_bytes()))
            except OSError:
                unread.append(fill(RESULTS["unreadable"], file=file.name))
    merged = merge(bank, files, args.grading)
    for message in merged.messages + unread:
        print(message, file=sys.stderr)
    # newline="": the CSV's own CRLF line ends, not the platform's.
    Path(args.output).write_text(table_csv(merged), encoding="utf-8", newline="")
    left = len(merged.messages) + len(unread)
    print(f"Wrote {args.output}: {summary(merged)} {left} file(s) left out.")
    if args.items:
        Path(args.items).write_text(items_csv(merged), encoding="utf-8", newline="")
        print(f"Wrote {args.items}: {cohort_line(cohort(merged))}")
    return 0


def _fairness(args: argparse.Namespace, docs_dir: Path) -> int:
    bank = _load_bank(docs_dir, args.bank)
    if bank is None:
        return 1
    if not bank.results or args.sets < 1:
        print(
            f"error: bank '{bank.id}' names no subtypes" if not bank.results else "error: --sets must be 1 or more",
            file=sys.stderr,
        )
        return 1
    print(table(bank, args.sets, args.seed))
    return 0


def _audit(args: argparse.Namespace, docs_dir: Path) -> int:
    bank = _load_bank(docs_dir, args.bank)
    if bank is None:
        return 1
    if bank.is_scale:
        print(f"error: bank '{bank.id}' is a self-assessment; see 'fairness'", file=sys.stderr)
        return 1
    if args.variants < 1:
        print("error: --variants must be 1 or more", file=sys.stderr)
        return 1
    print(report(audit(bank, args.variants, args.seed)))
    return 0


def _scorm(args: argparse.Namespace, docs_dir: Path) -> int:
    site_url = args.site_url or configured_site_url(Path("mkdocs.yml"))
    try:
        package = build_package(Path.cwd(), docs_dir, args.bank, site_url)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    except PackageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    write_package(package, Path(args.output))
    print(f"Wrote {args.output}: a SCORM 1.2 package of {package.summary}.")
    if local_site(site_url):
        print(f"Note: links to the site's pages point at {site_url}; pass --site-url with the site's address.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
