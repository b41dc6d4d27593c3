"""Old addresses that `moved:` keeps: the plan's page at each of them in every language, the
page itself, the wizard's data, the export, and a build on each engine in which the pages are
there but out of the nav, the sitemap and the search."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import TABLES, plan_for, renderer_for
from sites import build_site
from test_plugin import search_index

from generator.engines.export import export_site
from generator.format.check import check_file
from generator.format.model import Document
from generator.site.plan import FLOW, MAP, NODE

ROOT = Path(__file__).resolve().parent.parent
MOVED = ROOT / "tests" / "flows" / "valid" / "moved.yaml"
SITE = ROOT / "tests" / "browser" / "moved"


def checked(path: Path) -> Document:
    document, problems = check_file(path)
    assert document is not None, problems
    return document


@pytest.fixture(scope="module")
def moved() -> Document:
    return checked(MOVED)


@pytest.fixture(scope="module")
def bilingual() -> Document:
    """The small site of tests/browser/moved/: Indonesian and English."""
    return checked(SITE / "flows.yaml")


def old_addresses(document: Document, language: str, **options: object) -> dict[str, str]:
    """Each old address of `language` and the address of the page it sends readers to."""
    plan = plan_for(document, **options)
    return {r.url: r.target.url for r in plan.redirects(language)}


def test_every_old_address_leads_to_the_page_that_took_its_place(moved: Document) -> None:
    assert old_addresses(moved, "id") == {
        # Under the flow: a guide renamed, and one moved to another flow.
        "pesanan/bayar-di-tempat/": "pesanan/cod-belum-dikirim/",
        "pesanan/hubungi-toko/": "toko/hubungi-penjual/",
        # The flow 'batalkan' is now 'pesanan': its page, its map, and every id 'pesanan' has
        # or has moved, each to the same place in 'pesanan'.
        "batalkan/": "pesanan/",
        "batalkan/peta/": "pesanan/peta/",
        "batalkan/status/": "pesanan/status/",
        "batalkan/belum-dibayar/": "pesanan/belum-dibayar/",
        "batalkan/cod-belum-dikirim/": "pesanan/cod-belum-dikirim/",
        "batalkan/bayar-di-tempat/": "pesanan/cod-belum-dikirim/",
        "batalkan/hubungi-toko/": "toko/hubungi-penjual/",
        # A guide of a flow that is gone, named at the top level.
        "lama/hubungi/": "toko/hubungi-penjual/",
    }


def test_each_old_address_says_what_it_was_and_which_entry_keeps_it(moved: Document) -> None:
    plan = plan_for(moved)
    found = {r.url: r for r in plan.redirects("id")}
    assert found["pesanan/bayar-di-tempat/"].identity == (NODE, "pesanan", "bayar-di-tempat")
    assert found["batalkan/"].identity == (FLOW, "batalkan", None)
    assert found["batalkan/peta/"].identity == (MAP, "batalkan", None)
    entry = moved.flows["pesanan"].moved["bayar-di-tempat"]
    assert found["pesanan/bayar-di-tempat/"].pos == entry.pos
    assert found["batalkan/status/"].pos == moved.moved["batalkan"].pos
    # The page is a whole HTML file of its own, at the old address itself.
    assert found["pesanan/bayar-di-tempat/"].src_uri == "pesanan/bayar-di-tempat/index.html"


def test_every_language_keeps_its_old_addresses_in_its_own_words(bilingual: Document) -> None:
    english = old_addresses(bilingual, "en")
    assert english["batalkan/map/"] == "batalkan-pesanan/map/"
    assert english["batalkan-pesanan/cara-bayar/"] == "batalkan-pesanan/metode-pembayaran/"
    indonesian = old_addresses(bilingual, "id")
    assert indonesian["batalkan/peta/"] == "batalkan-pesanan/peta/"
    assert set(english) - {"batalkan/map/"} == set(indonesian) - {"batalkan/peta/"}


def test_pages_served_as_files_keep_their_old_file_names(moved: Document) -> None:
    plan = plan_for(moved, directory_urls=False)
    found = {r.url: r for r in plan.redirects("id")}
    page = found["pesanan/bayar-di-tempat.html"]
    assert page.src_uri == "pesanan/bayar-di-tempat.html"
    assert page.target.url == "pesanan/cod-belum-dikirim.html"
    assert found["batalkan/index.html"].target.url == "pesanan/index.html"


def test_the_page_at_an_old_address_sends_readers_on(bilingual: Document) -> None:
    renderer = renderer_for(bilingual, "en", site_url="https://example.org/help/")
    pages = {page.redirect.url: page.text for page in renderer.redirects()}
    text = pages["batalkan-pesanan/hubungi-toko/"]
    assert text.startswith("<!doctype html>\n")
    assert '<html lang="en">' in text
    assert '<meta http-equiv="refresh" content="0; url=../../toko/hubungi-penjual/">' in text
    assert '<link rel="canonical" href="https://example.org/help/en/toko/hubungi-penjual/">' in text
    assert '<meta name="robots" content="noindex">' in text
    link = re.search(r'<a href="([^"]+)">([^<]+)</a>', text)
    assert link is not None
    assert link.groups() == ("../../toko/hubungi-penjual/", "Contacting the seller")
    # With JavaScript, the answers and the place on the page go along.
    assert '"../../toko/hubungi-penjual/" + location.search + location.hash' in text
    assert TABLES["en"]["moved_title"] in text


def test_without_a_site_url_the_canonical_address_is_relative(bilingual: Document) -> None:
    renderer = renderer_for(bilingual, "id")
    page = next(p for p in renderer.redirects() if p.redirect.url == "batalkan/")
    assert '<link rel="canonical" href="../batalkan-pesanan/">' in page.text
    assert "Sekarang halaman ini ada di sini" in page.text
    assert ">Batalkan pesanan</a>" in page.text


def wizard_of(document: Document, flow_id: str, language: str = "id") -> dict:
    renderer = renderer_for(document, language)
    page = renderer.render(renderer.plan.page(language, FLOW, flow_id))
    found = re.search(r"data-flows-wizard='([^']*)'", page.text)
    assert found is not None
    return json.loads(found[1].replace("&#39;", "'").replace("&amp;", "&"))


def test_the_wizard_knows_where_old_questions_went(bilingual: Document) -> None:
    data = wizard_of(bilingual, "batalkan-pesanan")
    assert data["m"] == {
        "bayar-di-tempat": "cod-belum-dikirim",
        "cara-bayar": "metode-pembayaran",
    }
    # Another flow's page is an address, as seen from the flow's page.
    assert data["x"] == {"hubungi-toko": "../toko/hubungi-penjual/"}
    assert "m" not in wizard_of(bilingual, "toko") and "x" not in wizard_of(bilingual, "toko")


def test_the_export_writes_the_pages_at_old_addresses(bilingual: Document, tmp_path: Path):
    words = {language: TABLES[language] for language in bilingual.languages}
    export_site(bilingual, tmp_path, words=words)
    page = tmp_path / "en" / "docs" / "batalkan" / "map" / "index.html"
    assert 'url=../../batalkan-pesanan/map/"' in page.read_text(encoding="utf-8")
    assert (tmp_path / "id" / "docs" / "batalkan" / "peta" / "index.html").is_file()


# -- built by each engine -------------------------------------------------------------------


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The site of tests/browser/moved/, built by each engine."""
    root = tmp_path_factory.mktemp(f"moved-{request.param}")
    build_site(
        SITE,
        root,
        request.param,
        site_url="http://127.0.0.1:8000/",
        work_dir=root.with_name("work"),
    )
    yield root


