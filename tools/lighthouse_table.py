"""Run Lighthouse (mobile, simulated throttling) on a served site and print one table.

    python3 tools/lighthouse_table.py BASE_URL [PAGE ...]      (RUNS=3 by default)

Each page is measured RUNS times in Debian's Chromium (or $BIRD_CHROMIUM) with the flags the
tests use, and the run with the median performance score is shown: Lighthouse simulates a
slow phone from the tasks it observes, so a busy machine moves single runs by ±0.1. The
table shows the four category scores, the largest contentful paint, the total blocking time
(the theme's start-up, mostly) and the bytes transferred. The search index is not among them
unless the page was opened for a search: it loads when the reader turns to search.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
# The home page, a role page, the self-assessment, a checklist and the exam.
PAGES = ["", "roles/account-manager/", "quiz/self-assessment/", "checklists/brief/", "quiz/exam/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def measure(url: str, out: Path) -> dict:
    """One Lighthouse run of one page; its JSON report."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("BIRD_CHROMIUM", "/usr/bin/chromium")}
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
        check=True,
        env=env,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def row(page: str, report: dict) -> str:
    scores = [f"{report['categories'][c]['score']:.2f}" for c in CATEGORIES]
    audits = report["audits"]
    lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
    tbt = audits["total-blocking-time"]["numericValue"]
    weight = audits["total-byte-weight"]["numericValue"] / 1024
    return f"| /{page} | {' | '.join(scores)} | {lcp:.2f} s | {tbt:.0f} ms | {weight:.0f} KB |"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    base, pages = argv[0].rstrip("/") + "/", argv[1:] or PAGES
    lines = ["| Page | Performance | Accessibility | Best practices | SEO | LCP | TBT | Transferred |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    runs = int(os.environ.get("RUNS", "3"))
    with tempfile.TemporaryDirectory() as tmp:
        for n, page in enumerate(pages):
            reports = [measure(base + page, Path(tmp) / f"{n}-{r}.json") for r in range(runs)]
            reports.sort(key=lambda report: report["categories"]["performance"]["score"])
            lines.append(row(page, reports[len(reports) // 2]))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
