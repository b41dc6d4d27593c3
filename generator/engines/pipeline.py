"""The build every engine shares: check → plan → render → engine → search index → swap into place.

Engine adapters (engines/mkdocs.py, engines/zensical.py) differ only in how their engine is
handed the pages; everything before and after is here, so a site means the same on each. No
engine is imported here.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.engines.export import merge_sitemaps
from generator.engines.styles import trim_site
from generator.format.check import check_files
from generator.format.model import Document, Position
from generator.format.problems import (
    Language,
    Problem,
    choose_messages,
    file_languages,
    format_problem,
    problem,
    sort_problems,
)
from generator.site.content import counterpart_problems, scan_content
from generator.site.meta import site_problems
from generator.site.plan import SitePlan
from generator.site.project import Project, pipeline_docs
from generator.site.search import SearchError, index_site, unstemmed_notices
from generator.site.words import Tables

log = logging.getLogger("generator.build")


class EngineError(Exception):
    """An engine, or the search indexer, stopped a build; the message is its report."""


def messages_language(project: Project, option: str | None = None) -> tuple[Language, str | None]:
    """The editor's language: --lang, FLOWS_LANG, the locale, the flows file's, English; ours
    or the site's own catalogue of it. With the notice to show once when the language asked
    for has no catalogue and the messages fall back to English."""
    paths, _ = project.flows_files()
    first = project.root / paths[0] if paths else None
    return choose_messages(
        option,
        os.environ,
        lambda: file_languages(first) if first is not None else (),
        project.catalogues()[0],
    )


@dataclass
class Pipeline:
    """One site's build steps, for any engine; `messages` is the editor's language."""

    project: Project
    messages: Language = "en"
    # The interface words: read from the project unless the adapter has them already.
    tables: Tables | None = None

    def __post_init__(self) -> None:
        if self.tables is None:
            self.tables = self.project.tables()

    def check(self, *, max_age_months: int = 12) -> tuple[Document | None, list[Problem]]:
        """`check_flows`, then `check_site` when the flows are sound: every problem, sorted."""
        document, problems = self.check_flows(max_age_months=max_age_months)
        if document is not None:
            problems = sort_problems(problems + self.check_site(document))
        return document, problems

    def check_flows(self, *, max_age_months: int = 12) -> tuple[Document | None, list[Problem]]:
        """Load and validate the flows files. Returns the model (None when there are errors) and
        the problems: warnings come with a model, for the adapter to show as news."""
        project = self.project
        paths, missing = project.flows_files()
        if missing:
            return None, missing
        names = [project.display(project.root / path) for path in paths]
        try:
            document, problems = check_files(
                [project.root / path for path in paths],
                names,
                max_age_months=max_age_months,
                tables=self.tables,
                docs=pipeline_docs(project),
            )
        except OSError as error:
            where = project.display(error.filename) if error.filename else names[0]
            reason = error.strerror or str(error)
            return None, [problem(Position(where, 0, 0), "FL001", hint="plugin", reason=reason)]
        # The site's own catalogues of messages are its files too: one that cannot be used
        # stops the build like a broken flows file.
        unusable = project.catalogues()[1]
        if unusable:
            return None, [*problems, *unusable]
        if document is not None and project.exists:
            shown = project.display(project.config_file)
            problems = [*problems, *site_problems(document.languages, project.site_url, shown)]
        return document, problems

    def check_site(self, document: Document, plan: SitePlan | None = None) -> list[Problem]:
        """The site's pages against the flows: pages another language has no version of.
        `plan` is the document's plan, when the adapter has made it already."""
        if self.project.docs_dir is None:
            return []
        plan = plan if plan is not None else self.plan(document)
        return counterpart_problems(plan, self.project.docs_display)

    def notices(self, document: Document) -> list[Problem]:
        """News for the site's makers that no edit fixes: the languages whose words the
        search index keeps as written (FL040)."""
        names = {
            language: self.tables[language]["language_name"] for language in document.languages
        }
        return unstemmed_notices(
            document.languages, names, self.project.display(self.project.config_file)
        )

    def plan(
        self,
        document: Document,
        *,
        site_url: str | None = None,
        directory_urls: bool | None = None,
    ) -> SitePlan:
        """The site plan of `document` with the project's pages and words."""
        words = {language: self.tables[language] for language in document.languages}
        content = scan_content(self.project.docs_dir, document.languages)
        return SitePlan(
            document,
            words,
            content,
            site_url=site_url if site_url is not None else self.project.site_url,
            directory_urls=(
                self.project.directory_urls if directory_urls is None else directory_urls
            ),
            share_image=self.project.share_image,
        )

    def report(self, problems: Sequence[Problem]) -> None:
        """Show problems that do not stop the build (warnings: news for editors)."""
        for item in problems:
            log.info(format_problem(item, self.messages))


def staging_dir(site_dir: Path) -> Path:
    """An empty folder beside `site_dir` to build into, so the site is swapped in whole."""
    staging = site_dir.with_name(f".{site_dir.name}.new")
    if staging.exists():
        shutil.rmtree(staging)
    return staging


def finish(staging: Path, site_dir: Path, prefixes: Sequence[str]) -> None:
    """After every language is built into `staging`: one sitemap, the theme's stylesheets cut
    to what the site uses, the search index, then the new site in place of the old. Raises
    EngineError when indexing fails (the old site stays)."""
    if any(prefixes):
        merge_sitemaps(staging, [prefix for prefix in prefixes if prefix])
    for trimmed in trim_site(staging):
        log.info(
            "%s: %d KB, trimmed to what the site uses (%d KB)",
            trimmed.before,
            trimmed.bytes_before // 1024,
            trimmed.bytes_after // 1024,
        )
    index_search(staging)
    swap(staging, site_dir)


def index_search(site_dir: Path) -> None:
    """Index every language's pages for the site's search box, once all are built."""
    try:
        stats = index_site(site_dir)
    except SearchError as error:
        raise EngineError(str(error)) from None
    log.info(stats.summary())


def swap(staging: Path, site_dir: Path) -> None:
    """Put the new site where the old one was, so a reader never sees half of each."""
    if staging.resolve() == site_dir.resolve():
        return
    old = site_dir.with_name(f".{site_dir.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    if old.exists():
        shutil.rmtree(old)
