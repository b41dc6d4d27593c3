"""The addresses a site keeps: the plan says which, `check` reports every id and hand-written page
that would take one, and both engines stop with that message before building anything."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers import TABLES, plan_for, run_cli

from generator.format.check import Docs, check_file
from generator.format.loader import load_text
from generator.format.model import Document
from generator.format.problems import format_problem
from generator.format.schema import json_schema
from generator.site.content import scan_content
from generator.site.plan import (
    FLOW,
    GUIDES,
    LANGUAGE,
    MAP,
    OUTCOME,
    SCRIPTS,
    SEARCH,
    ContentPage,
    docs_language,
    other_language_folders,
    reserved_ids,
)
from generator.site.search import BUNDLE

ROOT = Path(__file__).resolve().parent.parent

# A site in two languages whose flow id and guide id a test chooses.
FLOWS = """\
version: 1
languages: [id, en]
flows:
  {flow}:
    title: {{id: Toko, en: Shop}}
    start: {guide}
    outcomes:
      {guide}:
        title: {{id: Batalkan sendiri, en: Cancel it yourself}}
        steps:
          - {{id: Ketuk Batalkan., en: Tap Cancel.}}
"""

MKDOCS_YML = """\
site_name: Toko
theme:
  name: material
  language: id
  font: false
plugins:
  - flows
"""


def model(flow: str = "toko", guide: str = "batalkan") -> Document:
    """The two-language site's model, loaded but not checked, so that any id can be planned."""
    document, problems = load_text(FLOWS.format(flow=flow, guide=guide), "flows.yaml")
    assert document is not None, problems
    return document


def site_in(root: Path, flows: str, pages: dict[str, str]) -> Path:
    """A small MkDocs site in `root`: mkdocs.yml, flows.yaml and hand-written pages in docs/."""
    for path, text in {"index.md": "# Bantuan\n", **pages}.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "flows.yaml").write_text(flows, encoding="utf-8")
    return root


# -- the plan: which ids are kept, and that each really is an address of the site ----------------


def test_a_site_keeps_its_pages_folders_and_languages_and_every_site_the_same_few() -> None:
    kept = {(r.of_flow, r.id): (r.kind, r.language) for r in reserved_ids(("id", "en"), TABLES)}
    assert kept == {
        (False, "index"): (FLOW, None),
        (False, "peta"): (MAP, "id"),
        (False, "map"): (MAP, "en"),
        (True, "semua-panduan"): (GUIDES, "id"),
        (True, "all-guides"): (GUIDES, "en"),
        (True, "en"): (LANGUAGE, "en"),
        (True, "assets"): (SCRIPTS, None),
        (True, "pagefind"): (SEARCH, None),
    }
    every_site = {(r.of_flow, r.id) for r in reserved_ids((), {})}
    assert every_site == {(False, "index"), (True, "assets"), (True, "pagefind")}


@pytest.mark.parametrize(
    "reserved",
    reserved_ids(("id", "en"), TABLES),
    ids=lambda r: f"{'flow' if r.of_flow else 'node'}-{r.id}",
)
def test_each_kept_id_would_put_a_page_where_the_site_has_one(reserved) -> None:
    """Planned with that id, the flow's folder or the guide's page lands on the kept address."""
    if not reserved.of_flow:
        plan = plan_for(model(guide=reserved.id))
        language = reserved.language or "id"
        guide = plan.page(language, OUTCOME, "toko", reserved.id)
        kind = MAP if reserved.kind == MAP else FLOW
        assert guide.url == plan.page(language, kind, "toko").url
        return
    plan = plan_for(model(flow=reserved.id))
    folder = plan.page("id", FLOW, reserved.id).url
    if reserved.kind == GUIDES:
        language = reserved.language
        assert plan.page(language, FLOW, reserved.id).url == plan.all_guides(language).url
    elif reserved.kind == LANGUAGE:
        assert folder == plan.prefix(reserved.language)
    elif reserved.kind == SCRIPTS:
        assert all(uri.startswith(folder) for _, uri in plan.assets())
        assert plan.assets()
    else:
        assert reserved.kind == SEARCH
        assert folder == f"{BUNDLE}/"


