"""Our templates (generator/engines/theme/), one set for both engines: Material for MkDocs renders
them with Jinja2, Zensical with MiniJinja, and what they put in a page comes out the same."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_zensical import needs_zensical

ROOT = Path(__file__).resolve().parent.parent

# Search words as a site's own table may have them: quotes of both kinds, brackets, ampersands.
WORDS = {
    "search_label": "Cari \"panduan\" & 'jawaban'",
    "search_placeholder": "Ketik <kata> di sini",
    "search_none": "Tidak ada yang cocok dengan '{query}' & \"{query}\"",
}
MKDOCS_YML = """\
site_name: Toko
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme:
  name: material
  language: id
  font: false
plugins:
  - flows:
      strings: strings
"""
FLOWS_YAML = """\
version: 1
flows:
  toko:
    title: Toko
    start: bayar
    questions:
      bayar:
        text: Sudah dibayar?
        options:
          - label: Sudah
            next: selesai
          - label: Belum
            next: selesai
    outcomes:
      selesai:
        title: Selesai
        steps:
          - Tutup halaman
"""


class _Attributes(HTMLParser):
    """The attributes of every element, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(dict(attrs))


def built_home(root: Path, engine: str) -> str:
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Toko\n", encoding="utf-8")
    (root / "strings").mkdir()
    (root / "strings" / "id.yaml").write_text(json.dumps(WORDS), encoding="utf-8")
    (root / "flows.yaml").write_text(FLOWS_YAML, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    command = [sys.executable, "-m", "generator", "build", "--engine", engine, "--strict"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return (root / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("engine", ["mkdocs", pytest.param("zensical", marks=needs_zensical)])
def test_search_words_with_quotes_and_brackets_reach_the_search_box_whole(tmp_path, engine):
    parser = _Attributes()
    parser.feed(built_home(tmp_path, engine))
    box = next(element for element in parser.elements if "data-flows-search-words" in element)
    words = json.loads(box["data-flows-search-words"] or "")
    for key, value in WORDS.items():
        assert words[key.removeprefix("search_")] == value
    assert box["aria-label"] == WORDS["search_label"]
    field = next(element for element in parser.elements if element.get("name") == "query")
    assert field["placeholder"] == WORDS["search_placeholder"]
    assert field["aria-label"] == WORDS["search_label"]


@pytest.mark.parametrize("engine", ["mkdocs", pytest.param("zensical", marks=needs_zensical)])
def test_the_search_box_finds_the_index_from_every_page_and_any_missing_address(tmp_path, engine):
    from urllib.parse import urljoin, urlsplit

    from sites import build_site

    site = build_site(ROOT, tmp_path / "site", engine, work_dir=tmp_path / "work")
    host = "http://help.example/"
    checked = 0
    for page in site.rglob("*.html"):
        path = page.relative_to(site).as_posix()
        if path.endswith("404.html"):
            # A host sends the 404 page for any address that has none, however deep.
            address = urljoin(host, path.removesuffix("404.html") + "no/such/page/")
        else:
            address = urljoin(host, path.removesuffix("index.html"))
        parser = _Attributes()
        parser.feed(page.read_text(encoding="utf-8"))
        boxes = [element for element in parser.elements if "data-flows-search" in element]
        if not boxes:
            continue
        index = urljoin(address, boxes[0]["data-flows-search"] or "")
        parts = urlsplit(index)
        assert parts.netloc == "help.example", (path, boxes[0]["data-flows-search"])
        assert (site / parts.path.lstrip("/") / "pagefind.js").is_file(), (path, index)
        checked += 1
    assert checked > 20
