"""What changed between two versions of a site's flows, as readers will see it.

Pure: two models in, the changes out, never raises and never reads anything. Flows, questions
and guides are matched by id; an id that is gone is matched to the node its `moved:` entry leads
to when that node is new (a rename). Lists (steps, options, notes) are matched item by item
where they stay alike, so an inserted step is one step added, not every later step changed.
Addresses are the site plan's business (generator/site/diff.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from generator.format.model import (
    Document,
    Flow,
    Node,
    Outcome,
    Place,
    Position,
    Question,
    Text,
    exists,
    iter_paths,
    moved_to,
    total_paths,
)
from generator.format.problems import Phrase, place

ADDED, REMOVED, RENAMED, CHANGED = "added", "removed", "renamed", "changed"
FLOW, QUESTION, OUTCOME = "flow", "question", "outcome"
# A flow with more answer paths than this (a large graph whose branches meet again and again)
# is not compared path by path: the review would be longer than anyone reads.
MAX_COMPARED_PATHS = 50_000


@dataclass(frozen=True, slots=True)
class NodeChange:
    """A flow, question or guide that is new, gone, or gone under its old id to a new one.

    `old` is where it was, `new` where it is now (for one removed: where its old address leads
    on to, or None when nothing does). Titles are the texts readers know it by.
    """

    kind: str
    change: str
    old: Place | None
    new: Place | None
    old_title: Text | None
    new_title: Text | None
    pos: Position  # in the old files when it is gone, in the new ones when it is new


@dataclass(frozen=True, slots=True)
class TextChange:
    """A text added, removed or changed; `what` names it in an editor's words."""

    what: Phrase
    change: str
    old: Text | None
    new: Text | None
    pos: Position

    def changed_in(self, language: str) -> bool:
        """Whether readers of `language` see a difference."""
        return _value(self.old, language) != _value(self.new, language)


@dataclass(frozen=True, slots=True)
class KeywordChange:
    """The search keywords of a flow or guide, before and after."""

    what: Phrase
    old: tuple[Text, ...]
    new: tuple[Text, ...]

    def in_language(self, language: str) -> tuple[list[str], list[str]]:
        """The keywords of `language` added and removed."""
        before = [keyword.get(language) for keyword in self.old]
        after = [keyword.get(language) for keyword in self.new]
        return [k for k in after if k not in before], [k for k in before if k not in after]


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """A guide's review date, before and after (None: it has none)."""

    what: Phrase
    old: dt.date | None
    new: dt.date | None
    pos: Position


@dataclass(frozen=True, slots=True)
class Drift:
    """A text whose translation may be out of date: `changed` languages changed, `same` not."""

    what: Phrase
    changed: tuple[str, ...]
    same: tuple[str, ...]
    pos: Position


@dataclass(frozen=True, slots=True)
class PathChange:
    """An answer path, in one language, that is new, gone or leads to another guide now."""

    flow: str
    change: str  # ADDED, REMOVED or CHANGED (leads elsewhere)
    answers: tuple[str, ...]
    old: str | None  # the guide it led to
    new: str | None  # the guide it leads to


@dataclass
class Changes:
    """Everything readers will see change between two versions of a site's flows."""

    nodes: list[NodeChange] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)
    keywords: list[KeywordChange] = field(default_factory=list)
    reviews: list[ReviewChange] = field(default_factory=list)
    # Flows matched between the versions (the same id, or renamed): (old, new).
    pairs: list[tuple[Flow, Flow]] = field(default_factory=list)
    # Old node places matched to new ones: the same id, or renamed.
    matched: dict[Place, Place] = field(default_factory=dict)

    @property
    def drift(self) -> list[Drift]:
        """Texts changed in some languages and not in others: translations to check."""
        found = []
        for text in self.texts:
            if text.change != CHANGED or text.old is None or text.new is None:
                continue
            languages = tuple(text.new.values)
            if len(languages) < 2:
                continue
            changed = tuple(lang for lang in languages if text.changed_in(lang))
            same = tuple(lang for lang in languages if lang not in changed)
            if changed and same:
                found.append(Drift(text.what, changed, same, text.pos))
        return found

    def paths(self, language: str) -> Iterator[tuple[str, list[PathChange]] | tuple[str, int]]:
        """Per matched flow, its answer paths in `language` that are new, gone or lead
        elsewhere; a flow with too many paths to compare gives its count instead."""
        for old, new in self.pairs:
            counts = (total_paths(old), total_paths(new))
            if max(counts) > MAX_COMPARED_PATHS:
                yield new.id, max(counts)
                continue
            found = _path_changes(old, new, language, self.matched)
            if found:
                yield new.id, found


