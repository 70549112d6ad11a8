"""Build cost: this site with and without the macros, and a generated site at several sizes.

Run it as ./scripts/benchmark (options: --runs, --sizes, --no-scale). It prints Markdown
tables, the ones README.md quotes under «Build cost». Times are measured, never asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tools.benchsite import Layout, generate

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Timing:
    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_once(project: Path, site_dir: Path, strict: bool, config: str | None = None) -> Timing:
    """One `mkdocs build` in a child process; its wall time and its CPU time (user + system).

    A config given as text is passed on stdin (`-f -`): MkDocs then resolves docs_dir,
    custom_dir and the snippets' base_path against the working directory, the project.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    # Never --quiet: MkDocs 1.6 then drops warnings before it counts them, so --strict passes.
    command += ["--strict"] if strict else []
    command += ["--config-file", "-"] if config is not None else []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(command, cwd=project, input=config, capture_output=True, text=True, env=env, check=False)
    timing = Timing(time.perf_counter() - start, _children_cpu() - cpu)
    if result.returncode != 0:
        raise BuildFailed(f"mkdocs build in {project} failed:\n{result.stdout}{result.stderr}")
    return timing


class BuildFailed(RuntimeError):
    pass


@dataclass
class Summary:
    median: Timing
    best: Timing


def measure(project: Path, site_dir: Path, runs: int, strict: bool, config: str | None = None) -> Summary:
    """Median and best of `runs` builds, wall and CPU time taken apart.

    The median is the figure to compare (issue: median of 5); the best, the least time, shows
    how far other load on a shared machine pushed the median up (other load only adds).
    """
    timings = [build_once(project, site_dir, strict, config) for _ in range(runs)]
    walls, cpus = [t.wall for t in timings], [t.cpu for t in timings]
    return Summary(Timing(statistics.median(walls), statistics.median(cpus)), Timing(min(walls), min(cpus)))


def best(project: Path, site_dir: Path, runs: int, strict: bool, config: str | None = None) -> Timing:
    """Best of `runs` builds: the least wall and the least CPU time."""
    return measure(project, site_dir, runs, strict, config).best


def without_macros(config: str, strict: bool = True) -> str:
    """mkdocs.yml with the `- macros:` plugin entry (and its options) taken out.

    Edited as text: the file holds !ENV and !!python tags that a YAML round trip would lose.
    """
    lines, kept, skip_deeper_than = config.splitlines(keepends=True), [], None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None:
            if not line.strip() or indent > skip_deeper_than:
                continue
            skip_deeper_than = None
        # The plugin only: the site's Markdown extension macros.tooltip_once stays.
        if re.match(r"\s*- macros:?\s*$", line):
            skip_deeper_than = indent
            continue
        kept.append(line)
    text = "".join(kept)
    if re.search(r"(?m)^\s*- macros:?\s*$", text) or "module_name: macros" in text:
        raise ValueError("the macros plugin entry was not recognised in mkdocs.yml")
    return text if strict else re.sub(r"(?m)^strict: true$", "strict: false", text)


def site_rows(runs: int, out: Path) -> list[str]:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    with_macros = measure(ROOT, out / "with", runs, strict=True)
    strict = True
    try:
        build_once(ROOT, out / "without", strict, without_macros(config))
    except BuildFailed:
        # Pages then show their raw {{ … }} calls; a warning about them is no fault of the site.
        strict = False
    plain = measure(ROOT, out / "without", runs, strict, without_macros(config, strict))
    label = "Same site, macros plugin removed" + ("" if strict else " (not strict)")
    rows = [
        f"| Build of this site ({runs} runs) | Median wall, s | Median CPU, s | Best wall, s | Best CPU, s |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, summary in (("`mkdocs build --strict`", with_macros), (label, plain)):
        median, least = summary.median, summary.best
        rows.append(f"| {name} | {median.wall:.2f} | {median.cpu:.2f} | {least.wall:.2f} | {least.cpu:.2f} |")
    rows.append(
        "| Ratio with / without macros "
        f"| {with_macros.median.wall / plain.median.wall:.2f}× | {with_macros.median.cpu / plain.median.cpu:.2f}× "
        f"| {with_macros.best.wall / plain.best.wall:.2f}× | {with_macros.best.cpu / plain.best.cpu:.2f}× |"
    )
    return rows


def scale_rows(sizes: list[int], runs: int, out: Path) -> list[str]:
    rows = [
        f"| Generated site (best of {runs}) | Quiz pages | Questions | Checklists | Wall, s | CPU, s | CPU ms per page |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for pages in sizes:
        project = out / f"generated-{pages}"
        layout: Layout = generate(project, pages)
        timing = best(project, out / f"generated-{pages}-site", runs, strict=True)
        rows.append(
            f"| {pages} pages | {layout.banks} | {layout.questions} | {layout.checklists} "
            f"| {timing.wall:.2f} | {timing.cpu:.2f} | {1000 * timing.cpu / pages:.1f} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement; median and best are reported (3)")
    parser.add_argument("--scale-runs", type=int, default=1, help="builds per generated size (1)")
    parser.add_argument("--sizes", default="125,250,500", help="pages of the generated sites (125,250,500)")
    parser.add_argument("--no-scale", action="store_true", help="skip the generated sites")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    with tempfile.TemporaryDirectory(prefix="bird-benchmark-") as tmp:
        out = Path(tmp)
        try:
            print("\n".join(site_rows(args.runs, out)), flush=True)
            if not args.no_scale:
                print()
                print("\n".join(scale_rows(sizes, args.scale_runs, out)))
        except BuildFailed as error:
            print(error, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
