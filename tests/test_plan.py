"""The site plan, without any site engine: addresses, links, navigation and languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TABLES, plan_for

from generator.format.check import check_file
from generator.format.model import Document
from generator.site.plan import (
    FLOW,
    GUIDES,
    MAP,
    NAV_GUIDES_MAX,
    OUTCOME,
    QUESTION,
    SITE_SCOPE,
    ContentPage,
    NavItem,
    relative,
)

ROOT = Path(__file__).resolve().parent.parent
TWO_FLOWS = ROOT / "tests" / "flows" / "valid" / "two-flows.yaml"


@pytest.fixture(scope="module")
def document() -> Document:
    doc, problems = check_file(TWO_FLOWS)
    assert doc is not None, problems
    return doc


@pytest.fixture(scope="module")
def bilingual() -> Document:
    doc, problems = check_file(ROOT / "flows.yaml")
    assert doc is not None, problems
    assert doc.languages == ("id", "en")
    return doc


def test_each_flow_has_its_page_guides_questions_and_map(document: Document) -> None:
    plan = plan_for(document)
    pages = plan.pages("id")
    for flow in document.flows.values():
        kinds = [(p.kind, p.node_id) for p in pages if p.flow is flow]
        assert kinds == [
            (FLOW, None),
            *((OUTCOME, outcome) for outcome in flow.outcomes),
            *((QUESTION, question) for question in flow.questions),
            (MAP, None),
        ]
    flow = next(iter(document.flows.values()))
    assert plan.page("id", FLOW, flow.id).src_uri == f"{flow.id}/index.md"
    assert plan.page("id", FLOW, flow.id).url == f"{flow.id}/"
    outcome = next(iter(flow.outcomes))
    assert plan.page("id", OUTCOME, flow.id, outcome).url == f"{flow.id}/{outcome}/"
    assert plan.page("id", MAP, flow.id).url == f"{flow.id}/peta/"


def test_question_pages_stay_out_of_the_nav_and_search_and_all_guides_out_of_search(
    document: Document,
) -> None:
    for page in plan_for(document).pages("id"):
        assert page.in_nav == (page.kind != QUESTION)
        assert page.searchable == (page.kind not in (QUESTION, GUIDES))


def test_the_map_takes_its_address_and_title_from_each_language(bilingual: Document) -> None:
    plan = plan_for(bilingual)
    indonesian = plan.page("id", MAP, "batalkan-pesanan")
    english = plan.page("en", MAP, "batalkan-pesanan")
    assert (indonesian.url, indonesian.title) == ("batalkan-pesanan/peta/", "Peta alur")
    assert (english.url, english.title) == ("batalkan-pesanan/map/", "Flow map")


def test_titles_are_plain_text_in_the_pages_language(bilingual: Document) -> None:
    plan = plan_for(bilingual)
    flow = bilingual.flows["batalkan-pesanan"]
    for language in ("id", "en"):
        page = plan.page(language, OUTCOME, flow.id, "belum-dibayar")
        assert page.title == flow.outcomes["belum-dibayar"].title.values[language]
    assert plan.page("en", QUESTION, flow.id, "status-pembayaran").title.startswith("What is")


def test_the_first_language_is_at_the_root_and_every_other_under_its_code(
    bilingual: Document,
) -> None:
    plan = plan_for(bilingual, site_url="https://bantuan.example/")
    assert (plan.prefix("id"), plan.prefix("en")) == ("", "en/")
    src = "batalkan-pesanan/belum-dibayar.md"
    assert plan.absolute_url("id", src) == "https://bantuan.example/batalkan-pesanan/belum-dibayar/"
    assert plan.absolute_url("en", src) == (
        "https://bantuan.example/en/batalkan-pesanan/belum-dibayar/"
    )


def test_links_between_pages_are_relative(document: Document) -> None:
    plan = plan_for(document)
    assert plan.link("toko/tanya.md", "toko/jawab.md") == "../jawab/"
    assert plan.link("toko/tanya.md", "toko/index.md") == "../"
    assert plan.link("toko/index.md", "toko/jawab.md") == "jawab/"
    assert plan.link("index.md", "toko/index.md") == "toko/"
    flat = plan_for(document, directory_urls=False)
    assert flat.link("toko/tanya.md", "toko/jawab.md") == "jawab.html"
    assert flat.link("toko/tanya.md", "toko/index.md") == "index.html"
    assert relative("en/a/", "b/") == "../../b/"


def test_each_page_leads_to_its_counterpart_in_every_language(bilingual: Document) -> None:
    content = {
        "id": [ContentPage("index.md"), ContentPage("tentang.md"), ContentPage("hanya-id.md")],
        "en": [ContentPage("index.md"), ContentPage("tentang.md")],
    }
    plan = plan_for(bilingual, content=content, site_url="https://x.example/")
    maps = plan.alternates("id", "batalkan-pesanan/peta.md")
    assert [(a.language, a.href, a.url, a.exists) for a in maps] == [
        ("id", "./", "https://x.example/batalkan-pesanan/peta/", True),
        (
            "en",
            "../../en/batalkan-pesanan/map/",
            "https://x.example/en/batalkan-pesanan/map/",
            True,
        ),
    ]
    back = plan.alternates("en", "batalkan-pesanan/map.md")
    assert [(a.language, a.href) for a in back] == [
        ("id", "../../../batalkan-pesanan/peta/"),
        ("en", "./"),
    ]
    assert [a.name for a in back] == ["Bahasa Indonesia", "English"]
    # A hand-written page without a translation leads to the other language's home.
    lonely = plan.alternates("id", "hanya-id.md")
    assert [(a.language, a.href, a.exists) for a in lonely] == [
        ("id", "./", True),
        ("en", "../en/", False),
    ]
    meta = plan.alternates_meta("en", "tentang.md")
    assert [entry["lang"] for entry in meta] == ["id", "en", "x-default"]
    assert meta[-1]["url"] == "https://x.example/tentang/"
    assert plan.missing_counterparts() == [("en", "hanya-id.md")]


def test_a_one_language_site_has_no_alternates(document: Document) -> None:
    assert plan_for(document).alternates_meta("id", "toko/index.md") == []


def test_the_nav_lists_home_then_flows_then_other_pages_as_folders_do(
    document: Document,
) -> None:
    content = {
        "id": [
            ContentPage("tentang.md"),
            ContentPage("index.md"),
            ContentPage("untuk-penyunting/panduan.md"),
            ContentPage("untuk-penyunting/index.md", "Untuk penyunting"),
            ContentPage("bantuan/cara.md"),
            ContentPage("akun.md"),
        ]
    }
    plan = plan_for(document, content=content)
    nav = plan.nav("id")
    assert nav[0] == NavItem(None, "index.md")
    assert nav[1] == NavItem("Semua panduan", "semua-panduan.md")
    flows = list(document.flows.values())
    assert [item.title for item in nav[2 : 2 + len(flows)]] == [f.title.get() for f in flows]
    first = nav[2]
    assert first.children[0] == NavItem(None, f"{flows[0].id}/index.md")  # the section's index
    guides = [child.src_uri for child in first.children[1:-1]]
    assert guides == [f"{flows[0].id}/{outcome}.md" for outcome in flows[0].outcomes]
    assert first.children[-1] == NavItem("Peta alur", f"{flows[0].id}/peta.md")
    rest = nav[2 + len(flows) :]
    assert [item.title or item.src_uri for item in rest] == [
        "akun.md",
        "Bantuan",
        "tentang.md",
        "Untuk penyunting",
    ]
    assert rest[-1].children[0] == NavItem(None, "untuk-penyunting/index.md")


def test_nav_titles_are_escaped_for_the_theme(document: Document) -> None:
    item = NavItem("A <b> & B", "a.md")
    assert item.config() == {"A &lt;b&gt; &amp; B": "a.md"}
    section = NavItem("S", None, (item, NavItem(None, "b.md")))
    assert section.config() == {"S": [{"A &lt;b&gt; &amp; B": "a.md"}, "b.md"]}


def test_a_language_without_words_cannot_be_planned(document: Document) -> None:
    words = {"en": TABLES["en"]}
    with pytest.raises(ValueError, match="no interface words for id"):
        plan_for(document).__class__(document, words)


# Navigation that scales: each page shows a part of the nav, never every guide of the site.


def _uris(items: tuple[NavItem, ...] | list[NavItem]) -> list[str]:
    found = []
    for item in items:
        if item.src_uri is not None:
            found.append(item.src_uri)
        found.extend(_uris(item.children))
    return found


def test_the_all_guides_page_comes_last_in_each_language_at_its_own_address(
    bilingual: Document,
) -> None:
    plan = plan_for(bilingual)
    for language, address in (("id", "semua-panduan/"), ("en", "all-guides/")):
        pages = plan.pages(language)
        assert [page.kind for page in pages].count(GUIDES) == 1
        assert pages[-1].kind == GUIDES and pages[-1].flow is None
        assert plan.all_guides(language) is pages[-1]
        assert pages[-1].url == address
        assert pages[-1].title == plan.words[language]["all_guides"]
    english = plan.alternates("id", "semua-panduan.md")[1]
    assert (english.href, english.exists) == ("../en/all-guides/", True)


def test_pages_of_no_flow_list_every_flow_but_no_guide(document: Document) -> None:
    content = {"id": [ContentPage("index.md"), ContentPage("tentang.md")]}
    plan = plan_for(document, content=content)
    assert plan.nav_scope("id", "tentang.md") == SITE_SCOPE
    assert plan.nav_scope("id", "semua-panduan.md") == SITE_SCOPE
    shown = plan.page_nav("id", SITE_SCOPE)
    flows = [plan.page("id", FLOW, flow_id).src_uri for flow_id in document.flows]
    assert _uris(shown) == ["index.md", "semua-panduan.md", *flows, "tentang.md"]


def test_a_flows_pages_list_that_flow_alone_with_its_guides(document: Document) -> None:
    plan = plan_for(document, content={"id": [ContentPage("index.md")]})
    first, other = document.flows.values()
    guide = next(iter(first.outcomes))
    question = next(iter(first.questions))
    for node in (None, guide, question):
        src_uri = f"{first.id}/{node or 'index'}.md"
        assert plan.nav_scope("id", src_uri) == first.id
    shown = _uris(plan.page_nav("id", first.id))
    assert shown[:3] == ["index.md", "semua-panduan.md", f"{first.id}/index.md"]
    assert shown[3:-1] == [f"{first.id}/{outcome}.md" for outcome in first.outcomes]
    assert shown[-1] == f"{first.id}/peta.md"
    assert not any(uri.startswith(f"{other.id}/") for uri in shown)


def test_a_big_flows_guides_stay_out_of_its_sidebar_but_in_the_whole_nav(tmp_path: Path) -> None:
    from bench import synth

    (tmp_path / "flows.yaml").write_text(synth.render(synth.tree(3 * NAV_GUIDES_MAX)))
    document, problems = check_file(tmp_path / "flows.yaml")
    assert document is not None, problems
    plan = plan_for(document)
    (flow,) = document.flows.values()
    assert len(flow.outcomes) > NAV_GUIDES_MAX
    shown = _uris(plan.page_nav("id", flow.id))
    assert shown == ["semua-panduan.md", f"{flow.id}/index.md", f"{flow.id}/peta.md"]
    whole = _uris(plan.nav("id"))
    assert all(f"{flow.id}/{outcome}.md" in whole for outcome in flow.outcomes)
    assert set(plan.nav_views("id")) == {SITE_SCOPE, flow.id}


def test_pages_for_editors_sit_in_a_section_of_their_own_after_the_others(
    document: Document, tmp_path
) -> None:
    from generator.site.content import scan_content

    (tmp_path / "index.md").write_text("# Beranda\n", encoding="utf-8")
    (tmp_path / "tentang.md").write_text("# Tentang\n", encoding="utf-8")
    (tmp_path / "panduan.md").write_text(
        "---\nsearch:\n  exclude: true\nnav_section: Untuk penyunting\n---\n# Panduan\n",
        encoding="utf-8",
    )
    content = scan_content(tmp_path, document.languages)
    assert ContentPage("panduan.md", None, "Untuk penyunting") in content["id"]
    nav = plan_for(document, content=content).nav("id")
    assert nav[-2] == NavItem(None, "tentang.md")
    assert nav[-1] == NavItem("Untuk penyunting", None, (NavItem(None, "panduan.md"),))
    assert all(item.src_uri != "panduan.md" for item in nav)


def test_pages_of_a_section_come_in_their_nav_order_then_by_path(
    document: Document, tmp_path
) -> None:
    from generator.site.content import scan_content

    def page(name: str, order: str = "") -> None:
        front = f"---\nnav_section: Untuk penyunting\n{order}---\n# {name}\n"
        (tmp_path / f"{name}.md").write_text(front, encoding="utf-8")

    page("a-tanpa-urutan")
    page("b-kedua", "nav_order: 2\n")
    page("c-pertama", "nav_order: 1\n")
    page("d-ketiga", "nav_order: 10\n")
    (tmp_path / "e.md").write_text("---\nnav_order: 1\n---\n# Tanpa bagian\n", encoding="utf-8")
    content = scan_content(tmp_path, document.languages)
    assert ContentPage("b-kedua.md", None, "Untuk penyunting", 2) in content["id"]
    # A page outside a section has no place in one.
    assert ContentPage("e.md") in content["id"]
    section = plan_for(document, content=content).nav("id")[-1]
    assert section.title == "Untuk penyunting"
    assert [item.src_uri for item in section.children] == [
        "c-pertama.md",
        "b-kedua.md",
        "d-ketiga.md",
        "a-tanpa-urutan.md",
    ]
