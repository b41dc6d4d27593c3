"""The plan of a site: for each language, every page, its address, its title and the navigation.

Pure and engine-neutral. This is the one place that decides what pages exist and where they
live: the renderer, the wizard, the map, the engine adapters and the benchmarks all ask it, and
nothing else builds an address. The first language of a site is published at its root, every
other under `/<language>/`; each language has the same generated pages, and hand-written pages
mirror each other (`content/tentang.md`, `content/en/tentang.md`).

It also knows every address the generator makes or keeps, so that `check` can tell an editor,
before any build, that an id or a hand-written page would take one (`reserved_ids`,
`SitePlan.clashes`). In each language's tree: each flow's folder with its page (`index`), its
map (the language's `map_slug`), its questions and guides; the all-guides page (the language's
`all_guides_slug`); our scripts and styles (`assets/flows/`, inside the theme's `assets/`). At
the site's root only: the other languages' trees (`en/`) and the search index (`pagefind/`).
The engine adds files no id or page can take (`404.html`, `sitemap.xml`: an id has no dot), and
a hand-written `404.md` replaces the theme's 404 page on purpose.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.format.model import Document, Flow, Place, Position, Text, moved_places, moved_to
from generator.site.links import resolve
from generator.site.search import BUNDLE as SEARCH_BUNDLE
from generator.site.words import Words

if TYPE_CHECKING:  # Markdown is loaded only when titles are made: `check` needs no titles
    from generator.site.markup import EditorText

FLOW, QUESTION, OUTCOME, MAP, CONTENT = "flow", "question", "outcome", "map", "content"
NODE = "node"  # an old question's or guide's address (which of the two it was is not kept)
GUIDES = "guides"  # the site-wide page listing every guide, by flow
# What else the generator keeps an address for (see `Reserved`).
LANGUAGE, SCRIPTS, SEARCH = "language", "scripts", "search"
# A flow's guides are listed in its nav section, on its own pages, up to this many; a bigger
# flow's guides are found from its page and the all-guides page, so no page carries thousands.
NAV_GUIDES_MAX = 30
SITE_SCOPE = ""  # the nav scope of pages that belong to no flow
ASSETS = Path(__file__).parent.parent / "render" / "assets"
# Where every language publishes our scripts and styles, within its own tree.
ASSETS_URL = "assets/flows"
HOME = "index.md"
# The name of the site's share image among our assets (its own suffix follows).
SHARE_IMAGE = "share-image"


def language_prefix(language: str, languages: Sequence[str]) -> str:
    """Where `language` lives, from the site's root and from the docs folder alike: "" for the
    first language of `languages`, e.g. "en/" for the others."""
    return "" if language == languages[0] else f"{language}/"


def other_language_folders(languages: Sequence[str]) -> tuple[str, ...]:
    """The folders of the site, and of its docs folder, that hold the other languages' pages,
    e.g. ("en/",)."""
    return tuple(language_prefix(language, languages) for language in languages[1:])


def docs_language(path: str, languages: Sequence[str]) -> tuple[str, str]:
    """The language a page of the docs folder belongs to, by its path there ('/'-separated),
    and its path in that language's tree: "en/tentang.md" -> ("en", "tentang.md")."""
    for language, prefix in zip(languages[1:], other_language_folders(languages), strict=True):
        if path.startswith(prefix):
            return language, path[len(prefix) :]
    return languages[0], path


@dataclass(frozen=True, slots=True)
class Reserved:
    """An id that would land on an address the generator makes or keeps.

    A flow's id when `of_flow` (its folder would be that address), else a question's or an
    outcome's (its page in the flow's folder). `kind` says what is there: FLOW (the flow's own
    page), MAP, GUIDES (the all-guides page), LANGUAGE (another language's tree), SCRIPTS or
    SEARCH; `language` whose it is, None when it is the whole site's.
    """

    id: str
    of_flow: bool
    kind: str
    language: str | None = None


