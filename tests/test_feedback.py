"""The feedback link: templates checked when a site loads them, values escaped for every part of
a URL, links on guides and in the wizard's data only when a site asks for them."""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse
from pathlib import Path

import pytest
from helpers import TABLES, Ran, renderer_for
from sites import run_mkdocs_build

from generator.format.model import Document, Flow, Option, Outcome, Position, Question, Step, Text
from generator.render.feedback import PLACEHOLDERS, TemplateError, feedback_url, template_problems
from generator.render.renderer import Renderer
from generator.render.wizard import wizard_data
from generator.site.markup import EditorText

HOSTILE = [
    "Barang \"rusak\" dan 'retak'",
    "<script>alert(1)</script>",
    "A & B = C",
    "#1 paling penting",
    "Sudah? ya/tidak",
    "baris satu\nbaris dua\r\ntiga",
    "café, 日本, emoji 📦",
    "javascript:alert(1)",
    "100% + 50%20",
    " spasi di tepi ",
    "",
]

TEMPLATE = "https://example.org/lapor/{id}/{title}?judul={title}&url={url}&r={reviewed}#{title}"


def fill(template: str, title: str, **values: str) -> str:
    defaults = {"id": "belum-dibayar", "language": "id", "reviewed": "", "url": "https://x/"}
    return feedback_url(template, title=title, **{**defaults, **values})


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_title_stays_one_value_in_the_path_the_query_and_the_fragment(title: str):
    url = fill(TEMPLATE, title, url="https://situs.example/a/?b=1&c=2#d")
    parts = urllib.parse.urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "example.org")
    segments = parts.path.split("/")
    assert len(segments) == 4
    assert urllib.parse.unquote(segments[3]) == title
    query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    assert sorted(query) == ["judul", "r", "url"]
    assert query["judul"] == [title]
    assert query["url"] == ["https://situs.example/a/?b=1&c=2#d"]
    assert urllib.parse.unquote(parts.fragment) == title
    # Nothing a browser or an HTML attribute would read specially is left as it is.
    assert re.search(r"[\s\"'<>\\^`{|}]", url) is None


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_title_stays_the_subject_of_a_mail(title: str):
    url = fill("mailto:tim@example.org?subject=Panduan%20{id}:%20{title}&body={url}", title)
    address, _, query = url.partition("?")
    assert address == "mailto:tim@example.org"
    # Mail programs do not read `+` as a space: spaces must come as %20.
    assert "+" not in query
    fields = dict(field.split("=", 1) for field in query.split("&"))
    assert sorted(fields) == ["body", "subject"]
    assert urllib.parse.unquote(fields["subject"]) == f"Panduan belum-dibayar: {title}"


def test_every_placeholder_is_filled():
    template = "https://example.org/?" + "&".join(f"{name}={{{name}}}" for name in PLACEHOLDERS)
    values = {"id": "cod", "title": "Bayar di tempat", "language": "en"}
    url = feedback_url(template, **values, reviewed="2026-11-28", url="https://s/cod/")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    expected = {**values, "reviewed": "2026-11-28", "url": "https://s/cod/"}
    assert {key: value[0] for key, value in query.items()} == expected


LISTED = "{id}, {title}, {language}, {reviewed}, {url}"
SCHEME_HINT = (
    "  hint: e.g. https://example.org/form?guide={id} or mailto:team@example.org?subject={title}"
)


