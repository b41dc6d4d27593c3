"""The MkDocs plugin `flows`: the site plan translated into MkDocs files, nav and config.

Pages are generated in memory from flows.yaml; nothing is written into the docs folder. Material
takes its language once per build, so a site of several languages is several builds: the first
language at the site's root (the build MkDocs was asked for), then one build per other language
into `<site>/<language>/`, started when the first has finished.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator.engines.export import (
    THEME,
    counterpart_problems,
    language_config,
    merge_sitemaps,
    scan_content,
)
from generator.engines.navview import pages_of, view
from generator.format.check import Docs, check_files, flows_files
from generator.format.model import Document, Position
from generator.format.problems import (
    Phrase,
    Problem,
    editor_language,
    file_languages,
    format_problem,
    format_problems,
    phrase,
    problem,
    words,
)
from generator.render.feedback import TemplateError, check_template
from generator.render.renderer import Page, Renderer, content_lists
from generator.site.plan import (
    FLOW,
    GUIDES,
    MAP,
    QUESTION,
    NavItem,
    SitePlan,
    other_language_folders,
)
from generator.site.search import SearchError, index_site
from generator.site.words import Tables, load_tables

if TYPE_CHECKING:  # the live-reload server and its watchdog take a while to import
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.flows")


class _FeedbackTemplate(c.BaseConfigOption[str]):
    """A feedback link's URL template, checked when mkdocs.yml is read (render/feedback.py)."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(
                f"expected a URL template in quotes, not {value!r}\n"
                "  hint: e.g. feedback: 'https://example.org/form?guide={id}'"
            )
        try:
            return check_template(value)
        except TemplateError as error:
            raise ValidationError(f"'{value}' cannot be used:\n{error}") from None


