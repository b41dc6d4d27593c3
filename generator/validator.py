"""Checks that need the whole tree: references, reachability, loops and review dates.

Pure: takes a model, returns problems, never raises and never reads anything.
"""

from __future__ import annotations

import datetime as dt

from generator.model import Document, Flow, Outcome, Question
from generator.problems import WARNING, Problem, did_you_mean, excerpt, sort_problems
from generator.schema import RESERVED_IDS


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
    for node in (*flow.questions.values(), *flow.outcomes.values()):
        if node.id in RESERVED_IDS:
            problems.append(
                Problem(
                    node.pos,
                    f"id '{node.id}' is reserved in flow '{flow.id}': "
                    f"it is the address of {RESERVED_IDS[node.id]}",
                    f"choose another id, e.g. '{node.id}-{flow.id}'",
                )
            )
    for outcome in flow.outcomes.values():
        if outcome.id in flow.questions:
            problems.append(
                Problem(
                    outcome.pos,
                    f"id '{outcome.id}' is used by both a question and an outcome "
                    f"in flow '{flow.id}'",
                    f"the question is on line {flow.questions[outcome.id].pos.line}; ids become "
                    "page addresses, so each must be unique within its flow",
                )
            )
    if flow.start and flow.node(flow.start) is None:
        problems.append(
            Problem(
                flow.start_pos,
                f"'start' of flow '{flow.id}' names unknown node '{excerpt(flow.start)}'",
                did_you_mean(flow.start, ids) or _known_ids(ids),
            )
        )
    for question in flow.questions.values():
        for option in question.options:
            if option.next and flow.node(option.next) is None:
                problems.append(
                    Problem(
                        option.next_pos,
                        f"option '{excerpt(option.label.get())}' of question '{question.id}' "
                        f"leads to unknown node '{excerpt(option.next)}'",
                        did_you_mean(option.next, ids) or _known_ids(ids),
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


def _known_ids(ids: list[str]) -> str:
    shown = ", ".join(f"'{i}'" for i in ids[:8]) + (", …" if len(ids) > 8 else "")
    return f"known questions and outcomes: {shown}" if ids else "this flow has no nodes yet"


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
            kind = "question" if isinstance(node, Question) else "outcome"
            problems.append(
                Problem(
                    node.pos,
                    f"{kind} '{node.id}' is never reached from the start of flow '{flow.id}'",
                    f"no option leads here: point an option's 'next' at '{node.id}', or remove it",
                )
            )
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
                problems.append(
                    Problem(
                        option.next_pos,
                        "these questions form a loop: " + " -> ".join(cycle),
                        "every path must end at an outcome: point one of these options "
                        "at a guide or a later question",
                    )
                )
            elif child.id not in state:
                state[child.id] = 1
                path.append(child.id)
                stack.append((child, 0))
    return problems


def _repeated_keywords(flow: Flow) -> list[Problem]:
    """A keyword listed twice for one flow or guide, in any language (case and spaces aside)."""
    problems: list[Problem] = []
    owners = [(f"flow '{flow.id}'", flow.keywords)]
    owners += [(f"outcome '{outcome.id}'", outcome.keywords) for outcome in flow.outcomes.values()]
    for where, keywords in owners:
        seen: dict[tuple[str, str], int] = {}
        for number, keyword in enumerate(keywords, start=1):
            for language, value in keyword.values.items():
                key = (language, " ".join(value.casefold().split()))
                if not key[1]:
                    continue
                if key in seen:
                    first = seen[key]
                    problems.append(
                        Problem(
                            keyword.pos,
                            f"keyword {number} of {where} repeats '{excerpt(value)}'",
                            f"keyword {first} (line {keywords[first - 1].pos.line}) is the same; "
                            "remove one of the two",
                        )
                    )
                    break
                seen[key] = number
    return problems


def _review_dates(flow: Flow, today: dt.date, max_age_months: int) -> list[Problem]:
    problems: list[Problem] = []
    oldest = _months_before(today, max_age_months)
    for outcome in flow.outcomes.values():
        if outcome.reviewed is None or outcome.reviewed_pos is None:
            continue
        if outcome.reviewed > today:
            problems.append(
                Problem(
                    outcome.reviewed_pos,
                    f"'reviewed' of outcome '{outcome.id}' is in the future: "
                    f"{outcome.reviewed.isoformat()}",
                    "write the date the guidance was actually checked",
                )
            )
        elif outcome.reviewed < oldest:
            problems.append(_stale(outcome, max_age_months))
    return problems


def _stale(outcome: Outcome, max_age_months: int) -> Problem:
    assert outcome.reviewed is not None and outcome.reviewed_pos is not None
    return Problem(
        outcome.reviewed_pos,
        f"outcome '{outcome.id}' was last reviewed on {outcome.reviewed.isoformat()}, "
        f"more than {max_age_months} months ago",
        "check the steps against the app, then set 'reviewed' to today's date",
        severity=WARNING,
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
