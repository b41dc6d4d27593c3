"""Sites in each language of `languages`: built with the plugin, checked page by page."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import TABLES, foreign_words, page_text, run_cli
from sites import build_site

ROOT = Path(__file__).resolve().parent.parent

MKDOCS_YML = """\
site_name: {site_name}
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: id
  font: false
  palette:
    - scheme: default
      toggle: {{icon: material/weather-night, name: Ganti ke mode gelap}}
    - scheme: slate
      toggle: {{icon: material/weather-sunny, name: Ganti ke mode terang}}
plugins:
  - search
  - flows:
      site_name: {{en: Shop help}}
"""

ENGLISH = """\
version: 1
languages: [en]
flows:
  returns:
    title: Return an item
    start: received
    questions:
      received:
        text: Have you received the item?
        options:
          - label: "Yes"
            next: send-back
          - label: Not yet
            next: wait
    outcomes:
      send-back:
        title: Send the item back
        steps:
          - Pack the item.
          - text: Take it to the post office.
            detail: Keep the receipt.
        notes:
          - {type: tip, text: Take a photo of the parcel.}
          - {type: warning, text: Do not seal the box before the check.}
          - {type: info, text: Any box will do.}
        reviewed: 2026-08-17
      wait:
        title: Wait for the parcel
        steps:
          - Check the tracking page.
"""

BILINGUAL = """\
version: 1
languages: [id, en]
flows:
  retur:
    title: {id: Kembalikan barang, en: Return an item}
    start: diterima
    questions:
      diterima:
        text:
          id: Apakah barang sudah diterima?
          en: Have you received the item?
        options:
          - label: {id: Sudah, en: "Yes"}
            next: kirim
          - label: {id: Belum, en: Not yet}
            next: tunggu
    outcomes:
      kirim:
        title: {id: Kirim barang kembali, en: Send the item back}
        steps:
          - {id: Kemas barangnya., en: Pack the item.}
        reviewed: 2026-08-17
      tunggu:
        title: {id: Tunggu paketnya, en: Wait for the parcel}
        steps:
          - {id: Lihat halaman pelacakan., en: Check the tracking page.}
