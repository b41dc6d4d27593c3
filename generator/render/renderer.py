"""Turn the model into page text: Markdown files (mostly HTML blocks) for a static site engine.

Pure and engine-neutral: Jinja2 templates in `templates/` (overridable from a site's own folder)
render one page per flow, question and outcome. Editor text is inline Markdown; raw HTML in it is
always shown as text, never passed through.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import json
import re
from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from generator.format.links import FENCE, SCHEME, flow_texts, page_runs, run_problems
from generator.format.model import (
    Flow,
    Option,
    Outcome,
    Position,
    Question,
    Text,
    count_paths,
    moved_to,
    parents_of,
    paths_to,
    remaining_questions,
)
from generator.format.problems import Problem, closest, problem, sort_problems
from generator.render.feedback import feedback_url
from generator.render.flowmap import flow_map
from generator.render.wizard import carries_guides, wizard_data
from generator.site.meta import DESCRIPTION_KEY, HEAD_KEY, Heads
from generator.site.plan import (
    FLOW,
    GUIDES,
    MAP,
    OUTCOME,
    QUESTION,
    PlannedPage,
    Redirect,
    SitePlan,
    relative,
)

# Of each answer path on a guide's page, the steps nearest the guide that the site search indexes
# (partials/paths.html.j2 says why not all of them).
SEARCHED_PATH_STEPS = 2

__all__ = [
    "FLOW",
    "GUIDES",
    "MAP",
    "OUTCOME",
    "QUESTION",
    "Page",
    "RedirectPage",
    "Renderer",
    "content_lists",
    "slug",
]

# A flow page lists this many of its guides, then links to the rest on the all-guides page:
# a 5,000-guide flow's page would otherwise carry 5,000 links.
FLOW_PAGE_GUIDES = 50
# A flow's list on the all-guides page gets a row of initial letters from this many guides.
LETTERS_FROM = 20


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: where the plan puts it, and its text (Markdown, mostly HTML)."""

    planned: PlannedPage
    text: str

    @property
    def src_uri(self) -> str:
        return self.planned.src_uri

    @property
    def title(self) -> str:
        return self.planned.title

    @property
    def kind(self) -> str:
        return self.planned.kind

    @property
    def flow(self) -> Flow | None:
        return self.planned.flow

    @property
    def node_id(self) -> str | None:
        return self.planned.node_id

    @property
    def pos(self) -> Position:
        return self.planned.pos

    @property
    def in_nav(self) -> bool:
        return self.planned.in_nav


@dataclass(frozen=True, slots=True)
class RedirectPage:
    """The page at an old address (a whole HTML file, see `plan.Redirect`) and its text."""

    redirect: Redirect
    text: str

    @property
    def src_uri(self) -> str:
        return self.redirect.src_uri


@dataclass(frozen=True, slots=True)
class _Tree:
    """What the pages of a flow need to know about its whole tree, worked out once per flow.

    Each is linear in the flow's size; worked out per page, a 10,000-node flow took minutes.
    """

    flow: Flow
    remaining: dict[str, int]
    counts: dict[str, int]
    parents: dict[str, list[str]]


