"""A reader who types into the search box in the header finds the right guide first: for the
query set in tests/search_queries.yaml (the goal is 95% right in each language of the site, on
the half tuned for and on the half held back alike; the tests hold what is reached, see FLOOR;
no result at all for nonsense), for every
guide's own title, and a helpful "no results" text in the page's language otherwise.
The box, its dialog and its results work with the keyboard alone and pass axe-core.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from generator.site.markup import plain_text
from generator.site.plan import language_prefix
from generator.site.search import search_words

from .conftest import DESKTOP, PHONE, Site, _open, built_site, snapshot
from .search_box import (
    BOX,
    HALVES,
    NONSENSE,
    RESULTS,
    STATUS,
    query_set,
    right_first,
    search,
    search_all,
    target_path,
)
from .site_states import DOCUMENT, SETTLE, TABLES, need_node_checkers, run_axe

# The goal is 95% right first on either half (BENCHMARKS.md, `make bench` prints both halves
# beside it). The search reaches 93.5–95% in Indonesian, 91–97% in English and 86–93% on the
# other site's halves, so the tests hold what is reached, per language: a change that loses
# ground fails.
FLOOR = {"id": 0.93, "en": 0.91}
OTHER_FLOOR = 0.85
QUERIES = query_set()
# A site that is not ours, with its own query set, measured the same way.
OTHER = Path(__file__).parent / "other_site"
OTHER_QUERIES = query_set(OTHER / "queries.yaml")
# A small Vietnamese site, for what readers type without Vietnamese marks.
VIETNAMESE = Path(__file__).parent / "vietnamese_site"


def prefix(language: str) -> str:
    """Where a language's pages are: the default one at the root, others in <lang>/."""
    return language_prefix(language, DOCUMENT.languages)


def need_language(site, language: str) -> None:
    """Skip a language that the site does not have (yet); the query set is written ahead."""
    entry = json.loads((site.root / "pagefind" / "pagefind-entry.json").read_text())
    built = (site.root / prefix(language) / "index.html").is_file()
    if language not in DOCUMENT.languages or not built:
        pytest.skip(f"the site has no '{language}' pages yet (languages: {DOCUMENT.languages})")
    assert language in entry["languages"], f"no search index for '{language}'"


KINDS = {"seed", "plain", "informal", "loanword", "typo", "howto", "state", "negation", NONSENSE}


def test_the_query_set_is_large_varied_and_split_in_two():
    for language, queries in QUERIES.items():
        assert sum(query["kind"] != NONSENSE for query in queries) >= 80, language
        assert sum(query["kind"] == NONSENSE for query in queries) >= 20, language
        assert {query["kind"] for query in queries} == KINDS, language
        for kind in KINDS:  # each kind in both halves, as evenly as it goes
            halves = Counter(query["half"] for query in queries if query["kind"] == kind)
            assert set(halves) == set(HALVES), (language, kind)
            assert abs(halves["tuned"] - halves["held"]) <= 1, (language, kind)
        flows = DOCUMENT.flows
        for query in queries:
            assert bool(query["expect"]) == (query["kind"] != NONSENSE), query
            for target in query["expect"]:
                flow, _, outcome = target.partition("/")
                assert flow in flows and (not outcome or outcome in flows[flow].outcomes), target


def answer_all(browser, site: Site, queries: dict[str, list[dict]], prefixes: dict[str, str]):
    """The results of every query of a set, per language: typed one after the other into one
    page's search box, on `site`."""
    context, page = _open(browser, site, javascript=True, viewport=DESKTOP)
    found = {}
    try:
        for language, items in queries.items():
            if (site.root / prefixes[language] / "index.html").is_file():
                page.goto(site.page_url(prefixes[language]))
                found[language] = search_all(page, [item["query"] for item in items])
        page.watch.check()
    finally:
        context.close()
    return found


