"""What each page tells search engines and link previews about itself, from the model.

A page's description (`<meta name="description">`), its Open Graph and Twitter card tags, and its
structured data (JSON-LD: schema.org `HowTo` on guides, `BreadcrumbList` on generated pages) are
worked out here, engine-free, in the page's language; the theme's `main.html` only writes them
into the head. Generated pages carry them in their front matter; hand-written pages get them from
the engine adapters, which call `Heads.written` with the page's source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from babel.core import get_global

from generator.format.model import Outcome, Position
from generator.format.problems import WARNING, Problem, problem
from generator.site.plan import FLOW, GUIDES, HOME, MAP, OUTCOME, QUESTION, PlannedPage, SitePlan

# Search engines show about this many characters of a description; previews fewer.
DESCRIPTION_LENGTH = 160
ELLIPSIS = "…"
SCHEMA = "https://schema.org"
# The page metadata keys the theme reads: Material's own `description`, and ours.
DESCRIPTION_KEY = "description"
HEAD_KEY = "flows_head"
# The guide's steps, as the step list of partials/steps.html.j2 numbers them.
STEP_ANCHOR = "flows-step-{n}"


def description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` (plain words) on one line, cut at a word boundary to at most `limit` characters,
    an ellipsis marking the cut."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - len(ELLIPSIS) + 1]
    space = cut.rfind(" ")
    # A single word longer than the limit is cut inside it rather than dropped.
    cut = cut[:space] if space > limit // 2 else cut[: limit - len(ELLIPSIS)]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def site_problems(languages: Sequence[str], site_url: str | None, config: str) -> list[Problem]:
    """A warning for a site of several languages without a `site_url` in `config` (mkdocs.yml as
    editors name it): its link previews and language links need full addresses."""
    if len(languages) < 2 or site_url:
        return []
    where = Position(config, 0, 0)
    return [problem(where, "FL041", severity=WARNING, languages=", ".join(languages))]


def og_locale(language: str) -> str:
    """A language as Open Graph writes a locale, with the territory CLDR finds likeliest:
    'id' -> 'id_ID', 'en' -> 'en_US'."""
    likely = get_global("likely_subtags").get(language, language)
    parts = likely.split("_")
    territory = next((part for part in parts[1:] if part.isupper() or part.isdigit()), "")
    return f"{language}_{territory}" if territory else language


@dataclass(frozen=True, slots=True)
class Head:
    """One page's description, preview tags and structured data.

    `tags` are (attribute, name, content) for `<meta {attribute}="{name}" content="…">`;
    `json_ld` is a JSON text safe inside a `<script>` element, or "" for none.
    """

    description: str
    tags: tuple[tuple[str, str, str], ...]
    json_ld: str = ""

    def meta(self) -> dict[str, Any]:
        """As page metadata for the theme (front matter, or an engine's page.meta)."""
        return {
            "tags": [{"attribute": a, "name": n, "content": c} for a, n, c in self.tags],
            "json_ld": self.json_ld,
        }


class Heads:
    """The heads of one language's pages; `site_name` is the site's name in that language."""

    def __init__(self, plan: SitePlan, language: str, site_name: str) -> None:
        self.plan = plan
        self.language = language
        self.site_name = site_name
        self.words = plan.words[language]

    # Generated pages

    def generated(self, planned: PlannedPage) -> Head:
        """The head of a generated page of this language."""
        text = self._generated_description(planned)
        title = self._title(planned)
        url = self._url(planned.src_uri)
        graph: list[dict[str, Any]] = [self._breadcrumbs(planned)]
        if planned.kind == OUTCOME and planned.flow is not None:
            outcome = planned.flow.outcomes[planned.node_id or ""]
            graph.insert(0, self._how_to(outcome, title, text, url))
        return Head(text, self._tags(title, text, planned.src_uri, "article"), _json_ld(graph))

    def _title(self, planned: PlannedPage) -> str:
        if planned.kind == MAP and planned.flow is not None:
            # The map's heading names its flow; its title in the nav does not need to.
            return self.words.format("map_title", flow=self._plain(planned.flow.title))
        return planned.title

    def _generated_description(self, planned: PlannedPage) -> str:
        plain = self._plain
        flow = planned.flow
        if planned.kind == GUIDES or flow is None:
            flows = self.plan.document.flows.values()
            total = sum(len(each.outcomes) for each in flows)
            guides = self.words.format("count_guides", n=total)
            counted = self.words.format("count_flows", n=len(self.plan.document.flows))
            return description(self.words.format("all_guides_intro", guides=guides, flows=counted))
        if planned.kind == FLOW:
            return description(plain(flow.summary) or plain(flow.title))
        if planned.kind == MAP:
            title = self.words.format("map_title", flow=plain(flow.title))
            return description(f"{title}. {self.words.format('map_intro')}")
        if planned.kind == QUESTION:
            question = flow.questions[planned.node_id or ""]
            return description(plain(question.help) or plain(question.text))
        outcome = flow.outcomes[planned.node_id or ""]
        steps = " ".join(plain(step.text) for step in outcome.steps)
        return description(plain(outcome.summary) or steps)

    def _how_to(self, outcome: Outcome, title: str, text: str, url: str) -> dict[str, Any]:
        """A guide as schema.org's HowTo: its steps in order, each with its anchor on the page."""
        steps = []
        for number, step in enumerate(outcome.steps, start=1):
            words = self._plain(step.text)
            detail = self._plain(step.detail)
            steps.append(
                {
                    "@type": "HowToStep",
                    "position": number,
                    "text": f"{words} {detail}" if detail else words,
                    "url": f"{url}#{STEP_ANCHOR.format(n=number)}",
                }
            )
        how_to: dict[str, Any] = {
            "@type": "HowTo",
            "name": title,
            "description": text,
            "inLanguage": self.language,
            "url": url,
            "step": steps,
        }
        if outcome.reviewed is not None:
            how_to["dateModified"] = outcome.reviewed.isoformat()
        return how_to

    def _breadcrumbs(self, planned: PlannedPage) -> dict[str, Any]:
        """The way from the language's home to the page: home, the flow, the page."""
        trail = [(self.site_name or self.plan.all_guides(self.language).title, HOME)]
        flow = planned.flow
        if flow is not None:
            flow_page = self.plan.page(self.language, FLOW, flow.id)
            trail.append((flow_page.title, flow_page.src_uri))
        if planned.kind != FLOW:
            trail.append((self._title(planned), planned.src_uri))
        items = [
            {"@type": "ListItem", "position": number, "name": name, "item": self._url(src_uri)}
            for number, (name, src_uri) in enumerate(trail, start=1)
        ]
        return {"@type": "BreadcrumbList", "itemListElement": items}

    # Hand-written pages

    def written(self, src_uri: str, source: str) -> tuple[str, Head]:
        """The head of a hand-written page of this language from its source (with its front
        matter): its `description`, else its first paragraph. Returns the description alone too,
        for the engines to put in the page's metadata when the front matter has none."""
        front, body = _split_front_matter(source)
        text = description(str(front.get("description") or "")) or self._first_paragraph(body)
        title = str(front.get("title") or "") or _first_heading(body) or self.site_name
        kind = "website" if src_uri == HOME else "article"
        return text, Head(text, self._tags(title, text, src_uri, kind))

    def home_description(self, source: str | None) -> str:
        """What the site is about in this language, for pages of no content (the 404 page): its
        home page's description, else that of the page of all guides."""
        if source is not None:
            text, _ = self.written(HOME, source)
            if text:
                return text
        return self._generated_description(self.plan.all_guides(self.language))

    def _first_paragraph(self, body: str) -> str:
        for block in _paragraphs(body):
            words = self.plan.text.plain(_ATTR_LIST.sub("", block))
            if words:
                return description(words)
        return ""

    # Shared

    def _tags(self, title: str, text: str, src_uri: str, kind: str) -> tuple[tuple[str, ...], ...]:
        tags: list[tuple[str, str, str]] = [
            ("property", "og:type", kind),
            ("property", "og:title", title),
        ]
        if text:
            tags.append(("property", "og:description", text))
        if self.plan.site_url:
            tags.append(("property", "og:url", self._url(src_uri)))
        if self.site_name:
            tags.append(("property", "og:site_name", self.site_name))
        tags.append(("property", "og:locale", og_locale(self.language)))
        for other in self.plan.languages:
            if other != self.language:
                tags.append(("property", "og:locale:alternate", og_locale(other)))
        image = self._image()
        if image:
            tags.append(("property", "og:image", image))
        # X (Twitter) reads the Open Graph tags for the rest of its card.
        tags.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
        return tuple(tags)

    def _image(self) -> str:
        # Link previews fetch the image from elsewhere: only a full address will do.
        image = self.plan.share_image_uri
        if not image or not self.plan.site_url:
            return ""
        return self.plan.site_url + self.plan.prefix(self.language) + image

    def _url(self, src_uri: str) -> str:
        return self.plan.absolute_url(self.language, src_uri)

    def _plain(self, text: Any) -> str:
        return self.plan.text.plain(text.get(self.language)) if text is not None else ""


def _json_ld(graph: list[Mapping[str, Any]]) -> str:
    """The graph as JSON-LD text that cannot end the `<script>` element holding it."""
    data = json.dumps(
        {"@context": SCHEMA, "@graph": graph}, ensure_ascii=False, separators=(",", ":")
    )
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
# Markdown's attribute lists, e.g. `{ .md-button }` or `{ lang=id hreflang=id }`.
_ATTR = r"(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]*))"
_ATTR_LIST = re.compile(rf"\{{:?[ \t]*{_ATTR}(?:[ \t]+{_ATTR})*[ \t]*\}}")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
# Lines that start something other than a paragraph: headings, HTML, lists, quotes, code,
# tables, admonitions, rules, attribute lists.
_NOT_PARAGRAPH = re.compile(r"^(#|<|[-*+]\s|\d+[.)]\s|>|```|~~~|\||!!!|\?\?\?|\{|---|\*\*\*|    )")


def _split_front_matter(source: str) -> tuple[dict[str, Any], str]:
    """A Markdown page's front matter (empty if it has none or it cannot be read) and body."""
    import yaml

    match = _FRONT.match(source)
    if match is None:
        return {}, source
    try:
        front = yaml.safe_load(match[1] or "") or {}
    except yaml.YAMLError:
        front = {}
    return (front if isinstance(front, dict) else {}), source[match.end() :]


def _first_heading(body: str) -> str:
    for line in body.splitlines():
        found = _HEADING.match(line)
        if found:
            return _ATTR_LIST.sub("", found[1]).strip()
    return ""


def _paragraphs(body: str) -> list[str]:
    """The paragraphs of a Markdown page, in order: runs of lines that start no other block."""
    found: list[str] = []
    lines: list[str] = []
    kind = ""  # of the block the line is in: "paragraph", "other", or "" between blocks
    fenced = False
    for line in [*body.splitlines(), ""]:
        if line.lstrip().startswith(("```", "~~~")):
            fenced, lines, kind = not fenced, [], ""
            continue
        if fenced:
            continue
        if not line.strip():
            if kind == "paragraph":
                found.append(" ".join(lines))
            lines, kind = [], ""
            continue
        if not kind:
            kind = "other" if _NOT_PARAGRAPH.match(line) else "paragraph"
        if kind == "paragraph":
            lines.append(line.strip())
    return found


__all__ = [
    "DESCRIPTION_KEY",
    "HEAD_KEY",
    "Head",
    "Heads",
    "description",
    "og_locale",
    "site_problems",
]
