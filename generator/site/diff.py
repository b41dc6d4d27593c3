"""Two versions of a site compared by their plans: every address readers could reach before must
still lead somewhere, to a page or on through `moved:`.

Pure: two models and the interface words in, the plans, the changes (generator/format/changes.py)
and the problems out. An address that is gone without a `moved:` entry is FL030, at the old id,
with the likeliest new page by likeness of titles and steps and the exact line to add; a
language whose pages are no longer where they were is FL031.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.format.changes import ADDED, Changes, compare
from generator.format.model import Document, Place, Position, Question, moved_to
from generator.format.problems import (
    Arg,
    Phrase,
    Problem,
    phrase,
    place,
    problem,
    sort_problems,
)
from generator.site.markup import plain_text
from generator.site.plan import FLOW, GUIDES, MAP, PlannedPage, Redirect, SitePlan
from generator.site.words import Words

# How alike a new page must be to a gone one to be suggested (0: nothing alike, 1: the same).
MIN_LIKENESS = 0.2
# A gone page is compared with at most this many candidates (the newest pages first).
MAX_CANDIDATES = 5_000


@dataclass
class SiteDiff:
    """Two versions of a site: their plans, what changed and what would break."""

    old: SitePlan
    new: SitePlan
    changes: Changes
    problems: list[Problem]


def diff_sites(
    old: Document,
    new: Document,
    words: Mapping[str, Words],
    *,
    directory_urls: bool = True,
) -> SiteDiff:
    """Compare two versions of a site; `words` holds the interface words of every language of
    both."""
    plans = [
        SitePlan(doc, {lang: words[lang] for lang in doc.languages}, directory_urls=directory_urls)
        for doc in (old, new)
    ]
    changes = compare(old, new)
    problems = _lost(plans[0], plans[1], changes)
    return SiteDiff(plans[0], plans[1], changes, sort_problems(problems))


def addresses(plan: SitePlan, language: str) -> Iterator[tuple[str, PlannedPage | Redirect]]:
    """Every address of `language` readers can reach, from the site's root ("/en/toko/"), with
    the page there: a generated page, or one that sends readers on from an old address."""
    prefix = "/" + plan.prefix(language)
    for page in plan.pages(language):
        yield prefix + page.url, page
    for redirect in plan.redirects(language):
        yield prefix + redirect.url, redirect


def _lost(old: SitePlan, new: SitePlan, changes: Changes) -> list[Problem]:
    """FL031 for each language no longer where it was; FL030 for each page whose addresses
    lead nowhere now, grouped by the flow or node they were of."""
    problems: list[Problem] = []
    reachable: set[str] = set()
    for language in new.languages:
        reachable.update(address for address, _ in addresses(new, language))
    gone: dict[Place, list[tuple[str, PlannedPage | Redirect]]] = {}
    for language in old.languages:
        found = [(address, page) for address, page in addresses(old, language)]
        lost = [(address, page) for address, page in found if address not in reachable]
        if language not in new.languages or new.prefix(language) != old.prefix(language):
            problems.append(_language_gone(old, new, language, len(lost)))
            continue
        for address, page in lost:
            gone.setdefault(_place_of(page), []).append((address, page))
    suggester = _Suggester(old.document, new.document, changes)
    flows_moved: dict[str, str] = {}
    # Flows first (a stable sort): a flow moved whole covers its ids.
    for at, pages in sorted(gone.items(), key=lambda item: item[0][1] is not None):
        if at[1] is not None and at[0] in flows_moved:
            # A flow moved whole takes its ids along: the flow's own line covers this one.
            if _has(new.document, flows_moved[at[0]], at[1]):
                continue
        found = _gone_page(old, new, at, pages, suggester)
        if at[1] is None and found[1] is not None and found[1][1] is None:
            flows_moved[at[0]] = found[1][0]
        problems.append(found[0])
    return problems


def _place_of(page: PlannedPage | Redirect) -> Place:
    if isinstance(page, Redirect):
        return (page.flow_id, page.node_id)
    if page.kind in (FLOW, MAP) or page.flow is None:
        return (page.flow.id if page.flow is not None else "", None)
    return (page.flow.id, page.node_id)


def _has(document: Document, flow_id: str, node_id: str) -> bool:
    flow = document.flows.get(flow_id)
    return flow is not None and (flow.node(node_id) is not None or node_id in flow.moved)


def _language_gone(old: SitePlan, new: SitePlan, language: str, count: int) -> Problem:
    where = new.document.languages_pos or Position(new.document.path, 1, 1)
    return problem(
        where,
        "FL031",
        hint="gone" if language not in new.languages else "moved",
        language=language,
        address="/" + old.prefix(language),
        count=count,
        first=old.default,
    )


def _gone_page(
    old: SitePlan,
    new: SitePlan,
    at: Place,
    pages: list[tuple[str, PlannedPage | Redirect]],
    suggester: _Suggester,
) -> tuple[Problem, Place | None]:
    """FL030 for the addresses of one flow or node that lead nowhere now, and the place it
    suggests readers be sent to."""
    flow_id, node_id = at
    first = pages[0][1]
    new_doc = new.document
    # Where the line goes: under the flow when it is still there, else at the top level.
    under = new_doc.flows.get(flow_id) if node_id is not None else None
    if under is not None:
        old_id = node_id or ""
        at_line = under.moved_pos or under.pos
        owner = phrase("diff-owner-flow", flow=flow_id, at=f"{at_line.file}:{at_line.line}")
    else:
        old_id = flow_id if node_id is None else f"{flow_id}/{node_id}"
        file = new_doc.moved_pos.file if new_doc.moved_pos else new_doc.path
        owner = phrase("diff-owner-top", file=file)
    site_page = isinstance(first, PlannedPage) and first.kind == GUIDES
    target = None if site_page else _previous_target(new_doc, first) or suggester.likeliest(at)
    args: dict[str, Arg] = {
        "what": _what_was(old.document, at, first),
        "addresses": ", ".join(address for address, _ in pages),
        "owner": owner,
        "old": old_id,
        "line": "",
        "match": "",
    }
    if target is None:
        return problem(first.pos, "FL030", hint="none", **args), None
    args["line"] = f"{old_id}: {_written(target, flow_id if under is not None else None)}"
    args["match"] = phrase(
        "diff-match", what=_what(new_doc, target), title=_plain_title(new_doc, target)
    )
    return problem(first.pos, "FL030", hint="close", **args), target


def _what_was(document: Document, at: Place, page: PlannedPage | Redirect) -> Phrase:
    """What was at an address, in an editor's words."""
    if isinstance(page, Redirect):
        if at[1] is None:
            return phrase("page-moved-flow", flow=at[0])
        return phrase("page-moved", id=at[1], flow=at[0])
    if page.kind == GUIDES:
        return phrase("page-guides")
    return _what(document, at)


