"""One call that the command line and the site plugin share: load, then validate."""

from __future__ import annotations

import datetime as dt
import os

from generator.loader import load
from generator.model import Document
from generator.problems import Problem, sort_problems
from generator.validator import validate


def check_file(
    path: str | os.PathLike[str],
    display_name: str | None = None,
    *,
    today: dt.date | None = None,
    max_age_months: int = 12,
) -> tuple[Document | None, list[Problem]]:
    """Load and validate a flows file; the model is returned only when it has no errors.

    Review dates are judged against `today` (default: the current date).
    Raises OSError only when the file cannot be opened.
    """
    document, problems = load(path, display_name)
    if document is not None:
        problems = problems + validate(
            document, today=today or dt.date.today(), max_age_months=max_age_months
        )
    problems = sort_problems(problems)
    if any(problem.is_error for problem in problems):
        return None, problems
    return document, problems
