"""Turn the model into page text: Markdown files (mostly HTML blocks) for a static site engine.

Pure and engine-neutral: Jinja2 templates in `templates/` (overridable from a site's own folder)
render one page per flow, question and outcome. Editor text is inline Markdown; raw HTML in it is
always shown as text, never passed through.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Any

import jinja2
import markdown
from markupsafe import Markup, escape

from generator.feedback import feedback_url
from generator.flowmap import flow_map
from generator.model import (
    Document,
    Flow,
    Outcome,
    Position,
    Question,
    Text,
    count_paths,
    parents_of,
    paths_to,
    remaining_questions,
)
from generator.schema import MAP_SLUG
from generator.strings import MONTHS, strings_for
from generator.wizard import wizard_data

FLOW, QUESTION, OUTCOME, MAP = "flow", "question", "outcome", "map"

# Links may go to web pages, mail and phone numbers, or stay on the site (no scheme).
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_TAG = re.compile(r"<[^>]*>")
# Text with none of these characters is left as it is by inline Markdown (nothing to mark up, and
# nothing to escape), so it can skip the converter, which costs more than the rest of a page.
_PLAIN = re.compile(r"[^\\`*_\[\]<>&!\x00-\x1f\x7f]*")
# Block structures an editor's text must not bring into a page: headings would break its outline.
_NO_BLOCKS = ("hashheader", "setextheader", "hr")


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: its path in the docs tree, title (plain text) and Markdown text."""

    src_uri: str
    title: str
    text: str
    kind: str
    flow: Flow
    node_id: str | None
    pos: Position

    @property
    def in_nav(self) -> bool:
        """Question pages are reached through the wizard's links, not the sidebar."""
        return self.kind != QUESTION


@dataclass(frozen=True, slots=True)
class _Tree:
    """What the pages of a flow need to know about its whole tree, worked out once per flow.

    Each is linear in the flow's size; worked out per page, a 10,000-node flow took minutes.
    """

    flow: Flow
    remaining: dict[str, int]
    counts: dict[str, int]
    parents: dict[str, list[str]]


def page_path(flow: Flow, node_id: str | None = None) -> str:
    """Where a flow's page (`node_id` None) or a node's page lives in the docs tree."""
    return f"{flow.id}/index.md" if node_id is None else f"{flow.id}/{node_id}.md"