@pytest.mark.parametrize(
    ("template", "problems"),
    [
        ("https://example.org/form?guide={id}", []),
        ("MAILTO:tim@example.org?subject={title}", []),
        ("http://127.0.0.1:8000/umpan-balik/?halaman={url}", []),
        (
            "javascript:alert({title})",
            [
                "the template's scheme 'javascript:' is not allowed: a feedback link must be an "
                "https:, http: or mailto: address\n" + SCHEME_HINT
            ],
        ),
        (
            "JavaScript:alert(1)",
            [
                "the template's scheme 'JavaScript:' is not allowed: a feedback link must be an "
                "https:, http: or mailto: address\n" + SCHEME_HINT
            ],
        ),
        (
            "data:text/html,{title}",
            [
                "the template's scheme 'data:' is not allowed: a feedback link must be an "
                "https:, http: or mailto: address\n" + SCHEME_HINT
            ],
        ),
        (
            "java\tscript:alert(1)",
            [
                "the template contains a space or a control character\n"
                "  hint: write a space as %20, and keep the address on one line",
                "the template has no scheme: a feedback link must be an https:, http: or mailto: "
                "address\n" + SCHEME_HINT,
            ],
        ),
        (
            "//example.org/form?guide={id}",
            [
                "the template has no scheme: a feedback link must be an https:, http: or mailto: "
                "address\n" + SCHEME_HINT
            ],
        ),
        (
            "https://example.org/form?guide={titel}",
            [
                "the template has an unknown placeholder '{titel}'\n"
                f"  hint: did you mean '{{title}}'? the placeholders are {LISTED}"
            ],
        ),
        (
            "https://example.org/form?guide={0}&x={title!r}",
            [
                "the template has an unknown placeholder '{0}'\n"
                f"  hint: the placeholders are {LISTED}",
                "the template has an unknown placeholder '{title!r}'\n"
                f"  hint: did you mean '{{title}}'? the placeholders are {LISTED}",
            ],
        ),
        (
            "https://example.org/form?guide={id",
            [
                "the template has a '{' that is not part of a placeholder\n"
                f"  hint: placeholders are {LISTED}; write a brace itself as %7B or %7D"
            ],
        ),
        (
            "https://{id}.example.org/",
            [
                "the template has a placeholder in its host; placeholders may stand only in the "
                "path, the query or the fragment\n"
                "  hint: write the host out, e.g. https://example.org/form?guide={id}"
            ],
        ),
        (
            "https:/example.org/",
            [
                "the template has no host after 'https:'\n"
                "  hint: write the whole address, e.g. https://example.org/form"
            ],
        ),
        ("  ", ["the template is empty\n  hint: give an https:// or mailto: address"]),
    ],
)
def test_templates_are_checked_with_every_mistake_reported(template: str, problems: list[str]):
    assert template_problems(template) == problems


def test_a_bad_template_is_never_filled():
    with pytest.raises(TemplateError) as error:
        fill("javascript:alert({title})", "x")
    assert error.value.problems == template_problems("javascript:alert({title})")


def test_the_link_text_is_in_every_table():
    assert all(table.words.get("feedback") for table in TABLES.words.values())
    assert set(TABLES.words) >= {"id", "en"}


# The renderer and the wizard's data


def at() -> Position:
    return Position("flows.yaml", 1, 1)


def text(value: str) -> Text:
    return Text({"id": value}, at())


TITLE = 'Batal "cepat" <b>& #1?'


def document(reviewed: dt.date | None = dt.date(2026, 11, 28)) -> Document:
    outcomes = {
        "cod": Outcome(
            "cod", text(f"**{TITLE}**"), (Step(text("Langkah"), at()),), at(), reviewed=reviewed
        ),
        "lain": Outcome("lain", text("Lain"), (Step(text("Langkah"), at()),), at()),
    }
    options = (Option(text("COD"), "cod", at(), at()), Option(text("Lain"), "lain", at(), at()))
    question = Question("bayar", text("Bayar?"), options, at())
    flow = Flow("batal", text("Batal"), "bayar", {"bayar": question}, outcomes, at(), at())
    return Document("flows.yaml", 1, ("id",), {"batal": flow})


FEEDBACK = "https://example.org/f?id={id}&t={title}&l={language}&r={reviewed}&u={url}"


def link_of(page_text: str) -> dict[str, str] | None:
    """The guide's feedback link as query fields, read the way a browser reads the page."""
    match = re.search(r'<p class="flows-feedback"[^>]*><a href="([^"]*)">([^<]*)</a>', page_text)
    if match is None:
        return None
    assert match[2] == TABLES["id"]["feedback"]
    query = urllib.parse.urlsplit(html.unescape(match[1])).query
    return {k: v[0] for k, v in urllib.parse.parse_qs(query, keep_blank_values=True).items()}


def test_guides_link_to_the_feedback_address_with_their_details():
    renderer = renderer_for(document(), site_url="https://panduan.example/situs", feedback=FEEDBACK)
    pages = {page.src_uri: page for page in renderer.pages()}
    assert link_of(pages["batal/cod.md"].text) == {
        "id": "cod",
        "t": TITLE,
        "l": "id",
        "r": "2026-11-28",
        "u": "https://panduan.example/situs/batal/cod/",
    }
    assert link_of(pages["batal/lain.md"].text)["r"] == ""


def test_without_a_feedback_address_guides_and_wizard_have_no_link():
    renderer = renderer_for(document(), site_url="https://panduan.example/")
    pages = renderer.pages()
    assert all("flows-feedback" not in page.text for page in pages)
    assert all('"f":' not in page.text for page in pages)
    assert link_of(renderer_for(document(), feedback=FEEDBACK).pages()[1].text) is not None


