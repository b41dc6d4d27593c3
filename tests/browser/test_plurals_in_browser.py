"""A reader sees counts in the form their language gives them: the wizard, the steps' progress
and the search box choose it in the browser by the page language's plural rules, as the build
does on the pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from generator.site.words import load_tables
from generator.starter import new_site

from .conftest import Site, built_site
from .search_box import STATUS, search

TABLES = load_tables()
LANGUAGES = ("en", "es")  # Spanish: one, many and other


@pytest.fixture(scope="module")
def starter_site(tmp_path_factory: pytest.TempPathFactory, served_sites) -> Site:
    """A new site from `flows new` in the languages above, built with MkDocs and served."""
    project = tmp_path_factory.mktemp("plurals") / "site"
    _, problems = new_site(project, list(LANGUAGES))
    assert problems == []
    return built_site(served_sites, project)


def prefix(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_hears_one_question_left_in_the_singular(open_page, starter_site, language):
    words = TABLES[language]
    page = open_page(site=starter_site)
    page.goto(starter_site.page_url(f"{prefix(language)}return-item/"))
    wizard = page.locator("[data-flows-wizard]")
    expect(wizard.locator(".flows-wizard__left")).to_have_text(words.format("at_most_n_more", n=2))
    wizard.get_by_role("link").first.click()  # "Yes, I have it": one question is left
    expect(page).to_have_url(re.compile(r"\?a=received\.1$"))  # answered in place
    expect(wizard.locator(".flows-wizard__left")).to_have_text(words.format("at_most_n_more", n=1))
    if language == "en":
        expect(wizard.locator(".flows-wizard__left")).to_have_text("at most 1 more question")


@pytest.mark.parametrize("language", LANGUAGES)
def test_sees_the_progress_of_a_single_step_in_the_singular(open_page, starter_site, language):
    words = TABLES[language]
    page = open_page(site=starter_site)
    page.goto(starter_site.page_url(f"{prefix(language)}return-item/waiting/"))
    progress = page.locator("[data-flows-progress]")
    expect(progress).to_have_text(words.format("steps_done", done=0, n=1))
    page.get_by_role("checkbox").check()
    expect(progress).to_have_text(words.format("steps_done", done=1, n=1))
    if language == "en":
        expect(progress).to_have_text("1 of 1 step done")


def test_reads_how_many_results_there_are_in_the_singular(open_page, starter_site):
    page = open_page(site=starter_site)
    page.goto(starter_site.page_url())
    # Only the guide on returning a damaged item speaks of its packaging.
    assert search(page, "packaging") == ["/return-item/return-damaged/"]
    expect(page.locator(STATUS)).to_have_text("1 result")