def reserved_ids(languages: Sequence[str], words: Mapping[str, Words]) -> list[Reserved]:
    """Every id that a site in `languages` keeps for its own pages and folders.

    Languages without interface words in `words` are left out (the checker reports them);
    with no language at all, the ids that every site keeps. An id is kept once, for what it
    is first: two languages may share a word.
    """
    found = [Reserved(HOME.removesuffix(".md"), False, FLOW), _SCRIPTS, _SEARCH]
    for language in languages:
        if language in words:
            found.append(Reserved(_map_slug(words[language]), False, MAP, language))
            found.append(_guides_page(language, words[language]))
    found += [_language_tree(language) for language in languages[1:]]
    kept: dict[tuple[bool, str], Reserved] = {}
    for reserved in found:
        kept.setdefault((reserved.of_flow, reserved.id), reserved)
    return list(kept.values())


# A flow's folder beside ours would mix its pages with our scripts (and the theme's, in the
# same `assets/`), or with the search index, which every build replaces whole.
_SCRIPTS = Reserved(ASSETS_URL.split("/")[0], True, SCRIPTS)
_SEARCH = Reserved(SEARCH_BUNDLE, True, SEARCH)


def _language_tree(language: str) -> Reserved:
    return Reserved(language, True, LANGUAGE, language)


def _guides_page(language: str, words: Words) -> Reserved:
    return Reserved(_all_guides_slug(words), True, GUIDES, language)


def _map_slug(words: Words) -> str:
    return words["map_slug"]


def _all_guides_slug(words: Words) -> str:
    return words["all_guides_slug"]


@dataclass(frozen=True, slots=True)
class Clash:
    """A hand-written page of `language` at an address the generator makes or keeps.

    `page` is the page made there from a flow's id, or else `reserved` says what the address is
    kept for (the all-guides page, or a folder of ours or of another language).
    """

    language: str
    src_uri: str  # the hand-written page, in its language's docs tree
    url: str  # its address from the language's root
    page: PlannedPage | None = None
    reserved: Reserved | None = None
    redirect: Redirect | None = None


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A generated page of one language: what it shows, where it lives, how it is listed."""

    language: str
    kind: str
    flow: Flow | None  # None for a page of the whole site (the all-guides page)
    node_id: str | None  # the question or outcome shown; None for the flow's page and its map
    src_uri: str  # its path in the language's docs tree, e.g. "batalkan-pesanan/belum-dibayar.md"
    url: str  # its address from the language's root, e.g. "batalkan-pesanan/belum-dibayar/"
    title: str  # plain text
    pos: Position

    @property
    def in_nav(self) -> bool:
        """Question pages are reached through the wizard's links, not the sidebar."""
        return self.kind != QUESTION

    @property
    def searchable(self) -> bool:
        """Question pages hold no answer of their own, and the all-guides page only repeats the
        guides' titles: searching should find the guides themselves."""
        return self.kind not in (QUESTION, GUIDES)

    @property
    def identity(self) -> tuple[str, str, str | None]:
        """What the page is about, the same in every language (its address may differ)."""
        return (self.kind, self.flow.id if self.flow is not None else "", self.node_id)


@dataclass(frozen=True, slots=True)
class Redirect:
    """A small page of one language at an old address that sends readers on to `target`.

    Made for every old address a `moved:` entry keeps (`kind`: NODE, or the FLOW page and the
    MAP of a flow that is gone). It is a file of its own, not a page of the theme: no nav, no
    search, not in the sitemap. `src_uri` is that file in the language's docs tree.
    """

    language: str
    kind: str
    flow_id: str
    node_id: str | None
    src_uri: str  # e.g. "batalkan-pesanan/bayar-di-tempat/index.html"
    url: str  # e.g. "batalkan-pesanan/bayar-di-tempat/"
    target: PlannedPage
    pos: Position  # the `moved:` entry that keeps the address

    @property
    def identity(self) -> tuple[str, str, str | None]:
        """What the old address was, the same in every language."""
        return (self.kind, self.flow_id, self.node_id)


