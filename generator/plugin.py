"""The MkDocs plugin `flows`: thin glue between MkDocs and the checker and renderer.

Pages are generated in memory from flows.yaml; nothing is written into the docs folder.
"""

from __future__ import annotations

import html
import itertools
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator.check import check_file
from generator.export import ASSETS, ASSETS_URL
from generator.model import Document
from generator.problems import format_problems
from generator.renderer import FLOW, MAP, QUESTION, Page, Renderer
from generator.search import BUNDLE, SearchError, index_site, words_for

if TYPE_CHECKING:  # the live-reload server and its watchdog take a while to import
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.flows")
THEME = Path(__file__).parent / "theme"


class FlowsConfig(base.Config):
    file = c.Type(str, default="flows.yaml")
    templates = c.Optional(c.Dir(exists=True))


class FlowsPlugin(BasePlugin[FlowsConfig]):
    """Checks flows.yaml, then adds a page per flow, question and outcome to the site."""

    def __init__(self) -> None:
        self.serving = False
        self.root = ""  # mkdocs.yml's folder: paths in options and messages are relative to it
        self.path = ""  # the flows file
        # While serving, a broken save keeps the last good pages on screen.
        self.last_good: Document | None = None
        self.document: Document | None = None
        self.pages: list[Page] = []
        self.generated: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook also keeps the plugin instance alive across rebuilds in `serve`.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Checked here, before MkDocs cleans site_dir, so a broken file leaves the last site alone.
        self.root = os.path.dirname(config.config_file_path or "mkdocs.yml")
        self.path = os.path.join(self.root, self.config.file)
        self.document = self._check(_display(self.path, self.root))
        for name, extra in (
            ("flows.css", config.extra_css),
            ("flows.js", config.extra_javascript),
            ("search.css", config.extra_css),
            ("search.js", config.extra_javascript),
        ):
            if (ASSETS / name).is_file() and f"{ASSETS_URL}/{name}" not in map(str, extra):
                extra.append(f"{ASSETS_URL}/{name}")
        # Our search box and page markers (generator/theme) go before Material's own templates.
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        return config

    def _check(self, display: str) -> Document | None:
        try:
            document, problems = check_file(self.path, display)
        except OSError as error:
            document, problems = None, []
            message = (
                f"{display}: error: cannot read the file: {error.strerror or error}\n"
                "  hint: create it, or set the `file` option of the flows plugin in mkdocs.yml"
            )
        else:
            message = format_problems(problems)
        if document is not None:
            for problem in problems:
                # Warnings (a guide due for review) are news for editors, not a broken site:
                # shown in every build, they must not fail `mkdocs build --strict` a year on.
                log.info(str(problem))
            self.last_good = document
            return document
        if not self.serving:
            raise PluginError(message)
        log.error(message)
        if self.last_good is not None:
            log.warning(f"{display} has errors: showing the pages of its last good version")
        return self.last_good

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.document is None:
            self.pages = []
            self.generated = set()
            return files
        renderer = Renderer(
            self.document,
            templates=self.config.templates,
            directory_urls=config.use_directory_urls,
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
                clashes.append(
                    f"{page.pos}: error: {_describe_page(page)} would be published at "
                    f"{file.url or './'}, where {owner} already is\n"
                    f"  hint: rename or move {owner}, or change the id in "
                    f"{os.path.basename(self.path)}"
                )
                continue
            taken[file.dest_uri] = _describe_page(page)
            files.append(file)
        if clashes:
            raise PluginError("\n".join(clashes))
        if ASSETS.is_dir():
            for asset in sorted(ASSETS.iterdir()):
                if asset.is_file():
                    uri = f"{ASSETS_URL}/{asset.name}"
                    files.append(File.generated(config, uri, abs_src_path=str(asset)))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        # Only the navigation MkDocs builds from folders; a hand-written `nav` is the site's own.
        if config.nav is not None:
            return nav
        order = {page.src_uri: index for index, page in enumerate(self.pages)}
        flow_titles = {page.src_uri: page.title for page in self.pages if page.kind == FLOW}
        flow_sections: list[Section] = []
        for section in _sections(nav.items):
            for child in section.children:
                if _src_uri(child) in flow_titles:
                    # Named after the flow, not its folder; themes insert nav titles as HTML.
                    section.title = html.escape(flow_titles[_src_uri(child)], quote=False)
                    flow_sections.append(section)
            # MkDocs sorts by file name; guides keep the order editors gave them.
            section.children.sort(key=lambda child: order.get(_src_uri(child), len(order)))
        # Flows are what readers come for: right after the home page, before other pages.
        top = [item for item in nav.items if item not in flow_sections]
        home = 1 if top and _src_uri(top[0]) == "index.md" else 0
        nav.items = [*top[:home], *(s for s in flow_sections if s in nav.items), *top[home:]]
        nav.pages = [item for item in _walk(nav.items) if isinstance(item, MkDocsPage)]
        for previous, page in itertools.pairwise([None, *nav.pages, None]):
            if previous is not None:
                previous.next_page = page
            if page is not None:
                page.previous_page = previous
        return nav

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

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return name_search_dialog(output)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return name_search_dialog(output_content)  # 404.html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # The search box's words and where the index is, for the partial in generator/theme.
        _, depth = self._search_root(config)
        try:
            words = dict(words_for(config.theme.get("language") or "en"))
        except KeyError as error:
            raise PluginError(f"{error.args[0]}; add them to generator/search.py") from error
        env.globals["flows_search"] = {"words": words, "bundle": "../" * depth + BUNDLE + "/"}
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # One index over the whole output folder, each page in the index of its <html lang>.
        root, _ = self._search_root(config)
        try:
            stats = index_site(root)
        except SearchError as error:
            raise PluginError(str(error)) from error
        counts = ", ".join(f"{count} in '{lang}'" for lang, count in stats.pages.items())
        log.info(f"search: indexed {counts or 'no pages'} in {stats.seconds:.2f} s")

    def _search_root(self, config: MkDocsConfig) -> tuple[Path, int]:
        """The folder that holds every language's build, and how many levels below it this is.

        The default language is built at the root, each other one into <root>/<language>/.
        """
        site = Path(config.site_dir)
        language = config.theme.get("language") or ""
        default = self.document.language if self.document is not None else language
        if language and language != default and site.name == language:
            return site.parent, 1
        return site, 0

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        server.watch(self.path)
        if self.config.templates:
            server.watch(self.config.templates)
        return server


_H1 = re.compile(r'<h1\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog"(?=>)')
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input"[^>]*? aria-label="([^"]*)')


def name_search_dialog(output: str) -> str:
    """Give Material's search dialog the name of its search field.

    Material marks its search up as a dialog without a name, and screen readers then announce
    a nameless "dialog" (WCAG 4.1.2). The name is already escaped in the field's attribute.
    """
    label = _SEARCH_LABEL.search(output)
    if label is None:
        return output
    name = label.group(1)
    return _SEARCH_DIALOG.sub(lambda dialog: f'{dialog[0]} aria-label="{name}"', output, count=1)


def _display(path: str, root: str) -> str:
    """The file's name as editors know it: relative to mkdocs.yml's folder."""
    return Path(os.path.relpath(path, root or ".")).as_posix()


def _describe_page(page: Page) -> str:
    if page.kind == FLOW:
        return f"the page of flow '{page.flow.id}'"
    if page.kind == MAP:
        return f"the map of flow '{page.flow.id}'"
    kind = "question" if page.kind == QUESTION else "guide"
    return f"{kind} '{page.node_id}' of flow '{page.flow.id}'"


def _describe_file(file: File, root: str) -> str:
    if file.abs_src_path:
        return _display(file.abs_src_path, root)
    return file.src_uri


def _walk(items: list) -> Iterator:
    for item in items:
        yield item
        if isinstance(item, Section):
            yield from _walk(item.children)


def _sections(items: list) -> list[Section]:
    return [item for item in _walk(items) if isinstance(item, Section)]


def _src_uri(item: object) -> str | None:
    file = getattr(item, "file", None)
    return file.src_uri if file is not None else None