def score(queries: list[dict], found: list[list[str]], url: str, where: str, half: str):
    """The share of a half's queries answered right first, and a line for each one that was not."""
    wrong = []
    asked = 0
    for item, results in zip(queries, found, strict=True):
        if item["half"] != half:
            continue
        asked += 1
        wanted = [target_path(url, where, target) for target in item["expect"]]
        if not right_first(item, results, wanted):
            wrong.append(f"{item['kind']} {item['query']!r}: {results[:3]} (wanted {wanted})")
    return 1 - len(wrong) / asked, wrong


def test_the_other_sites_query_set_is_split_in_two_and_names_its_guides():
    flows = yaml.safe_load((OTHER / "flows.yaml").read_text(encoding="utf-8"))["flows"]
    queries = OTHER_QUERIES["en"]
    assert sum(query["kind"] != NONSENSE for query in queries) >= 30
    for kind in {query["kind"] for query in queries}:
        halves = Counter(query["half"] for query in queries if query["kind"] == kind)
        assert abs(halves["tuned"] - halves["held"]) <= 1, kind
    for query in queries:
        assert bool(query["expect"]) == (query["kind"] != NONSENSE), query
        for target in query["expect"]:
            flow, _, outcome = target.partition("/")
            assert flow in flows and (not outcome or outcome in flows[flow]["outcomes"]), target


@pytest.fixture(scope="module")
def answers(browser, site) -> dict[str, list[list[str]]]:
    """The project's query set on the site of the engine under test."""
    return answer_all(browser, site, QUERIES, {language: prefix(language) for language in QUERIES})


@pytest.fixture(scope="module")
def other_site(engine: str, served_sites) -> Site:
    return built_site(served_sites, OTHER, engine)


@pytest.fixture(scope="module")
def other_answers(browser, other_site) -> dict[str, list[list[str]]]:
    """The other site's query set on its site, built by the engine under test."""
    return answer_all(browser, other_site, OTHER_QUERIES, {"en": ""})


def missed(wrong: list[str], half: str) -> str:
    """The queries a half missed, named only for the half tuned on: the held-back half's are not
    to be read, or the next change would be tuned for them too."""
    if half == "held":
        return f"{len(wrong)} held-back queries missed (not shown: that half is not tuned for)"
    return "\n".join(wrong)


@pytest.mark.parametrize("half", HALVES)
@pytest.mark.parametrize("language", sorted(QUERIES))
def test_the_first_result_is_an_acceptable_guide(answers, site, language, half):
    need_language(site, language)
    right, wrong = score(QUERIES[language], answers[language], site.url, prefix(language), half)
    floor = FLOOR[language]
    assert right >= floor, f"{right:.0%} right first in '{language}' ({half}):\n" + missed(
        wrong, half
    )


@pytest.mark.parametrize("half", HALVES)
def test_on_a_site_that_is_not_ours_too(other_answers, other_site, half):
    right, wrong = score(OTHER_QUERIES["en"], other_answers["en"], other_site.url, "", half)
    assert right >= OTHER_FLOOR, f"{right:.0%} right first ({half}):\n" + missed(wrong, half)


@pytest.mark.parametrize("language", sorted(QUERIES))
def test_nonsense_finds_nothing(answers, other_answers, site, language):
    need_language(site, language)
    found = {}
    for queries, results in ((QUERIES, answers), (OTHER_QUERIES, other_answers)):
        for item, result in zip(queries.get(language, []), results.get(language, []), strict=True):
            if item["kind"] == NONSENSE:
                found[item["query"]] = result
    assert len(found) >= 20
    assert {query: result for query, result in found.items() if result} == {}


@pytest.mark.parametrize("language", sorted(QUERIES))
def test_every_guide_is_found_by_its_own_title(open_page, site, language):
    need_language(site, language)
    page = open_page()
    page.goto(site.page_url(prefix(language)))
    for flow in DOCUMENT.flows.values():
        for outcome in flow.outcomes.values():
            title = plain_text(outcome.title.get(language))
            found = search(page, title)
            expected = target_path(site.url, prefix(language), f"{flow.id}/{outcome.id}")
            assert found[:1] == [expected], title
            # The result names the guide as its page does.
            expect(page.locator(RESULTS).first.locator(".flows-search__title")).to_have_text(title)