class Renderer:
    """Renders the generated pages of one language of a site plan with Jinja2 templates.

    `templates` is a folder whose files take precedence over the packaged ones; `site_name` goes
    on printed guides and in link previews; `feedback` is the site's URL template for readers'
    reports, if any.
    """

    def __init__(
        self,
        plan: SitePlan,
        language: str,
        *,
        templates: str | None = None,
        site_name: str = "",
        feedback: str | None = None,
    ) -> None:
        self.plan = plan
        self.language = language
        self.site_name = site_name  # printed on guides, with the page's address
        self.feedback = feedback  # a URL template (generator.render.feedback), or None for no link
        self.words = plan.words[language]
        self.text = plan.text
        loaders: list[jinja2.BaseLoader] = []
        if templates is not None:
            loaders.append(jinja2.FileSystemLoader(templates))
        loaders.append(jinja2.PackageLoader("generator.render", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # A renderer lasts one build: a page asking again for a template (every include
            # does) need not see whether its file changed.
            auto_reload=False,
            bytecode_cache=_bytecode_cache(),
        )
        self.env.filters.update(
            inline=self._inline_here,
            block=self._block_here,
            plain=self.plain,
            date=self.date,
            slug=slug,
        )
        self.env.globals.update(t=self.words.words, tr=self.tr, time=self.time, language=language)
        self._trees: dict[str, _Tree] = {}
        self._owners: dict[int, str] | None = None
        self._here: str | None = None  # the page being rendered, as a path in the docs tree
        # Descriptions, link previews and structured data (generator/site/meta.py).
        self.heads = Heads(plan, language, site_name)

    # Pages

    def pages(self) -> list[Page]:
        """Every generated page of the language, in the plan's order."""
        return [self.render(planned) for planned in self.plan.pages(self.language)]

    def redirects(self) -> list[RedirectPage]:
        """The pages of the language at old addresses, in the plan's order."""
        return [self.render_redirect(redirect) for redirect in self.plan.redirects(self.language)]

    def render_redirect(self, redirect: Redirect) -> RedirectPage:
        """The page at an old address, sending readers on to the page that took its place."""
        target = redirect.target
        href = relative(redirect.url, target.url)
        canonical = (
            self.plan.absolute_url(self.language, target.src_uri) if self.plan.site_url else href
        )
        link = Markup('<a href="{}">{}</a>').format(href, target.title)
        text = self.env.get_template("redirect.html.j2").render(
            href=href, canonical=canonical, link=link
        )
        return RedirectPage(redirect, text)

    def render(self, planned: PlannedPage) -> Page:
        """The text of one planned page of this renderer's language."""
        flow = planned.flow
        if planned.kind == GUIDES or flow is None:
            return self._all_guides_page(planned)
        if planned.kind == FLOW:
            return self._flow_page(planned)
        if planned.kind == MAP:
            return self._map_page(planned)
        if planned.kind == QUESTION:
            return self._question_page(planned, flow.questions[planned.node_id or ""])
        return self._outcome_page(planned, flow.outcomes[planned.node_id or ""])

    def _flow_page(self, planned: PlannedPage) -> Page:
        """The flow's page: title, summary, the wizard (with its no-script fallback), all guides."""
        flow = planned.flow
        guide_urls = {
            outcome_id: self.plan.link(planned.src_uri, self._node_src(flow, outcome_id))
            for outcome_id in flow.outcomes
        }
        feedback = {o.id: self._feedback(flow, o) for o in flow.outcomes.values()}
        moved, moved_away = self._moved(planned)
        wizard = wizard_data(
            flow,
            self.language,
            self.words.words,
            guide_urls,
            _Seen(self, flow.id, planned.src_uri),
            feedback if self.feedback else None,
            moved,
            moved_away,
        )
        all_guides = self.plan.all_guides(self.language).src_uri
        more = self.plan.link(planned.src_uri, all_guides) + "#" + self.plan.guides_anchor(flow.id)
        data = json.dumps(wizard.data, ensure_ascii=False, separators=(",", ":"))
        return self._page(
            "flow.md.j2",
            planned,
            guides=list(flow.outcomes.values())[:FLOW_PAGE_GUIDES],
            more_guides=max(0, len(flow.outcomes) - FLOW_PAGE_GUIDES),
            more_guides_url=more,
            question=flow.questions.get(flow.start),
            remaining=self._tree(flow).remaining.get(flow.start, 0),
            wizard=_single_quoted(data),
            wizard_texts=wizard.texts,
            card_question=_card_question(flow, self.language),
            carried_guides=list(flow.outcomes.values()) if carries_guides(flow) else [],
            feedback=bool(self.feedback),
        )

    def _moved(self, planned: PlannedPage) -> tuple[dict[str, str], dict[str, str]]:
        """The flow's old ids and where each leads now: an id of the same flow, or else the
        address of another flow's page (as seen from the flow's page)."""
        flow = planned.flow
        here: dict[str, str] = {}
        away: dict[str, str] = {}
        for old in flow.moved:
            now = moved_to(self.plan.document, (flow.id, old))
            if now is None:
                continue
            if now[0] == flow.id and now[1] is not None:
                here[old] = now[1]
            else:
                target = self.plan.place_page(self.language, now).src_uri
                away[old] = self.plan.link(planned.src_uri, target)
        return here, away

    def _question_page(self, planned: PlannedPage, question: Question) -> Page:
        """A page per question, so the whole journey works as links without JavaScript."""
        return self._page(
            "question.md.j2",
            planned,
            question=question,
            remaining=self._tree(planned.flow).remaining.get(question.id, 1),
        )

    def _outcome_page(self, planned: PlannedPage, outcome: Outcome) -> Page:
        """A guide: who it is for (the answer paths leading here), steps, notes, review date."""
        flow = planned.flow
        tree = self._tree(flow)
        paths = paths_to(flow, outcome.id, parents=tree.parents)
        return self._page(
            "outcome.md.j2",
            planned,
            outcome=outcome,
            paths=paths,
            more_paths=tree.counts.get(outcome.id, 0) - len(paths),
            searched_steps=SEARCHED_PATH_STEPS,
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
            url=self.plan.absolute_url(self.language, self._node_src(flow, outcome.id)),
        )

    def _map_page(self, planned: PlannedPage) -> Page:
        """The flow's map: its tree drawn as linked boxes (laid out at build time), and as lists."""
        flow = planned.flow

        def url_for(node_id: str) -> str:
            return self.plan.link(planned.src_uri, self._node_src(flow, node_id))

        def plain(source: str) -> str:
            return self.text.plain(self.plan.resolved(source, self.language, flow.id))

        drawing = flow_map(flow, self.language, self.words.words, url_for, plain)
        return self._page(
            "map.md.j2",
            planned,
            map_svg=Markup(drawing.svg),
            map_outline=Markup(drawing.outline_html),
        )

    def _all_guides_page(self, planned: PlannedPage) -> Page:
        """Every guide of the site by flow, A to Z within each, with jump links to each letter."""
        sections = []
        for flow in self.plan.document.flows.values():
            guides = sorted(
                (self.plain(outcome.title).casefold(), outcome)
                for outcome in flow.outcomes.values()
            )
            letters: dict[str, list[dict[str, Any]]] = {}
            for key, outcome in guides:
                letter = key[:1].upper() if key[:1].isalpha() else "#"
                link = self.plan.link(planned.src_uri, self._node_src(flow, outcome.id))
                letters.setdefault(letter, []).append({"outcome": outcome, "url": link})
            anchors = {
                letter: self.plan.guides_anchor(flow.id, "0" if letter == "#" else letter)
                for letter in letters
            }
            flow_src = self.plan.page(self.language, FLOW, flow.id).src_uri
            sections.append(
                {
                    "flow": flow,
                    "anchor": self.plan.guides_anchor(flow.id),
                    "url": self.plan.link(planned.src_uri, flow_src),
                    "letters": letters if len(guides) >= LETTERS_FROM else {},
                    "anchors": anchors,
                    "guides": [{"outcome": o, "url": u} for o, u in _flat(letters)],
                }
            )
        total = sum(len(flow.outcomes) for flow in self.plan.document.flows.values())
        self._here = planned.src_uri
        text = self.env.get_template("all-guides.md.j2").render(
            front_matter=self._front_matter(planned),
            sections=sections,
            total=total,
        )
        return Page(planned, text)

    def _node_src(self, flow: Flow, node_id: str) -> str:
        return self.plan.node_page(self.language, flow, node_id).src_uri

    def _tree(self, flow: Flow) -> _Tree:
        tree = self._trees.get(flow.id)
        if tree is None or tree.flow is not flow:
            tree = _Tree(flow, remaining_questions(flow), count_paths(flow), parents_of(flow))
            self._trees[flow.id] = tree
        return tree

    def _front_matter(self, planned: PlannedPage) -> Markup:
        src_uri = planned.src_uri
        meta: dict[str, Any] = {"title": html.escape(planned.title, quote=False)}
        if not planned.searchable:
            meta["search"] = {"exclude": True}
        # The pages are short and their headings are HTML, which a table of contents skips.
        meta["hide"] = ["toc"]
        alternates = self.plan.alternates_meta(self.language, src_uri)
        if alternates:
            meta["alternates"] = alternates
        head = self.heads.generated(planned)
        meta[DESCRIPTION_KEY] = head.description
        meta[HEAD_KEY] = head.meta()
        # JSON is YAML: the title needs no quoting rules of its own.
        front_matter = "".join(
            f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()
        )
        return Markup(f"---\n{front_matter}---\n")

    def _page(self, template: str, planned: PlannedPage, **context: Any) -> Page:
        flow = planned.flow
        assert flow is not None  # pages of the whole site have their own method
        src_uri = planned.src_uri
        flow_src = self.plan.page(self.language, FLOW, flow.id).src_uri
        map_src = self.plan.page(self.language, MAP, flow.id).src_uri

        def url(target: str | None = None) -> str:
            """Link to node `target`'s page, or to the flow's page."""
            to = flow_src if target is None else self._node_src(flow, target)
            return self.plan.link(src_uri, to)

        self._here = src_uri
        text = self.env.get_template(template).render(
            front_matter=self._front_matter(planned),
            flow=flow,
            url=url,
            map_url=self.plan.link(src_uri, map_src),
            kind=planned.kind,
            site_name=self.site_name,
            page_url=self.plan.absolute_url(self.language, src_uri),
            **context,
        )
        return Page(planned, text)

    # Filters

    def inline(self, text: Text | None, links: bool = True, here: str | None = None) -> Markup:
        """Inline Markdown as HTML (one line; `links=False` inside a link of our own), its
        links by id leading from the page at `here`."""
        if text is None:
            return Markup("")
        return self.text.inline(self._source(text, here), links=links)

    def block(self, text: Text | None, here: str | None = None) -> Markup:
        """Markdown paragraphs and lists as HTML, links by id leading from the page at `here`."""
        if text is None:
            return Markup("")
        return self.text.block(self._source(text, here))

    def plain(self, text: Text | None) -> str:
        """The words a reader sees, without markup (for titles, navigation and search)."""
        return self.text.plain(self._source(text, None)) if text is not None else ""

    # The filters: links by id lead from the page being rendered. (Not from the template's
    # context: Jinja decides at compile time whether a filter takes it, and compiled templates
    # are kept from one build to the next.)

    def _inline_here(self, text: Text | None, links: bool = True) -> Markup:
        return self.inline(text, links, self._here)

    def _block_here(self, text: Text | None) -> Markup:
        return self.block(text, self._here)

    def _source(self, text: Text, here: str | None) -> str:
        """The text's Markdown in this language, with its links by id made the site's (see
        site/links.py): from the page at `here`, or their words alone when it is None."""
        source = text.get(self.language)
        if SCHEME not in source:
            return source
        return self.plan.resolved(source, self.language, self._owner(text), here)

    def _owner(self, text: Text) -> str | None:
        """The flow whose text `text` is: its links' bare ids are that flow's nodes."""
        if self._owners is None:
            self._owners = {
                id(item): flow.id
                for flow in self.plan.document.flows.values()
                for item in flow_texts(flow)
            }
        return self._owners.get(id(text))

    def date(self, day: dt.date) -> str:
        """A date as CLDR says the page's language writes it in full, e.g. 28 November 2026."""
        return self.words.date(day)

    def time(self, day: dt.date) -> Markup:
        """A date in a `<time>` element, for readers and for machines."""
        return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), self.date(day))

    def tr(self, key: str, **values: Any) -> Markup:
        """Interface words with their placeholders filled in (values are escaped unless Markup);
        of a sentence with a count, the form its `n` takes."""
        return Markup(escape(self.words.sentence(key, values.get("n")))).format(**values)


