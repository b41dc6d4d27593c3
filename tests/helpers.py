"""Helpers the test modules share: plans and renderers for models made in a test, a way to
read the words a built page shows in its own language, and the command line run in-process."""

from __future__ import annotations

import io
import os
import re
from contextlib import redirect_stderr, redirect_stdout
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, settings

from generator import cli
from generator.format.model import Document
from generator.render.renderer import Renderer
from generator.site.plan import SitePlan
from generator.site.words import Words, load_tables

TABLES = load_tables()


def plan_for(document: Document, **options: object) -> SitePlan:
    """The plan of `document`'s site with our own interface words (options as SitePlan's)."""
    return SitePlan(document, TABLES.words, **options)  # type: ignore[arg-type]


def renderer_for(
    document: Document,
    language: str | None = None,
    *,
    templates: str | None = None,
    site_name: str = "",
    feedback: str | None = None,
    **options,
) -> Renderer:
    """A renderer of one language (default: the first) of `document`'s site; `options` go to
    the plan (site_url, directory_urls, content)."""
    plan = plan_for(document, **options)
    return Renderer(
        plan,
        language or document.language,
        templates=templates,
        site_name=site_name,
        feedback=feedback,
    )


def render_page(document: Document, kind: str, flow_id: str, node_id: str | None = None):
    """The page of that kind, flow and node in `document`'s first language."""
    renderer = renderer_for(document)
    return renderer.render(renderer.plan.page(document.language, kind, flow_id, node_id))


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _PageText(HTMLParser):
    """Text a reader sees in a page's own language: not scripts, not parts marked `lang`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.page_language: str | None = None
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        if tag == "html":
            self.page_language = lang
        if tag not in _VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(tag in ("script", "style") for tag, _ in self.stack):
            return
        marked = [lang for _, lang in self.stack if lang]
        if not marked or marked[-1] == self.page_language:
            self.parts.append(data)


def page_text(page_html: str) -> tuple[str | None, str]:
    """The page's `<html lang>` and the text in that language, whitespace collapsed."""
    parser = _PageText()
    parser.feed(page_html)
    return parser.page_language, " ".join(" ".join(parser.parts).split())


def interface_words(words: Words) -> set[str]:
    """The fixed pieces of a table's words (between placeholders), long enough to tell apart.

    Not the language's own name: pages name the languages they can be read in.
    """
    pieces = {
        piece.strip(" .:,")
        for key, value in words.words.items()
        if key != "language_name"
        for piece in re.split(r"\{\w+\}", value)
    }
    return {piece for piece in pieces | set(words.months) if len(piece) >= 4}


def foreign_words(page_html: str, own: Words, other: Words) -> list[str]:
    """`other`'s interface words that the page shows in its own language's text."""
    _, text = page_text(page_html)
    candidates = interface_words(other) - interface_words(own)
    return sorted(
        word for word in candidates if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    )


def run_in_process(argv: list[str], folder: Path) -> tuple[int, str, str]:
    """`python -m generator ARGV` in `folder`, without a new interpreter."""
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(argv)
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


def same_examples(count: int) -> settings:
    """Hypothesis settings for `count` examples, the same ones on every run (so CI sees what
    the last run saw), however long each takes."""
    return settings(
        max_examples=count,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