def _previous_target(new: Document, page: PlannedPage | Redirect) -> Place | None:
    """Where an old address that `moved:` kept led, when that page is still there."""
    if not isinstance(page, Redirect) or page.target.flow is None:
        return None
    return moved_to(new, (page.target.flow.id, page.target.node_id))


def _written(at: Place, flow_id: str | None) -> str:
    """A place as written in `moved:` under the flow `flow_id` (None: at the top level)."""
    if at[1] is None:
        return at[0]
    return at[1] if at[0] == flow_id else f"{at[0]}/{at[1]}"


def _what(document: Document, at: Place) -> Phrase:
    """A flow or node in an editor's words: "outcome 'x' of flow 'f'"."""
    flow_id, node_id = at
    if node_id is None:
        return phrase("flow", name=flow_id)
    flow = document.flows.get(flow_id)
    node = flow.node(node_id) if flow is not None else None
    kind = "question" if isinstance(node, Question) else "outcome"
    return place(kind, node_id, place("flow", flow_id))


def _plain_title(document: Document, at: Place) -> str:
    flow = document.flows[at[0]]
    node = flow.node(at[1]) if at[1] is not None else flow
    assert node is not None
    text = node.text if isinstance(node, Question) else node.title
    return plain_text(text.get(document.language))


_WORDS = re.compile(r"\w+")


class _Suggester:
    """Finds, for a gone flow or node, the likeliest page of the new version: by its title's
    words and its steps' (a question's answers), among the pages that are new first."""

    def __init__(self, old: Document, new: Document, changes: Changes) -> None:
        self.old = old
        self.new = new
        self.added = [
            change.new for change in changes.nodes if change.change == ADDED and change.new
        ]
        self._words: dict[tuple[int, Place], tuple[set[str], set[str]]] = {}

    def likeliest(self, at: Place) -> Place | None:
        """The new flow or node most like the old one at `at`; None when none is alike."""
        flow_id, node_id = at
        old_flow = self.old.flows.get(flow_id)
        if old_flow is None:
            return None
        if node_id is None:
            candidates = [p for p in self.added if p[1] is None] or [
                (f, None) for f in self.new.flows
            ]
        else:
            old_node = old_flow.node(node_id)
            if old_node is None:
                return None
            question = isinstance(old_node, Question)
            candidates = [
                p for p in self.added if p[1] is not None and self._is_question(p) == question
            ]
            if not candidates and flow_id in self.new.flows:
                flow = self.new.flows[flow_id]
                ids = flow.questions if question else flow.outcomes
                candidates = [(flow_id, node) for node in ids]
        best, score = None, MIN_LIKENESS
        mine = self._words_of(self.old, at)
        for candidate in candidates[:MAX_CANDIDATES]:
            theirs = self._words_of(self.new, candidate)
            likeness = 0.6 * _jaccard(mine[0], theirs[0]) + 0.4 * _jaccard(mine[1], theirs[1])
            likeness += 0.05 if candidate[0] == flow_id else 0.0
            if likeness > score:
                best, score = candidate, likeness
        return best

    def _is_question(self, at: Place) -> bool:
        flow = self.new.flows[at[0]]
        return at[1] in flow.questions

    def _words_of(self, document: Document, at: Place) -> tuple[set[str], set[str]]:
        """The words of a flow's or node's title, and of its body (steps, answers, or a flow's
        ids), in the file's first language."""
        key = (id(document), at)
        if key not in self._words:
            self._words[key] = _words_of(document, at)
        return self._words[key]


def _words_of(document: Document, at: Place) -> tuple[set[str], set[str]]:
    language = document.language
    flow = document.flows[at[0]]
    if at[1] is None:
        return _split(flow.title.get(language)), set(flow.questions) | set(flow.outcomes)
    node = flow.node(at[1])
    if isinstance(node, Question):
        body = " ".join(option.label.get(language) for option in node.options)
        return _split(node.text.get(language)), _split(body)
    assert node is not None
    body = " ".join(step.text.get(language) for step in node.steps)
    return _split(node.title.get(language)), _split(body)


def _split(text: str) -> set[str]:
    return {word.casefold() for word in _WORDS.findall(text)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


__all__ = ["SiteDiff", "addresses", "diff_sites"]