class _Seen:
    """Editor text of one flow as the page at `here` shows it: the wizard's converter."""

    def __init__(self, renderer: Renderer, flow_id: str, here: str) -> None:
        self.renderer = renderer
        self.flow_id = flow_id
        self.here = here

    def _source(self, source: str) -> str:
        renderer = self.renderer
        return renderer.plan.resolved(source, renderer.language, self.flow_id, self.here)

    def inline(self, source: str, *, links: bool = True) -> Markup:
        return self.renderer.text.inline(self._source(source), links=links)

    def block(self, source: str) -> Markup:
        return self.renderer.text.block(self._source(source))


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates, kept from one build to the next (Jinja's own cache, in a folder of
    the user's own in the temporary folder): compiling ours took about 30 ms a language.

    A template whose text changed is compiled again; a cache that cannot be read or written
    only means compiling, never a failed build.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@functools.cache
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _TemplateCache()
    except (OSError, RuntimeError):  # no temporary folder of our own: compile every time
        return None


# A generated list in a hand-written page: a line of its own, e.g. <!-- flows: guides pesanan -->.
_LIST = re.compile(r"<!--\s*flows:\s*(\S*)\s*(.*?)\s*-->[ \t]*")
LISTS = ("guides", "flows")  # a flow's guides; every flow of the site


def content_lists(
    text: str,
    plan: SitePlan,
    language: str,
    src_uri: str,
    display: str,
    first_line: int = 1,
) -> tuple[str, list[Problem]]:
    """`text` (a hand-written page of `language` at `src_uri`) with its list placeholders and
    its links by id replaced.

    `<!-- flows: guides FLOW -->` becomes the links to FLOW's guides, `<!-- flows: flows -->` the
    links to every flow, as HTML with links relative to the page; `[](guide:flow/id)` a link to
    that page (see site/links.py). Lines in code blocks and the front matter stay as they are.
    Problems name `display` (the page as editors know it) and the line, counting the text's
    first line as `first_line`.
    """
    flows = plan.document.flows
    problems: list[Problem] = []
    lines = text.split("\n")
    # Links first: each keeps its line, so problems in the lists below count lines alike.
    for first, last in page_runs(lines) if SCHEME in text else ():
        chunk = "\n".join(lines[first : last + 1])
        if SCHEME in chunk:
            problems += run_problems(plan.document, chunk, display, first_line + first)
            lines[first : last + 1] = plan.resolved(chunk, language, None, src_uri).split("\n")
    fence = ""
    for number, line in enumerate(lines):
        opened = FENCE.match(line)
        if opened and (not fence or opened[1].startswith(fence)):
            fence = "" if fence else opened[1]
            continue
        found = None if fence else _LIST.fullmatch(line)
        if found is None:
            continue
        kind, flow_id = found[1], found[2]
        where = Position(display, first_line + number, 1)
        if kind not in LISTS or (kind == "flows") != (flow_id == ""):
            problems.append(problem(where, "FL013", list=line.strip(), flows=", ".join(flows)))
            continue
        if kind == "guides" and flow_id not in flows:
            match = closest(flow_id, flows)
            hint = "close" if match else "known"
            problems.append(
                problem(
                    where, "FL012", hint=hint, flow=flow_id, match=match or "", ids=", ".join(flows)
                )
            )
            continue
        if kind == "flows":
            targets = [
                (plan.page(language, FLOW, flow.id).src_uri, flow.title, flow.id)
                for flow in flows.values()
            ]
        else:
            flow = flows[flow_id]
            targets = [
                (plan.node_page(language, flow, outcome.id).src_uri, outcome.title, flow.id)
                for outcome in flow.outcomes.values()
            ]
        items = "".join(
            Markup('<li><a href="{}">{}</a></li>\n').format(
                plan.link(src_uri, target),
                plan.text.inline(plan.resolved(title.get(language), language, owner), links=False),
            )
            for target, title, owner in targets
        )
        # An HTML block of its own: the blank line ends it whatever follows in the page.
        lines[number] = f'<ul class="flows-list flows-list--{kind}">\n{items}</ul>\n'
    return "\n".join(lines), sort_problems(problems)


def slug(text: str) -> str:
    """A heading's words as an anchor, e.g. 'Langkah-langkah' -> 'langkah-langkah'."""
    return "-".join(re.findall(r"\w+", text.lower())) or "top"


def _flat(letters: dict[str, list[dict[str, Any]]]) -> list[tuple[Outcome, str]]:
    return [(item["outcome"], item["url"]) for items in letters.values() for item in items]


def _card_question(flow: Flow, language: str) -> Question:
    """A question with no words, help and one option: the wizard fills in its card's copy."""
    empty = Text({language: ""}, flow.pos)
    option = Option(empty, flow.start, flow.pos, flow.pos)
    return Question("", empty, (option,), flow.pos, help=empty)


def _single_quoted(value: str) -> Markup:
    """`value` escaped for an attribute in single quotes.

    JSON is full of double quotes: escaping each as `&#34;` made a large flow's page half as big
    again, while JSON holds few single quotes.
    """
    escaped = value.replace("&", "&amp;").replace("'", "&#39;")
    return Markup(escaped.replace("<", "&lt;").replace(">", "&gt;"))
