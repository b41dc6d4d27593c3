"""One call that the command line and the site plugin share: load, then validate."""

from __future__ import annotations

import datetime as dt
import os

from generator.loader import load
from generator.model import Document
from generator.problems import Problem, sort_problems
from generator.schema import RESERVED_IDS
from generator.strings import Tables, load_tables, table_problems
from generator.validator import validate


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
    document, problems = load(path, display_name)
    if document is not None:
        problems = problems + validate(
            document, today=today or dt.date.today(), max_age_months=max_age_months
        )
        problems += language_problems(document, tables if tables is not None else load_tables())
    problems = sort_problems(problems)
    if any(problem.is_error for problem in problems):
        return None, problems
    return document, problems


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
                problems.append(
                    Problem(
                        node.pos,
                        f"id '{node.id}' is reserved in flow '{flow.id}': it is the address of "
                        f"the flow's map in language '{slugs[node.id]}'",
                        f"choose another id, e.g. '{node.id}-{flow.id}'",
                    )
                )
    return problems


def content_problems(
    document: Document, tables: Tables, docs_dir: str | os.PathLike[str], docs_display: str
) -> list[Problem]:
    """Warnings for hand-written pages in `docs_dir` that another language has no version of."""
    if len(document.languages) < 2 or not os.path.isdir(docs_dir):
        return []
    # Imported here: a one-language `check` need not load the Markdown library.
    from generator.export import counterpart_problems, scan_content
    from generator.plan import SitePlan

    words = {language: tables[language] for language in document.languages}
    plan = SitePlan(document, words, scan_content(docs_dir, document.languages))
    return counterpart_problems(plan, docs_display)