def test_the_wizard_carries_each_guides_feedback_link():
    doc = document()
    flow = doc.flows["batal"]
    words, urls = TABLES["id"].words, {outcome: f"{outcome}/" for outcome in flow.outcomes}
    links = {outcome: f"mailto:x@y?subject={outcome}" for outcome in flow.outcomes}
    data = wizard_data(flow, "id", words, urls, EditorText(), links).data
    assert {key: value["f"] for key, value in data["outcomes"].items()} == {
        "cod": "mailto:x@y?subject=cod",
        "lain": "mailto:x@y?subject=lain",
    }
    plain = wizard_data(flow, "id", words, urls, EditorText()).data
    assert all("f" not in outcome for outcome in plain["outcomes"].values())


def test_the_wizards_outcome_card_has_the_link_only_when_the_site_has_one():
    def card(renderer: Renderer) -> str:
        text = renderer.pages()[0].text
        start = text.index('<template data-flows-card="outcome"')
        return text[start : text.index("</template>", start)]

    with_link = card(renderer_for(document(), feedback=FEEDBACK))
    assert f'<p class="flows-feedback"><a href="./">{TABLES["id"]["feedback"]}</a></p>' in with_link
    assert "flows-feedback" not in card(renderer_for(document()))


def test_the_wizard_and_the_guide_page_carry_the_same_feedback_link():
    renderer = renderer_for(document(), site_url="https://panduan.example/", feedback=FEEDBACK)
    flow_page, guide = renderer.pages()[:2]
    match = re.search(r"data-flows-wizard='([^']*)'", flow_page.text)
    data = html.unescape(match[1])
    href = re.search(r'class="flows-feedback"[^>]*><a href="([^"]*)"', guide.text)[1]
    assert f'"f":"{html.unescape(href)}"' in data


def test_guides_name_the_site_and_their_own_address_for_print():
    renderer = renderer_for(document(), site_name="Toko <Kita>", site_url="https://panduan.example")
    guide = renderer.pages()[1].text
    source = re.search(r'<p class="flows-source"[^>]*>(.*)</p>', guide)[1]
    assert source == "<strong>Toko &lt;Kita&gt;</strong><br>https://panduan.example/batal/cod/"
    # Without a site_url the address is given from the site's root; without a name, none.
    assert "hidden>/batal/cod/</p>" in renderer_for(document()).pages()[1].text


# The plugin

MKDOCS_YML = """\
site_name: Toko
site_url: http://127.0.0.1:8000/toko/
theme:
  name: material
  language: id
plugins:
  - flows:
      feedback: {feedback}
"""

FLOWS_YAML = """\
version: 1
flows:
  batal:
    title: Batal
    start: cod
    outcomes:
      cod:
        title: "Bayar di tempat & <b>COD</b>?"
        steps:
          - Langkah
        reviewed: 2026-11-28
"""


def build(root: Path, feedback: str) -> Ran:
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Beranda\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(feedback=feedback))
    (root / "flows.yaml").write_text(FLOWS_YAML)
    return run_mkdocs_build(root, strict=True)


def test_the_site_links_each_guide_to_its_feedback_address(tmp_path: Path):
    result = build(tmp_path, "'mailto:tim@example.org?subject={title}&body={url}%0A{reviewed}'")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "batal" / "cod" / "index.html").read_text()
    href = re.search(r'<p class="flows-feedback"[^>]*><a href="([^"]*)"', page)[1]
    assert html.unescape(href) == (
        "mailto:tim@example.org?subject=Bayar%20di%20tempat%20%26%20%3Cb%3ECOD%3C%2Fb%3E%3F"
        "&body=http%3A%2F%2F127.0.0.1%3A8000%2Ftoko%2Fbatal%2Fcod%2F%0A2026-11-28"
    )


@pytest.mark.parametrize(
    ("feedback", "message"),
    [
        (
            "'javascript:alert({title})'",
            "mkdocs.yml:8:7: error FL017: the feedback link 'javascript:alert({title})' cannot be "
            "used: the template's scheme 'javascript:' is not allowed",
        ),
        (
            "'https://example.org/?t={titel}'",
            "mkdocs.yml:8:7: error FL017: the feedback link 'https://example.org/?t={titel}' "
            "cannot be used: the template has an unknown placeholder '{titel}'\n"
            f"  hint: did you mean '{{title}}'? the placeholders are {LISTED}",
        ),
        (
            "42",
            "mkdocs.yml:8:7: error FL015: the setting 'feedback' cannot be used as written\n"
            "  hint: give a URL template in quotes, e.g. `feedback: "
            "'https://example.org/form?guide={id}'`",
        ),
    ],
)
def test_a_bad_template_stops_the_build_naming_the_option(
    tmp_path: Path, feedback: str, message: str
):
    result = build(tmp_path, feedback)
    assert result.returncode == 1
    assert message in result.stderr
    assert not (tmp_path / "site").exists()