class _FlowsFiles(c.BaseConfigOption[list[str]]):
    """The `file` option: a flows file, a folder of them, a glob pattern, or a list of these."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = [default]

    def run_validation(self, value: object) -> list[str]:
        items = [value] if isinstance(value, str) else value
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(item, str) and item for item in items)
        ):
            raise ValidationError(
                f"expected a file, a folder or a pattern, or a list of them, not {value!r}\n"
                "  hint: e.g. file: flows.yaml, file: alur/ or file: [alur/, lain.yaml]"
            )
        return items


class FlowsConfig(base.Config):
    # Relative to mkdocs.yml; folders give every *.yaml and *.yml in them, recursively.
    file = _FlowsFiles("flows.yaml")
    templates = c.Optional(c.Dir(exists=True))
    # A folder of <language>.yaml tables of interface words, added to or laid over ours.
    strings = c.Optional(c.Dir(exists=True))
    # The site's name in each language other than the first (mkdocs.yml's `site_name`).
    site_name = c.Type(dict, default={})
    # A URL template for readers to report a guide that no longer matches the app.
    feedback = c.Optional(_FeedbackTemplate())


class FlowsPlugin(BasePlugin[FlowsConfig]):
    """Checks flows.yaml, then adds a page per flow, question and outcome in every language."""

    def __init__(self) -> None:
        self.serving = False
        self.root = ""  # mkdocs.yml's folder: paths in options and messages are relative to it
        self.path = ""  # the first flows file
        self.paths: list[str] = []  # every flows file, as `file` names them (from mkdocs.yml)
        # While serving, a broken save keeps the last good pages on screen.
        self.last_good: Document | None = None
        self.document: Document | None = None
        self.tables: Tables | None = None
        self.plan: SitePlan | None = None
        self.language = ""  # the language the current build makes
        # While the first language's build runs the build of another: that language. MkDocs
        # hands every build in one process the same plugin instance (it keeps plugins with an
        # `on_startup` hook), so this instance is the other build's plugin too.
        self.building: str | None = None
        self.docs_dir = ""  # the first language's docs folder
        self.site_root: str | None = None  # the first language's `site_url`
        self.pages: list[Page] = []
        self.generated: set[str] = set()
        # Each scope's view of the nav (plan.nav_views as `nav:` entries), and the nav's pages;
        # empty when the site writes its own `nav:`, which every page then shows whole.
        self.views: dict[str, list[Any]] = {}
        self.nav_pages: dict[str, Any] = {}
        self.messages = "en"  # the editor's language, in which problems are told

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook also keeps the plugin instance alive across rebuilds in `serve`.
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        # MkDocs keeps this instance for the rest of the process: a build after `serve` ends
        # (in the same process) must fail on a broken file again, not keep the last good pages.
        self.serving = False
        self.last_good = None

    # Before the search plugin's: it takes its language from the theme, which is set here.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Checked here, before MkDocs cleans site_dir, so a broken file leaves the last site alone.
        self.root = os.path.dirname(config.config_file_path or "mkdocs.yml")
        if self.building is None:
            self.docs_dir = config.docs_dir
            self.site_root = config.site_url
            self.tables = load_tables(self.config.strings)
            self.document = self._check(config)
        self.plan = None
        if self.document is None:
            return config
        assert self.tables is not None
        self.language = self.building or self.document.language
        words = {language: self.tables[language] for language in self.document.languages}
        content = scan_content(self.docs_dir, self.document.languages)
        self.plan = SitePlan(
            self.document,
            words,
            content,
            site_url=self.site_root,
            directory_urls=config.use_directory_urls,
        )
        if self.building is None:
            docs = _display(self.docs_dir, self.root)
            for item in counterpart_problems(self.plan, docs):
                # A warning, so `mkdocs build --strict` fails until the page is translated.
                log.warning(format_problem(item, self.messages))
        self._configure(config)
        return config

    def _configure(self, config: MkDocsConfig) -> None:
        """Give MkDocs the plan's nav, assets, theme language and language selector."""
        assert self.plan is not None
        own = language_config(self.plan, self.language, config.theme.get("palette"))
        if config.nav is None:
            config.nav = own["nav"]
            views = self.plan.nav_views(self.language)
            self.views = {
                scope: [item.config() for item in items] for scope, items in views.items()
            }
        else:
            guides = self.plan.all_guides(self.language)
            added = [*self.plan.flow_nav(self.language), NavItem(guides.title, guides.src_uri)]
            config.nav = _with_flows(config.nav, added)
            self.views = {}
        for key in ("extra_css", "extra_javascript"):
            for uri in own[key]:
                if uri not in map(str, config[key]):
                    config[key].append(uri)
        config.theme["language"] = self.language
        if "palette" in own["theme"]:
            config.theme["palette"] = own["theme"]["palette"]
        # The language selector, and the search box (theme/partials/header.html).
        config.extra.update(own["extra"])
        if self.language != self.plan.default:
            config.site_name = self.config.site_name.get(self.language, config.site_name)
        # Our templates come after the site's own overrides and before the theme's.
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            custom = config.theme.get("custom_dir")
            dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, str(THEME))

    def _check(self, config: MkDocsConfig) -> Document | None:
        # Found again at each build, so `serve` sees files added to a folder.
        self.paths, missing = flows_files(self.config.file, self.root, missing_hint="plugin")
        first = self.paths[0] if self.paths else self.config.file[0]
        self.path = os.path.join(self.root, first)
        try:
            language = editor_language(None, os.environ, lambda: file_languages(self.path))
        except ValueError as error:
            raise PluginError(f"FLOWS_LANG is '{error}', which has no messages") from None
        self.messages = language  # the page-clash messages of on_files follow it
        paths = [os.path.join(self.root, path) for path in self.paths]
        names = [_display(path, self.root) for path in paths]
        display = names[0] if len(names) == 1 else ", ".join(self.config.file)
        document: Document | None = None
        problems: list[Problem] = []
        try:
            if not missing:
                docs = Docs(
                    self.docs_dir, _display(self.docs_dir, self.root), config.use_directory_urls
                )
                document, problems = check_files(paths, names, tables=self.tables, docs=docs)
        except OSError as error:
            document, problems = None, []
            reason = error.strerror or str(error)
            where = _display(error.filename, self.root) if error.filename else names[0]
            found = problem(Position(where, 0, 0), "FL001", hint="plugin", reason=reason)
            message = format_problem(found, language)
        else:
            message = format_problems(missing or problems, language)
        if document is not None:
            for item in problems:
                # Warnings (a guide due for review) are news for editors, not a broken site:
                # shown in every build, they must not fail `mkdocs build --strict` a year on.
                log.info(format_problem(item, language))
            self.last_good = document
            return document
        if not self.serving:
            raise PluginError(message)
        log.error(message)
        if self.last_good is not None:
            log.warning(words(language, "last-good", file=display))
        return self.last_good

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.plan is None:
            self.pages = []
            self.generated = set()
            return files
        if self.building is None:
            # Other languages' pages are theirs to build, each in its own language.
            for file in list(files):
                if file.src_uri.startswith(other_language_folders(self.plan.languages)):
                    files.remove(file)
        renderer = Renderer(
            self.plan,
            self.language,
            templates=self.config.templates,
            site_name=config.site_name,
            feedback=self.config.feedback,
        )
        self.pages = renderer.pages()
        self.generated = {page.src_uri for page in self.pages}
        taken = {file.dest_uri: _describe_file(file, self.root) for file in files}
        clashes: list[str] = []
        for page in self.pages:
            inclusion = (
                InclusionLevel.NOT_IN_NAV if page.kind == QUESTION else InclusionLevel.UNDEFINED
            )
            file = File.generated(config, page.src_uri, content=page.text, inclusion=inclusion)
            owner = taken.get(file.dest_uri)
            if owner is not None:
                clash = problem(
                    page.pos,
                    "FL005",
                    page=_describe_page(page),
                    url=file.url or "./",
                    owner=owner,
                    file=page.flow.pos.file,
                )
                clashes.append(format_problem(clash, self.messages))
                continue
            taken[file.dest_uri] = _describe_page(page)
            files.append(file)
        if clashes:
            raise PluginError("\n".join(clashes))
        for asset, uri in self.plan.assets():
            files.append(File.generated(config, uri, abs_src_path=str(asset)))
        return files

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.nav_pages = pages_of(nav) if self.views else {}
        return nav

    def on_page_context(
        self, context: dict[str, Any], *, page: MkDocsPage, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        # MkDocs gives every page the whole nav; the plan says which part each page shows.
        if self.plan is not None and self.views:
            scope = self.plan.nav_scope(self.language, page.file.src_uri)
            context["nav"] = view(nav, self.views[scope], self.nav_pages)
        # The language selector and hreflang links lead to this page in the other languages.
        if self.plan is not None and page.file.src_uri not in self.generated:
            alternates = self.plan.alternates_meta(self.language, page.file.src_uri)
            if alternates:
                page.meta["alternates"] = alternates
        return context

    def on_page_markdown(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        # Hand-written pages may ask for generated lists (a flow's guides, every flow).
        if self.plan is None or page.file.src_uri in self.generated:
            return markdown
        source = page.file.content_string
        # MkDocs has taken the front matter off: count its lines, so messages point at the file.
        first = source[: len(source) - len(markdown)].count("\n") + 1
        if not source.endswith(markdown):
            first = 1
        docs = config.docs_dir
        display = _display(os.path.join(docs, page.file.src_uri), self.root)
        text, problems = content_lists(
            markdown, self.plan, self.language, page.file.src_uri, display, first
        )
        if problems:
            raise PluginError(format_problems(problems, self.messages))
        return text

    def on_page_content(
        self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        # Our headings are HTML, which Markdown leaves out of the table of contents; without one
        # the theme offers no "skip to content" link. Give generated pages their h1 as the toc.
        if not page.toc.items and page.file.src_uri in self.generated:
            heading = _H1.search(html)
            if heading is not None:
                name = _TAG.sub("", heading[2]).strip()
                page.toc = get_toc([{"level": 1, "id": heading[1], "name": name, "children": []}])
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.building is not None or self.plan is None:
            return
        for language in self.plan.languages[1:]:
            self._build_language(config, language)
        if len(self.plan.languages) > 1:
            merge_sitemaps(Path(config.site_dir), list(other_language_folders(self.plan.languages)))
        self._index(Path(config.site_dir))

    def _index(self, site: Path) -> None:
        """Index every language's pages for the site search, each page under its <html lang>."""
        try:
            stats = index_site(site)
        except SearchError as error:
            raise PluginError(str(error)) from error
        log.info(stats.summary())

    def _build_language(self, config: MkDocsConfig, language: str) -> None:
        """Build the site of `language` into `<site>/<language>/`, from `<docs>/<language>/`."""
        assert self.plan is not None
        docs = os.path.join(self.docs_dir, self.plan.prefix(language))
        if not os.path.isdir(docs):
            # A language may have no hand-written page yet: it still gets the generated ones.
            with tempfile.TemporaryDirectory(prefix=f"flows-{language}-") as empty:
                self._build_in(config, language, empty)
        else:
            self._build_in(config, language, docs)

    def _build_in(self, config: MkDocsConfig, language: str, docs: str) -> None:
        # Imported here: one-language sites never need a second build.
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        assert self.plan is not None
        prefix = self.plan.prefix(language)
        site_url = f"{config.site_url}{prefix}" if config.site_url else None
        other = load_config(
            config.config_file_path,
            docs_dir=docs,
            site_dir=os.path.join(config.site_dir, prefix),
            site_url=site_url,
            strict=config.strict,
        )
        plugin = other.plugins["flows"]
        assert isinstance(plugin, FlowsPlugin)
        # This build's state, put back when the other language's build is done.
        saved = (self.language, self.plan, self.pages, self.generated, self.views, self.nav_pages)
        for name in ("serving", "document", "tables", "docs_dir", "site_root", "last_good"):
            setattr(plugin, name, getattr(self, name))
        plugin.building = language
        # Material's search takes its language from the theme before any plugin runs.
        other.theme["language"] = language
        try:
            build(other)
        finally:
            plugin.building = None
            (self.language, self.plan, self.pages, self.generated, self.views, self.nav_pages) = (
                saved
            )

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        for path in _watched(self.config.file, self.paths, self.root):
            server.watch(path)
        for folder in (self.config.templates, self.config.strings):
            if folder:
                server.watch(folder)
        return server


def _watched(items: list[str], paths: list[str], root: str) -> list[str]:
    """What `serve` watches: every flows file, every folder named, and each pattern's folder,
    so that a file added there is seen too."""
    watched = [os.path.join(root, path) for path in paths]
    for item in items:
        full = os.path.join(root, item)
        if set(item) & set("*?["):
            # The folder part before the first wildcard: new matches appear under it. The site's
            # own folder is left out, as watching it would watch everything.
            folder = os.path.dirname(re.split(r"[*?[]", item, maxsplit=1)[0])
            if folder and os.path.isdir(os.path.join(root, folder)):
                watched.append(os.path.join(root, folder))
        elif os.path.isdir(full):
            watched.append(full)
    return list(dict.fromkeys(watched))


_H1 = re.compile(r'<h1\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h1>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _with_flows(nav: list, flows: list) -> list:
    """A site's own `nav:` with the flows added after its first entry, unless it lists them."""
    listed = repr(nav)
    missing = [
        item.config()
        for item in flows
        if repr((item.children[0] if item.children else item).src_uri) not in listed
    ]
    return [*nav[:1], *missing, *nav[1:]]


def _display(path: str, root: str) -> str:
    """The file's name as editors know it: relative to mkdocs.yml's folder."""
    return Path(os.path.relpath(path, root or ".")).as_posix()


def _describe_page(page: Page) -> Phrase:
    if page.kind == GUIDES or page.flow is None:
        return phrase("page-guides")
    if page.kind == FLOW:
        return phrase("page-flow", flow=page.flow.id)
    if page.kind == MAP:
        return phrase("page-map", flow=page.flow.id)
    kind = "page-question" if page.kind == QUESTION else "page-outcome"
    return phrase(kind, id=page.node_id, flow=page.flow.id)


def _describe_file(file: File, root: str) -> str:
    if file.abs_src_path:
        return _display(file.abs_src_path, root)
    return file.src_uri


__all__ = ["FlowsPlugin"]
