"""The data the "which case am I?" wizard needs, as plain JSON-able values.

The flow page embeds this in a `data-flows-wizard` attribute and `assets/flows.js` reads it. It
carries only what answering needs (no guide bodies), so flows with thousands of nodes stay small.
All text is plain: inline Markdown is reduced to its words, and raw HTML stays literal text (the
script only ever sets `textContent`).

Shape (short keys, because they repeat once per node):

    {
      "start": "<question id>",
      "questions": {"<id>": {"t": text, "h": help (only when given),
                             "n": most questions still to answer, itself included,
                             "o": [[label, next id], ...]}},
      "outcomes": {"<id>": {"t": title, "s": summary (only when given), "u": guide URL}},
      "strings": {"<key>": interface words, ...}
    }
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from generator.model import Flow, Text, remaining_questions

# Interface words the script uses; the rest of the table belongs to the pages.
WIZARD_STRINGS = (
    "start_again",
    "change",
    "your_answers",
    "at_most_n_more",
    "open_guide",
    "unknown_state",
    "your_case",
    "previous_answer",
)


def wizard_data(
    flow: Flow,
    language: str,
    words: Mapping[str, str],
    guide_urls: Mapping[str, str],
    plain: Callable[[str], str],
) -> dict[str, Any]:
    """Everything the wizard script needs to answer `flow` in `language` (see the docstring above).

    `guide_urls` maps each outcome id to its guide page's address as seen from the flow page;
    `plain` turns editor text into the plain words a reader sees.
    """

    def say(text: Text | None) -> str:
        return plain(text.get(language)) if text is not None else ""

    left = remaining_questions(flow)
    questions: dict[str, dict[str, Any]] = {}
    for question in flow.questions.values():
        entry: dict[str, Any] = {"t": say(question.text)}
        if question.help is not None:
            entry["h"] = say(question.help)
        # Questions the start cannot reach have no count; 1 is the honest lower bound.
        entry["n"] = left.get(question.id, 1)
        entry["o"] = [[say(option.label), option.next] for option in question.options]
        questions[question.id] = entry
    outcomes: dict[str, dict[str, Any]] = {}
    for outcome in flow.outcomes.values():
        entry = {"t": say(outcome.title)}
        if outcome.summary is not None:
            entry["s"] = say(outcome.summary)
        entry["u"] = guide_urls[outcome.id]
        outcomes[outcome.id] = entry
    return {
        "start": flow.start,
        "questions": questions,
        "outcomes": outcomes,
        "strings": {key: words[key] for key in WIZARD_STRINGS},
    }
