"""Finish a built site for hosting: a UTF-8 search index and gzip files beside the text files.

Material writes its search index with every Cyrillic letter as a six-byte \\uXXXX escape
(1.5 MB for this site); the same JSON in UTF-8 is 0.6 MB, 0.13 MB gzipped. Servers that
serve precompressed files (nginx's gzip_static, hosting/nginx.conf) then send the .gz
made here at the highest level instead of compressing on every request.

    python3 tools/finish_site.py SITE_DIR
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
# Below this size a .gz saves less than a request's headers.
MIN_BYTES = 1024
SEARCH_INDEX = Path("search") / "search_index.json"


def utf8_search_index(site: Path) -> tuple[int, int] | None:
    """Rewrite Material's search index in UTF-8; returns its size before and after."""
    path = site / SEARCH_INDEX
    if not path.is_file():
        return None  # another builder, or search switched off
    raw = path.read_bytes()
    text = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(raw), len(text.encode("utf-8"))


def precompress(site: Path) -> tuple[int, int, int]:
    """Write FILE.gz beside each text file; returns files, bytes before, bytes after."""
    count = before = after = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in COMPRESSED or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        target = path.with_name(path.name + ".gz")
        target.write_bytes(packed)
        # nginx's gzip_static only needs the .gz; matching times keep caches honest.
        stat = path.stat()
        os.utime(target, (stat.st_atime, stat.st_mtime))
        count, before, after = count + 1, before + len(data), after + len(packed)
    return count, before, after


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python3 tools/finish_site.py SITE_DIR (a folder the build wrote)", file=sys.stderr)
        return 2
    site = Path(argv[0])
    index = utf8_search_index(site)
    if index:
        print(f"Search index in UTF-8: {index[0] // 1024} KB -> {index[1] // 1024} KB.")
    count, before, after = precompress(site)
    print(f"Precompressed {count} files: {before // 1024} KB -> {after // 1024} KB gzipped.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
