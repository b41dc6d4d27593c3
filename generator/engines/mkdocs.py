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
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator.engines import live, pipeline
from generator.engines.export import THEME, language_config
from generator.engines.navview import pages_of, view
from generator.format.check import describe_page
from generator.format.model import Document
from generator.format.problems import (
    Language,
    Problem,
    choose_messages,
    code_of,
    format_problem,
    format_problems,
    problem,
    words,
)
from generator.render.renderer import Page, Renderer, content_lists
from generator.site.meta import DESCRIPTION_KEY, HEAD_KEY, Heads
from generator.site.plan import (
    HOME,
    QUESTION,
    NavItem,
    SitePlan,
    other_language_folders,
)
from generator.site.project import Project, read_project
from generator.site.words import Tables

if TYPE_CHECKING:  # the live-reload server and its watchdog take a while to import
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.flows")


class _AsWritten(c.BaseConfigOption[Any]):
    """An option taken as written: the project (generator/site/project.py) checks every option,
    so MkDocs, the CLI and Zensical report the same coded problems at the same positions."""

    def run_validation(self, value: object) -> Any:
        return value


class FlowsConfig(base.Config):
    # See generator/site/project.py for what each takes; its defaults apply there.
    file = c.Optional(_AsWritten())
    templates = c.Optional(_AsWritten())
    strings = c.Optional(_AsWritten())
    messages = c.Optional(_AsWritten())
    site_name = c.Optional(_AsWritten())
    feedback = c.Optional(_AsWritten())
    share_image = c.Optional(_AsWritten())


