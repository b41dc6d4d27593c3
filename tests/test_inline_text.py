"""Plain and bold-only text skip the Markdown converter, and come out exactly as it makes them."""

from __future__ import annotations

import string

import pytest
from helpers import renderer_for
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.format.model import Document, Position, Text
from generator.render.renderer import Renderer
from generator.site.markup import EditorText, _markdown

POS = Position("flows.yaml", 1, 1)
# Everything an editor types, with and without Markdown and HTML's special characters.
ALPHABET = string.printable + "éñüÄ—–“”‘’…•€¥αβ中文日本語한국어🙂\u00a0"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return renderer_for(Document("flows.yaml", 1, ("id",), {}))


def converted(source: str) -> str:
    """What the Markdown converter makes of `source`, as `Renderer.inline` uses it."""
    text = " ".join(source.split())
    return _markdown(inline=True).convert(text).removeprefix("<p>").removesuffix("</p>")


# No deadline: these check what the text becomes, not how fast; beside the tests that run in
# parallel (make test), an example may take longer than Hypothesis' 200 ms.
@settings(max_examples=500, deadline=None)
@given(source=st.text(alphabet=ALPHABET, max_size=60))
@example(source="Bayar di tempat (COD)")
@example(source="Sudah, tetapi pesanan belum dibatalkan: 100% #1 'ya' \"tidak\" ~ ^ = + - | {x}")
@example(source="1. Buka aplikasi")
@example(source="- bukan daftar")
@example(source="https://shop.tiktok.com/ tanpa tautan")
@example(source="  spasi   di   mana-mana  \n baris baru ")
def test_inline_text_is_what_markdown_makes_of_it(renderer: Renderer, source: str) -> None:
    assert str(renderer.inline(Text({"id": source}, POS))) == converted(source)


# Pieces of text with bold in it, and what may make it something else: spaces at the edges of
# the bold words, lone asterisks, list and heading markers, line breaks.
PIECES = ["Ketuk", "a", "é", "中", " ", "  ", "**", "**x**", "** x**", "**x **", "x**y", "*"]
PIECES += ["1.", "-", "+", "#", "=", ":", "'", '"', "(", ")", "\u00a0", "\u2028", "\n", "\n\n"]
PIECES += ["---", "%", "{x}"]
BOLD_TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@settings(max_examples=1000, deadline=None)
@given(source=BOLD_TEXT)
@example(source="Ketuk **Batalkan** lalu **Ya**")
@example(source="Ketuk ** Batalkan** ** ya **")
@example(source="a**b**c**d**")
@example(source="- **daftar**")
@example(source="Ketuk **x**\n\n**y**")
def test_bold_text_is_what_markdown_makes_of_it(source: str) -> None:
    text = EditorText()
    assert str(text.inline(source)) == converted(source)
    assert str(text.inline(source, links=False)) == converted(source)
    assert str(text.block(source)) == _markdown(inline=False).convert(source)


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("Ketuk **Batalkan**", "Ketuk <strong>Batalkan</strong>"),
        ("Kode `A_B`", "Kode <code>A_B</code>"),
        ("<b>tebal</b> & miring", "&lt;b&gt;tebal&lt;/b&gt; &amp; miring"),
        ("Lihat [bantuan](https://example.com)", 'Lihat <a href="https://example.com">bantuan</a>'),
    ],
)
def test_text_with_markup_still_goes_through_markdown(
    renderer: Renderer, source: str, html: str
) -> None:
    assert str(renderer.inline(Text({"id": source}, POS))) == html
