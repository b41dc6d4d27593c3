"""Checks that need the whole tree: references, reachability, loops and review dates.

Pure: takes a model, returns problems, never raises and never reads anything.
"""

from __future__ import annotations

import datetime as dt

from generator.format.links import document_link_problems
from generator.format.model import (
    Document,
    Flow,
    Moved,
    Outcome,
    Place,
    Question,
    exists,
    moved_entry,
    moved_to,
    next_place,
    old_place,
    target_of,
)
from generator.format.problems import (
    WARNING,
    Phrase,
    Problem,
    closest,
    excerpt,
    phrase,
    place,
    problem,
    sort_problems,
)


def validate(
    document: Document, *, today: dt.date | None = None, max_age_months: int = 12
) -> list[Problem]:
    """Every problem of the document's trees, in file order.

    With `today`, also a warning for each guide reviewed more than `max_age_months` ago and an
    error for each review date in the future.
    """
    problems: list[Problem] = []
    for flow in document.flows.values():
        problems.extend(_references(flow, document))
        if not _dangling(flow):
            # A misspelt 'next' leaves its intended target unreached: report the typo only.
            problems.extend(_reachability(flow))
        problems.extend(_loops(flow))
        problems.extend(_repeated_keywords(flow))
        if today is not None:
            problems.extend(_review_dates(flow, today, max_age_months))
    problems.extend(_moved(document))
    problems.extend(document_link_problems(document))
    return sort_problems(problems)


def _references(flow: Flow, document: Document) -> list[Problem]:
    problems: list[Problem] = []
    ids = [*flow.questions, *flow.outcomes]
    for outcome in flow.outcomes.values():
        if outcome.id in flow.questions:
            line = flow.questions[outcome.id].pos.line
            problems.append(problem(outcome.pos, "FL208", id=outcome.id, flow=flow.id, line=line))
    if flow.start and flow.node(flow.start) is None:
        hint, known = _unknown(flow, document, flow.start, ids)
        problems.append(
            problem(
                flow.start_pos,
                "FL203",
                hint=hint,
                flow=flow.id,
                start=excerpt(flow.start),
                **known,
            )
        )
    for question in flow.questions.values():
        for option in question.options:
            if option.next and flow.node(option.next) is None:
                hint, known = _unknown(flow, document, option.next, ids)
                problems.append(
                    problem(
                        option.next_pos,
                        "FL204",
                        hint=hint,
                        label=excerpt(option.label.get()),
                        question=question.id,
                        next=excerpt(option.next),
                        **known,
                    )
                )
    return problems


def _unknown(
    flow: Flow, document: Document, name: str, ids: list[str]
) -> tuple[str, dict[str, str]]:
    """The hint for an unknown id `name` and its arguments: where a `moved:` entry of the flow
    sends it now, else the closest id, else the ids there are."""
    now = moved_to(document, (flow.id, name)) if name in flow.moved else None
    if now is not None and now[0] == flow.id and now[1] is not None:
        return "moved", {**_known(name, ids), "match": now[1]}
    return _unknown_hint(name, ids), _known(name, ids)


def _dangling(flow: Flow) -> bool:
    """Whether `start` or some option names a node the flow does not have."""
    return flow.node(flow.start) is None or any(
        flow.node(option.next) is None
        for question in flow.questions.values()
        for option in question.options
    )


def _unknown_hint(name: str, ids: list[str]) -> str:
    # "empty" only for 'start': a flow whose options lead anywhere has at least that question.
    return "close" if closest(name, ids) else "known" if ids else "empty"


def _known(name: str, ids: list[str]) -> dict[str, str]:
    shown = ", ".join(f"'{i}'" for i in ids[:8]) + (", …" if len(ids) > 8 else "")
    return {"match": closest(name, ids) or "", "ids": shown}