def compare(old: Document, new: Document) -> Changes:
    """What changed from `old` to `new` (see the module's docstring)."""
    changes = Changes()
    gone = [flow for flow in old.flows.values() if flow.id not in new.flows]
    targets = {flow.id: moved_to(new, (flow.id, None)) for flow in gone}
    renamed = {
        flow_id: now[0]
        for flow_id, now in targets.items()
        if now is not None and now[1] is None and now[0] not in old.flows
    }
    for flow in gone:
        change = RENAMED if flow.id in renamed else REMOVED
        now = targets[flow.id]
        title = _title_at(new, now)
        changes.nodes.append(
            NodeChange(FLOW, change, (flow.id, None), now, flow.title, title, flow.pos)
        )
    for flow in new.flows.values():
        if flow.id not in old.flows and flow.id not in renamed.values():
            changes.nodes.append(
                NodeChange(FLOW, ADDED, None, (flow.id, None), None, flow.title, flow.pos)
            )
    for flow in old.flows.values():
        other = new.flows.get(renamed.get(flow.id, flow.id))
        if other is not None:
            changes.pairs.append((flow, other))
    for before, after in changes.pairs:
        _compare_flows(before, after, old, new, changes)
    # Nodes of flows that are gone and matched to nothing: gone with their flow.
    for flow in gone:
        if flow.id in renamed:
            continue
        for node in _nodes(flow):
            now = moved_to(new, (flow.id, node.id))
            kind = QUESTION if isinstance(node, Question) else OUTCOME
            changes.nodes.append(
                NodeChange(
                    kind,
                    REMOVED,
                    (flow.id, node.id),
                    now,
                    _title(node),
                    _title_at(new, now),
                    node.pos,
                )
            )
    return changes


def _compare_flows(
    before: Flow, after: Flow, old: Document, new: Document, changes: Changes
) -> None:
    """The changes within one flow matched between the versions."""
    owner = place("flow", after.id)
    _texts(
        changes,
        [("title", before.title, after.title), ("summary", before.summary, after.summary)],
        owner,
        after.pos,
    )
    if _keywords(before) != _keywords(after):
        changes.keywords.append(KeywordChange(owner, before.keywords, after.keywords))
    # Nodes gone from the flow: renamed when their entry in `moved:` leads to a new node.
    taken: set[Place] = set()
    matched: dict[str, Place] = {}
    for node in _nodes(before):
        if after.node(node.id) is not None:
            matched[node.id] = (after.id, node.id)
            continue
        now = moved_to(new, (before.id, node.id))
        kind = QUESTION if isinstance(node, Question) else OUTCOME
        renamed = (
            now is not None and now[1] is not None and not exists(old, now) and now not in taken
        )
        if renamed:
            taken.add(now)
            matched[node.id] = now
        change = RENAMED if renamed else REMOVED
        changes.nodes.append(
            NodeChange(
                kind, change, (before.id, node.id), now, _title(node), _title_at(new, now), node.pos
            )
        )
    for node in _nodes(after):
        if before.node(node.id) is None and (after.id, node.id) not in taken:
            kind = QUESTION if isinstance(node, Question) else OUTCOME
            changes.nodes.append(
                NodeChange(kind, ADDED, None, (after.id, node.id), None, _title(node), node.pos)
            )
    for node_id, (new_flow, new_id) in matched.items():
        changes.matched[(before.id, node_id)] = (new_flow, new_id)
        old_node = before.node(node_id)
        new_node = new.flows[new_flow].node(new_id or "")
        if isinstance(old_node, Question) and isinstance(new_node, Question):
            _compare_questions(old_node, new_node, new_flow, changes)
        elif isinstance(old_node, Outcome) and isinstance(new_node, Outcome):
            _compare_outcomes(old_node, new_node, new_flow, changes)


def _compare_questions(before: Question, after: Question, flow_id: str, changes: Changes) -> None:
    if _content(before) == _content(after):
        return  # most nodes: nothing to name
    owner = place("question", after.id, place("flow", flow_id))
    _texts(
        changes,
        [("text", before.text, after.text), ("help", before.help, after.help)],
        owner,
        after.pos,
    )
    labels = _aligned(
        [option.label for option in before.options], [option.label for option in after.options]
    )
    for old_index, new_index in labels:
        number = (new_index if new_index is not None else old_index) + 1
        where = place("option", number, owner)
        old_label = before.options[old_index].label if old_index is not None else None
        new_label = after.options[new_index].label if new_index is not None else None
        pos = after.options[new_index].pos if new_index is not None else after.pos
        _texts(changes, [("label", old_label, new_label)], where, pos)


def _compare_outcomes(before: Outcome, after: Outcome, flow_id: str, changes: Changes) -> None:
    if _content(before) == _content(after):
        return
    owner = place("outcome", after.id, place("flow", flow_id))
    _texts(
        changes,
        [("title", before.title, after.title), ("summary", before.summary, after.summary)],
        owner,
        after.pos,
    )
    for old_index, new_index in _aligned(
        [(s.text, s.detail) for s in before.steps], [(s.text, s.detail) for s in after.steps]
    ):
        number = (new_index if new_index is not None else old_index) + 1
        old_step = before.steps[old_index] if old_index is not None else None
        new_step = after.steps[new_index] if new_index is not None else None
        where = place("step", number, owner)
        pos = new_step.pos if new_step is not None else after.pos
        if old_step is None or new_step is None:
            old_text = old_step.text if old_step is not None else None
            new_text = new_step.text if new_step is not None else None
            _text(changes, where, old_text, new_text, pos)
            continue
        _text(changes, where, old_step.text, new_step.text, pos)
        _texts(changes, [("detail", old_step.detail, new_step.detail)], where, pos)
    for old_index, new_index in _aligned(
        [(n.type, n.text) for n in before.notes], [(n.type, n.text) for n in after.notes]
    ):
        number = (new_index if new_index is not None else old_index) + 1
        old_note = before.notes[old_index].text if old_index is not None else None
        new_note = after.notes[new_index].text if new_index is not None else None
        pos = after.notes[new_index].pos if new_index is not None else after.pos
        _text(changes, place("note", number, owner), old_note, new_note, pos)
    if _keywords(before) != _keywords(after):
        changes.keywords.append(KeywordChange(owner, before.keywords, after.keywords))
    if before.reviewed != after.reviewed:
        pos = after.reviewed_pos or after.pos
        changes.reviews.append(ReviewChange(owner, before.reviewed, after.reviewed, pos))


