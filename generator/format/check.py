"""One call that the command line and both engines share: load, validate, then ask the site
plan whether an id or a hand-written page would take an address the site makes or keeps."""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass

from generator.format.links import page_problems as link_page_problems
from generator.format.loader import load_bytes, load_files, load_text
from generator.format.merge import merge_files
from generator.format.model import Document, Moved, Position, old_place
from generator.format.problems import Phrase, Problem, phrase, problem, sort_problems
from generator.format.validator import validate
from generator.site.plan import (
    FLOW,
    GUIDES,
    LANGUAGE,
    MAP,
    QUESTION,
    SCRIPTS,
    SEARCH,
    PlannedPage,
    Redirect,
    Reserved,
    SitePlan,
    reserved_ids,
)
from generator.site.words import Tables, load_tables, table_problems


@dataclass(frozen=True, slots=True)
class Docs:
    """A site's folder of hand-written pages: where it is, how editors name it ("content"), and
    whether `a/b.md` is served at `a/b/` (MkDocs' `use_directory_urls`) or at `a/b.html`."""

    folder: str | os.PathLike[str]
    display: str
    directory_urls: bool = True


def check_file(
    path: str | os.PathLike[str],
    display_name: str | None = None,
    *,
    today: dt.date | None = None,
    max_age_months: int = 12,
    tables: Tables | None = None,
    docs: Docs | None = None,
) -> tuple[Document | None, list[Problem]]:
    """Load and validate a flows file; the model is returned only when it has no errors.

    Review dates are judged against `today` (default: the current date). Every language of the
    file needs a complete table of interface words in `tables` (default: the packaged ones).
    With `docs`, hand-written pages at an address of the site's own are errors too. Raises
    OSError only when the file cannot be opened.
    """
    names = None if display_name is None else [display_name]
    return check_files(
        [path], names, today=today, max_age_months=max_age_months, tables=tables, docs=docs
    )


def check_files(
    paths: Sequence[str | os.PathLike[str]],
    display_names: Sequence[str] | None = None,
    *,
    today: dt.date | None = None,
    max_age_months: int = 12,
    tables: Tables | None = None,
    docs: Docs | None = None,
) -> tuple[Document | None, list[Problem]]:
    """Load and validate the flows files of one site as one model, as `check_file` does one.

    Every file is checked even when another has errors; problems come sorted by file, then
    position. Raises OSError only when a file cannot be opened.
    """
    document, problems = load_files(paths, display_names)
    return _checked(document, problems, today, max_age_months, tables, docs)


def check_sources(
    sources: Sequence[tuple[str, bytes]],
    *,
    today: dt.date | None = None,
    max_age_months: int = 12,
    tables: Tables | None = None,
) -> tuple[Document | None, list[Problem]]:
    """As `check_files`, for files given as (name, content): those at a git revision, say."""
    document, problems = merge_files(load_bytes(data, name) for name, data in sources)
    return _checked(document, problems, today, max_age_months, tables, None)


def check_texts(
    texts: Sequence[tuple[str, str]],
    *,
    today: dt.date | None = None,
    max_age_months: int = 12,
    tables: Tables | None = None,
) -> tuple[Document | None, list[Problem]]:
    """As `check_files`, for files given as (name, text) pairs rather than read from disk."""
    loaded = [load_text(text, name) for name, text in texts]
    document, problems = loaded[0] if len(loaded) == 1 else merge_files(loaded)
    return _checked(document, problems, today, max_age_months, tables, None)


def _checked(
    document: Document | None,
    problems: list[Problem],
    today: dt.date | None,
    max_age_months: int,
    tables: Tables | None,
    docs: Docs | None,
) -> tuple[Document | None, list[Problem]]:
    """A loaded model validated: the model when it has no errors, and every problem, sorted."""
    if document is not None:
        tables = tables if tables is not None else load_tables()
        today = today or dt.date.today()
        problems = problems + document_problems(
            document, tables, today=today, max_age_months=max_age_months
        )
        if docs is not None and not any(problem.is_error for problem in problems):
            # The site's pages can be planned only from a model without errors.
            problems += page_problems(document, tables, docs)
    problems = sort_problems(problems)
    if any(problem.is_error for problem in problems):
        return None, problems
    return document, problems