def _reachability(flow: Flow) -> list[Problem]:
    if flow.node(flow.start) is None:
        return []  # already reported; everything would look unreachable
    seen = {flow.start}
    todo = [flow.start]
    while todo:
        question = flow.questions.get(todo.pop())
        if question is None:
            continue
        for option in question.options:
            if option.next not in seen:
                seen.add(option.next)
                todo.append(option.next)
    problems: list[Problem] = []
    for node in (*flow.questions.values(), *flow.outcomes.values()):
        if node.id not in seen:
            kind = phrase("kind-question" if isinstance(node, Question) else "kind-outcome")
            problems.append(problem(node.pos, "FL205", kind=kind, id=node.id, flow=flow.id))
    return problems


def _loops(flow: Flow) -> list[Problem]:
    """One problem per loop, shown as the path that closes it: a -> b -> a."""
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for root in flow.questions:
        if root in state:
            continue
        path: list[str] = [root]
        state[root] = 1
        stack: list[tuple[Question, int]] = [(flow.questions[root], 0)]
        while stack:
            question, index = stack.pop()
            if index >= len(question.options):
                state[question.id] = 2
                path.pop()
                continue
            stack.append((question, index + 1))
            option = question.options[index]
            child = flow.questions.get(option.next)
            if child is None:
                continue
            if state.get(child.id) == 1:
                cycle = path[path.index(child.id) :] + [child.id]
                problems.append(problem(option.next_pos, "FL206", loop=" -> ".join(cycle)))
            elif child.id not in state:
                state[child.id] = 1
                path.append(child.id)
                stack.append((child, 0))
    return problems


def _repeated_keywords(flow: Flow) -> list[Problem]:
    """A keyword listed twice for one flow or guide, in any language (case and spaces aside)."""
    problems: list[Problem] = []
    owners = [(place("flow", flow.id), flow.keywords)]
    owners += [(place("outcome", o.id), o.keywords) for o in flow.outcomes.values()]
    for owner, keywords in owners:
        seen: dict[tuple[str, str], int] = {}
        for number, keyword in enumerate(keywords, start=1):
            for language, value in keyword.values.items():
                key = (language, " ".join(value.casefold().split()))
                if not key[1]:
                    continue
                if key in seen:
                    first = seen[key]
                    problems.append(
                        problem(
                            keyword.pos,
                            "FL510",
                            where=place("keyword", number, owner),
                            keyword=excerpt(value),
                            first=first,
                            line=keywords[first - 1].pos.line,
                        )
                    )
                else:
                    seen[key] = number
    return problems


def _moved(document: Document) -> list[Problem]:
    """`moved:` entries that cannot lead readers on: an old id still in use, a target that does
    not exist, is the old id itself, has moved on again (a chain), or leads round in a loop."""
    problems: list[Problem] = []
    entries = [(m, flow.id) for flow in document.flows.values() for m in flow.moved.values()]
    entries += [(m, None) for m in document.moved.values()]
    for moved, flow_id in entries:
        old = old_place(moved, flow_id)
        where = phrase("moved-of", flow=flow_id) if flow_id else phrase("moved-top")
        in_use = _in_use(document, old, moved, flow_id)
        if in_use is not None:
            problems.append(in_use)
            continue
        target = target_of(moved, flow_id)
        if target == old:
            problems.append(problem(moved.target_pos, "FL216", old=moved.old, where=where))
        elif not exists(document, target):
            problems.extend(_moved_on(document, moved, flow_id, old, target, where))
    return problems


def _in_use(document: Document, old: Place, moved: Moved, flow_id: str | None) -> Problem | None:
    """FL215 when the old id is a live question, guide or flow again; FL219 for a node of a
    live flow written at the top level."""
    flow = document.flows.get(old[0])
    if flow is None:
        return None
    if old[1] is None:
        return problem(moved.pos, "FL215", old=moved.old, what=phrase("flow", name=old[0]))
    if flow_id is None:
        line = f"{old[1]}: {_written(target_of(moved, None), old[0])}"
        return problem(moved.pos, "FL219", old=moved.old, flow=old[0], line=line)
    node = flow.node(old[1])
    if node is None:
        return None
    what = phrase("question" if isinstance(node, Question) else "outcome", name=old[1])
    return problem(
        moved.pos,
        "FL215",
        old=moved.old,
        what=phrase("of", part=what, whole=phrase("flow", name=old[0])),
    )


