"""tools/finish_site.py: the UTF-8 search index and the precompressed files for hosting."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import finish_site


def make_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    index = {"config": {"lang": ["ru"]}, "docs": [{"location": "", "title": "Бриф", "text": "Подтипы «Синей птицы» " * 80}]}
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="ascii")
    (site / "index.html").write_text("<p>Аккаунт-менеджер</p>" * 100, encoding="utf-8")
    (site / "tiny.css").write_text("a{}", encoding="utf-8")
    (site / "logo.png").write_bytes(b"\x89PNG" + bytes(4000))
    return site


def test_the_search_index_keeps_its_data_in_utf8(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    before = json.loads((site / "search" / "search_index.json").read_text(encoding="ascii"))
    escaped, plain = finish_site.utf8_search_index(site)
    text = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert json.loads(text) == before
    assert "\\u" not in text and "Подтипы «Синей птицы»" in text
    assert plain < escaped / 2


def test_text_files_get_a_gz_twin_and_the_rest_do_not(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    finish_site.main([str(site)])
    html = site / "index.html"
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == html.read_bytes()
    assert (site / "index.html.gz").stat().st_mtime == html.stat().st_mtime
    index = site / "search" / "search_index.json"
    assert gzip.decompress(index.with_name("search_index.json.gz").read_bytes()) == index.read_bytes()
    assert not (site / "tiny.css.gz").exists(), "too small to be worth it"
    assert not (site / "logo.png.gz").exists(), "images are compressed already"


def test_a_site_without_material_search_is_finished_too(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "search" / "search_index.json").unlink()
    assert finish_site.main([str(site)]) == 0
    assert (site / "index.html.gz").exists()


def test_a_wrong_folder_gets_usage_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert finish_site.main([str(tmp_path / "missing")]) == 2
    assert "usage" in capsys.readouterr().err
