"""One call that the command line and the site plugin share: load, then validate."""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Sequence

from generator.format.loader import load_files, load_text
from generator.format.merge import merge_files
from generator.format.model import Document, Position
from generator.format.problems import Problem, phrase, problem, sort_problems
from generator.format.schema import RESERVED_IDS
from generator.format.validator import validate
from generator.site.words import Tables, load_tables, table_problems


def check_file(
    path: str | os.PathLike[str],
    display_name: str | None = None,
    *,
    today: dt.date | None = None,
    max_age_months: int = 12,
    tables: Tables | None = None,
) -> tuple[Document | None, list[Problem]]:
    """Load and validate a flows file; the model is returned only when it has no errors.

    Review dates are judged against `today` (default: the current date). Every language of the
    file needs a complete table of interface words in `tables` (default: the packaged ones).
    Raises OSError only when the file cannot be opened.
    """
    names = None if display_name is None else [display_name]
    return check_files([path], names, today=today, max_age_months=max_age_months, tables=tables)


def check_files(
    paths: Sequence[str | os.PathLike[str]],
    display_names: Sequence[str] | None = None,
    *,
    today: dt.date | None = None,
    max_age_months: int = 12,
    tables: Tables | None = None,
) -> tuple[Document | None, list[Problem]]:
    """Load and validate the flows files of one site as one model, as `check_file` does one.

    Every file is checked even when another has errors; problems come sorted by file, then
    position. Raises OSError only when a file cannot be opened.
    """
    document, problems = load_files(paths, display_names)
    return _checked(document, problems, today, max_age_months, tables)


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
    return _checked(document, problems, today, max_age_months, tables)


def _checked(
    document: Document | None,
    problems: list[Problem],
    today: dt.date | None,
    max_age_months: int,
    tables: Tables | None,
) -> tuple[Document | None, list[Problem]]:
    """The loaded model validated: every problem sorted, the model only when it has no errors."""
    if document is not None:
        problems = problems + validate(
            document, today=today or dt.date.today(), max_age_months=max_age_months
        )
        problems += language_problems(document, tables if tables is not None else load_tables())
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


def language_problems(document: Document, tables: Tables) -> list[Problem]:
    """Languages without complete interface words, and ids that a language's map would take."""
    problems = table_problems(document, tables)
    slugs = {
        tables[language]["map_slug"]: language
        for language in document.languages
        if language in tables
    }
    for flow in document.flows.values():
        for node in (*flow.questions.values(), *flow.outcomes.values()):
            # The validator already reports the ids every site reserves.
            if node.id in slugs and node.id not in RESERVED_IDS:
                page = phrase("reserved-map-in", language=slugs[node.id])
                problems.append(problem(node.pos, "FL207", id=node.id, flow=flow.id, page=page))
    return problems


def content_problems(
    document: Document, tables: Tables, docs_dir: str | os.PathLike[str], docs_display: str
) -> list[Problem]:
    """Warnings for hand-written pages in `docs_dir` that another language has no version of."""
    if len(document.languages) < 2 or not os.path.isdir(docs_dir):
        return []
    # Imported here: a one-language `check` need not load the Markdown library.
    from generator.engines.export import counterpart_problems, scan_content
    from generator.site.plan import SitePlan

    words = {language: tables[language] for language in document.languages}
    plan = SitePlan(document, words, scan_content(docs_dir, document.languages))
    return counterpart_problems(plan, docs_display)