def test_the_json_schema_refuses_the_ids_every_site_keeps() -> None:
    defs = json_schema()["$defs"]
    every_site = reserved_ids((), {})
    flows = defs["flows"]["propertyNames"]["not"]["enum"]
    assert flows == [r.id for r in every_site if r.of_flow]
    for kind in ("questions", "outcomes"):
        assert defs[kind]["propertyNames"]["not"]["enum"] == [
            r.id for r in every_site if not r.of_flow
        ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("tentang.md", ("id", "tentang.md")),
        ("en/tentang.md", ("en", "tentang.md")),
        ("en/toko/index.md", ("en", "toko/index.md")),
        ("en.md", ("id", "en.md")),  # a page beside the folder, not in it
        ("english/tentang.md", ("id", "english/tentang.md")),
    ],
)
def test_a_page_of_the_docs_folder_belongs_to_a_language_by_its_folder(
    path: str, expected: tuple[str, str]
) -> None:
    assert docs_language(path, ("id", "en")) == expected
    assert plan_for(model()).language_of(path) == expected


def test_the_other_languages_have_a_folder_each_and_the_first_none() -> None:
    assert other_language_folders(("id", "en", "ms")) == ("en/", "ms/")
    assert other_language_folders(("en",)) == ()
    plan = plan_for(model())
    assert [plan.prefix(language) for language in plan.languages] == ["", "en/"]


