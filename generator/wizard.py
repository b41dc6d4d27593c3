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
      "outcomes": {"<id>": {"t": title, "s": summary (only when given), "u": guide URL,
                            "f": feedback link (only when the site has one)}},
      "strings": {"<key>": interface words, ...}
    }
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.model import Document, Flow, Text, remaining_questions
from generator.strings import strings_for

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

_ESCAPABLE = "\\`*_{}[]()#+-.!<>~|"
_PLACEHOLDER = re.compile("[\ue000-\uf8ff]")
_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + "])")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s>]+|mailto:[^\s>]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EM_STAR = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*", re.DOTALL)
# Underscores inside words (snake_case, file_name) are not emphasis in Markdown.
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", re.DOTALL)
_SPACE = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    """`markdown` (inline Markdown) reduced to the words a reader sees, whitespace collapsed.

    Code spans and backslash escapes keep their characters literally; raw HTML is left as
    the literal text it is, never interpreted.
    """
    kept: list[str] = []

    def keep(text: str) -> str:
        # Private-use characters stand in for text that later patterns must not touch.
        kept.append(text)
        return chr(0xE000 + len(kept) - 1)

    text = _PLACEHOLDER.sub("", markdown)
    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    text = _CODE.sub(lambda m: keep(m.group(2).strip()), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDERSCORE.sub(r"\1", text)
    # Restore innermost-last: a kept code span may itself contain a kept escape.
    while _PLACEHOLDER.search(text):
        text = _PLACEHOLDER.sub(lambda m: kept[ord(m.group()) - 0xE000], text)
    return _SPACE.sub(" ", text).strip()


def _plain(text: Text | None, language: str) -> str:
    return plain_text(text.get(language)) if text is not None else ""


def wizard_data(
    flow: Flow,
    document: Document,
    url_for: Callable[[str], str] | None = None,
    feedback_for: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """Everything the wizard script needs to answer `flow` in place (see the module docstring).

    `url_for(outcome_id)` is the URL of a guide page as seen from the flow page; by default
    `<flow>/<outcome>/`, from the site root. `feedback_for(outcome_id)` is a guide's feedback link.
    """
    language = document.language
    left = remaining_questions(flow)
    questions: dict[str, dict[str, Any]] = {}
    for question in flow.questions.values():
        entry: dict[str, Any] = {"t": _plain(question.text, language)}
        if question.help is not None:
            entry["h"] = _plain(question.help, language)
        # Questions the start cannot reach have no count; 1 is the honest lower bound.
        entry["n"] = left.get(question.id, 1)
        entry["o"] = [[_plain(option.label, language), option.next] for option in question.options]
        questions[question.id] = entry
    outcomes: dict[str, dict[str, Any]] = {}
    for outcome in flow.outcomes.values():
        entry = {"t": _plain(outcome.title, language)}
        if outcome.summary is not None:
            entry["s"] = _plain(outcome.summary, language)
        entry["u"] = url_for(outcome.id) if url_for else f"{flow.id}/{outcome.id}/"
        if feedback_for is not None:
            entry["f"] = feedback_for(outcome.id)
        outcomes[outcome.id] = entry
    words = strings_for(language)
    strings = {key: words[key] for key in WIZARD_STRINGS}
    if feedback_for is not None:
        strings["feedback"] = words["feedback"]
    return {"start": flow.start, "questions": questions, "outcomes": outcomes, "strings": strings}
