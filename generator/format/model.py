"""The decision-tree model: frozen dataclasses whose nodes remember where they came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass

# Paths through a DAG can be exponential in number; pages and tools list at most this many.
MAX_LISTED_PATHS = 50


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a source file: 1-based line and column, as editors count them."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Link:
    """A link by id in editor text (`[](guide:id)`, see format/links.py): the language of the
    text it is in, its target as written, and where that target is written."""

    language: str
    target: str
    pos: Position


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of editor-written text in one or more languages (inline Markdown allowed).

    `links` are its links by id, found when it is read; they follow from `values` (so two texts
    that say the same are equal wherever they are written).
    """

    values: Mapping[str, str]
    pos: Position
    links: tuple[Link, ...] = field(default=(), compare=False)

    def get(self, language: str | None = None) -> str:
        """The text in `language`, or in the first language it has."""
        if language is not None and language in self.values:
            return self.values[language]
        return next(iter(self.values.values()))

    def __str__(self) -> str:
        return self.get()


@dataclass(frozen=True, slots=True)
class Option:
    """One answer to a question; `next` is the id of the question or outcome it leads to."""

    label: Text
    next: str
    pos: Position
    next_pos: Position


@dataclass(frozen=True, slots=True)
class Question:
    """A question the reader answers by choosing one of its options."""

    id: str
    text: Text
    options: tuple[Option, ...]
    pos: Position
    help: Text | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One action of a guide, with optional detail shown beneath it."""

    text: Text
    pos: Position
    detail: Text | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A remark beside a guide's steps; `type` is one of NOTE_TYPES."""

    type: str
    text: Text
    pos: Position


NOTE_TYPES = ("tip", "info", "warning")


@dataclass(frozen=True, slots=True)
class Outcome:
    """A leaf of the tree: a step-by-step guide."""

    id: str
    title: Text
    steps: tuple[Step, ...]
    pos: Position
    summary: Text | None = None
    notes: tuple[Note, ...] = ()
    reviewed: dt.date | None = None
    reviewed_pos: Position | None = None
    # Words readers search for that the guide's text does not use: for search only.
    keywords: tuple[Text, ...] = ()


Node = Question | Outcome


@dataclass(frozen=True, slots=True)
class Moved:
    """A `moved:` entry: readers of the old address are sent on to `target`.

    Under a flow, `old` is a node id the flow had and `target` a node of the same flow, or
    `flow/node` of another. At the top of the file, `old` is a flow id that is gone (its page,
    its map, and its nodes that the target flow has too) or `flow/node`, and `target` a flow
    or `flow/node`.
    """

    old: str
    target: str
    pos: Position  # the old id
    target_pos: Position


@dataclass(frozen=True, slots=True)
class Flow:
    """One decision tree: questions and outcomes keyed by id, entered at `start`."""

    id: str
    title: Text
    start: str
    questions: Mapping[str, Question]
    outcomes: Mapping[str, Outcome]
    pos: Position
    start_pos: Position
    summary: Text | None = None
    keywords: tuple[Text, ...] = ()
    # Ids this flow had, by old id: their addresses lead on to where readers should go now.
    moved: Mapping[str, Moved] = field(default_factory=dict)
    moved_pos: Position | None = None  # where `moved:` is written, when it is

    def node(self, node_id: str) -> Node | None:
        """The question or outcome called `node_id`, if there is one."""
        return self.questions.get(node_id) or self.outcomes.get(node_id)


@dataclass(frozen=True, slots=True)
class Document:
    """A whole flows.yaml: its languages (the first is the default) and its flows."""

    path: str
    version: int
    languages: tuple[str, ...]
    flows: Mapping[str, Flow] = field(default_factory=dict)
    # Where `languages:` is written (the file's start when it is left out): problems with a
    # language as a whole, such as a missing table of interface words, point there.
    languages_pos: Position | None = None
    # Flows that are gone, and nodes of theirs, by old id ('flow' or 'flow/node').
    moved: Mapping[str, Moved] = field(default_factory=dict)
    moved_pos: Position | None = None

    @property
    def language(self) -> str:
        """The default language."""
        return self.languages[0]


