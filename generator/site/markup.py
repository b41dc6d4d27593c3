"""Editor text (inline Markdown) as safe HTML, and as the plain words a reader sees.

One converter for every place text shows up: pages, the wizard, the flow map, titles in the
navigation and search. Raw HTML in editor text is always shown as text, never passed through;
`javascript:` links and images from other hosts are dropped.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

import markdown
from markupsafe import Markup

# Links may go to web pages, mail and phone numbers, or stay on the site (no scheme).
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Text with none of these characters is left as it is by inline Markdown (nothing to mark up, and
# nothing to escape), so it can skip the converter, which costs more than the rest of a page.
_PLAIN = re.compile(r"[^\\`*_\[\]<>&!\x00-\x1f\x7f]*")
# Text whose only markup is bold (`**words**`, the words neither starting nor ending with a space)
# comes out with each pair of `**` made a <strong> element: the converter makes nothing else of
# it. Most editor text is plain or bold only; with this and _PLAIN it skips the converter.
_ORDINARY = r"[^\\`*_\[\]<>&!\x00-\x1f\x7f]"
_EDGE = r"[^\s\\`*_\[\]<>&!\x00-\x1f\x7f]"
_BOLD_ONLY = re.compile(rf"{_ORDINARY}*(?:\*\*{_EDGE}(?:{_ORDINARY}*{_EDGE})?\*\*{_ORDINARY}*)*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# A paragraph of one line that starts with a letter is no list, quote, code or heading.
_ONE_PARAGRAPH = re.compile(r"[^\W\d_][^\n]*(?<=\S)")
# Block structures an editor's text must not bring into a page: headings would break its outline.
_NO_BLOCKS = ("hashheader", "setextheader", "hr")
_LINK_TAGS = re.compile(r"<a\b[^>]*>|</a>")


class EditorText:
    """Converts editor text, remembering each result: guides repeat the same texts many times."""

    def __init__(self) -> None:
        self._inline: dict[tuple[str, bool], Markup] = {}
        self._block: dict[str, Markup] = {}
        self._plain: dict[str, str] = {}

    def inline(self, source: str, *, links: bool = True) -> Markup:
        """One line of Markdown as HTML (`links=False` inside a link of our own)."""
        key = (source, links)
        rendered = self._inline.get(key)
        if rendered is None:
            rendered = self._inline[key] = self._convert_inline(source, links)
        return rendered

    def block(self, source: str) -> Markup:
        """Markdown paragraphs and lists as HTML."""
        rendered = self._block.get(source)
        if rendered is None:
            rendered = self._block[source] = self._convert_block(source)
        return rendered

    def plain(self, source: str) -> str:
        """The words a reader sees, whitespace collapsed: the text of the inline HTML."""
        words = self._plain.get(source)
        if words is None:
            rendered = self.inline(source)
            words = str(rendered) if _PLAIN.fullmatch(rendered) else html_text(rendered)
            self._plain[source] = words
        return words

    # Made when first needed: with plain and bold-only text, a site may need neither.
    @functools.cached_property
    def _inline_md(self) -> markdown.Markdown:
        return _markdown(inline=True)

    @functools.cached_property
    def _block_md(self) -> markdown.Markdown:
        return _markdown(inline=False)

    def _convert_inline(self, source: str, links: bool) -> Markup:
        # One paragraph whatever the line breaks: list or heading syntax stays text.
        source = " ".join(source.split())
        if _PLAIN.fullmatch(source):
            return Markup(source)
        if _BOLD_ONLY.fullmatch(source):
            return Markup(_BOLD.sub(r"<strong>\1</strong>", source))
        rendered = self._inline_md.reset().convert(source)
        rendered = rendered.removeprefix("<p>").removesuffix("</p>")
        if not links:
            rendered = _LINK_TAGS.sub("", rendered)
        return Markup(rendered)

    def _convert_block(self, source: str) -> Markup:
        if _ONE_PARAGRAPH.fullmatch(source) and _BOLD_ONLY.fullmatch(source):
            return Markup("<p>" + _BOLD.sub(r"<strong>\1</strong>", source) + "</p>")
        return Markup(self._block_md.reset().convert(source))


def plain_text(source: str) -> str:
    """`source` (inline Markdown) reduced to the words a reader sees; for one-off uses."""
    return EditorText().plain(source)


def html_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment (images by their alt text), one line."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")
        elif tag == "br":
            self.parts.append(" ")


def _markdown(*, inline: bool) -> markdown.Markdown:
    """A Markdown converter that shows raw HTML as text and drops unsafe links."""
    md = markdown.Markdown(extensions=[_SafeLinks()])
    # With these two gone, `<b>` is ordinary text and comes out escaped.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    if inline:
        for name in list(md.parser.blockprocessors._priority):
            if name.name != "paragraph":
                md.parser.blockprocessors.deregister(name.name)
    else:
        for name in _NO_BLOCKS:
            md.parser.blockprocessors.deregister(name)
    return md


class _SafeLinks(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_SafeLinksProcessor(md), "flows_safe_links", 0)


class _SafeLinksProcessor(markdown.treeprocessors.Treeprocessor):
    """Drops `javascript:` and other unsafe links, and images from other hosts."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "a" and not _is_safe(child.get("href", ""), web=True):
                    del child.attrib["href"]
                elif child.tag == "img" and not _is_safe(child.get("src", ""), web=False):
                    # The site makes no request to other hosts: keep only the words.
                    index = list(parent).index(child)
                    parent.remove(child)
                    span = etree.Element("span")
                    span.text = child.get("alt", "")
                    span.tail = child.tail
                    parent.insert(index, span)


def _is_safe(url: str, *, web: bool) -> bool:
    """Whether a link (`web`) or an image source may stay: no script, no other host for images."""
    # Browsers decode entities and skip whitespace and control characters in a scheme.
    squeezed = "".join(ch for ch in html.unescape(url) if ord(ch) > 32).lower()
    if squeezed.startswith("//"):
        return web
    match = _SCHEME.match(squeezed)
    return match is None or (web and match.group(1) in _SAFE_SCHEMES)