FLOWS_SUFFIXES = (".yaml", ".yml")
_GLOB = frozenset("*?[")


def flows_files(
    items: Sequence[str], root: str = "", *, missing_hint: str = "default"
) -> tuple[list[str], list[Problem]]:
    """The flows files that `items` name, in order: files as given, every *.yaml and *.yml of a
    folder (recursively, sorted, hidden ones left out) and the files a glob pattern matches.

    Relative items are taken from `root`; each file is named as its item spells it. A missing
    path is FL001, a folder or pattern without flows files FL010; a file named twice counts once.
    """
    found: list[str] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        key = os.path.realpath(os.path.join(root, name))
        if key not in seen:
            seen.add(key)
            found.append(name)

    for item in items:
        full = os.path.join(root, item)
        if _GLOB & set(item):
            matches = sorted(
                os.path.relpath(match, root or ".") if not os.path.isabs(item) else match
                for match in glob.glob(full, recursive=True)
                if os.path.isfile(match)
            )
            if not matches:
                problems.append(problem(Position(item, 0, 0), "FL010", hint="glob"))
            for match in matches:
                add(match)
        elif os.path.isdir(full):
            inside = _folder_files(full)
            if not inside:
                problems.append(problem(Position(item, 0, 0), "FL010", hint="folder"))
            for relative in inside:
                add(os.path.join(item, relative))
        elif os.path.exists(full):
            add(item)
        else:
            reason = os.strerror(2)  # "No such file or directory", as open() would say
            problems.append(
                problem(Position(item, 0, 0), "FL001", hint=missing_hint, reason=reason)
            )
    return found, problems


def _folder_files(folder: str) -> list[str]:
    """The flows files under `folder`, relative to it, in sorted order (sorted by path parts)."""
    files = []
    for parent, dirs, names in os.walk(folder):
        # Editors' and version control's own folders (.git, .vscode) hold no flows.
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            if name.endswith(FLOWS_SUFFIXES) and not name.startswith("."):
                files.append(os.path.relpath(os.path.join(parent, name), folder))
    return sorted(files, key=lambda path: path.split(os.sep))


def document_problems(
    document: Document,
    tables: Tables,
    *,
    today: dt.date | None = None,
    max_age_months: int = 12,
) -> list[Problem]:
    """Everything wrong with a loaded model: its trees (see `validate`), the interface words of
    its languages, and ids at addresses the site keeps for its own pages."""
    problems = validate(document, today=today, max_age_months=max_age_months)
    problems += table_problems(document, tables)
    problems += address_problems(document, tables)
    return problems


def address_problems(document: Document, tables: Tables) -> list[Problem]:
    """Flow, question and outcome ids that would take an address the site plan keeps."""
    kept = {(reserved.of_flow, reserved.id): reserved for reserved in _reserved(document, tables)}
    problems: list[Problem] = []
    for flow in document.flows.values():
        reserved = kept.get((True, flow.id))
        if reserved is not None:
            problems.append(problem(flow.pos, "FL212", flow=flow.id, page=_kept_for(reserved)))
        for node in (*flow.questions.values(), *flow.outcomes.values(), *flow.moved.values()):
            node_id = node.old if isinstance(node, Moved) else node.id
            reserved = kept.get((False, node_id))
            if reserved is not None:
                page = _kept_for(reserved)
                problems.append(problem(node.pos, "FL207", id=node_id, flow=flow.id, page=page))
    # Old addresses of flows that are gone are addresses all the same.
    for moved in document.moved.values():
        flow_id, node_id = old_place(moved, None)
        reserved = kept.get((node_id is None, flow_id if node_id is None else node_id))
        if reserved is None:
            continue
        page = _kept_for(reserved)
        if node_id is None:
            problems.append(problem(moved.pos, "FL212", flow=flow_id, page=page))
        else:
            problems.append(problem(moved.pos, "FL207", id=node_id, flow=flow_id, page=page))
    return problems