# Where a `moved:` entry leads: (flow id, node id), the node None for the flow's own page.
Place = tuple[str, str | None]


def target_of(moved: Moved, flow_id: str | None) -> Place:
    """Where `moved` (of the flow `flow_id`, or of the top level when None) says to go.

    Under a flow a bare id is a node of that flow; at the top level, a flow.
    """
    first, slash, rest = moved.target.partition("/")
    if slash:
        return first, rest
    return (flow_id, first) if flow_id is not None else (first, None)


def old_place(moved: Moved, flow_id: str | None) -> Place:
    """The old address a `moved:` entry keeps, as (flow id, node id or None)."""
    if flow_id is not None:
        return flow_id, moved.old
    first, slash, rest = moved.old.partition("/")
    return (first, rest) if slash else (first, None)


def exists(document: Document, place: Place) -> bool:
    """Whether the flow (or its node) of `place` is in `document`."""
    flow = document.flows.get(place[0])
    return flow is not None and (place[1] is None or flow.node(place[1]) is not None)


def moved_entry(document: Document, place: Place) -> tuple[Moved, str | None] | None:
    """The `moved:` entry written for the old `place`, with the flow it is under (None for the
    top level); None when there is none."""
    flow_id, node_id = place
    flow = document.flows.get(flow_id)
    if flow is not None:
        found = flow.moved.get(node_id) if node_id is not None else None
        return (found, flow_id) if found is not None else None
    key = flow_id if node_id is None else f"{flow_id}/{node_id}"
    found = document.moved.get(key)
    return (found, None) if found is not None else None


def moved_to(document: Document, place: Place, limit: int = 8) -> Place | None:
    """Where readers of the old `place` are sent now, following `moved:` entries; None when
    nothing leads on (or the entries go nowhere or round in a loop: the validator says which).
    """
    for _ in range(limit):
        if exists(document, place):
            return place
        following = next_place(document, place)
        if following is None:
            return None
        place = following
    return None


def next_place(document: Document, place: Place) -> Place | None:
    """Where the `moved:` entry for the old `place` leads, one step; None when there is none.

    A flow moved to another flow at the top level takes its nodes along: `old-flow/x` leads to
    `new-flow/x`.
    """
    entry = moved_entry(document, place)
    if entry is not None:
        return target_of(*entry)
    flow_id, node_id = place
    moved = document.moved.get(flow_id) if flow_id not in document.flows else None
    if moved is None or node_id is None:
        return None
    target_flow, target_node = target_of(moved, None)
    return (target_flow, node_id) if target_node is None else None


def without_positions(value: object) -> object:
    """The model (or any part of it) as plain data without the file's name and positions: what
    two layouts of the same content have in common."""
    if isinstance(value, Position):
        return None
    if is_dataclass(value) and not isinstance(value, type):
        return {
            item.name: without_positions(getattr(value, item.name))
            for item in fields(value)
            if item.name != "path"
        }
    if isinstance(value, Mapping):
        # In order: the order of flows, questions and guides shows on the site.
        return [(key, without_positions(item)) for key, item in value.items()]
    if isinstance(value, (tuple, list)):
        return [without_positions(item) for item in value]
    return value


# A path is the list of (question, option) choices from the start to an outcome.
Path = tuple[tuple[Question, Option], ...]


def count_paths(flow: Flow) -> dict[str, int]:
    """Number of distinct answer paths from `start` to each node (acyclic flows only)."""
    order = _topological(flow)
    counts: dict[str, int] = dict.fromkeys(order, 0)
    if flow.start in counts:
        counts[flow.start] = 1
    for node_id in order:
        question = flow.questions.get(node_id)
        if question is None or counts[node_id] == 0:
            continue
        for option in question.options:
            if option.next in counts:
                counts[option.next] += counts[node_id]
    return counts


def total_paths(flow: Flow) -> int:
    """Number of answer paths from `start` to any outcome."""
    counts = count_paths(flow)
    return sum(counts.get(outcome_id, 0) for outcome_id in flow.outcomes)


