"""The site search as a reader uses it: type into the box in the header, read the results.

Shared by the search tests and the benchmark, so both measure the same thing.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page, expect

QUERIES = Path(__file__).resolve().parents[1] / "search_queries.yaml"
BOX = ".flows-search .md-search__input"
STATUS = ".flows-search .md-search-result__meta"
RESULTS = ".flows-search .md-search-result__list a"


def query_set() -> dict[str, list[dict]]:
    """The query set per language: each query with its kind and acceptable first results."""
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def search(page: Page, query: str) -> list[str]:
    """Type `query` into the search box and return the results' paths, e.g. ['/a/b/'], in order.

    Waits until the results (or the "no results" text) for this very query are shown.
    """
    box = page.locator(BOX)
    if not box.is_visible():  # on a phone, the search button in the header opens it
        page.locator(".flows-search__button").click()
    box.focus()
    box.fill("")
    expect(page.locator(STATUS)).to_have_text("")
    box.fill(query)
    loading = page.evaluate(
        "() => JSON.parse(document.querySelector('[data-flows-search-words]')"
        ".getAttribute('data-flows-search-words')).loading"
    )
    expect(page.locator(STATUS)).not_to_have_text("", timeout=10_000)
    expect(page.locator(STATUS)).not_to_have_text(loading, timeout=10_000)
    hrefs = page.locator(RESULTS).evaluate_all("links => links.map(link => link.href)")
    return [urlsplit(href).path for href in hrefs]


def target_path(site_url: str, prefix: str, target: str) -> str:
    """The path of a query set's target (`flow/outcome` or `flow`) in one language's site."""
    base = urlsplit(site_url).path
    return f"{base}{prefix}{target}/"