class Renderer:
    """Renders every page of a Document with Jinja2 templates.

    `templates` is a folder whose files take precedence over the packaged ones; `directory_urls`
    says whether `a/b.md` is served at `a/b/` (the MkDocs default) or at `a/b.html`. `site_name`
    and `site_url` go on printed guides; `feedback` is a URL template (see generator.feedback).
    """

    def __init__(
        self,
        document: Document,
        *,
        templates: str | None = None,
        directory_urls: bool = True,
        site_name: str = "",
        site_url: str | None = None,
        feedback: str | None = None,
    ) -> None:
        self.document = document
        self.site_name = site_name
        # Without a site_url, a page's address is given from the site's root.
        self.site_url = (site_url or "/").rstrip("/") + "/"
        self.feedback = feedback
        self.language = document.language
        self.directory_urls = directory_urls
        self.strings = strings_for(self.language)
        loaders: list[jinja2.BaseLoader] = []
        if templates is not None:
            loaders.append(jinja2.FileSystemLoader(templates))
        loaders.append(jinja2.PackageLoader("generator", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            inline=self.inline, block=self.block, plain=self.plain, date=self.date, slug=slug
        )
        self.env.globals.update(t=self.strings, tr=self.tr, time=self.time, map_slug=MAP_SLUG)
        self._inline_md = _markdown(inline=True)
        self._block_md = _markdown(inline=False)
        self._cache: dict[tuple[str, str], str] = {}
        self._inline_cache: dict[tuple[str, bool], Markup] = {}
        self._trees: dict[str, _Tree] = {}

    # Pages

    def pages(self) -> list[Page]:
        """All pages of all flows: per flow its page, then its guides, then its questions."""
        pages: list[Page] = []
        for flow in self.document.flows.values():
            pages.append(self.flow_page(flow))
            pages.extend(self.outcome_page(flow, outcome) for outcome in flow.outcomes.values())
            pages.extend(self.question_page(flow, q) for q in flow.questions.values())
            pages.append(self.map_page(flow))
        return pages

    def flow_page(self, flow: Flow) -> Page:
        """The flow's page: title, summary, the wizard (with its no-script fallback), all guides."""

        def url_for(outcome_id: str) -> str:
            return self._relative(page_path(flow), self._url(page_path(flow, outcome_id)))

        def feedback_for(outcome_id: str) -> str:
            return self._feedback(flow, flow.outcomes[outcome_id])

        data = wizard_data(flow, self.document, url_for, feedback_for if self.feedback else None)
        return self._page(
            "flow.md.j2",
            FLOW,
            flow,
            None,
            flow.title,
            flow.pos,
            question=flow.questions.get(flow.start),
            remaining=self._tree(flow).remaining.get(flow.start, 0),
            wizard=_single_quoted(json.dumps(data, ensure_ascii=False, separators=(",", ":"))),
        )

    def question_page(self, flow: Flow, question: Question) -> Page:
        """A page per question, so the whole journey works as links without JavaScript."""
        return self._page(
            "question.md.j2",
            QUESTION,
            flow,
            question.id,
            question.text,
            question.pos,
            question=question,
            remaining=self._tree(flow).remaining.get(question.id, 1),
        )

    def outcome_page(self, flow: Flow, outcome: Outcome) -> Page:
        """A guide: who it is for (the answer paths leading here), steps, notes, review date."""
        tree = self._tree(flow)
        paths = paths_to(flow, outcome.id, parents=tree.parents)
        return self._page(
            "outcome.md.j2",
            OUTCOME,
            flow,
            outcome.id,
            outcome.title,
            outcome.pos,
            outcome=outcome,
            paths=paths,
            more_paths=tree.counts.get(outcome.id, 0) - len(paths),
            feedback_url=self._feedback(flow, outcome),
        )

    def _feedback(self, flow: Flow, outcome: Outcome) -> str:
        """The guide's feedback link, or "" when the site has none."""
        if not self.feedback:
            return ""
        return feedback_url(
            self.feedback,
            id=outcome.id,
            title=self.plain(outcome.title),
            language=self.language,
            reviewed=outcome.reviewed.isoformat() if outcome.reviewed else "",
            url=self.site_url + self._url(page_path(flow, outcome.id)),
        )

    def map_page(self, flow: Flow) -> Page:
        """The flow's map: its tree drawn as linked boxes (laid out at build time), and as lists."""
        src_uri = page_path(flow, MAP_SLUG)

        def url_for(node_id: str) -> str:
            return self._relative(src_uri, self._url(page_path(flow, node_id)))

        drawing = flow_map(flow, self.language, url_for)
        return self._page(
            "map.md.j2",
            MAP,
            flow,
            MAP_SLUG,
            Text({self.language: self.strings["map"]}, flow.pos),
            flow.pos,
            map_svg=Markup(drawing.svg),
            map_outline=Markup(drawing.outline_html),
        )

    def _tree(self, flow: Flow) -> _Tree:
        tree = self._trees.get(flow.id)
        if tree is None or tree.flow is not flow:
            tree = _Tree(flow, remaining_questions(flow), count_paths(flow), parents_of(flow))
            self._trees[flow.id] = tree
        return tree

    def _page(
        self,
        template: str,
        kind: str,
        flow: Flow,
        node_id: str | None,
        title: Text,
        pos: Position,
        **context: Any,
    ) -> Page:
        src_uri = page_path(flow, node_id)
        plain_title = self.plain(title)
        meta: dict[str, Any] = {"title": html.escape(plain_title, quote=False)}
        if kind == QUESTION:
            meta["search"] = {"exclude": True}
        # The pages are short and their headings are HTML, which a table of contents skips.
        meta["hide"] = ["toc"]
        # JSON is YAML: the title needs no quoting rules of its own.
        front_matter = "".join(
            f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()
        )

        def url(target: str | None = None) -> str:
            """Link to node `target`'s page, or to the flow's page."""
            return self._relative(src_uri, self._url(page_path(flow, target)))

        text = self.env.get_template(template).render(
            front_matter=Markup(f"---\n{front_matter}---\n"),
            document=self.document,
            flow=flow,
            url=url,
            kind=kind,
            site_name=self.site_name,
            page_url=self.site_url + self._url(src_uri),
            **context,
        )
        return Page(src_uri, plain_title, text, kind, flow, node_id, pos)

    # URLs

    def _url(self, src_uri: str) -> str:
        """The URL of a page in the docs tree, relative to the site root."""
        stem = src_uri.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    def _relative(self, from_src_uri: str, to_url: str) -> str:
        """`to_url` (relative to the site root) as seen from the page at `from_src_uri`."""
        here = self._url(from_src_uri)
        base = here if here.endswith("/") else posixpath.dirname(here)
        relative = posixpath.relpath(to_url or ".", base or ".")
        if to_url == "" or to_url.endswith("/"):
            return "./" if relative == "." else f"{relative}/"
        return relative

    # Filters

    def inline(self, text: Text | None, links: bool = True) -> Markup:
        """Inline Markdown as HTML (one line; `links=False` inside a link of our own)."""
        if text is None:
            return Markup("")
        # Guides list the questions and answers of every path that leads to them: in a large
        # flow the same few texts come up tens of thousands of times.
        key = (text.get(self.language), links)
        rendered = self._inline_cache.get(key)
        if rendered is None:
            rendered = self._inline_cache[key] = self._inline(*key)
        return rendered

    def _inline(self, text: str, links: bool) -> Markup:
        # One paragraph whatever the line breaks: list or heading syntax stays text.
        source = " ".join(text.split())
        if _PLAIN.fullmatch(source):
            return Markup(source)
        rendered = self._convert("inline", source, self._inline_md)
        rendered = rendered.removeprefix("<p>").removesuffix("</p>")
        if not links:
            rendered = re.sub(r"<a\b[^>]*>|</a>", "", rendered)
        return Markup(rendered)

    def block(self, text: Text | None) -> Markup:
        """Markdown paragraphs and lists as HTML."""
        if text is None:
            return Markup("")
        return Markup(self._convert("block", text.get(self.language), self._block_md))

    def plain(self, text: Text | None) -> str:
        """The words a reader sees, without markup (for titles, navigation and search)."""
        return html.unescape(_TAG.sub("", self.inline(text))) if text is not None else ""

    def date(self, day: dt.date) -> str:
        """A date as people write it, e.g. 28 November 2026."""
        months = MONTHS.get(self.language, MONTHS["id"])
        return f"{day.day} {months[day.month - 1]} {day.year}"

    def time(self, day: dt.date) -> Markup:
        """A date in a `<time>` element, for readers and for machines."""
        return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), self.date(day))

    def tr(self, key: str, **values: Any) -> Markup:
        """Interface words with their placeholders filled in (values are escaped unless Markup)."""
        return Markup(escape(self.strings[key])).format(**values)

    def _convert(self, kind: str, source: str, md: markdown.Markdown) -> str:
        key = (kind, source)
        if key not in self._cache:
            self._cache[key] = md.reset().convert(source)
        return self._cache[key]


def slug(text: str) -> str:
    """A heading's words as an anchor, e.g. 'Langkah-langkah' -> 'langkah-langkah'."""
    return "-".join(re.findall(r"\w+", text.lower())) or "top"


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


def _single_quoted(value: str) -> Markup:
    """`value` escaped for an attribute in single quotes.

    JSON is full of double quotes: escaping each as `&#34;` made a large flow's page half as big
    again, while JSON holds few single quotes.
    """
    escaped = value.replace("&", "&amp;").replace("'", "&#39;")
    return Markup(escaped.replace("<", "&lt;").replace(">", "&gt;"))