@dataclass(frozen=True, slots=True)
class ContentPage:
    """A hand-written page of one language, by its path in that language's docs tree.

    `title` is needed only for a folder's index page, which names the folder's nav section;
    `section` puts the page in a nav section of that name after the others (front matter
    `nav_section:`), e.g. pages for editors, apart from the readers' pages; `order` (front matter
    `nav_order:`, a number) is its place in that section: pages with one first, by number, then
    the others by path.
    """

    src_uri: str
    title: str | None = None
    section: str | None = None
    order: int | None = None


@dataclass(frozen=True, slots=True)
class NavItem:
    """An entry of the navigation: a page (`src_uri`) or a section of `children`."""

    title: str | None
    src_uri: str | None = None
    children: tuple[NavItem, ...] = ()

    def config(self) -> str | dict[str, object]:
        """The entry as MkDocs' `nav:` setting writes it.

        Themes insert nav titles as HTML, so the plain-text titles are escaped.
        """
        title = html.escape(self.title or "", quote=False)
        if self.src_uri is not None:
            return self.src_uri if self.title is None else {title: self.src_uri}
        return {title: [child.config() for child in self.children]}


@dataclass(frozen=True, slots=True)
class Alternate:
    """The same page in another language (or in its own): for the selector and hreflang."""

    language: str
    name: str  # the language's own name, e.g. "Bahasa Indonesia"
    href: str  # relative to the page that links to it
    url: str  # absolute when the site has a `site_url`, otherwise the same as `href`
    exists: bool  # False: the language has no counterpart, `url` is that language's home


def _editor_text() -> EditorText:
    from generator.site.markup import EditorText

    return EditorText()


