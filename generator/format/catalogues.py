"""A site's own message catalogues: `<language>.yaml` files in the folder that the flows plugin's
`messages` option names, so a team whose language we have no catalogue for reads the checker in
its own.

A site's file for a language we ship may hold only what it changes (laid over ours, code by code
and phrase by phrase); for any other language it must be complete. Complete means what the tests
ask of ours: every code, hint and phrase of the English catalogue with the same placeholders, each
phrase with a count in exactly its language's plural categories (CLDR's). A catalogue that falls
short is a coded problem naming what it lacks, and is not used.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.format import cldr
from generator.format.model import Position
from generator.format.problems import (
    DEFAULT_LANGUAGE,
    Catalogue,
    Problem,
    catalogue_data,
    incomplete,
    languages,
    make_catalogue,
    phrase,
    problem,
)

# The catalogue every other is compared with.
REFERENCE = DEFAULT_LANGUAGE


def load_catalogues(
    folder: str | os.PathLike[str], display: Callable[[Path], str] | None = None
) -> tuple[dict[str, Catalogue], list[Problem]]:
    """The complete catalogues in `folder` by language, and a problem for each file that cannot
    be used. `display` names a file as editors know it (default: its path)."""
    found: dict[str, Catalogue] = {}
    problems: list[Problem] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        language = path.stem
        shown = display(path) if display is not None else path.as_posix()
        where = Position(shown, 0, 0)
        data = _read(path, shown, problems)
        if data is None:
            continue
        if not cldr.knows(language):
            problems.append(problem(where, "FL023", language=language, file=shown))
            continue
        if language in languages():
            data = _laid_over(catalogue_data(language), data)
        missing, wrong = catalogue_gaps(data, language)
        if missing or wrong:
            problems.append(incomplete(where, "FL024", language, shown, missing, wrong))
            continue
        found[language] = make_catalogue(language, data)
    return found, problems


def catalogue_gaps(data: Mapping[str, Any], language: str) -> tuple[list[str], list[str]]:
    """What the catalogue `data` of `language` lacks and what it has wrong, compared with the
    English one, each as its place in the file: `name`, `phrases.errors`, `codes.FL204`,
    `codes.FL204.message`, `codes.FL204.hint.close`."""
    reference = catalogue_data(REFERENCE)
    missing: list[str] = []
    wrong: list[str] = []

    def compare(place: str, value: Any, wanted: Any) -> None:
        if value is None:
            missing.append(place)
        elif not cldr.fits(value, wanted, language):
            wrong.append(place)

    def text(place: str, value: Any) -> None:
        # Printed as written, never filled in: any words will do.
        if value is None:
            missing.append(place)
        elif not isinstance(value, str) or not value.strip():
            wrong.append(place)

    text("name", data.get("name"))
    phrases = _mapping(data.get("phrases"))
    for key, wanted in reference["phrases"].items():
        compare(f"phrases.{key}", phrases.get(key), wanted)
    codes = _mapping(data.get("codes"))
    for code, entry in reference["codes"].items():
        place = f"codes.{code}"
        theirs = codes.get(code)
        if theirs is None or not isinstance(theirs, Mapping):
            (missing if theirs is None else wrong).append(place)
            continue
        text(f"{place}.title", theirs.get("title"))
        compare(f"{place}.message", theirs.get("message"), entry["message"])
        text(f"{place}.explanation", theirs.get("explanation"))
        ours_hints, their_hints = _hints(entry.get("hint")), _hints(theirs.get("hint"))
        for variant, hint in ours_hints.items():
            named = (
                f"{place}.hint" if isinstance(entry.get("hint"), str) else f"{place}.hint.{variant}"
            )
            compare(named, their_hints.get(variant), hint)
    return missing, wrong


def _hints(value: Any) -> Mapping[str, Any]:
    """A code's hints by variant: a single hint is the "default" one."""
    return {"default": value} if isinstance(value, str) else _mapping(value)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _laid_over(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """Our catalogue with a site's changes laid over it, code by code and phrase by phrase."""
    return {
        "name": theirs.get("name", ours["name"]),
        "phrases": {**ours["phrases"], **_mapping(theirs.get("phrases"))},
        "codes": {**ours["codes"], **_mapping(theirs.get("codes"))},
    }


try:  # a site's catalogues are read at every check: libyaml keeps that quick
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def _read(path: Path, shown: str, problems: list[Problem]) -> Mapping[str, Any] | None:
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=_Loader)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        where = Position(shown, mark.line + 1, mark.column + 1) if mark else Position(shown, 0, 0)
        reason = getattr(error, "strerror", None) or getattr(error, "problem", None)
        problems.append(problem(where, "FL025", reason=reason or str(error).splitlines()[0]))
        return None
    if not isinstance(data, Mapping):
        problems.append(problem(Position(shown, 0, 0), "FL025", reason=phrase("not-a-catalogue")))
        return None
    return data
