"""Interface words of pages and wizard: one table per language, in `i18n/<language>.yaml`.

A new language is a new table, not a code change; a site can add its own tables or override
single words of ours with a folder of `<language>.yaml` files. Every language a site uses must
have a complete table: there is never a silent fall-back to another language. A sentence with a
count is a mapping with one form per plural category of its language (`{one: …, other: …}` in
English, `{other: …}` in Indonesian); which categories a language has, which one a count takes
and how a date is written come from CLDR (generator/format/cldr.py), not from the tables.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.format import cldr
from generator.format.model import Document, Position
from generator.format.problems import Problem, incomplete, problem

PACKAGED = Path(__file__).parent / "i18n"
# The table every other is compared with: it has every key, with every placeholder.
REFERENCE = "en"
# The placeholder whose number chooses a sentence's plural form.
COUNT = "n"

# A table's entry: words, or the forms of a sentence with a count by plural category.
Sentence = str | Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Words:
    """One language's interface words; its plural rules and dates are CLDR's."""

    language: str
    words: Mapping[str, Sentence]

    def __getitem__(self, key: str) -> Sentence:
        return self.words[key]

    def format(self, key: str, **values: Any) -> str:
        """The words of `key` with their `{placeholders}` filled in; of a sentence with a count,
        the form that its `{n}` takes."""
        return self.sentence(key, values.get(COUNT)).format(**values)

    def sentence(self, key: str, count: object = None) -> str:
        """The words of `key` unfilled: of a sentence with a count, the form `count` takes, or
        the 'other' form (every language has one) when the count is not a number yet, as on
        the wizard's card, whose script fills in "{n}"."""
        value = self.words[key]
        if isinstance(value, str):
            return value
        if not isinstance(count, int):
            return value[cldr.OTHER]
        return value[cldr.plural_category(self.language, count)]

    def date(self, day: dt.date) -> str:
        """A date as CLDR says the language writes it in full, e.g. 28 November 2026."""
        return cldr.long_date(self.language, day)


@dataclass(frozen=True, slots=True)
class Tables:
    """Every complete table a site can use, keyed by language; and what is wrong with the rest.

    `incomplete` maps a language to (its table's file, missing keys, keys with wrong values);
    `unknown` maps a language CLDR does not know to its table's file; `problems` are tables
    that could not be read at all.
    """

    words: Mapping[str, Words]
    incomplete: Mapping[str, tuple[str, tuple[str, ...], tuple[str, ...]]]
    problems: tuple[Problem, ...] = ()
    unknown: Mapping[str, str] = field(default_factory=dict)

    def __getitem__(self, language: str) -> Words:
        return self.words[language]

    def __contains__(self, language: object) -> bool:
        return language in self.words


def load_tables(folder: str | os.PathLike[str] | None = None) -> Tables:
    """The packaged tables, with the site's own from `folder` added or laid over them.

    A site's file may hold only the words it changes for a language we ship; for any other
    language it must be complete.
    """
    raw: dict[str, dict[str, Any]] = {}
    sources: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted(PACKAGED.glob("*.yaml")):
        raw[path.stem] = _read(path, problems)
        sources[path.stem] = path.as_posix()
    if folder is not None:
        for path in sorted(Path(folder).glob("*.yaml")):
            raw[path.stem] = {**raw.get(path.stem, {}), **_read(path, problems)}
            sources[path.stem] = path.as_posix()
    reference = raw.get(REFERENCE, {})
    words: dict[str, Words] = {}
    incomplete: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    unknown: dict[str, str] = {}
    for language, table in sorted(raw.items()):
        if not cldr.knows(language):
            unknown[language] = sources[language]
            continue
        missing = tuple(key for key in reference if key not in table)
        wrong = tuple(
            key
            for key, value in table.items()
            if key in reference
            and key not in missing
            and not cldr.fits(value, reference[key], language)
        )
        if missing or wrong:
            incomplete[language] = (sources[language], missing, wrong)
            continue
        # Keys the reference lacks (a retired key, such as the month names tables once had)
        # are left out: nothing asks for them.
        text = {key: _sentence(value) for key, value in table.items() if key in reference}
        words[language] = Words(language, text)
    return Tables(words, incomplete, tuple(problems), unknown)


def table_problems(document: Document, tables: Tables) -> list[Problem]:
    """A problem, at `languages:`, for each language of `document` without a complete table."""
    where = document.languages_pos or Position(document.path, 1, 1)
    problems = list(tables.problems)
    for language in document.languages:
        if language in tables:
            continue
        if language in tables.unknown:
            problems.append(
                problem(where, "FL023", language=language, file=tables.unknown[language])
            )
            continue
        if language in tables.incomplete:
            source, missing, wrong = tables.incomplete[language]
            problems.append(incomplete(where, "FL007", language, source, missing, wrong))
            continue
        available = ", ".join(sorted(tables.words))
        problems.append(problem(where, "FL509", language=language, available=available))
    return problems


def _sentence(value: Any) -> Sentence:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else str(value)


try:  # the tables are read at every build: libyaml keeps that quick
    _TableLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _TableLoader = yaml.SafeLoader


def _read(path: Path, problems: list[Problem]) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=_TableLoader)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        where = Position(path.as_posix(), line, column)
        problems.append(problem(where, "FL008", reason=_reason(error)))
        return {}
    if not isinstance(data, dict):
        problems.append(problem(Position(path.as_posix(), 0, 0), "FL009"))
        return {}
    return {str(key): value for key, value in data.items()}


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return getattr(error, "problem", None) or str(error).splitlines()[0]