@pytest.mark.parametrize("language", sorted(QUERIES))
def test_a_query_without_match_says_so_in_the_pages_language(open_page, site, language):
    need_language(site, language)
    page = open_page()
    page.goto(site.page_url(prefix(language)))
    assert search(page, "zzqxv") == []
    none = search_words(TABLES[language].words)["none"].replace("{query}", "zzqxv")
    expect(page.locator(STATUS)).to_have_text(none)


@pytest.fixture(scope="module")
def vietnamese_site(engine: str, served_sites) -> Site:
    return built_site(served_sites, VIETNAMESE, engine)


def test_vietnamese_typed_without_its_marks_finds_what_it_finds_with_them(
    open_page, vietnamese_site
):
    page = open_page(site=vietnamese_site)
    page.goto(vietnamese_site.url)
    marked, bare, folded_only = search_all(page, ["đơn hàng", "don hang", "đon hang"])
    assert len(marked) >= 3  # both guides and the flow speak of orders
    assert bare == marked and folded_only == marked
    # The flow whose keyword is "đổi trả" is what "doi tra" finds first, as "đổi trả" does.
    flow = target_path(vietnamese_site.url, "", "doi-tra-hang")
    marked, bare = search_all(page, ["đổi trả", "doi tra"])
    assert marked[:1] == [flow] and bare[:1] == [flow]
    # The results show the pages' own words, "đ" and all.
    search(page, "don hang")
    titles = page.locator(RESULTS).locator(".flows-search__title").all_inner_texts()
    assert "Theo dõi đơn hàng đang giao" in titles, titles


def test_the_count_says_how_many_results_are_shown(page, site):
    page.goto(site.url)
    for query in ("pesanan", "refund", "batalkan pesanan tiktok"):
        found = search(page, query)
        assert found, query
        count = TABLES[DOCUMENT.language].format("search_found", n=len(found))
        expect(page.locator(STATUS)).to_have_text(count)


def test_a_result_shows_the_step_that_matches(page, site):
    page.goto(site.url)
    search(page, "refund")
    excerpt = page.locator(RESULTS).first.locator(".flows-search__excerpt")
    step = search_words(TABLES[DOCUMENT.language].words)["step"].split("{")[0]
    expect(excerpt).to_contain_text(step)
    expect(excerpt.locator("mark").first).to_contain_text("refund", ignore_case=True)


def test_a_loanword_finds_what_the_languages_own_word_finds(page, site):
    # No page of the Indonesian site says "app" or "payment"; shoppers type them for "aplikasi"
    # and "pembayaran" (search_same_words in the interface table).
    page.goto(site.url)
    alone = page.evaluate(
        """async (words) => {
          const search = document.querySelector('[data-flows-search]').flowsSearch
          const pagefind = await search.pagefind()
          const found = words.map(async (word) => (await pagefind.search(word)).results)
          return (await Promise.all(found)).map((results) => results.length)
        }""",
        ["app", "payment"],
    )
    assert alone == [0, 0]
    app, aplikasi, payment, pembayaran = search_all(
        page, ["app", "aplikasi", "payment", "pembayaran"]
    )
    assert aplikasi and app == aplikasi
    assert pembayaran and payment == pembayaran


def test_keywords_feed_search_but_are_never_shown(site):
    flow = next(iter(DOCUMENT.flows.values()))
    outcome = next(o for o in flow.outcomes.values() if o.keywords)
    page = (site.root / flow.id / outcome.id / "index.html").read_text(encoding="utf-8")
    hidden = re.search(
        r"<p hidden id=\"flows-keywords\" data-pagefind-weight=\"10\" "
        r"data-pagefind-meta=\"keywords\">([^<]*)</p>",
        page,
    )
    assert hidden is not None
    words = [plain_text(keyword.get(DOCUMENT.language)) for keyword in outcome.keywords]
    assert hidden[1] == html.escape(", ".join(words), quote=False)


