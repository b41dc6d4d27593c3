"""What the site search can find, on the site of every engine: the readers' pages (each
language's home and hand-written pages, flows, guides, flow maps) and no other, so no question
page, no 404 page and no page for editors; of each page its main content alone, never the
header's or the navigation's words; and on Zensical's site the very index of the MkDocs site.

Read from the index that Pagefind wrote into the built site (tests/helpers.py `search_index`),
without a browser: a result's excerpt is cut from the `content` read here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from helpers import search_index
from sites import build_site

from generator.engines.export import scan_content
from generator.site.plan import FLOW, MAP, OUTCOME, QUESTION, SitePlan

from .conftest import ROOT, Site
from .site_states import DOCUMENT, LANGUAGES, TABLES, language_of

CONTENT = ROOT / "content"
PLAN = SitePlan(DOCUMENT, TABLES.words, scan_content(CONTENT, DOCUMENT.languages))
# The editing guide's pages: content/panduan-penyunting.md, the folder beside it, and their
# counterparts in each language.
EDITING_GUIDE = [
    "panduan-penyunting/",
    *(f"panduan-penyunting/{path.stem}/" for path in (CONTENT / "panduan-penyunting").glob("*.md")),
]


@pytest.fixture(scope="module")
def index(site: Site) -> dict[str, dict]:
    return search_index(site.root)


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4 : text.index("\n---", 3)]) or {}


def reader_pages() -> set[str]:
    """Every page a reader searches for, by its address in the index: each language's flows,
    guides and flow maps, and its hand-written pages that do not ask to stay out of search."""
    pages = set()
    for language in LANGUAGES:
        for page in PLAN.pages(language.code):
            if page.kind in (FLOW, OUTCOME, MAP):
                pages.add(f"/{language.prefix}{page.url}")
        for page in PLAN.content[language.code]:
            source = CONTENT / language.prefix / page.src_uri
            if not (_front_matter(source).get("search") or {}).get("exclude"):
                pages.add(f"/{language.prefix}{PLAN.url(page.src_uri)}")
    return pages


def test_finds_the_readers_pages_and_no_other(index):
    expected = reader_pages()
    assert len(expected) >= 2 * 8  # the check itself found pages in both languages
    assert set(index) == expected


def test_finds_no_question_page(index):
    questions = {
        f"/{language.prefix}{page.url}"
        for language in LANGUAGES
        for page in PLAN.pages(language.code)
        if page.kind == QUESTION
    }
    assert questions  # the site has question pages
    assert questions.isdisjoint(index)


def test_finds_no_404_page(site, index):
    pages = {f"/{language.prefix}404.html" for language in LANGUAGES}
    assert all((site.root / page.lstrip("/")).is_file() for page in pages)
    assert pages.isdisjoint(index)
    assert not [url for url, page in index.items() if "404" in page["meta"]["title"]]


def test_finds_no_page_for_editors(site, index):
    guides = {f"/{language.prefix}{page}" for language in LANGUAGES for page in EDITING_GUIDE}
    assert len(guides) == 2 * 9
    assert all((site.root / page.lstrip("/") / "index.html").is_file() for page in guides)
    assert guides.isdisjoint(index)


# What the theme's skip link says in each language: a piece of the header on every page.
SKIP_LINK = {"id": "Lewati ke isi", "en": "Skip to content"}
_UNSEEN = ("script", "style", "svg")


class _Chrome(HTMLParser):
    """A page's text in two parts: its article (the page's own content) and the rest (skip link,
    header, navigation, table of contents, footer), as the pieces of text a reader sees there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.articles = 0  # <article> elements open
        self.unseen = 0  # <script>, <style> and <svg> elements open
        self.article: list[str] = []
        self.rest: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.articles += 1
        elif tag in _UNSEEN:
            self.unseen += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.articles = max(self.articles - 1, 0)
        elif tag in _UNSEEN:
            self.unseen = max(self.unseen - 1, 0)

    def handle_data(self, data: str) -> None:
        if not self.unseen:
            (self.article if self.articles else self.rest).append(data)


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def chrome_words(page: Path) -> set[str]:
    """The pieces of text that the page shows around its article and nowhere in it."""
    parser = _Chrome()
    parser.feed(page.read_text(encoding="utf-8"))
    article = _collapsed("".join(parser.article))
    pieces = {_collapsed(piece) for piece in parser.rest}
    return {piece for piece in pieces if re.search(r"\w", piece) and piece not in article}


def test_finds_no_words_of_the_header_or_the_navigation(site, index):
    found = {}
    for url, entry in index.items():
        file = site.root / url.lstrip("/")
        chrome = chrome_words(file / "index.html" if url.endswith("/") else file)
        # The check sees the page's header.
        assert SKIP_LINK[language_of(url[1:]).code] in chrome, url
        words = sorted(piece for piece in chrome if piece in entry["content"])
        if words:
            found[url] = words
    assert found == {}, "the index holds words from around the pages' content"


@pytest.fixture(scope="module")
def mkdocs_index(engine: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The index of the project's site as MkDocs builds it (the test is deselected on MkDocs:
    see AGAINST_MKDOCS in conftest.py)."""
    root = tmp_path_factory.mktemp("mkdocs-reference")
    build_site(ROOT, root, "mkdocs", site_url="http://127.0.0.1:8000/")
    return search_index(root)


def test_holds_what_the_mkdocs_sites_index_holds(index, mkdocs_index):
    assert set(index) == set(mkdocs_index)
    for url, page in index.items():
        reference = mkdocs_index[url]
        assert page["meta"] == reference["meta"], url
        assert page["content"] == reference["content"], url
        assert page["anchors"] == reference["anchors"], url
