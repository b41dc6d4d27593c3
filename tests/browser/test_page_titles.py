"""Every page's title, as a browser tab, a bookmark or a search engine shows it, on the site of
every engine: the page's own title, then the site's name in the page's language; never the name
twice; the 404 page says, in its language, that the page was not found.

Read from the built pages, without a browser.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from generator.engines.export import scan_content
from generator.site.plan import FLOW, GUIDES, MAP, OUTCOME, QUESTION, SitePlan

from .conftest import EXAMPLE, ROOT, Site
from .site_states import DOCUMENT, LANGUAGES, TABLES, Language

CONTENT = ROOT / "content"
PLAN = SitePlan(DOCUMENT, TABLES.words, scan_content(CONTENT, DOCUMENT.languages))
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.M)


def title_of(site: Site, path: str) -> str:
    """The `<title>` of the built page at `path` ("", "tentang/", "404.html"), as text."""
    file = site.root / path
    text = (file / "index.html" if path.endswith("/") or not path else file).read_text("utf-8")
    titles = _TITLE.findall(text)
    assert len(titles) == 1, f"{path}: {len(titles)} <title> elements"
    return " ".join(html.unescape(titles[0]).split())


def own_title(source: Path) -> str:
    """A hand-written page's title: its front matter's `title`, else its first heading."""
    text = source.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.index("\n---", 3)
        front, text = yaml.safe_load(text[4:end]) or {}, text[end + 4 :]
        if front.get("title"):
            return front["title"]
    return _HEADING.search(text)[1]


def hand_written(language: Language, *, home: bool) -> list[tuple[str, str]]:
    pages = []
    for page in PLAN.content[language.code]:
        if (page.src_uri == "index.md") == home:
            source = CONTENT / language.prefix / page.src_uri
            pages.append((language.prefix + PLAN.url(page.src_uri), own_title(source)))
    return pages


def generated(language: Language, kind: str) -> list[tuple[str, str]]:
    return [
        (language.prefix + page.url, page.title)
        for page in PLAN.pages(language.code)
        if page.kind == kind
    ]


# Each kind of page, and how to find its pages in a language: (address, the page's own title).
KINDS = {
    "home": lambda language: hand_written(language, home=True),
    "flow": lambda language: generated(language, FLOW),
    "question": lambda language: generated(language, QUESTION),
    "guide": lambda language: generated(language, OUTCOME),
    "map": lambda language: generated(language, MAP),
    "all-guides": lambda language: generated(language, GUIDES),
    "hand-written": lambda language: hand_written(language, home=False),
}


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_has_its_own_title_then_the_sites_name(site, kind):
    checked = 0
    for language in LANGUAGES:
        for path, title in KINDS[kind](language):
            assert title != language.site_name  # else the name alone would be right
            assert title_of(site, path) == f"{title} - {language.site_name}", path
            checked += 1
    assert checked >= len(LANGUAGES)


def test_the_404_page_says_the_page_was_not_found_in_its_language(site):
    for language in LANGUAGES:
        not_found = language.ui["not_found_title"]
        assert title_of(site, f"{language.prefix}404.html") == f"{not_found} - {language.site_name}"


def test_a_home_page_named_as_the_site_has_the_name_once(example_site):
    # The example site's home page is headed with the site's name.
    config = yaml.safe_load((EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8"))
    assert own_title(EXAMPLE / config["docs_dir"] / "index.md") == config["site_name"]
    assert title_of(example_site, "") == config["site_name"]