def test_hand_written_pages_are_found_in_the_language_their_folder_says(tmp_path: Path) -> None:
    for path in ("index.md", "en.md", "en/index.md", "en/toko/catatan.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("# Halaman\n", encoding="utf-8")
    content = scan_content(tmp_path, ("id", "en"))
    assert [page.src_uri for page in content["id"]] == ["en.md", "index.md"]
    assert [page.src_uri for page in content["en"]] == ["index.md", "toko/catatan.md"]


def test_clashes_are_hand_written_pages_at_a_generated_or_kept_address() -> None:
    content = {
        "id": [
            ContentPage("index.md"),
            ContentPage("toko.md"),  # the flow's page, with directory URLs
            ContentPage("toko/catatan.md"),  # beside the flow's pages: fine
            ContentPage("pagefind/tips.md"),
            ContentPage("assets/gambar/logo.md"),  # the theme's folder, not ours: fine
            ContentPage("en.md"),
        ],
        "en": [ContentPage("index.md"), ContentPage("all-guides.md"), ContentPage("pagefind.md")],
    }
    plan = plan_for(model(), content=content)
    found = {
        (c.language, c.src_uri): (c.url, c.page.kind if c.page else c.reserved.kind)
        for c in plan.clashes()
    }
    assert found == {
        ("id", "toko.md"): ("toko/", FLOW),
        ("id", "pagefind/tips.md"): ("pagefind/tips/", SEARCH),
        ("id", "en.md"): ("en/", LANGUAGE),
        ("en", "all-guides.md"): ("all-guides/", GUIDES),
        # The search index is at the site's root only: /en/pagefind/ is free.
    }
    # Served as toko.html and en.html, these pages take no address of ours.
    plain = plan_for(model(), content=content, directory_urls=False)
    assert {(c.language, c.src_uri) for c in plain.clashes()} == {
        ("id", "pagefind/tips.md"),
        ("en", "all-guides.md"),
    }


# -- check: every clash, at the id or at the page, before any build -----------------------------


def test_check_finds_a_page_at_a_flows_address_only_where_urls_make_it_one(tmp_path: Path) -> None:
    root = site_in(tmp_path, FLOWS.format(flow="toko", guide="batalkan"), {"toko.md": "# Toko\n"})
    docs = Docs(root / "docs", "docs", directory_urls=True)
    document, problems = check_file(root / "flows.yaml", "flows.yaml", docs=docs)
    assert document is None
    assert [format_problem(p, "en") for p in problems] == [
        "flows.yaml:4:3: error FL005: the page of flow 'toko' would be published at toko/, "
        "where docs/toko.md already is\n"
        "  hint: rename or move docs/toko.md, or change the id in flows.yaml"
    ]
    plain = Docs(root / "docs", "docs", directory_urls=False)
    document, problems = check_file(root / "flows.yaml", "flows.yaml", docs=plain)
    assert document is not None
    assert [p.code for p in problems if p.is_error] == []


def test_the_projects_own_site_has_no_clash() -> None:
    docs = Docs(ROOT / "content", "content")
    document, problems = check_file(ROOT / "flows.yaml", "flows.yaml", docs=docs)
    assert document is not None, "\n".join(map(str, problems))


# -- the engines stop with the checker's message -------------------------------------------------

ALL_GUIDES_FLOW = (
    "flows.yaml:4:3: error FL212: flow id 'semua-panduan' is reserved: it is the address of "
    "the page of all guides in language 'id'\n"
    "  hint: choose another id for the flow: every page of the flow is published under it"
)
ALL_GUIDES_PAGE = (
    "docs/semua-panduan.md: error FL020: this page would be published at semua-panduan/, "
    "which belongs to the page of all guides in language 'id'\n"
    "  hint: rename or move the page"
)
ENGLISH_GUIDE_PAGE = (
    "flows.yaml:8:7: error FL005: guide 'batalkan' of flow 'toko' would be published at "
    "en/toko/batalkan/, where docs/en/toko/batalkan.md already is\n"
    "  hint: rename or move docs/en/toko/batalkan.md, or change the id in flows.yaml"
)
CLASHES = {
    "flow-at-all-guides": ("semua-panduan", {}, ALL_GUIDES_FLOW),
    "page-at-all-guides": ("toko", {"semua-panduan.md": "# Semua\n"}, ALL_GUIDES_PAGE),
    "page-at-an-english-guide": ("toko", {"en/toko/batalkan.md": "# Cancel\n"}, ENGLISH_GUIDE_PAGE),
}


def mkdocs_build(root: Path) -> None:
    """`mkdocs build` in process, as a user runs it in `root`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(root / "mkdocs.yml")))


@pytest.mark.parametrize("case", CLASHES.values(), ids=CLASHES)
def test_mkdocs_stops_with_the_coded_message_and_writes_nothing(
    case: tuple[str, dict[str, str], str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    flow, pages, message = case
    root = site_in(tmp_path, FLOWS.format(flow=flow, guide="batalkan"), pages)
    # Not the AttributeError from the plugin's pages that once came out as a traceback.
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        mkdocs_build(root)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors[0] == message
    assert "Traceback" not in caplog.text
    assert not (root / "site").exists()


@pytest.mark.parametrize("case", CLASHES.values(), ids=CLASHES)
def test_zensical_build_stops_with_the_message_check_gives(
    case: tuple[str, dict[str, str], str], tmp_path: Path
) -> None:
    flow, pages, message = case
    root = site_in(tmp_path, FLOWS.format(flow=flow, guide="batalkan"), pages)
    checked = run_cli("check", "flows.yaml", "--lang", "en", cwd=root)
    built = run_cli("build", "--engine", "zensical", "--lang", "en", cwd=root)
    assert built == checked
    code, out, err = built
    assert (code, out) == (1, "")
    assert err.startswith(message + "\n")
    assert "Traceback" not in err
    assert not (root / "site").exists() and not (root / "build").exists()


ALL_GUIDES_PAGE_ID = (
    "docs/semua-panduan.md: error FL020: halaman ini akan diterbitkan di semua-panduan/, padahal "
    "alamat itu milik halaman semua panduan dalam bahasa 'id'\n"
    "  saran: ganti nama atau pindahkan halaman ini\n"
)


def test_the_message_is_in_indonesian_for_an_indonesian_editor(tmp_path: Path) -> None:
    flows = FLOWS.format(flow="toko", guide="batalkan")
    root = site_in(tmp_path, flows, {"semua-panduan.md": "# Semua\n"})
    code, _, err = run_cli("build", "--engine", "zensical", "--lang", "id", cwd=root)
    assert code == 1
    assert err.startswith(ALL_GUIDES_PAGE_ID)
