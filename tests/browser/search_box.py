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


HALVES = ("tuned", "held")
NONSENSE = "nonsense"  # the kind of query whose only right answer is no result


def query_set(path: Path = QUERIES) -> dict[str, list[dict]]:
    """The query set per language: each query with its kind, its half (tuned or held back) and
    the pages acceptable as its first result (none for nonsense)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# Runs each query through the page's search box's own search (search.js: `find`), one after the
# other, without the pause the box waits for while a reader types and without showing the
# results: the same pages in the same order as the box shows, in one call for a whole query set.
_SEARCH_ALL = """async (queries) => {
  const search = document.querySelector('[data-flows-search]').flowsSearch
  const pagefind = await search.pagefind()
  const found = []
  for (const query of queries) {
    search.query = query
    const results = await search.find(pagefind, query, 0)
    found.push(results.slice(0, 8).map((data) => new URL(data.url, location.href).pathname))
  }
  search.query = ''
  return found
}"""


def search_all(page: Page, queries: list[str]) -> list[list[str]]:
    """The results' paths for each query, as the page's search box finds them."""
    return page.evaluate(_SEARCH_ALL, queries)


def right_first(item: dict, found: list[str], wanted: list[str]) -> bool:
    """Whether a query's results are right: its first result is one of the pages it wants, or,
    for a nonsense query, there is no result at all."""
    if item["kind"] == NONSENSE:
        return found == []
    return bool(found) and found[0] in wanted


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