@dataclass
class SitePlan:
    """Every page and address of a site made from `document`, in each of its languages.

    `words` holds the interface words of every language of the document; `content` the
    hand-written pages of each language; `site_url` (with a trailing slash) makes absolute
    addresses for hreflang links; `directory_urls` says whether `a/b.md` is served at `a/b/`
    (the MkDocs default) or at `a/b.html`.
    """

    document: Document
    words: Mapping[str, Words]
    content: Mapping[str, Sequence[ContentPage]] = field(default_factory=dict)
    site_url: str | None = None
    directory_urls: bool = True
    text: EditorText = field(default_factory=_editor_text)
    share_image: Path | None = None

    def __post_init__(self) -> None:
        if self.site_url and not self.site_url.endswith("/"):
            self.site_url += "/"
        missing = [lang for lang in self.document.languages if lang not in self.words]
        if missing:
            # The checker reports this at `languages:`; reaching here is a programming error.
            raise ValueError(f"no interface words for {', '.join(missing)}")
        self._pages: dict[str, tuple[PlannedPage, ...]] = {}
        self._redirects: dict[str, tuple[Redirect, ...]] = {}
        self._by_identity: dict[str, dict[tuple[str, str, str | None], PlannedPage]] = {}
        self._scopes: dict[str, dict[str, str]] = {}

    # Languages and their roots

    @property
    def languages(self) -> tuple[str, ...]:
        return self.document.languages

    @property
    def default(self) -> str:
        return self.document.language

    def prefix(self, language: str) -> str:
        """Where `language` is published from the site's root: "" or e.g. "en/"."""
        return language_prefix(language, self.languages)

    def language_of(self, path: str) -> tuple[str, str]:
        """The language of a page of the docs folder, and its path in that language's tree."""
        return docs_language(path, self.languages)

    def map_slug(self, language: str) -> str:
        """The last part of a flow map's address, in the language's words ("peta", "map")."""
        return _map_slug(self.words[language])

    def all_guides_slug(self, language: str) -> str:
        """The all-guides page's address, in the language's words ("semua-panduan")."""
        return _all_guides_slug(self.words[language])

    def reserved_ids(self) -> list[Reserved]:
        """The ids this site keeps for its own pages and folders (see `reserved_ids`)."""
        return reserved_ids(self.languages, self.words)

    def clashes(self) -> list[Clash]:
        """Every hand-written page, in every language, at an address the generator makes or
        keeps: a generated page's, an old address that `moved:` keeps, or one in a folder of
        ours or of another language's."""
        found = []
        for language in self.languages:
            made = {page.url: page for page in self.pages(language) if page.flow is not None}
            moved = {redirect.url: redirect for redirect in self.redirects(language)}
            for content in self.content.get(language, ()):
                url = self.url(content.src_uri)
                page = made.get(url)
                redirect = moved.get(url) if page is None else None
                reserved = self._kept(language, url) if page is None and redirect is None else None
                if page is not None or reserved is not None or redirect is not None:
                    found.append(Clash(language, content.src_uri, url, page, reserved, redirect))
        return found

    # Pages and addresses

    def pages(self, language: str) -> tuple[PlannedPage, ...]:
        """The generated pages of `language`: per flow its page, guides, questions and map,
        then the all-guides page."""
        if language not in self._pages:
            self._pages[language] = tuple(self._make_pages(language))
            self._by_identity[language] = {page.identity: page for page in self._pages[language]}
        return self._pages[language]

    def page(
        self, language: str, kind: str, flow_id: str, node_id: str | None = None
    ) -> PlannedPage:
        """The generated page of `language` about that flow and node."""
        self.pages(language)
        return self._by_identity[language][(kind, flow_id, node_id)]

    def redirects(self, language: str) -> tuple[Redirect, ...]:
        """The pages of `language` at old addresses, each sending readers on (see `Redirect`):
        one per old id in `moved:`, and a flow's page and map for a flow that is gone."""
        if language not in self._redirects:
            self._redirects[language] = tuple(self._make_redirects(language))
        return self._redirects[language]

    def place_page(self, language: str, place: Place) -> PlannedPage:
        """The page of a flow (its own page when the node is None) or of one of its nodes."""
        flow_id, node_id = place
        if node_id is None:
            return self.page(language, FLOW, flow_id)
        return self.node_page(language, self.document.flows[flow_id], node_id)

    def all_guides(self, language: str) -> PlannedPage:
        """The page of `language` that lists every guide of the site, by flow."""
        return self.page(language, GUIDES, "")

    def guides_anchor(self, flow_id: str, letter: str | None = None) -> str:
        """The anchor of a flow's list on the all-guides page (or of one initial letter in it)."""
        return f"alur-{flow_id}" if letter is None else f"alur-{flow_id}-{letter.lower()}"

    def node_page(self, language: str, flow: Flow, node_id: str) -> PlannedPage:
        """The page of the question or outcome `node_id` of `flow`."""
        kind = QUESTION if node_id in flow.questions else OUTCOME
        return self.page(language, kind, flow.id, node_id)

    def resolved(
        self, source: str, language: str, flow_id: str | None, here: str | None = None
    ) -> str:
        """Editor text of `language`, written in flow `flow_id` (None: a hand-written page),
        with its links by id made links from the page at `here`, or their words alone when
        `here` is None (see site/links.py)."""
        return resolve(self, source, language, flow_id, here)

    def url(self, src_uri: str) -> str:
        """The address of a page of the docs tree, from its language's root."""
        stem = src_uri.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    def link(self, from_src_uri: str, to_src_uri: str) -> str:
        """A relative link between two pages of one language."""
        return relative(self.url(from_src_uri), self.url(to_src_uri))

    def absolute_url(self, language: str, src_uri: str) -> str:
        """The page's address from the site's root, absolute when the site has a `site_url`."""
        return (self.site_url or "/") + self.prefix(language) + self.url(src_uri)

    def alternates(self, language: str, src_uri: str) -> list[Alternate]:
        """The page at `src_uri` of `language` in every language of the site, in their order.

        Generated pages always have a counterpart; a hand-written page has one when the other
        language has a page at the same path, otherwise the link goes to that language's home.
        """
        generated = {page.src_uri: page for page in self.pages(language)}
        here = self.prefix(language) + self.url(src_uri)
        found: list[Alternate] = []
        for other in self.languages:
            if src_uri in generated:
                target = self.page(other, *generated[src_uri].identity).src_uri
                exists = True
            else:
                exists = other == language or any(
                    page.src_uri == src_uri for page in self.content.get(other, ())
                )
                target = src_uri if exists else HOME
            there = self.prefix(other) + self.url(target)
            found.append(
                Alternate(
                    other,
                    self.words[other]["language_name"],
                    relative(here, there),
                    self.site_url + there if self.site_url else relative(here, there),
                    exists,
                )
            )
        return found

    def alternates_meta(self, language: str, src_uri: str) -> list[dict[str, str]]:
        """`alternates` as page metadata for the theme: each language, then `x-default`.

        Empty for a one-language site: there is nothing to choose between.
        """
        if len(self.languages) < 2:
            return []
        found = self.alternates(language, src_uri)
        entries = [
            {"lang": alt.language, "name": alt.name, "href": alt.href, "url": alt.url}
            for alt in found
        ]
        default = next(alt for alt in found if alt.language == self.default)
        entries.append(
            {"lang": "x-default", "name": default.name, "href": default.href, "url": default.url}
        )
        return entries

    def missing_counterparts(self) -> list[tuple[str, str]]:
        """(language, path) of each default-language hand-written page another language lacks."""
        missing = []
        for language in self.languages[1:]:
            own = {page.src_uri for page in self.content.get(language, ())}
            for page in self.content.get(self.default, ()):
                if page.src_uri not in own:
                    missing.append((language, page.src_uri))
        return missing

    # Navigation

    def nav(self, language: str) -> list[NavItem]:
        """The whole navigation of `language`: home, all guides, each flow, hand-written pages.

        Every page an engine should know the place of is here; what one page shows of it is
        `page_nav`. Hand-written pages are listed as MkDocs lists a folder (index first, then by
        name, a folder as a section titled by its index page); question pages are not listed.
        """
        return self._nav(language, self.flow_nav(language))

    def flow_nav(self, language: str) -> list[NavItem]:
        """A section per flow: its page (the section's index), its guides and its map."""
        return [self._flow_section(language, flow, guides=True) for flow in self._flows()]

    def nav_scope(self, language: str, src_uri: str) -> str:
        """Which view of the nav the page at `src_uri` shows: its flow's id, or `SITE_SCOPE`."""
        if language not in self._scopes:
            self._scopes[language] = {
                page.src_uri: page.flow.id for page in self.pages(language) if page.flow
            }
        return self._scopes[language].get(src_uri, SITE_SCOPE)

    def page_nav(self, language: str, scope: str = SITE_SCOPE) -> list[NavItem]:
        """What the sidebar of a page in `scope` shows, so that no page lists the whole site.

        Pages of no flow list every flow (its page only) and the all-guides page; a flow's own
        pages list that flow alone, with its guides when it has at most `NAV_GUIDES_MAX`.
        """
        if scope == SITE_SCOPE:
            flows = [
                NavItem(page.title, page.src_uri)
                for page in self.pages(language)
                if page.kind == FLOW
            ]
            return self._nav(language, flows)
        flow = self.document.flows[scope]
        guides = len(flow.outcomes) <= NAV_GUIDES_MAX
        return self._nav(language, [self._flow_section(language, flow, guides=guides)])

    def nav_views(self, language: str) -> dict[str, list[NavItem]]:
        """`page_nav` for every scope of `language`: the site's, then each flow's."""
        scopes = [SITE_SCOPE, *(flow.id for flow in self._flows())]
        return {scope: self.page_nav(language, scope) for scope in scopes}

    def nav_scopes(self, language: str) -> dict[str, str]:
        """The scope of every generated page of a flow (other pages are in `SITE_SCOPE`)."""
        self.nav_scope(language, HOME)
        return dict(self._scopes[language])

    def assets(self) -> list[tuple[Path, str]]:
        """Our scripts and styles, and the share image: (file, its path in every language's
        docs tree)."""
        found = []
        if ASSETS.is_dir():
            found = [
                (asset, f"{ASSETS_URL}/{asset.name}")
                for asset in sorted(ASSETS.iterdir())
                if asset.is_file()
            ]
        if self.share_image is not None:
            found.append((self.share_image, self.share_image_uri or ""))
        return found

    @property
    def share_image_uri(self) -> str | None:
        """Where the share image is published in every language's tree, if the site has one."""
        if self.share_image is None:
            return None
        return f"{ASSETS_URL}/{SHARE_IMAGE}{self.share_image.suffix.lower()}"

    def asset_urls(self, suffix: str) -> list[str]:
        """The paths of our assets ending in `suffix` (".css", ".js"), for the site's config."""
        return [uri for _, uri in self.assets() if uri.endswith(suffix)]

    # Internals

    def _kept(self, language: str, url: str) -> Reserved | None:
        """What `url` of `language`'s tree is kept for, if anything: the all-guides page, or a
        folder that is all ours (everything below it too)."""
        if url == self.all_guides(language).url:
            return _guides_page(language, self.words[language])
        folders = [(f"{ASSETS_URL}/", _SCRIPTS)]
        if language == self.default:
            folders.append((f"{SEARCH_BUNDLE}/", _SEARCH))
            folders += [(self.prefix(other), _language_tree(other)) for other in self.languages[1:]]
        return next((reserved for folder, reserved in folders if url.startswith(folder)), None)

    def _flows(self) -> Iterable[Flow]:
        return self.document.flows.values()

    def _nav(self, language: str, flows: list[NavItem]) -> list[NavItem]:
        content = list(self.content.get(language, ()))
        home = [NavItem(None, page.src_uri) for page in content if page.src_uri == HOME]
        listed = [page for page in content if page.src_uri != HOME and not page.section]
        rest = _folder_nav(listed, "")
        apart: dict[str, list[ContentPage]] = {}
        for page in content:
            if page.section and page.src_uri != HOME:
                apart.setdefault(page.section, []).append(page)
        sections = [
            NavItem(
                name,
                None,
                tuple(NavItem(None, page.src_uri) for page in sorted(pages, key=_in_section)),
            )
            for name, pages in apart.items()
        ]
        guides = self.all_guides(language)
        # Second, so that it is in view above a long list of flows at any width.
        return [*home, NavItem(guides.title, guides.src_uri), *flows, *rest, *sections]

    def _flow_section(self, language: str, flow: Flow, *, guides: bool) -> NavItem:
        """The flow's nav section: its page (the index), its guides if `guides`, its map."""
        page = self.page(language, FLOW, flow.id)
        items = [NavItem(None, page.src_uri)]
        if guides:
            for outcome_id in flow.outcomes:
                guide = self.page(language, OUTCOME, flow.id, outcome_id)
                items.append(NavItem(guide.title, guide.src_uri))
        flow_map = self.page(language, MAP, flow.id)
        items.append(NavItem(flow_map.title, flow_map.src_uri))
        return NavItem(page.title, None, tuple(items))

    def _make_pages(self, language: str) -> Iterable[PlannedPage]:
        map_slug = self.map_slug(language)
        for flow in self.document.flows.values():
            plain = self._plain(language, flow.id)
            yield self._page(language, FLOW, flow, None, "index", plain(flow.title), flow.pos)
            for outcome in flow.outcomes.values():
                yield self._page(
                    language,
                    OUTCOME,
                    flow,
                    outcome.id,
                    outcome.id,
                    plain(outcome.title),
                    outcome.pos,
                )
            for question in flow.questions.values():
                yield self._page(
                    language,
                    QUESTION,
                    flow,
                    question.id,
                    question.id,
                    plain(question.text),
                    question.pos,
                )
            title = self.words[language]["map"]
            yield self._page(language, MAP, flow, None, map_slug, title, flow.pos)
        src_uri = f"{self.all_guides_slug(language)}.md"
        title = self.words[language]["all_guides"]
        # The page comes from the whole document; clashes with it point at the file's start.
        pos = Position(self.document.path, 1, 1)
        yield PlannedPage(language, GUIDES, None, None, src_uri, self.url(src_uri), title, pos)

    def _make_redirects(self, language: str) -> Iterable[Redirect]:
        map_slug = self.map_slug(language)
        for (flow_id, node_id), moved in moved_places(self.document):
            now = moved_to(self.document, (flow_id, node_id))
            if now is None:
                continue  # the checker reports the entry; no plan is made of such a model
            target = self.place_page(language, now)
            if node_id is not None:
                yield self._redirect(language, NODE, (flow_id, node_id), node_id, target, moved.pos)
                continue
            yield self._redirect(language, FLOW, (flow_id, None), "index", target, moved.pos)
            # The map of a flow moved to another flow is that flow's map.
            there = self.page(language, MAP, now[0]) if now[1] is None else target
            yield self._redirect(language, MAP, (flow_id, None), map_slug, there, moved.pos)

    def _redirect(
        self,
        language: str,
        kind: str,
        old: Place,
        name: str,
        target: PlannedPage,
        pos: Position,
    ) -> Redirect:
        url = self.url(f"{old[0]}/{name}.md")
        # A page of its own, at the very address the old page had.
        src_uri = f"{url}index.html" if url.endswith("/") or not url else url
        return Redirect(language, kind, old[0], old[1], src_uri, url, target, pos)

    def _page(
        self,
        language: str,
        kind: str,
        flow: Flow,
        node_id: str | None,
        name: str,
        title: str,
        pos: Position,
    ) -> PlannedPage:
        src_uri = f"{flow.id}/{name}.md"
        return PlannedPage(language, kind, flow, node_id, src_uri, self.url(src_uri), title, pos)

    def _plain(self, language: str, flow_id: str):
        def plain(text: Text) -> str:
            return self.text.plain(self.resolved(text.get(language), language, flow_id))

        return plain


