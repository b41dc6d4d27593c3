"""Links to a question, guide or flow by its id, written in editor text as Markdown links:
`[](guide:node-id)` (a node of the text's own flow), `[](guide:flow-id/node-id)` (a node of
another flow) and `[](guide:flow-id/)` (a flow's own page). An empty link text stands for the
target's current title.

This module knows the syntax and what a target names in the model; the site plan knows where
each target's page is (generator/site/links.py). Links in code spans are text, not links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.format.model import Document, Flow, Link, Place, Position, Text, moved_to
from generator.format.problems import Problem, closest, excerpt, problem

SCHEME = "guide:"
# A code span (left as it is), or a link whose target starts with the scheme (a link's title,
# `[](guide:id "title")`, is allowed and left out).
_CODE_OR_LINK = re.compile(
    r"(?P<ticks>`+)(?:.|\n)*?(?<!`)(?P=ticks)(?!`)"
    r"|\[(?P<text>(?:\\.|[^\[\]\\])*)\]"
    r"\([ \t]*(?P<scheme>" + re.escape(SCHEME) + r")[ \t]*(?P<target>[^\s()\"']*)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)"
)
_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
# A line that opens or closes a fenced code block in a page.
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class Found:
    """A link in a piece of text: its whole extent, its text as written and its target."""

    start: int
    end: int
    text: str
    target: str
    target_start: int  # where the target starts in the text
    scheme_start: int  # where the scheme before it starts


def find(source: str) -> Iterator[Found]:
    """Every guide link of `source`, in order; links in code spans are left out."""
    if SCHEME not in source:
        return
    for match in _CODE_OR_LINK.finditer(source):
        if match["target"] is not None:
            yield Found(
                match.start(),
                match.end(),
                match["text"],
                match["target"],
                match.start("target"),
                match.start("scheme"),
            )


def links_in(
    value: str,
    language: str,
    source: str,
    start: tuple[int, int, int],
    end: int,
    file: str,
) -> tuple[Link, ...]:
    """The guide links of `value`, a text read from `source[start index:end]`, where each
    target is written in the file. `start` is the text's (index, line, column), 0-based.

    Each link's target is found in the file by counting the scheme's occurrences, so that
    folded and quoted texts point at the right line; when the two counts differ (an escape in
    a quoted text), the links point at the text's start.
    """
    found = list(find(value))
    if not found:
        return ()
    index, line, column = start
    raw = source[index:end]
    in_value = [m.start() for m in re.finditer(re.escape(SCHEME), value)]
    in_file = [m.start() for m in re.finditer(re.escape(SCHEME), raw)]
    links = []
    for link in found:
        pos = Position(file, line + 1, column + 1)
        if len(in_value) == len(in_file):
            scheme = in_value.index(link.scheme_start)
            at = in_file[scheme] + link.target_start - link.scheme_start
            pos = _position(raw, at, file, line, column)
        links.append(Link(language, link.target, pos))
    return tuple(links)


def _position(raw: str, at: int, file: str, line: int, column: int) -> Position:
    """The position in the file of offset `at` of `raw`, which starts at (line, column)."""
    breaks = list(_BREAK.finditer(raw, 0, at))
    if not breaks:
        return Position(file, line + 1, column + at + 1)
    return Position(file, line + len(breaks) + 1, at - breaks[-1].end() + 1)


def flow_texts(flow: Flow) -> Iterator[Text]:
    """Every editor text of `flow`: its own, its questions' and its guides'."""
    yield flow.title
    if flow.summary is not None:
        yield flow.summary
    yield from flow.keywords
    for question in flow.questions.values():
        yield question.text
        if question.help is not None:
            yield question.help
        for option in question.options:
            yield option.label
    for outcome in flow.outcomes.values():
        yield outcome.title
        if outcome.summary is not None:
            yield outcome.summary
        for step in outcome.steps:
            yield step.text
            if step.detail is not None:
                yield step.detail
        for note in outcome.notes:
            yield note.text
        yield from outcome.keywords


def owners(document: Document, node_id: str) -> list[str]:
    """The flows that have a node `node_id`, or else that keep it in `moved:`."""
    having = [flow.id for flow in document.flows.values() if flow.node(node_id) is not None]
    if having:
        return having
    return [
        flow.id
        for flow in document.flows.values()
        if node_id in flow.moved and moved_to(document, (flow.id, node_id)) is not None
    ]


def named(document: Document, target: str, flow_id: str | None) -> Place | None:
    """The place that `target` names as written: in the text of flow `flow_id` a bare id is a
    node of that flow; elsewhere (hand-written pages), of the one flow that has it."""
    first, slash, rest = target.partition("/")
    if slash:
        if not first or "/" in rest:
            return None
        return first, rest or None
    if not first:
        return None
    if flow_id is not None:
        return flow_id, first
    found = owners(document, first)
    return (found[0], first) if len(found) == 1 else None


def place_of(document: Document, target: str, flow_id: str | None) -> Place | None:
    """Where a link to `target` leads now: the flow's page or node it names, following
    `moved:` entries; None when it names nothing there is."""
    place = named(document, target, flow_id)
    return None if place is None else moved_to(document, place)


def link_problem(
    document: Document, target: str, flow_id: str | None, pos: Position
) -> Problem | None:
    """FL221 when `target` names nothing there is, FL222 when a bare id in a text of no flow
    could be a node of several flows; None when the link leads somewhere."""
    if place_of(document, target, flow_id) is not None:
        return None
    shown = excerpt(target)
    first, slash, _ = target.partition("/")
    if flow_id is None and not slash:
        found = owners(document, first)
        if len(found) > 1:
            choices = ", ".join(f"[](guide:{flow}/{first})" for flow in found)
            return problem(pos, "FL222", target=shown, flows=", ".join(found), choices=choices)
    elsewhere = owners(document, first) if flow_id is not None and not slash else []
    if len(elsewhere) == 1 and elsewhere[0] != flow_id:
        match = f"{elsewhere[0]}/{first}"
    else:
        match = closest(target, _targets(document, flow_id))
    hint = "close" if match else "default" if flow_id is not None else "page"
    return problem(
        pos,
        "FL221",
        hint=hint,
        target=shown,
        match=match or "",
        flows=", ".join(document.flows),
    )


def _targets(document: Document, flow_id: str | None) -> list[str]:
    """Every target a link could name, written as a text of flow `flow_id` would write it."""
    found = []
    for flow in document.flows.values():
        found.append(f"{flow.id}/")
        for node_id in (*flow.questions, *flow.outcomes):
            found.append(node_id if flow.id == flow_id else f"{flow.id}/{node_id}")
    if flow_id is None:  # a bare id of a node that one flow alone has is fine there too
        found += [node for node in _bare(document) if len(owners(document, node)) == 1]
    return found


def _bare(document: Document) -> list[str]:
    return [node for flow in document.flows.values() for node in (*flow.questions, *flow.outcomes)]


def document_link_problems(document: Document) -> list[Problem]:
    """A problem for each link in the flows' texts that leads nowhere, at its target."""
    problems = []
    for flow in document.flows.values():
        for text in flow_texts(flow):
            for link in text.links:
                found = link_problem(document, link.target, flow.id, link.pos)
                if found is not None:
                    problems.append(found)
    return problems


