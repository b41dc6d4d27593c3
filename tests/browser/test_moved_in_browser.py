"""A reader who follows an old link reaches the page that took its place: a renamed guide, a
guide moved to another flow, a renamed flow, with JavaScript and without; and a shared wizard
link whose answers name a question that has moved since goes on from where it is now.

The site in tests/browser/moved/ keeps these old addresses with `moved:` (see its flows.yaml).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import Site, built_site
from .test_validity import unexplained, vnu

HERE = Path(__file__).parent / "moved"


@pytest.fixture(scope="module")
def moved_site(engine: str, served_sites) -> Site:
    """The small site with old addresses, built with `engine` and served locally."""
    return built_site(served_sites, HERE, engine)


def heading(page) -> object:
    return page.get_by_role("heading", level=1)


# (old address, the address it leads to, the heading there)
OLD_LINKS = [
    # A guide renamed.
    (
        "batalkan-pesanan/bayar-di-tempat/",
        "batalkan-pesanan/cod-belum-dikirim/",
        "Membatalkan pesanan COD yang belum dikirim",
    ),
    # A guide moved to another flow, read in English.
    ("en/batalkan-pesanan/hubungi-toko/", "en/toko/hubungi-penjual/", "Contacting the seller"),
]


@pytest.mark.parametrize(("old", "new", "title"), OLD_LINKS, ids=["renamed", "other-flow"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_old_link_to_a_guide_opens_the_guide_that_took_its_place(
    open_page, moved_site, javascript, old, new, title
):
    page = open_page(javascript=javascript, site=moved_site)
    page.goto(moved_site.page_url(old))
    expect(page).to_have_url(moved_site.page_url(new))
    expect(heading(page)).to_have_text(title)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_old_link_to_a_renamed_flows_map_opens_the_new_map(open_page, moved_site, javascript):
    page = open_page(javascript=javascript, site=moved_site)
    page.goto(moved_site.page_url("batalkan/peta/"))
    expect(page).to_have_url(moved_site.page_url("batalkan-pesanan/peta/"))


def test_an_old_link_to_a_renamed_flow_keeps_its_answers_with_javascript(open_page, moved_site):
    page = open_page(site=moved_site)
    page.goto(moved_site.page_url("batalkan/?a=status-pembayaran.2"))
    expect(page).to_have_url(moved_site.page_url("batalkan-pesanan/?a=status-pembayaran.2"))
    expect(page.get_by_role("heading", name="Bagaimana Anda membayar?")).to_be_visible()


def test_without_javascript_an_old_flow_link_opens_the_flow(open_page, moved_site):
    page = open_page(javascript=False, site=moved_site)
    page.goto(moved_site.page_url("batalkan/?a=status-pembayaran.2"))
    expect(page).to_have_url(moved_site.page_url("batalkan-pesanan/"))
    expect(page.get_by_role("link", name="Sudah dibayar")).to_be_visible()


@pytest.mark.parametrize(
    "answers",
    ["status-pembayaran.2,cara-bayar.1", "cara-bayar.2"],
    ids=["after-an-answer", "alone"],
)
def test_a_shared_answer_to_a_moved_question_is_asked_again_where_it_is_now(
    open_page, moved_site, answers
):
    page = open_page(site=moved_site)
    page.goto(moved_site.page_url(f"batalkan-pesanan/?a={answers}"))
    wizard = page.locator(".flows-wizard")
    expect(wizard.get_by_role("heading", name="Bagaimana Anda membayar?")).to_be_visible()
    expect(wizard.get_by_role("link", name="Bayar di tempat (COD)")).to_be_visible()
    # The address now says where the reader is, and nothing says the link was wrong.
    expect(page).to_have_url(moved_site.page_url("batalkan-pesanan/?a=status-pembayaran.2"))
    expect(wizard.locator(".flows-wizard__notice")).to_have_count(0)
    wizard.get_by_role("link", name="Bayar di tempat (COD)").click()
    expect(wizard.get_by_role("heading", name=re.compile("COD yang belum dikirim"))).to_be_visible()


def test_a_shared_answer_to_a_question_moved_to_another_flow_opens_its_page(open_page, moved_site):
    page = open_page(site=moved_site)
    page.goto(moved_site.page_url("batalkan-pesanan/?a=hubungi-toko.1"))
    expect(page).to_have_url(moved_site.page_url("toko/hubungi-penjual/"))
    expect(heading(page)).to_have_text("Menghubungi penjual")


def test_the_pages_at_old_addresses_are_valid_html(moved_site):
    old = [
        path
        for path in sorted(moved_site.root.rglob("index.html"))
        if 'content="noindex"' in path.read_text(encoding="utf-8")
    ]
    assert len(old) >= 20
    problems = unexplained(vnu(old), moved_site.root, [])
    assert problems == [], "vnu found errors:\n" + "\n".join(problems)