class FlowsPlugin(BasePlugin[FlowsConfig]):
    """Checks flows.yaml, then adds a page per flow, question and outcome in every language."""

    def __init__(self) -> None:
        self.serving = False
        self.project: Project | None = None  # the site's settings, read once per build
        # Where the site goes once every language is built and indexed (MkDocs builds into a
        # staging folder beside it meanwhile); None while serving or in another language's build.
        self.final_site_dir: str | None = None
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
        self.pages: list[Page] = []
        self.generated: set[str] = set()
        # Each scope's view of the nav (plan.nav_views as `nav:` entries), and the nav's pages;
        # empty when the site writes its own `nav:`, which every page then shows whole.
        self.views: dict[str, list[Any]] = {}
        self.nav_pages: dict[str, Any] = {}
        self.messages: Language = "en"  # the editor's language, in which problems are told
        self.notice: str | None = None  # said once when the messages fall back to English
        self.said: set[str] = set()  # the notices said (FL040), each once
        # While serving: the path the site is served at, and the problems of the last save,
        # which every page shows (engines/live.py) while the last good pages stay on screen.
        self.live_root = "/"
        self.live_problems: list[Problem] = []

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
        if self.building is None:
            self.live_problems = []
            self.live_root = urlsplit(config.site_url or "/").path or "/"
            self.project = self._project(config)
            self.tables = self.project.tables()
            self.document = self._check()
            self.final_site_dir = None
            if self.document is not None and not self.serving:
                # Built aside and swapped in whole by on_post_build: a build that fails halfway
                # (a language, the search index) leaves the last good site as it was.
                self.final_site_dir = config.site_dir
                config.site_dir = str(pipeline.staging_dir(Path(config.site_dir)))
        self.plan = None
        if self.serving:
            config.extra["flows_live"] = live.template_extra(self.live_root)
        if self.document is None:
            return config
        assert self.project is not None
        self.language = self.building or self.document.language
        steps = pipeline.Pipeline(self.project, self.messages, self.tables)
        self.plan = steps.plan(self.document)
        if self.building is None:
            for item in steps.check_site(self.document, self.plan):
                # A warning, so `mkdocs build --strict` fails until the page is translated.
                log.warning(format_problem(item, self.messages))
            for item in steps.notices(self.document):
                said = format_problem(item, self.messages)
                if said not in self.said:  # once, not at every rebuild while serving
                    log.info(said)
                    self.said.add(said)
        self._configure(config)
        return config

    def _project(self, config: MkDocsConfig) -> Project:
        """The site's settings as every command reads them, with what MkDocs was told to change
        (`--site-dir`, a site_url of `serve`)."""
        path = config.config_file_path or "mkdocs.yml"
        project, problems = read_project(path)
        if project is None:
            language = self._language(None)
            if not self.serving or self.project is None:
                raise PluginError(format_problems(problems, language))
            # While serving, the last good settings keep the site on screen, and every page
            # shows the problems: a build that stops would leave `mkdocs serve` stuck.
            log.error(format_problems(problems, self.messages))
            self.live_problems += problems
            return self.project
        return project.replace(
            docs_dir=Path(config.docs_dir),
            site_dir=Path(config.site_dir),
            site_url=config.site_url or None,
            directory_urls=config.use_directory_urls,
        )

    def _language(self, project: Project | None) -> Language:
        if project is None:
            language, notice = choose_messages(None, os.environ)
        else:
            language, notice = pipeline.messages_language(project)
        if notice is not None and notice != self.notice:
            # News, not a broken site: `--strict` must not fail on it; said once while serving.
            log.info(notice)
            self.notice = notice
        return language

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
        # What pages of no content (the 404 page) say about the site.
        if self.language != self.plan.default:
            config.site_name = self.project.site_names.get(self.language, config.site_name)
        home = Path(config.docs_dir, HOME)
        source = home.read_text(encoding="utf-8") if home.is_file() else None
        heads = Heads(self.plan, self.language, config.site_name)
        config.extra[HEAD_KEY] = {"description": heads.home_description(source)}
        if "palette" in own["theme"]:
            config.theme["palette"] = own["theme"]["palette"]
        # The language selector, and the search box (theme/partials/header.html).
        config.extra.update(own["extra"])
        # Our templates come after the site's own overrides and before the theme's.
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            custom = config.theme.get("custom_dir")
            dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, str(THEME))

    def _check(self) -> Document | None:
        assert self.project is not None
        language = self.messages = self._language(self.project)
        steps = pipeline.Pipeline(self.project, language, self.tables)
        document, problems = steps.check_flows()
        if document is not None:
            for item in problems:
                # Warnings (a guide due for review) are news for editors, not a broken site:
                # shown in every build, they must not fail `mkdocs build --strict` a year on.
                log.info(format_problem(item, language))
            self.last_good = document
            return document
        message = format_problems(problems, language)
        if not self.serving:
            raise PluginError(message)
        log.error(message)
        self.live_problems += problems
        if self.last_good is not None:
            paths, _ = self.project.flows_files()
            log.warning(words(language, "last-good", file=", ".join(paths or self.project.flows)))
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
            templates=str(self.project.templates) if self.project.templates else None,
            site_name=config.site_name,
            feedback=self.project.feedback,
        )
        self.pages = renderer.pages()
        self.generated = {page.src_uri for page in self.pages}
        taken = {file.dest_uri: _describe_file(file, self.project) for file in files}
        clashes: list[Problem] = []
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
                    page=describe_page(page.planned),
                    url=file.url or "./",
                    owner=owner,
                    file=page.pos.file,
                )
                clashes.append(clash)
                continue
            taken[file.dest_uri] = describe_page(page.planned)
            files.append(file)
        # Old addresses that `moved:` keeps: HTML files of their own, which MkDocs copies as
        # they are (no theme, no nav, no sitemap entry, nothing for the search to index).
        for moved in renderer.redirects():
            file = File.generated(config, moved.src_uri, content=moved.text)
            owner = taken.get(file.dest_uri)
            if owner is not None:
                clash = problem(
                    moved.redirect.pos,
                    "FL005",
                    page=describe_page(moved.redirect),
                    url=file.url or "./",
                    owner=owner,
                    file=moved.redirect.pos.file,
                )
                clashes.append(clash)
                continue
            taken[file.dest_uri] = describe_page(moved.redirect)
            files.append(file)
        if clashes:
            if not self.serving:
                raise PluginError(format_problems(clashes, self.messages))
            log.error(format_problems(clashes, self.messages))
            self.live_problems += clashes
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
            # Its description, link preview and structured data, as generated pages have them.
            heads = Heads(self.plan, self.language, config.site_name)
            text, head = heads.written(page.file.src_uri, page.file.content_string)
            page.meta.setdefault(DESCRIPTION_KEY, text)
            page.meta[HEAD_KEY] = head.meta()
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
        display = self.project.display(os.path.join(config.docs_dir, page.file.src_uri))
        text, problems = content_lists(
            markdown, self.plan, self.language, page.file.src_uri, display, first
        )
        if problems:
            if not self.serving:
                raise PluginError(format_problems(problems, self.messages))
            log.error(format_problems(problems, self.messages))
            self.live_problems += problems
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
        if self.building is not None:
            return
        if self.plan is None:
            self._write_live(config)
            return
        for language in self.plan.languages[1:]:
            self._build_language(config, language)
        self._write_live(config)
        built = Path(config.site_dir)
        final = Path(self.final_site_dir) if self.final_site_dir is not None else built
        try:
            pipeline.finish(built, final, [self.plan.prefix(lang) for lang in self.plan.languages])
        except pipeline.EngineError as error:
            raise PluginError(str(error)) from error
        config.site_dir = str(final)
        self.final_site_dir = None

    def _write_live(self, config: MkDocsConfig) -> None:
        """While serving, the problems of this build for every page's panel (none: no panel)."""
        if not self.serving or self.tables is None:
            return
        links: dict[str, str] = {}
        if self.live_problems and self.plan is not None and self.project is not None:
            language = code_of(self.messages)
            links = live.explanations(self.plan, self.project.docs_dir, language, self.live_root)
        current = live.state(self.live_problems, self.messages, self.tables, links)
        live.write(config.site_dir, current)

    def _build_language(self, config: MkDocsConfig, language: str) -> None:
        """Build the site of `language` into `<site>/<language>/`, from `<docs>/<language>/`."""
        assert self.project is not None and self.project.docs_dir is not None
        assert self.plan is not None
        docs = os.path.join(self.project.docs_dir, self.plan.prefix(language))
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
        shared = ("serving", "document", "tables", "project", "messages", "last_good")
        for name in (*shared, "live_root", "live_problems"):
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
        if self.project is not None:
            for path in self.project.watched():
                # MkDocs watches mkdocs.yml and the docs folder itself.
                if path not in (self.project.config_file, self.project.docs_dir):
                    server.watch(str(path))
        return server


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


def _describe_file(file: File, project: Project | None) -> str:
    if file.abs_src_path and project is not None:
        return project.display(file.abs_src_path)
    return file.src_uri


__all__ = ["FlowsPlugin"]
