"""What pages tell search engines and link previews: descriptions, Open Graph and Twitter card
tags, structured data (JSON-LD), on a two-language site built with each engine; the share image
and `site_url` checks."""

from __future__ import annotations

import base64
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import run_cli
from pyld import jsonld
from sites import build_site

from generator.site.meta import DESCRIPTION_LENGTH, description, og_locale
from generator.site.project import read_project

SITE_URL = "https://bantuan.example.org/"
# A PNG of one pixel.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

MKDOCS_YML = """\
site_name: Bantuan Toko
{site_url}theme:
  name: material
  language: id
  font: false
plugins:
  - flows:
      site_name: {{en: Shop help}}
{share_image}"""

LONG_SUMMARY = "Kata " * 60

FLOWS = f"""\
version: 1
languages: [id, en]
flows:
  retur:
    title: {{id: Kembalikan barang, en: Return an item}}
    summary:
      id: Jawab **satu** pertanyaan, lalu ikuti [panduannya](https://example.org).
      en: Answer **one** question, then follow the guide.
    start: diterima
    questions:
      diterima:
        text:
          id: Apakah barang sudah diterima?
          en: Have you received the item?
        help:
          id: Lihat halaman *pesanan* Anda.
          en: Look at your *orders* page.
        options:
          - label: {{id: Sudah, en: "Yes"}}
            next: kirim
          - label: {{id: Belum, en: Not yet}}
            next: tunggu
    outcomes:
      kirim:
        title: {{id: Kirim barang kembali, en: Send the item back}}
        summary:
          id: "{LONG_SUMMARY.strip()}"
          en: Send the item back to the seller _within_ seven days.
        steps:
          - {{id: Kemas barangnya., en: Pack the item.}}
          - text: {{id: Bawa ke kantor pos., en: Take it to the post office.}}
            detail: {{id: Simpan tanda terimanya., en: Keep the receipt.}}
        reviewed: 2026-08-17
      tunggu:
        title: {{id: Tunggu paketnya, en: Wait for the parcel}}
        steps:
          - {{id: Lihat halaman pelacakan., en: Check the tracking page.}}
"""

PAGES = {
    "index.md": "# Bantuan\n\nSitus ini membantu Anda **mengembalikan** barang.\n\n"
    "[Mulai](retur/index.md){ .md-button }\n",
    "tentang.md": "---\ndescription: Siapa yang menulis panduan ini.\n---\n\n# Tentang\n\n"
    "Paragraf pertama.\n",
    "en/index.md": "# Help\n\n- a list is no paragraph\n\nThis site helps you [return]"
    "(retur/index.md){ hreflang=en } an item.\n",
    "en/tentang.md": "# About\n\nWho wrote this guide, and why.\n",
}


def write_site(root: Path, *, site_url: bool = True, share_image: str | None = None) -> Path:
    for path, text in PAGES.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_text(text, encoding="utf-8")
    (root / "gambar").mkdir()
    (root / "gambar" / "bagikan.png").write_bytes(PNG)
    (root / "gambar" / "catatan.txt").write_text("bukan gambar\n")
    config = MKDOCS_YML.format(
        site_url=f"site_url: {SITE_URL}\n" if site_url else "",
        share_image=f"      share_image: {share_image}\n" if share_image else "",
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "flows.yaml").write_text(FLOWS, encoding="utf-8")
    return root


