"""A help centre of 30 flows: each page shows only its part of the nav, the all-guides page
finds every guide without JavaScript, and a guide weighs what it weighs on a one-flow site."""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from .conftest import CENTRE_FLOWS, DESKTOP, PHONE
from .site_states import need_node_checkers, run_axe

GUIDE = "topik-1/panduan-0/"
OTHER_FLOW = "topik-2/"
ALL_GUIDES = "semua-panduan/"
MENU = "label.md-header__button[for=__drawer]"
SIDEBAR = "nav.md-nav--primary"


def flow_titles(page) -> list[str]:
    """The flows the all-guides page lists, in its order."""
    page.goto(ALL_GUIDES)
    index = page.get_by_role("navigation", name="Alur")
    return [
        re.sub(r"\s*\(\d+\)$", "", text) for text in index.get_by_role("listitem").all_inner_texts()
    ]


def test_a_guides_sidebar_holds_its_own_flow_and_the_all_guides_page_only(
    open_page, help_centre
) -> None:
    page = open_page(site=help_centre, viewport=DESKTOP)
    titles = flow_titles(page)
    assert len(titles) == CENTRE_FLOWS
    page.goto(GUIDE)
    sidebar = page.locator(SIDEBAR)
    assert sidebar.get_by_role("link", name="Semua panduan").is_visible()
    assert sidebar.get_by_role("link", name=titles[0]).count() == 1
    # Its flow's other guides are one click away; the other 29 flows are not listed at all.
    assert sidebar.get_by_role("link", name=re.compile(r"\(panduan-8\)")).is_visible()
    for title in titles[1:]:
        assert sidebar.get_by_role("link", name=title, exact=True).count() == 0


def test_the_homes_sidebar_lists_every_flow_and_no_guide(open_page, help_centre) -> None:
    page = open_page(site=help_centre, viewport=DESKTOP)
    titles = flow_titles(page)
    page.goto("")
    sidebar = page.locator(SIDEBAR)
    for title in titles:
        assert sidebar.get_by_role("link", name=title, exact=True).count() == 1
    assert sidebar.get_by_role("link", name=re.compile(r"\(panduan-\d+\)")).count() == 0


def test_on_a_phone_the_menu_leads_from_home_to_all_guides(open_page, help_centre) -> None:
    page = open_page(site=help_centre, viewport=PHONE)
    page.goto("")
    page.locator(MENU).click()
    drawer = page.locator(SIDEBAR)
    link = drawer.get_by_role("link", name="Semua panduan")
    link.wait_for(state="visible")
    # In view without scrolling the drawer (once it has slid in): it comes before the flows.
    expect(link).to_be_in_viewport(ratio=1)
    link.click()
    page.wait_for_url(re.compile(ALL_GUIDES + "$"))
    # Instant navigation changes the address before it swaps the page in: wait for the page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Semua panduan")


def test_on_a_phone_a_guides_menu_opens_on_its_flows_guides(open_page, help_centre) -> None:
    page = open_page(site=help_centre, viewport=PHONE)
    page.goto(GUIDE)
    page.locator(MENU).click()
    other_guide = page.locator(SIDEBAR).get_by_role("link", name=re.compile(r"\(panduan-3\)"))
    other_guide.wait_for(state="visible")
    other_guide.click()
    page.wait_for_url(re.compile(r"topik-1/panduan-3/$"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_without_javascript_the_all_guides_page_jumps_to_a_flow_and_opens_a_guide(
    open_page, help_centre, viewport
) -> None:
    page = open_page(site=help_centre, viewport=viewport, javascript=False)
    titles = flow_titles(page)
    chosen = titles[6]
    page.get_by_role("navigation", name="Alur").get_by_role("link", name=chosen).click()
    assert page.url.endswith("#alur-topik-7")
    heading = page.get_by_role("heading", level=2, name=chosen)
    assert heading.is_visible()
    section = page.get_by_role("region", name=chosen)
    guides = section.get_by_role("listitem").all_inner_texts()
    assert len(guides) == 9
    assert guides == sorted(guides, key=str.casefold)
    section.get_by_role("link", name=guides[0]).click()
    assert page.get_by_role("heading", level=1).inner_text() == guides[0]
    assert "/topik-7/" in page.url


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:  # noqa: S310 (our own local server)
        return response.read()


def test_a_guide_weighs_what_it_weighs_on_a_one_flow_site(
    open_page, help_centre, one_flow_centre
) -> None:
    sizes = [len(fetch(site.page_url(GUIDE))) for site in (help_centre, one_flow_centre)]
    nodes = []
    for site in (help_centre, one_flow_centre):
        page = open_page(site=site, viewport=DESKTOP, javascript=False)
        page.goto(GUIDE)
        nodes.append(page.evaluate("document.getElementsByTagName('*').length"))
    assert sizes[0] <= 1.2 * sizes[1], sizes
    assert nodes[0] <= 1.2 * nodes[1], nodes
    # The same guide: the one-flow site is no empty page that any page would beat.
    assert nodes[1] > 100


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_all_guides_page_passes_axe(open_page, help_centre, viewport) -> None:
    need_node_checkers()
    page = open_page(site=help_centre, viewport=viewport)
    page.goto(ALL_GUIDES)
    assert run_axe(page) == []
