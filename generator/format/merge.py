"""The merge of the flows files of one site into one model.

The files must agree on `version` and `languages` (FL511) and not repeat a flow id (FL211) or
an old id of the top level's `moved:` (FL220); each file's own problems are the loader's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TypeVar

from generator.format.model import Document, Flow, Moved, Position
from generator.format.problems import Problem, problem


def merge_files(
    read: Iterable[tuple[Document | None, list[Problem]]],
) -> tuple[Document | None, list[Problem]]:
    """One model holding the flows of every file `read`, in order, and all their problems.

    Each item is what the loader gives for one file: its model (None when the file could not be
    read as flows) and its problems. The first model sets `version` and `languages`; a later
    file that differs gets FL511, a flow id seen before FL211. The model is None only when no
    file could be read as flows.
    """
    problems: list[Problem] = []
    merged: Document | None = None
    flows: dict[str, Flow] = {}
    moved: dict[str, Moved] = {}
    moved_pos: Position | None = None
    for document, found in read:
        problems += found
        if document is None:
            continue
        if merged is None:
            merged = document
        else:
            problems += _disagreements(merged, document)
        problems += _once(document.flows, flows, "FL211", "flow")
        problems += _once(document.moved, moved, "FL220", "old")
        moved_pos = moved_pos or document.moved_pos
    if merged is None:
        return None, problems
    return replace(merged, flows=flows, moved=moved, moved_pos=moved_pos), problems


Kept = TypeVar("Kept", Flow, Moved)


def _once(items: Mapping[str, Kept], kept: dict[str, Kept], code: str, name: str) -> list[Problem]:
    """Keep each of `items` whose id `kept` has not yet; `code` for each it has, at the later
    one, naming the first (the id goes in the message's placeholder `name`)."""
    problems = []
    for key, item in items.items():
        first = kept.get(key)
        if first is not None:
            problems.append(problem(item.pos, code, first=str(first.pos), **{name: key}))
            continue
        kept[key] = item
    return problems


def _disagreements(first: Document, other: Document) -> list[Problem]:
    """FL511 for each setting of `other` that differs from the first file's."""
    problems = []
    settings = (
        ("version", other.version, first.version, None, None),
        ("languages", other.languages, first.languages, other.languages_pos, first.languages_pos),
    )
    for key, mine, theirs, here, there in settings:
        if mine != theirs:
            # The version has no position of its own in the model: the file's start stands in.
            here = here or Position(other.path, 1, 1)
            there = there or Position(first.path, 1, 1)
            found = problem(
                here,
                "FL511",
                key=key,
                value=_setting(mine),
                first=str(there),
                first_value=_setting(theirs),
            )
            problems.append(found)
    return problems


def _setting(value: int | tuple[str, ...]) -> str:
    return f"[{', '.join(value)}]" if isinstance(value, tuple) else str(value)
