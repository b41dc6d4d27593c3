"""The search index (generator/site/search.py): one Pagefind index per page language over a built
site, steps included; and the search box's words, complete in every language."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from helpers import search_index

import generator
from generator.site.search import (
    BUNDLE,
    CHUNK_SIZE,
    FOLDED,
    SearchError,
    fold,
    index_site,
    search_words,
)
from generator.site.words import load_tables

PAGE = """<!doctype html>
<html lang="{lang}"><head><title>{title}</title></head>
<body><nav>Menu navigasi situs</nav>
<div data-pagefind-body><h1 id="judul">{title}</h1>
<ol><li><input type="checkbox" id="flows-step-1"><label for="flows-step-1">{step}</label></li></ol>
</div></body></html>
"""


def write(site: Path, path: str, **values: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE.format(**values), encoding="utf-8")


def test_each_language_gets_its_own_index_with_the_steps_in_it(tmp_path: Path) -> None:
    write(tmp_path, "index.html", lang="id", title="Batalkan pesanan", step="Ketuk Batalkan")
    write(tmp_path, "en/index.html", lang="en", title="Cancel an order", step="Tap Cancel")
    (tmp_path / "tentang.html").write_text("<html lang='id'><body>Tanpa isi utama</body></html>")
    stats = index_site(tmp_path)
    assert stats.pages == {"id": 1, "en": 1}
    assert stats.total == 2 and stats.seconds > 0
    pages = search_index(tmp_path)
    assert set(pages) == {"/", "/en/"}  # a page without data-pagefind-body is left out
    # The step is a checkbox's label, which Pagefind would drop; the navigation is left out.
    assert "Ketuk Batalkan" in pages["/"]["content"]
    assert "navigasi" not in pages["/"]["content"]
    # The site's pages are untouched: only the index was written.
    assert "<label" in (tmp_path / "index.html").read_text(encoding="utf-8")
    # Only Pagefind's search script is kept, not its ready-made interfaces.
    assert (tmp_path / BUNDLE / "pagefind.js").is_file()
    assert not list((tmp_path / BUNDLE).glob("pagefind-ui*"))


def test_indexing_again_leaves_no_page_that_is_gone(tmp_path: Path) -> None:
    write(tmp_path, "a/index.html", lang="id", title="Satu", step="Langkah satu")
    write(tmp_path, "b/index.html", lang="id", title="Dua", step="Langkah dua")
    index_site(tmp_path)
    (tmp_path / "b" / "index.html").unlink()
    assert index_site(tmp_path).pages == {"id": 1}
    assert set(search_index(tmp_path)) == {"/a/"}


def test_a_page_that_asks_not_to_be_indexed_is_left_out(tmp_path: Path) -> None:
    write(tmp_path, "a/index.html", lang="id", title="Satu", step="Langkah satu")
    moved = PAGE.replace("<head>", '<head><meta name="robots" content="noindex">')
    (tmp_path / "lama").mkdir()
    text = moved.format(lang="id", title="Sudah pindah", step="Langkah lama")
    (tmp_path / "lama" / "index.html").write_text(text, encoding="utf-8")
    assert index_site(tmp_path).pages == {"id": 1}
    assert set(search_index(tmp_path)) == {"/a/"}


def test_the_index_comes_in_small_chunks(tmp_path: Path) -> None:
    # A query loads one chunk per word: on a large site, Pagefind's default chunks are too big
    # for a reader's first search (see CHUNK_SIZE).
    words = " ".join(f"kata{n}" for n in range(CHUNK_SIZE * 2))
    write(tmp_path, "index.html", lang="id", title="Banyak kata", step=words)
    index_site(tmp_path)
    assert len(list((tmp_path / BUNDLE / "index").glob("*.pf_index"))) >= 3


def test_a_folder_that_is_not_there_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SearchError, match=re.escape(str(tmp_path / "nope"))):
        index_site(tmp_path / "nope")


def test_the_search_box_has_its_words_in_every_language() -> None:
    tables = load_tables()
    for language, table in tables.words.items():
        words = search_words(table.words)
        assert {"label", "placeholder", "none", "found", "step"} <= set(words), language
        assert "{query}" in words["none"] and "{n}" in words["found"]["other"], language
    assert search_words(tables["id"].words)["label"] != search_words(tables["en"].words)["label"]


def test_letters_typed_without_their_marks_are_folded_in_the_index_not_in_the_results(
    tmp_path: Path,
) -> None:
    # Pagefind finds "hang" for "hàng" by itself, but "đ" is a letter of its own: the index is
    # made from the page with it folded to "d", and the results still show the page's words.
    write(tmp_path, "index.html", lang="vi", title="Đổi trả đơn hàng", step="Mở Đơn hàng")
    index_site(tmp_path)
    words = b"".join(
        gzip.decompress(chunk.read_bytes()) for chunk in (tmp_path / BUNDLE / "index").iterdir()
    )
    assert b"don" in words and b"doi" in words
    assert "đ".encode() not in words and "Đ".encode() not in words
    page = search_index(tmp_path)["/"]
    assert page["meta"]["title"] == "Đổi trả đơn hàng"
    assert page["content"].startswith("Đổi trả đơn hàng.")
    assert "Mở Đơn hàng" in page["content"]


def test_the_search_box_folds_the_letters_the_index_folds() -> None:
    script = (Path(generator.__file__).parent / "render" / "assets" / "search.js").read_text()
    folded = re.search(r"const FOLDED = \{([^}]*)\}", script)
    assert folded is not None
    pairs = dict(re.findall(r"(\w): '(\w)'", folded[1]))
    assert pairs == {letter.lower(): base.lower() for letter, base in FOLDED.items()}
    assert fold("Đơn đổi") == "Dơn dổi"


def test_every_language_lists_its_question_words_and_short_forms() -> None:
    for language, table in load_tables().words.items():
        words = search_words(table.words)
        assert len(words["question_words"].split()) >= 5, language
        pairs = [pair.split("=") for pair in words["short_forms"].split()]
        assert pairs and all(len(pair) == 2 and all(pair) for pair in pairs), language
        # A short form is read as its long form: never a word that is itself a question word.
        shorts = {short for short, _ in pairs}
        assert not shorts & set(words["question_words"].split()), language
    english = search_words(load_tables()["en"].words)
    assert "not" not in english["question_words"].split()  # negations decide what is found
    assert "wont=will+not" in english["short_forms"].split()


def test_every_language_lists_words_of_one_meaning_each_in_one_group() -> None:
    # A query's word is looked up in the other words of its group too: a word in two groups
    # would be looked up in the second only, and a question word would never be looked up.
    for language, table in load_tables().words.items():
        words = search_words(table.words)
        groups = [group.split("=") for group in words["same_words"].split()]
        assert len(groups) >= 4, language
        assert all(len(group) >= 2 and all(group) for group in groups), language
        members = [word for group in groups for word in group]
        assert len(members) == len(set(members)), language
        assert not set(members) & set(words["question_words"].split()), language
    indonesian = search_words(load_tables()["id"].words)["same_words"].split()
    assert "cancel=batal" in indonesian and "order=pesanan" in indonesian
