"""The hand-written pages of a site: which language each belongs to, what the plan needs to know
of them, and which of them another language has no version of. No engine is imported here."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from generator.format.model import Position
from generator.format.problems import WARNING, Problem, problem
from generator.site.plan import HOME, ContentPage, SitePlan, docs_language

_FRONT_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.M)
_NAV_SECTION = re.compile(r"^nav_section:\s*(.+?)\s*$", re.M)
_NAV_ORDER = re.compile(r"^nav_order:\s*(\d+)\s*$", re.M)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def scan_content(
    docs_dir: str | os.PathLike[str] | None, languages: Sequence[str]
) -> dict[str, list[ContentPage]]:
    """The hand-written pages of each language: the default's in `docs_dir`, others' below.

    A page of language `en` lives in `docs_dir/en/`, at the same path as its counterpart
    (the site plan's `docs_language`).
    """
    found: dict[str, list[ContentPage]] = {language: [] for language in languages}
    if docs_dir is None or not os.path.isdir(docs_dir):
        return found
    root = Path(docs_dir)
    for path in sorted(root.rglob("*.md")):
        language, src_uri = docs_language(path.relative_to(root).as_posix(), languages)
        text = _read(path)
        title = _title(text) if src_uri.endswith(f"/{HOME}") else None
        section = _front(text, _NAV_SECTION)
        order = _front(text, _NAV_ORDER) if section else None
        found[language].append(
            ContentPage(src_uri, title, section, int(order) if order is not None else None)
        )
    return found


def counterpart_problems(plan: SitePlan, docs_display: str) -> list[Problem]:
    """A warning for each default-language page that another language has no version of.

    `docs_display` is the docs folder as editors know it (e.g. "content").
    """
    problems = []
    for language, src_uri in plan.missing_counterparts():
        here = f"{docs_display}/{src_uri}"
        there = f"{docs_display}/{plan.prefix(language)}{src_uri}"
        where = Position(here, 0, 0)
        found = problem(
            where, "FL006", severity=WARNING, page=here, language=language, missing=there
        )
        problems.append(found)
    return problems


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _front(text: str, pattern: re.Pattern[str]) -> str | None:
    """The value of a simple `key: value` line in a page's front matter, if it has one."""
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    match = pattern.search(text, 3, end if end > 0 else len(text))
    return match.group(1).strip("'\"") if match else None


def _title(text: str) -> str | None:
    """A hand-written page's title: its front matter's `title`, else its first heading."""
    title = _front(text, _FRONT_TITLE)
    if title:
        return title
    match = _HEADING.search(text)
    return match.group(1) if match else None