def test_each_engine_publishes_the_pages_at_old_addresses(built: Path, bilingual) -> None:
    for language, prefix in (("id", ""), ("en", "en/")):
        for url, target in old_addresses(bilingual, language).items():
            text = (built / prefix / url / "index.html").read_text(encoding="utf-8")
            assert f'<link rel="canonical" href="http://127.0.0.1:8000/{prefix}{target}">' in text


def test_old_addresses_are_in_no_sitemap_nav_or_search(built: Path, bilingual) -> None:
    old = [
        f"{prefix}{url}"
        for language, prefix in (("id", ""), ("en", "en/"))
        for url in old_addresses(bilingual, language)
    ]
    sitemaps = [path.read_text(encoding="utf-8") for path in built.rglob("sitemap.xml")]
    assert sitemaps and all("batalkan-pesanan/" in sitemap for sitemap in sitemaps)
    indexed = set(search_index(built))
    assert "/batalkan-pesanan/cod-belum-dikirim/" in indexed
    theirs = {str(built / address / "index.html") for address in old}
    for address in old:
        assert all(f"/{address}<" not in sitemap for sitemap in sitemaps), address
        assert f"/{address}" not in indexed, address
    # No page of the site links to an old address: not the nav, not a list, not the wizard.
    for page in built.rglob("*.html"):
        if str(page) in theirs:
            continue
        text = page.read_text(encoding="utf-8")
        for link in re.findall(r'href="([^"]+)"', text):
            assert not re.search(r"(^|/)batalkan/|bayar-di-tempat/|cara-bayar/", link), (
                page,
                link,
            )
