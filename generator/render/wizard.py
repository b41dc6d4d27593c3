"""The data the "which case am I?" wizard needs, as plain JSON-able values and sanitised HTML.

The flow page embeds the data in a `data-flows-wizard` attribute and `assets/flows.js` reads it.
It carries only what answering needs (no guide bodies), so flows with thousands of nodes stay
small. A text the build renders as words alone is a JSON string, which the script sets as
`textContent`; a text with formatting (bold, links, code, paragraphs) is the number of its HTML,
already made safe by `site.markup`, among `texts`: the page puts each in a `<template>` and
the script clones it, so no editor text ever goes through `innerHTML`.

Shape (short keys, because they repeat once per node):

    {
      "start": "<question id>",
      "questions": {"<id>": {"t": text, "h": help (only when given),
                             "n": most questions still to answer, itself included,
                             "o": [[label, next id], ...]}},
      "outcomes": {"<id>": {"t": title, "s": summary (only when given), "u": guide URL,
                            "f": feedback link (only when the site has one)}},
      "strings": {"<key>": interface words, or {"<plural category>": words, ...}, ...},
      "m": {"<old id>": "<id it has moved to in this flow>"} (only when the flow has some),
      "x": {"<old id>": "<address of the page it has moved to in another flow>"} (likewise)
    }

where each text, help, label, title and summary is a string or a number into `texts`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from markupsafe import Markup

from generator.format.model import Flow, Text, remaining_questions
from generator.site.words import Sentence

# Interface words the script uses; the rest of the table belongs to the pages (the cards' own
# words come with their server-rendered markup).
WIZARD_STRINGS = (
    "start_again",
    "change",
    "your_answers",
    "at_most_n_more",
    "unknown_state",
    "your_case",
    "previous_answer",
)

# Flows with at most this many guides carry their steps and notes in the flow page; bigger ones
# fetch a guide's own page when the reader reaches it (see BENCHMARKS.md for the sizes).
CARRY_GUIDES_UP_TO = 12

# HTML that is words alone: the script makes the same with `textContent`.
_WORDS = re.compile(r"[^<>&]*")
_PARAGRAPH = re.compile(r"<p>([^<>&]*)</p>")


class Converter(Protocol):
    """Editor Markdown to safe HTML, as `generator.site.markup.EditorText` does it."""

    def inline(self, source: str, *, links: bool = True) -> Markup: ...

    def block(self, source: str) -> Markup: ...


@dataclass(frozen=True, slots=True)
class WizardData:
    """The wizard's JSON-able `data` and the sanitised HTML `texts` its numbers point into."""

    data: dict[str, Any]
    texts: tuple[Markup, ...]


def carries_guides(flow: Flow) -> bool:
    """Whether the flow page carries each guide's steps and notes for the wizard."""
    return len(flow.outcomes) <= CARRY_GUIDES_UP_TO


def wizard_data(
    flow: Flow,
    language: str,
    words: Mapping[str, Sentence],
    guide_urls: Mapping[str, str],
    text: Converter,
    feedback_urls: Mapping[str, str] | None = None,
    moved: Mapping[str, str] | None = None,
    moved_away: Mapping[str, str] | None = None,
) -> WizardData:
    """Everything the wizard script needs to answer `flow` in `language` (see the docstring above).

    `guide_urls` maps each outcome id to its guide page's address as seen from the flow page;
    `text` converts editor Markdown; `feedback_urls` maps each outcome id to its feedback link
    when the site has one. `moved` maps the flow's old ids to the ids they lead to now, and
    `moved_away` those that lead to another flow to that page's address: a shared link whose
    answers name an old question then still leads on.
    """
    texts: dict[Markup, int] = {}

    def keep(rendered: Markup) -> int:
        # Labels such as "Ya" and "Sudah" repeat across a flow: one copy each.
        return texts.setdefault(rendered, len(texts))

    def inline(value: Text, links: bool = True) -> str | int:
        rendered = text.inline(value.get(language), links=links)
        return str(rendered) if _WORDS.fullmatch(rendered) else keep(rendered)

    def block(value: Text) -> str | int:
        rendered = text.block(value.get(language))
        words_only = _PARAGRAPH.fullmatch(rendered)
        return words_only[1] if words_only else keep(rendered)

    left = remaining_questions(flow)
    questions: dict[str, dict[str, Any]] = {}
    for question in flow.questions.values():
        entry: dict[str, Any] = {"t": inline(question.text)}
        if question.help is not None:
            entry["h"] = block(question.help)
        # Questions the start cannot reach have no count; 1 is the honest lower bound.
        entry["n"] = left.get(question.id, 1)
        entry["o"] = [[inline(option.label, False), option.next] for option in question.options]
        questions[question.id] = entry
    outcomes: dict[str, dict[str, Any]] = {}
    for outcome in flow.outcomes.values():
        entry = {"t": inline(outcome.title)}
        if outcome.summary is not None:
            entry["s"] = block(outcome.summary)
        entry["u"] = guide_urls[outcome.id]
        if feedback_urls is not None:
            entry["f"] = feedback_urls[outcome.id]
        outcomes[outcome.id] = entry
    strings = {key: words[key] for key in WIZARD_STRINGS}
    data = {"start": flow.start, "questions": questions, "outcomes": outcomes, "strings": strings}
    if moved:
        data["m"] = dict(moved)
    if moved_away:
        data["x"] = dict(moved_away)
    return WizardData(data, tuple(texts))
