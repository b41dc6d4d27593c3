"""Checks that need the whole tree: references, reachability, loops and review dates.

Pure: takes a model, returns problems, never raises and never reads anything.
"""

from __future__ import annotations

import datetime as dt

from generator.format.model import Document, Flow, Outcome, Question
from generator.format.problems import (
    WARNING,
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
        problems.extend(_references(flow))
        if not _dangling(flow):
            # A misspelt 'next' leaves its intended target unreached: report the typo only.
            problems.extend(_reachability(flow))
        problems.extend(_loops(flow))
        problems.extend(_repeated_keywords(flow))
        if today is not None:
            problems.extend(_review_dates(flow, today, max_age_months))
    return sort_problems(problems)


def _references(flow: Flow) -> list[Problem]:
    problems: list[Problem] = []
    ids = [*flow.questions, *flow.outcomes]
    for outcome in flow.outcomes.values():
        if outcome.id in flow.questions:
            line = flow.questions[outcome.id].pos.line
            problems.append(problem(outcome.pos, "FL208", id=outcome.id, flow=flow.id, line=line))
    if flow.start and flow.node(flow.start) is None:
        problems.append(
            problem(
                flow.start_pos,
                "FL203",
                hint=_unknown_hint(flow.start, ids),
                flow=flow.id,
                start=excerpt(flow.start),
                **_known(flow.start, ids),
            )
        )
    for question in flow.questions.values():
        for option in question.options:
            if option.next and flow.node(option.next) is None:
                problems.append(
                    problem(
                        option.next_pos,
                        "FL204",
                        hint=_unknown_hint(option.next, ids),
                        label=excerpt(option.label.get()),
                        question=question.id,
                        next=excerpt(option.next),
                        **_known(option.next, ids),
                    )
                )
    return problems


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