def _moved_on(
    document: Document,
    moved: Moved,
    flow_id: str | None,
    old: Place,
    target: Place,
    where: Phrase,
) -> list[Problem]:
    """A target that is not a live node or flow: one that moved on (a chain, or a loop back),
    or one that does not exist."""
    seen = [old, target]
    at: Place | None = target
    while at is not None and not exists(document, at):
        at = next_place(document, at)
        if at in seen:
            loop = seen[seen.index(at) :]
            # A loop is told once, at the entry of it that comes first in the files.
            if at != old or not _first_of_loop(document, loop, moved):
                return []
            shown = " -> ".join(_written(p, flow_id) for p in [*loop, at])
            return [problem(moved.target_pos, "FL218", loop=shown, where=where)]
        if at is not None:
            seen.append(at)
    if at is not None:
        final = _written(at, flow_id)
        return [
            problem(
                moved.target_pos,
                "FL217",
                old=moved.old,
                target=moved.target,
                final=final,
                where=where,
            )
        ]
    if len(seen) > 2:
        return []  # the entry further on that leads nowhere is told at its own line
    match = _closest_place(document, target, flow_id)
    return [
        problem(
            moved.target_pos,
            "FL214",
            hint="close" if match else "default",
            old=moved.old,
            target=excerpt(moved.target),
            where=where,
            match=match or "",
        )
    ]


def _first_of_loop(document: Document, loop: list[Place], moved: Moved) -> bool:
    """Whether `moved` is the first, in file order, of the entries that make `loop`."""
    positions = []
    for at in loop:
        entry = moved_entry(document, at)
        if entry is not None:
            positions.append((entry[0].pos.file, entry[0].pos.line, entry[0].pos.column))
    return (moved.pos.file, moved.pos.line, moved.pos.column) == min(positions)


def _written(at: Place, flow_id: str | None) -> str:
    """A place as an editor writes it under the flow `flow_id` (or at the top level)."""
    if at[1] is None:
        return at[0]
    return at[1] if at[0] == flow_id else f"{at[0]}/{at[1]}"


def _closest_place(document: Document, target: Place, flow_id: str | None) -> str | None:
    """The place an unknown target most likely means, written as the editor would write it."""
    if target[1] is None:
        return closest(target[0], document.flows)
    flow = document.flows.get(target[0])
    if flow is None:
        close = closest(target[0], document.flows)
        if close is None:
            return None
        flow = document.flows[close]
    choices = [_written((flow.id, node), flow_id) for node in (*flow.questions, *flow.outcomes)]
    return closest(_written(target, flow_id), choices)


def _review_dates(flow: Flow, today: dt.date, max_age_months: int) -> list[Problem]:
    problems: list[Problem] = []
    oldest = _months_before(today, max_age_months)
    for outcome in flow.outcomes.values():
        if outcome.reviewed is None or outcome.reviewed_pos is None:
            continue
        if outcome.reviewed > today:
            date = outcome.reviewed.isoformat()
            problems.append(problem(outcome.reviewed_pos, "FL303", id=outcome.id, date=date))
        elif outcome.reviewed < oldest:
            problems.append(_stale(outcome, max_age_months))
    return problems


def _stale(outcome: Outcome, max_age_months: int) -> Problem:
    assert outcome.reviewed is not None and outcome.reviewed_pos is not None
    return problem(
        outcome.reviewed_pos,
        "FL304",
        severity=WARNING,
        id=outcome.id,
        date=outcome.reviewed.isoformat(),
        months=max_age_months,
    )


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    if year < dt.MINYEAR:
        return dt.date.min  # an age longer than the calendar: nothing is too old
    # The 31st of a shorter month becomes that month's last day.
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    return dt.date(year, month, 28)