def test_a_result_found_by_its_keywords_shows_the_guides_text_not_them(page, site):
    # A guide found by its first keyword: its excerpt is the guide's words, never the list of
    # keywords at the top of its index.
    flow = next(iter(DOCUMENT.flows.values()))
    outcome = next(o for o in flow.outcomes.values() if o.keywords)
    keywords = [plain_text(keyword.get(DOCUMENT.language)) for keyword in outcome.keywords]
    page.goto(site.url)
    found = search(page, keywords[0])
    wanted = target_path(site.url, "", f"{flow.id}/{outcome.id}")
    assert wanted in found, found
    item = page.locator(RESULTS).nth(found.index(wanted))
    excerpt = item.locator(".flows-search__excerpt").inner_text()
    assert excerpt.strip(), "the result shows no text"
    for first, second in zip(keywords, keywords[1:], strict=False):
        assert f"{first}, {second}" not in excerpt, excerpt


def test_without_javascript_there_is_no_search_box_that_cannot_work(page_without_js, site):
    page_without_js.goto(site.url)
    expect(page_without_js.locator(BOX)).to_be_hidden()
    expect(page_without_js.locator(".flows-search__button")).to_be_hidden()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_search_works_with_the_keyboard_alone(open_page, site, viewport):
    from .test_keyboard import Keyboard

    page = open_page(viewport=viewport)
    keys = Keyboard(page)
    page.goto(site.url)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    keys.press("/")  # as on Material's own search
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.type("refund")
    expect(page.locator(RESULTS).first).to_be_visible()
    keys.press("ArrowDown")
    expect(page.locator(RESULTS).first).to_be_focused()
    keys.press("ArrowUp")
    expect(page.locator(BOX)).to_be_focused()
    # Tab reaches the results too, each showing its focus.
    keys.press("Tab")
    expect(page.locator(RESULTS).first).to_be_focused()
    keys.press("Shift+Tab")
    keys.press("Escape")  # closes; the focus stays in sight (checked by keys.press)
    expect(page.locator("#__search")).not_to_be_checked()
    if viewport is PHONE:
        expect(page.locator(".flows-search__button")).to_be_focused()
        keys.press("Enter")  # the search button opens the search again
    else:
        expect(page.locator(BOX)).to_be_focused()
        keys.press("ArrowDown")  # typing or moving on opens the results again
        keys.press("ArrowUp")
    expect(page.locator(BOX)).to_be_focused()
    expect(page.locator(BOX)).to_have_value("refund")
    expect(page.locator(RESULTS).first).to_be_visible()
    href = page.locator(RESULTS).first.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url.rstrip("/") + href)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert keys.unseen == [], "the focus could not be seen:\n" + "\n".join(keys.unseen)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_dialog_and_its_results_pass_axe(open_page, site, artifacts, scheme, viewport):
    need_node_checkers()
    page = open_page(viewport=viewport, scheme=scheme, motion="reduce")
    page.goto(site.url)
    found = []
    for query in ("", "refund", "zzqxv"):
        if page.locator(BOX).is_visible():
            page.locator(BOX).focus()
        else:  # on a phone, the button in the header opens it
            page.locator(".flows-search__button").click()
        expect(page.locator(BOX)).to_be_visible()
        if query:
            search(page, query)
        page.evaluate(SETTLE)
        name = f"search-{query or 'open'}-{viewport['width']}-{scheme}.png"
        snapshot(page, path=artifacts / name)
        found += [f"{query!r}: {violation}" for violation in run_axe(page)]
    assert found == [], "axe-core found problems:\n" + "\n".join(found)