def relative(from_url: str, to_url: str) -> str:
    """`to_url` as a link from the page at `from_url` (both from the same root)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    link = _relpath(to_url or ".", base or ".")
    if to_url == "" or to_url.endswith("/"):
        return "./" if link == "." else f"{link}/"
    return link


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for two paths from the same root, without asking for the cwd.

    A site's links are made by the thousand: relpath's calls to os.getcwd were most of their cost.
    """
    if path.startswith("/") or start.startswith("/") or ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def _folder_nav(pages: list[ContentPage], folder: str) -> list[NavItem]:
    """Pages directly in `folder`, then a section per subfolder, as MkDocs orders them."""
    here: list[ContentPage] = []
    below: dict[str, list[ContentPage]] = {}
    for page in pages:
        rest = page.src_uri[len(folder) :]
        if "/" in rest:
            below.setdefault(rest.split("/", 1)[0], []).append(page)
        else:
            here.append(page)
    items: list[tuple[tuple[int, str], NavItem]] = []
    for page in here:
        name = page.src_uri[len(folder) :]
        items.append(((0 if name == HOME else 1, name), NavItem(None, page.src_uri)))
    for name, children in below.items():
        index = next((p for p in children if p.src_uri == f"{folder}{name}/{HOME}"), None)
        title = (index.title if index is not None else None) or _folder_title(name)
        section = NavItem(title, None, tuple(_folder_nav(children, f"{folder}{name}/")))
        items.append(((1, name), section))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def _in_section(page: ContentPage) -> tuple[bool, int, str]:
    """Where a page stands in its nav section: by `nav_order`, then those without it by path."""
    return (page.order is None, page.order or 0, page.src_uri)


def _folder_title(name: str) -> str:
    """A folder's name as a title, as MkDocs makes it: 'untuk-penyunting' -> 'Untuk penyunting'."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title