def _texts(
    changes: Changes,
    fields: Sequence[tuple[str, Text | None, Text | None]],
    owner: Phrase,
    pos: Position,
) -> None:
    for key, before, after in fields:
        _text(changes, place("key", key, owner), before, after, after.pos if after else pos)


def _text(
    changes: Changes, what: Phrase, before: Text | None, after: Text | None, pos: Position
) -> None:
    if _values(before) == _values(after):
        return
    change = ADDED if before is None else REMOVED if after is None else CHANGED
    changes.texts.append(TextChange(what, change, before, after, pos))


def _aligned(
    before: Sequence[object], after: Sequence[object]
) -> list[tuple[int | None, int | None]]:
    """Items of two lists paired where they stay alike, in order: (old index, new index), with
    None on the side that has no counterpart. Changed items between unchanged ones pair up."""
    keys = [_key(item) for item in before], [_key(item) for item in after]
    pairs: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(None, keys[0], keys[1], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        common = min(len(olds), len(news)) if op == "replace" else 0
        pairs += [(olds[k], news[k]) for k in range(common)]
        pairs += [(i, None) for i in olds[common:]]
        pairs += [(None, j) for j in news[common:]]
    return pairs


def _content(node: Question | Outcome) -> tuple[object, ...]:
    """What readers see of a node, without where it is written."""
    if isinstance(node, Question):
        return (
            _values(node.text),
            _values(node.help),
            tuple((_values(option.label), option.next) for option in node.options),
        )
    return (
        _values(node.title),
        _values(node.summary),
        tuple((_values(step.text), _values(step.detail)) for step in node.steps),
        tuple((note.type, _values(note.text)) for note in node.notes),
        _keywords(node),
        node.reviewed,
    )


def _keywords(owner: Flow | Outcome) -> tuple[object, ...]:
    return tuple(_values(keyword) for keyword in owner.keywords)


def _key(item: object) -> object:
    """What makes two list items the same, all languages included."""
    if isinstance(item, Text):
        return _values(item)
    if isinstance(item, tuple):
        return tuple(_key(part) for part in item)
    return item


def _values(text: Text | None) -> tuple[tuple[str, str], ...] | None:
    return None if text is None else tuple(text.values.items())


def _value(text: Text | None, language: str) -> str | None:
    if text is None:
        return None
    return text.values.get(language)


def _nodes(flow: Flow) -> list[Node]:
    return [*flow.questions.values(), *flow.outcomes.values()]


def _title(node: Node | Flow) -> Text:
    return node.text if isinstance(node, Question) else node.title


def _title_at(document: Document, at: Place | None) -> Text | None:
    """The title of the flow or node at `at` in `document`."""
    if at is None or at[0] not in document.flows:
        return None
    flow = document.flows[at[0]]
    node = flow.node(at[1]) if at[1] is not None else flow
    return None if node is None else _title(node)


def _path_changes(
    before: Flow, after: Flow, language: str, matched: dict[Place, Place]
) -> list[PathChange]:
    """The answer paths of one flow in `language` that are new, gone or lead elsewhere."""
    old = _paths(before, language)
    new = _paths(after, language)
    found = []
    for answers, outcome in old.items():
        if answers not in new:
            found.append(PathChange(after.id, REMOVED, answers, outcome, None))
            continue
        now = matched.get((before.id, outcome), (before.id, outcome))[1]
        if now != new[answers]:
            found.append(PathChange(after.id, CHANGED, answers, outcome, new[answers]))
    found += [
        PathChange(after.id, ADDED, answers, None, outcome)
        for answers, outcome in new.items()
        if answers not in old
    ]
    return found


def _paths(flow: Flow, language: str) -> dict[tuple[str, ...], str]:
    """Each answer path of `flow`, as the labels a reader of `language` chooses, to its guide."""
    return {
        tuple(_one_line(option.label.get(language)) for _, option in path): outcome_id
        for outcome_id, path in iter_paths(flow)
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


_WORD = re.compile(r"\S+")


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """`before` and `after` as runs of words kept ("="), removed ("-") and added ("+")."""
    old, new = _WORD.findall(before), _WORD.findall(after)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("=", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("+", " ".join(new[j1:j2])))
    return runs
