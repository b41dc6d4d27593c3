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


# Types each query into the page's search box in turn, as a reader would (the box's own input
# events, so the box's own code answers), and reads the results' paths once the box has answered:
# one call for a whole query set, instead of a round trip to the browser for every step.
_SEARCH_ALL = """async (queries) => {
  const root = document.querySelector('[data-flows-search]')
  const box = root.querySelector('.md-search__input')
  const status = root.querySelector('.md-search-result__meta')
  const loading = JSON.parse(root.getAttribute('data-flows-search-words')).loading
  const type = (text) => {
    box.value = text
    box.dispatchEvent(new Event('input', { bubbles: true }))
  }
  const answered = () => new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = () => {
      if (status.textContent && status.textContent !== loading) resolve()
      else if (Date.now() - started > 10000) reject(new Error('no answer'))
      else setTimeout(poll, 5)
    }
    poll()
  })
  const found = []
  for (const query of queries) {
    type('')
    type(query)
    await answered()
    const links = root.querySelectorAll('.md-search-result__list a')
    found.push(Array.from(links, (link) => new URL(link.href).pathname))
  }
  type('')
  return found
}"""


def search_all(page: Page, queries: list[str]) -> list[list[str]]:
    """The results' paths for each query, typed one after the other into the page's search box."""
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