def iter_paths(
    flow: Flow, target: str | None = None, *, parents: Mapping[str, list[str]] | None = None
) -> Iterator[tuple[str, Path]]:
    """Yield (outcome id, path) for every path from `start`, depth first in option order.

    With `target`, only paths ending at that outcome; branches that cannot reach it are pruned.
    Pass `parents` (from `parents_of`) when asking about many targets of one flow.
    """
    reaches = None
    if target is not None:
        reaches = _can_reach(parents if parents is not None else parents_of(flow), target)
    # An explicit stack: deep trees must not hit Python's recursion limit.
    stack: list[tuple[str, Path]] = [(flow.start, ())]
    while stack:
        node_id, path = stack.pop()
        if reaches is not None and node_id not in reaches:
            continue
        if node_id in flow.outcomes:
            yield node_id, path
            continue
        question = flow.questions.get(node_id)
        if question is None or any(q.id == node_id for q, _ in path):
            continue  # broken reference or cycle: the validator reports those
        for option in reversed(question.options):
            stack.append((option.next, (*path, (question, option))))


def paths_to(
    flow: Flow,
    outcome_id: str,
    limit: int = MAX_LISTED_PATHS,
    *,
    parents: Mapping[str, list[str]] | None = None,
) -> list[Path]:
    """Up to `limit` answer paths that lead from `start` to `outcome_id`, in option order.

    Pass `parents` (from `parents_of`) when asking about many outcomes of one flow.
    """
    found: list[Path] = []
    for _, path in iter_paths(flow, outcome_id, parents=parents):
        found.append(path)
        if len(found) >= limit:
            break
    return found


def remaining_questions(flow: Flow) -> dict[str, int]:
    """For each question, the most questions still to answer from it (itself included)."""
    longest: dict[str, int] = {}
    for node_id in reversed(_topological(flow)):
        question = flow.questions.get(node_id)
        if question is None:
            continue
        longest[node_id] = 1 + max(
            (longest.get(option.next, 0) for option in question.options), default=0
        )
    return longest


def _topological(flow: Flow) -> list[str]:
    """Nodes reachable from `start`, parents before children; back edges are ignored."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    if flow.node(flow.start) is None:
        return order
    stack: list[tuple[str, int]] = [(flow.start, 0)]
    state[flow.start] = 1
    while stack:
        node_id, index = stack.pop()
        question = flow.questions.get(node_id)
        options = question.options if question is not None else ()
        if index < len(options):
            stack.append((node_id, index + 1))
            child = options[index].next
            if child not in state and flow.node(child) is not None:
                state[child] = 1
                stack.append((child, 0))
        else:
            state[node_id] = 2
            order.append(node_id)
    order.reverse()
    return order


def parents_of(flow: Flow) -> dict[str, list[str]]:
    """For each node, the ids of the questions with an option leading to it."""
    parents: dict[str, list[str]] = {}
    for question in flow.questions.values():
        for option in question.options:
            parents.setdefault(option.next, []).append(question.id)
    return parents


def _can_reach(parents: Mapping[str, list[str]], target: str) -> set[str]:
    """Nodes from which `target` can be reached (including itself)."""
    seen = {target}
    todo = [target]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def moved_places(document: Document) -> Iterator[tuple[Place, Moved]]:
    """Every old place that `moved:` entries keep an address for, with the entry that keeps it.

    A node's entry under its flow; an entry at the top level; and for a flow moved whole to
    another flow, each id that flow has (or has moved), unless the top level names it itself.
    """
    for flow in document.flows.values():
        for moved in flow.moved.values():
            yield old_place(moved, flow.id), moved
    for moved in document.moved.values():
        place = old_place(moved, None)
        yield place, moved
        target_flow, target_node = target_of(moved, None)
        target = document.flows.get(target_flow)
        if place[1] is not None or target_node is not None or target is None:
            continue
        for node_id in (*target.questions, *target.outcomes, *target.moved):
            if f"{place[0]}/{node_id}" not in document.moved:
                yield (place[0], node_id), moved