"""


def write(root: Path, flows: str, pages: dict[str, str], site_name: str = "Toko") -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for path, text in pages.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(site_name=site_name), encoding="utf-8")
    (root / "flows.yaml").write_text(flows, encoding="utf-8")
    return root


def pages(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write(
        tmp_path_factory.mktemp("english"),
        ENGLISH,
        {"index.md": "# Help\n\n[Start](returns/index.md)\n"},
        site_name="Shop help",
    )
    return build_site(root, strict=True)


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write(
        tmp_path_factory.mktemp("bilingual"),
        BILINGUAL,
        {
            "index.md": "# Bantuan\n\n[Mulai](retur/index.md)\n",
            "tentang.md": "# Tentang\n",
            "en/index.md": "# Help\n\n[Start](retur/index.md)\n",
            "en/tentang.md": "# About\n",
        },
    )
    return build_site(root, strict=True)


def test_an_english_only_site_shows_no_indonesian_interface_word(english_site: Path) -> None:
    built = pages(english_site)
    assert "returns/map/index.html" in built and "returns/peta/index.html" not in built
    for path, html in built.items():
        language, text = page_text(html)
        assert language == "en", path
        assert foreign_words(html, TABLES["en"], TABLES["id"]) == [], path
    guide = built["returns/send-back/index.html"]
    assert "Last reviewed" in guide and "August 17, 2026" in guide  # as CLDR writes it
    assert "This guide is for you if:" in guide and "Not your case?" in guide
    assert ">Start again<" in guide
    assert "Switch to dark mode" in guide and "Ganti ke mode" not in guide
    # The search box in English, every word of it.
    assert 'placeholder="Search the guides"' in guide
    assert 'aria-label="Clear the search words"' in guide and "built-in method" not in guide
    flow = built["returns/index.html"]
    assert "at most 1 more question</p>" in flow and "See the flow map" in flow
    assert "Flow map: Return an item" in built["returns/map/index.html"]


def test_the_scan_finds_another_languages_words_unless_marked() -> None:
    html = '<html lang="en"><body><p>Steps</p><p>Mulai lagi</p><a lang="id">Ubah</a></body></html>'
    assert foreign_words(html, TABLES["en"], TABLES["id"]) == ["Mulai lagi"]


def test_each_language_has_every_generated_page_in_its_own_words(bilingual_site: Path) -> None:
    built = pages(bilingual_site)
    indonesian = {p for p in built if not p.startswith("en/")}
    english = {p.removeprefix("en/") for p in built if p.startswith("en/")}
    renamed = {"peta/": "map/", "semua-panduan/": "all-guides/"}
    assert english == {
        p.replace("peta/", renamed["peta/"]).replace("semua-panduan/", renamed["semua-panduan/"])
        for p in indonesian
    }
    for path, html in built.items():
        language, _ = page_text(html)
        assert language == ("en" if path.startswith("en/") else "id"), path
        other = "id" if language == "en" else "en"
        assert foreign_words(html, TABLES[language], TABLES[other]) == [], path
    assert "<title>Send the item back - Shop help</title>" in built["en/retur/kirim/index.html"]
    assert "<title>Kirim barang kembali - Toko</title>" in built["retur/kirim/index.html"]
    assert "Switch to light mode" in built["en/retur/kirim/index.html"]


def test_every_page_links_to_its_counterparts(bilingual_site: Path) -> None:
    built = pages(bilingual_site)
    guide = built["retur/kirim/index.html"]
    assert '<link rel="alternate " href="http://127.0.0.1:8000/en/retur/kirim/" hreflang="en">' in (
        guide
    )
    assert (
        '<link rel="alternate " href="http://127.0.0.1:8000/retur/kirim/" hreflang="x-default">'
        in guide
    )
    assert 'href="../../en/retur/kirim/" hreflang="en" lang="en"' in guide
    english_map = built["en/retur/map/index.html"]
    assert 'href="../../../retur/peta/" hreflang="id" lang="id"' in english_map
    about = built["en/tentang/index.html"]
    assert 'href="../../tentang/" hreflang="id"' in about


def test_one_sitemap_lists_the_pages_of_every_language(bilingual_site: Path) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ET.parse(bilingual_site / "sitemap.xml")
    locations = {loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)}
    assert "http://127.0.0.1:8000/retur/kirim/" in locations
    assert "http://127.0.0.1:8000/en/retur/kirim/" in locations
    assert "http://127.0.0.1:8000/en/tentang/" in locations


def test_pages_of_other_languages_stay_out_of_the_first_languages_site(
    bilingual_site: Path,
) -> None:
    home = (bilingual_site / "index.html").read_text(encoding="utf-8")
    assert "Help" not in page_text(home)[1]
    assert not (bilingual_site / "en" / "en").exists()


def test_a_language_without_words_fails_the_build_with_the_checkers_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    flows = BILINGUAL.replace("[id, en]", "[id, xx]").replace("en:", "xx:")
    root = write(tmp_path, flows, {"index.md": "# Bantuan\n"})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root, strict=True)
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR][
        0
    ].startswith(
        "flows.yaml:2:1: error FL509: there are no interface words for language 'xx'\n"
        "  hint: the languages with words are en, es, id, ms, pt, th, tl, vi;"
    )
    assert not (root / "site").exists()


def test_a_page_without_its_translation_is_reported_and_fails_a_strict_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    root = write(
        tmp_path,
        BILINGUAL,
        {"index.md": "# Bantuan\n", "tentang.md": "# Tentang\n", "en/index.md": "# Help\n"},
    )
    message = (
        "docs/tentang.md: warning FL006: docs/tentang.md has no version in language 'en': "
        "docs/en/tentang.md is missing"
    )
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(root, strict=True)
    assert any(record.getMessage().startswith(message) for record in caplog.records)
    # Without --strict the site is built, and the English site simply has no such page.
    site = build_site(root)
    assert (site / "tentang" / "index.html").is_file()
    assert not (site / "en" / "tentang").exists()
    assert 'href="../en/" hreflang="en"' in (site / "tentang" / "index.html").read_text()
    # `check` says the same, naming both files.
    result = run_cli("check", "flows.yaml", cwd=root)
    assert result.returncode == 0
    assert result.stderr.startswith(message + "\n  hint: write docs/en/tentang.md")


def test_each_languages_search_finds_only_its_own_pages(bilingual_site: Path) -> None:
    import json

    for prefix, own, other in (
        ("", "Kirim barang kembali", "Send the item back"),
        ("en/", "Send the item back", "Kirim barang kembali"),
    ):
        index = json.loads((bilingual_site / prefix / "search" / "search_index.json").read_text())
        titles = {doc["title"] for doc in index["docs"]}
        assert own in titles and other not in titles, prefix