# Hand-written pages


def page_runs(lines: list[str]) -> list[tuple[int, int]]:
    """The runs of a page's lines (first, last; 0-based) whose links by id are links: not its
    front matter, not fenced code blocks and not the lines that open and close them."""
    prose: list[int] = []
    fence = ""
    skip = _front_matter_lines(lines)
    for number, line in enumerate(lines[skip:], skip):
        opened = FENCE.match(line)
        if opened and (not fence or opened[1].startswith(fence)):
            fence = "" if fence else opened[1]
        elif not fence:
            prose.append(number)
    runs: list[tuple[int, int]] = []
    for number in prose:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def run_problems(
    document: Document, chunk: str, display: str, line: int, flow_id: str | None = None
) -> list[Problem]:
    """A problem for each link of `chunk`, lines of a page starting at `line` (1-based), that
    leads nowhere, at its target's line and column."""
    problems = []
    for link in find(chunk):
        before = chunk[: link.target_start]
        where = Position(
            display,
            line + before.count("\n"),
            link.target_start - (before.rfind("\n") + 1) + 1,
        )
        found = link_problem(document, link.target, flow_id, where)
        if found is not None:
            problems.append(found)
    return problems


def page_problems(document: Document, text: str, display: str) -> list[Problem]:
    """The links of a hand-written page (its whole text, `display` as editors name it) that
    lead nowhere."""
    if SCHEME not in text:
        return []
    lines = text.split("\n")
    problems = []
    for first, last in page_runs(lines):
        chunk = "\n".join(lines[first : last + 1])
        problems += run_problems(document, chunk, display, first + 1)
    return problems


def _front_matter_lines(lines: list[str]) -> int:
    """How many of a page's first lines are its front matter (0 when it has none)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for number, line in enumerate(lines[1:], 1):
        if line.rstrip() in ("---", "..."):
            return number + 1
    return 0