class _Head(HTMLParser):
    """The head's meta tags (by name or property; some repeat) and its JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self.ids: set[str] = set()
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "meta" and (found.get("name") or found.get("property")):
            key = found.get("property") or found.get("name") or ""
            self.meta.setdefault(key, []).append(found.get("content") or "")
        self._in_json = tag == "script" and found.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json_ld.append(data)


def head(site: Path, page: str) -> _Head:
    parser = _Head()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


def one(found: _Head, key: str) -> str:
    values = found.meta.get(key, [])
    assert len(values) == 1, f"{key}: {values}"
    return values[0]


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(tmp_path_factory.mktemp(request.param), share_image="gambar/bagikan.png")
    return build_site(root, engine=request.param, strict=True)


GUIDE = "retur/kirim/index.html"
EN_GUIDE = "en/retur/kirim/index.html"


def test_descriptions_are_cut_at_a_word_near_160_characters() -> None:
    text = "Batalkan pesanan " * 20
    cut = description(text)
    assert len(cut) <= DESCRIPTION_LENGTH
    assert len(cut) > DESCRIPTION_LENGTH - 20
    assert cut.endswith("…")
    assert text.startswith(cut.removesuffix("…"))
    assert cut.removesuffix("…").split()[-1] in ("Batalkan", "pesanan")
    assert description("  Pendek,\n  sekali. ") == "Pendek, sekali."


def test_open_graph_locales_are_cldrs_likeliest() -> None:
    assert og_locale("id") == "id_ID"
    assert og_locale("en") == "en_US"
    assert og_locale("pt") == "pt_BR"


def test_every_page_has_one_description_in_its_language(site: Path) -> None:
    pages = [p for p in sorted(site.rglob("*.html")) if "http-equiv" not in p.read_text()[:400]]
    assert len(pages) > 12
    for page in pages:
        found = head(site, page.relative_to(site).as_posix())
        text = one(found, "description")
        assert 0 < len(text) <= DESCRIPTION_LENGTH, page
        assert "<" not in text and "**" not in text and "{" not in text, (page, text)


def test_descriptions_come_from_the_model_as_plain_text(site: Path) -> None:
    assert one(head(site, "retur/index.html"), "description") == (
        "Jawab satu pertanyaan, lalu ikuti panduannya."
    )
    assert one(head(site, "retur/diterima/index.html"), "description") == (
        "Lihat halaman pesanan Anda."
    )
    assert one(head(site, "en/retur/diterima/index.html"), "description") == (
        "Look at your orders page."
    )
    assert one(head(site, EN_GUIDE), "description") == (
        "Send the item back to the seller within seven days."
    )
    long = one(head(site, GUIDE), "description")
    assert long.endswith("…") and len(long) <= DESCRIPTION_LENGTH
    assert one(head(site, "retur/tunggu/index.html"), "description") == "Lihat halaman pelacakan."


def test_hand_written_pages_describe_themselves_by_front_matter_or_first_paragraph(
    site: Path,
) -> None:
    assert one(head(site, "tentang/index.html"), "description") == "Siapa yang menulis panduan ini."
    assert one(head(site, "en/tentang/index.html"), "description") == (
        "Who wrote this guide, and why."
    )
    assert one(head(site, "index.html"), "description") == (
        "Situs ini membantu Anda mengembalikan barang."
    )
    assert one(head(site, "en/index.html"), "description") == "This site helps you return an item."
    # The 404 page says what the site is about, in its language.
    assert one(head(site, "404.html"), "description") == (
        "Situs ini membantu Anda mengembalikan barang."
    )
    assert one(head(site, "en/404.html"), "description") == "This site helps you return an item."


@pytest.mark.parametrize(
    ("page", "title", "name", "locale", "other", "url"),
    [
        (GUIDE, "Kirim barang kembali", "Bantuan Toko", "id_ID", "en_US", "retur/kirim/"),
        (EN_GUIDE, "Send the item back", "Shop help", "en_US", "id_ID", "en/retur/kirim/"),
    ],
)
def test_a_guides_link_preview_in_each_language(
    site: Path, page: str, title: str, name: str, locale: str, other: str, url: str
) -> None:
    found = head(site, page)
    assert one(found, "og:title") == title
    assert one(found, "og:description") == one(found, "description")
    assert one(found, "og:url") == SITE_URL + url
    assert one(found, "og:site_name") == name
    assert one(found, "og:locale") == locale
    assert found.meta["og:locale:alternate"] == [other]
    assert one(found, "og:type") == "article"
    image = one(found, "og:image")
    assert image.startswith(SITE_URL)
    assert (site / image.removeprefix(SITE_URL)).read_bytes() == PNG
    assert one(found, "twitter:card") == "summary_large_image"


def test_the_home_page_is_a_website(site: Path) -> None:
    found = head(site, "en/index.html")
    assert one(found, "og:type") == "website"
    assert one(found, "og:title") == "Help"
    assert one(found, "og:url") == SITE_URL + "en/"


# The schema.org terms the pages use: expanding with a context that maps every term into
# schema.org would accept a misspelt one, so each expanded property must be one of these.
SCHEMA_PROPERTIES = {
    "name",
    "description",
    "inLanguage",
    "url",
    "step",
    "position",
    "text",
    "dateModified",
    "itemListElement",
    "item",
}
SCHEMA = "https://schema.org/"
# A stand-in for schema.org's context, so that the test asks nothing of any other host.
CONTEXT = {"@context": {"@vocab": SCHEMA, "url": {"@type": "@id"}, "item": {"@type": "@id"}}}


def expand(text: str) -> list[dict]:
    def loader(url: str, options: dict) -> dict:
        assert url.rstrip("/") == SCHEMA.rstrip("/"), url
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}

    return jsonld.expand(json.loads(text), {"documentLoader": loader})


def nodes(found: _Head) -> dict[str, dict]:
    assert len(found.json_ld) == 1
    expanded = expand(found.json_ld[0])
    by_type: dict[str, dict] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in node:
                if not key.startswith("@"):
                    assert key.startswith(SCHEMA), key
                    assert key.removeprefix(SCHEMA) in SCHEMA_PROPERTIES, key
            for kind in node.get("@type", []):
                by_type.setdefault(kind.removeprefix(SCHEMA), node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(expanded)
    return by_type


def value(node: dict, key: str) -> object:
    found = node[SCHEMA + key]
    assert len(found) == 1, found
    return found[0].get("@value", found[0].get("@id"))


@pytest.mark.parametrize(("page", "language"), [(GUIDE, "id"), (EN_GUIDE, "en")])
def test_a_guide_is_a_how_to_with_its_steps_and_their_anchors(
    site: Path, page: str, language: str
) -> None:
    found = head(site, page)
    how_to = nodes(found)["HowTo"]
    assert value(how_to, "name") == one(found, "og:title")
    assert value(how_to, "inLanguage") == language
    steps = how_to[SCHEMA + "step"]
    assert [value(step, "position") for step in steps] == [1, 2]
    assert all(step["@type"] == [SCHEMA + "HowToStep"] for step in steps)
    texts = [value(step, "text") for step in steps]
    assert texts[1] in (
        "Bawa ke kantor pos. Simpan tanda terimanya.",
        "Take it to the post office. Keep the receipt.",
    )
    for step in steps:
        url = str(value(step, "url"))
        assert url.startswith(one(found, "og:url") + "#")
        assert url.split("#")[1] in found.ids  # the anchor is on the page


@pytest.mark.parametrize(
    ("page", "names"),
    [
        ("retur/kirim/index.html", ["Bantuan Toko", "Kembalikan barang", "Kirim barang kembali"]),
        ("en/retur/index.html", ["Shop help", "Return an item"]),
        ("en/retur/map/index.html", ["Shop help", "Return an item", "Flow map: Return an item"]),
        ("semua-panduan/index.html", ["Bantuan Toko", "Semua panduan"]),
    ],
)
def test_generated_pages_carry_their_breadcrumbs(site: Path, page: str, names: list[str]) -> None:
    trail = nodes(head(site, page))["BreadcrumbList"]
    items = trail[SCHEMA + "itemListElement"]
    assert [value(item, "name") for item in items] == names
    assert [value(item, "position") for item in items] == list(range(1, len(names) + 1))
    prefix = "en/" if page.startswith("en/") else ""
    assert value(items[0], "item") == SITE_URL + prefix
    assert value(items[-1], "item") == SITE_URL + page.removesuffix("index.html")


def test_hand_written_pages_have_no_structured_data(site: Path) -> None:
    assert head(site, "tentang/index.html").json_ld == []


@pytest.mark.parametrize(
    ("image", "hint"),
    [("gambar/tidak-ada.png", "there is no such file"), ("gambar/catatan.txt", "PNG, JPEG")],
)
def test_a_share_image_that_cannot_be_used_is_fl042(tmp_path: Path, image: str, hint: str) -> None:
    root = write_site(tmp_path, share_image=image)
    project, problems = read_project(root / "mkdocs.yml", shown="mkdocs.yml")
    assert project is None
    assert [(p.code, p.pos.line) for p in problems] == [("FL042", 10)]
    ran = run_cli("check", "--lang", "en", "flows.yaml", cwd=root)
    assert ran.returncode == 1
    assert f"mkdocs.yml:10:7: error FL042: the share image '{image}' cannot be used" in ran.stderr
    assert hint in ran.stderr
    ran = run_cli("check", "--lang", "id", "flows.yaml", cwd=root)
    assert f"gambar pratinjau '{image}' tidak dapat dipakai" in ran.stderr


def test_a_site_of_several_languages_without_site_url_is_warned(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_url=False)
    ran = run_cli("check", "--lang", "en", "flows.yaml", cwd=root)
    assert ran.returncode == 0
    assert (
        "mkdocs.yml: warning FL041: the site is in id, en but mkdocs.yml has no site_url"
    ) in ran.stderr
    ran = run_cli("check", "--lang", "id", "flows.yaml", cwd=root)
    assert "situs ini dalam bahasa id, en tetapi mkdocs.yml tidak punya site_url" in ran.stderr
    with_url = write_site(tmp_path / "dengan-url")
    assert "FL041" not in run_cli("check", "flows.yaml", cwd=with_url).stderr


def test_without_site_url_previews_have_no_address(tmp_path: Path) -> None:
    root = write_site(tmp_path, site_url=False, share_image="gambar/bagikan.png")
    site = build_site(root)
    found = head(site, GUIDE)
    assert "og:url" not in found.meta and "og:image" not in found.meta
    assert one(found, "twitter:card") == "summary"
    assert one(found, "og:title") == "Kirim barang kembali"