def page_problems(document: Document, tables: Tables, docs: Docs) -> list[Problem]:
    """Hand-written pages in `docs`, in any language, at an address the site makes or keeps.

    A clash with a page made from an id is told at that id, so that either may be changed;
    one with a page or folder of the site's own is told at the hand-written page.
    """
    if not os.path.isdir(docs.folder):
        return []
    plan = _content_plan(document, tables, docs)
    problems = []
    for clash in plan.clashes():
        shown = f"{docs.display}/{plan.prefix(clash.language)}{clash.src_uri}"
        url = plan.prefix(clash.language) + clash.url
        page = clash.page or clash.redirect
        if page is not None:
            described = describe_page(page)
            problems.append(
                problem(page.pos, "FL005", page=described, url=url, owner=shown, file=page.pos.file)
            )
        elif clash.reserved is not None:
            what = _kept_for(clash.reserved)
            problems.append(problem(Position(shown, 0, 0), "FL020", url=url, what=what))
    return problems + _link_problems(plan, docs)


def _link_problems(plan: SitePlan, docs: Docs) -> list[Problem]:
    """Links by id in the hand-written pages that lead nowhere (FL221, FL222)."""
    problems = []
    for language in plan.languages:
        folder = os.path.join(docs.folder, plan.prefix(language))
        for page in plan.content.get(language, ()):
            try:
                with open(os.path.join(folder, page.src_uri), encoding="utf-8") as handle:
                    text = handle.read()
            except (OSError, UnicodeDecodeError):
                continue  # the engine says why it cannot read the page
            shown = f"{docs.display}/{plan.prefix(language)}{page.src_uri}"
            problems += link_page_problems(plan.document, text, shown)
    return problems


def describe_page(page: PlannedPage | Redirect) -> Phrase:
    """A generated page in an editor's words: "guide 'unpaid' of flow 'shop'"."""
    if isinstance(page, Redirect):
        if page.node_id is None:
            return phrase("page-moved-flow", flow=page.flow_id)
        return phrase("page-moved", id=page.node_id, flow=page.flow_id)
    if page.flow is None:
        return phrase("page-guides")
    if page.kind == FLOW:
        return phrase("page-flow", flow=page.flow.id)
    if page.kind == MAP:
        return phrase("page-map", flow=page.flow.id)
    kind = "page-question" if page.kind == QUESTION else "page-outcome"
    return phrase(kind, id=page.node_id, flow=page.flow.id)


def _reserved(document: Document, tables: Tables) -> list[Reserved]:
    words = {language: tables[language] for language in document.languages if language in tables}
    return reserved_ids(document.languages, words)


# What the site keeps an address for, by `Reserved.kind`: the catalogue's phrase.
_KEPT_FOR = {
    FLOW: "reserved-index",
    MAP: "reserved-map",
    GUIDES: "reserved-guides",
    LANGUAGE: "reserved-language",
    SCRIPTS: "reserved-scripts",
    SEARCH: "reserved-search",
}


def _kept_for(reserved: Reserved) -> Phrase:
    """What the site keeps the address of `reserved` for, in an editor's words."""
    if reserved.language is None:
        return phrase(_KEPT_FOR[reserved.kind])
    return phrase(_KEPT_FOR[reserved.kind], language=reserved.language)


def _content_plan(document: Document, tables: Tables, docs: Docs) -> SitePlan:
    """The site's plan with its hand-written pages, as the engines make it."""
    # Imported here: only a check beside a site's pages reads them.
    from generator.site.content import scan_content

    words = {language: tables[language] for language in document.languages}
    content = scan_content(docs.folder, document.languages)
    return SitePlan(document, words, content, directory_urls=docs.directory_urls)


def content_problems(
    document: Document, tables: Tables, docs_dir: str | os.PathLike[str], docs_display: str
) -> list[Problem]:
    """Warnings for hand-written pages in `docs_dir` that another language has no version of."""
    if len(document.languages) < 2 or not os.path.isdir(docs_dir):
        return []
    from generator.site.content import counterpart_problems

    plan = _content_plan(document, tables, Docs(docs_dir, docs_display))
    return counterpart_problems(plan, docs_display)
