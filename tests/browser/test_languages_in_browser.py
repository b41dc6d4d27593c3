"""A reader switches language: every page leads to the same page in the other language."""

from __future__ import annotations

import pytest
from helpers import foreign_words, page_text
from playwright.sync_api import Page, expect

from generator.site.content import scan_content
from generator.site.plan import SitePlan, docs_language

from .conftest import PHONE, ROOT, Site
from .site_states import DOCUMENT, LANGUAGES, SETTLE, TABLES, built_pages


def plan(site: Site) -> SitePlan:
    content = scan_content(ROOT / "content", DOCUMENT.languages)
    return SitePlan(DOCUMENT, TABLES.words, content, site_url=site.url)


def language_of(path: str) -> str:
    """The language a page of the built site is in, by where it lives: the site lays out its
    languages as the docs folder does."""
    return docs_language(path, DOCUMENT.languages)[0]


def src_uri(path: str) -> str:
    """The docs-tree path of the page at `path` (e.g. 'en/tentang/' -> 'tentang.md')."""
    stem = docs_language(path, DOCUMENT.languages)[1].removesuffix("/")
    if not stem:
        return "index.md"
    return f"{stem}/index.md" if stem in DOCUMENT.flows else f"{stem}.md"


def test_every_page_is_in_its_languages_words_only(site: Site) -> None:
    for file in sorted(site.root.rglob("*.html")):
        path = file.relative_to(site.root).as_posix()
        html = file.read_text(encoding="utf-8")
        language, _ = page_text(html)
        assert language == language_of(path), path
        for other in LANGUAGES:
            if other.code != language:
                assert foreign_words(html, TABLES[language], other.ui) == [], path


def open_selector(page: Page) -> None:
    # Material opens its language menu on hover and on focus. It slides in; a click waits until
    # the link stops moving, so the slide is taken to its end (as a reader sees it a moment later).
    page.locator(".md-header .md-select").hover()
    page.evaluate(SETTLE)


# A test per language the pages are in, so that the test processes share the walk.
@pytest.mark.parametrize("pages_in", [language.code for language in LANGUAGES])
@pytest.mark.parametrize("viewport", [PHONE, None], ids=["375", "1280"])
def test_the_selector_and_hreflang_lead_to_the_same_page_in_each_language(
    open_page, site: Site, viewport, pages_in: str
) -> None:
    expected = plan(site)
    page = open_page(viewport=viewport)
    walked = 0
    for target in built_pages(site):
        if target.path.endswith("404.html"):
            continue
        language = language_of(target.path)
        if language != pages_in:
            continue
        walked += 1
        alternates = expected.alternates(language, src_uri(target.path))
        page.goto(site.page_url(target.path))
        # The head names the same pages for search engines, and the first language by default.
        head = page.locator('link[rel~="alternate"][hreflang]')
        found = {link.get_attribute("hreflang"): link.get_attribute("href") for link in head.all()}
        assert found == {
            **{alt.language: alt.url for alt in alternates},
            "x-default": alternates[0].url,
        }, target.path
        for number, alternate in enumerate(alternates):
            if number:
                page.goto(site.page_url(target.path))
            open_selector(page)
            link = page.locator(f'.md-select__link[hreflang="{alternate.language}"]')
            expect(link).to_be_visible()
            link.click()
            expect(page).to_have_url(alternate.url)
            expect(page.locator("html")).to_have_attribute("lang", alternate.language)
        # Each address in the head opens, in its language; x-default's shares its address with
        # one of them, so each address is opened once and checked for every name it has.
        languages: dict[str, list[str]] = {}
        for language_code, href in found.items():
            want = LANGUAGES[0].code if language_code == "x-default" else language_code
            languages.setdefault(href, []).append(want)
        for href, wanted in languages.items():
            response = page.goto(href)
            assert response is not None and response.ok, href
            for want in wanted:
                expect(page.locator("html")).to_have_attribute("lang", want)
    assert walked >= 5, f"only {walked} pages in {pages_in}"


def test_switching_language_after_moving_around_leads_to_the_page_on_screen(
    page: Page, site: Site
) -> None:
    flow = next(iter(DOCUMENT.flows.values()))
    outcome = next(iter(flow.outcomes.values()))
    page.goto(site.url)
    page.evaluate("window.flowsTestMark = 'same document'")
    # Through links on the pages: Material's instant navigation swaps each page in place.
    page.locator(f'.md-content a[href$="{flow.id}/"]').first.click()
    expect(page).to_have_url(site.page_url(f"{flow.id}/"))
    title = LANGUAGES[0].words(outcome.title)
    page.locator(".flows-guides").get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(site.page_url(f"{flow.id}/{outcome.id}/"))
    assert page.evaluate("window.flowsTestMark") == "same document"
    english = LANGUAGES[1]
    open_selector(page)
    page.locator(f'.md-select__link[hreflang="{english.code}"]').click()
    expect(page).to_have_url(site.page_url(f"{english.prefix}{flow.id}/{outcome.id}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(english.words(outcome.title))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_switching_language_in_the_middle_of_the_wizard_keeps_the_answers(
    open_page, site: Site, javascript: bool
) -> None:
    page = open_page(javascript=javascript)
    flow = next(iter(DOCUMENT.flows.values()))
    first, english = LANGUAGES[0], LANGUAGES[1]
    question = flow.questions[flow.start]
    option = next(o for o in question.options if o.next in flow.questions)
    following = flow.questions[option.next]
    page.goto(site.page_url(f"{flow.id}/"))
    content = page.locator(".md-content")
    content.get_by_role("link", name=first.words(option.label), exact=True).click()
    heading = content.get_by_role("heading", name=first.words(following.text))
    expect(heading).to_be_visible()
    open_selector(page)  # a hover menu even without JavaScript: Material opens it in CSS
    page.locator(f'.md-select__link[hreflang="{english.code}"]').click()
    expect(content.get_by_role("heading", name=english.words(following.text))).to_be_visible()
    if javascript:  # the wizard's state is in the address, and means the same in English
        number = question.options.index(option) + 1
        expect(page).to_have_url(
            site.page_url(f"{english.prefix}{flow.id}/?a={question.id}.{number}")
        )
    else:  # without JavaScript each question is a page of its own
        expect(page).to_have_url(site.page_url(f"{english.prefix}{flow.id}/{following.id}/"))
