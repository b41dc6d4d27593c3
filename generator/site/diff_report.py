"""The review of two versions of a site, as `diff` prints it: for a terminal (text), for a pull
request's description (md), or for programs (json).

Per language of the site: flows, questions and guides added, removed or renamed, with their
addresses and where an old one leads now; answer paths new, gone or leading elsewhere; texts
changed word by word; search keywords. Then review dates, translations to check, and the
addresses that would break. Every word around the editors' own comes from the message
catalogue, in the editor's language; languages are named by CLDR (Babel), in that language too.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.format.changes import (
    ADDED,
    CHANGED,
    FLOW,
    OUTCOME,
    QUESTION,
    REMOVED,
    RENAMED,
    Changes,
    NodeChange,
    word_diff,
)
from generator.format.model import Place, Text
from generator.format.problems import Problem, render, render_hint, render_message, words
from generator.site.diff import SiteDiff
from generator.site.markup import plain_text
from generator.site.plan import SitePlan

FORMATS = ("text", "md", "json")
KINDS = (FLOW, QUESTION, OUTCOME)
CHANGES = (ADDED, RENAMED, REMOVED)


def report(diff: SiteDiff, language: str, names: tuple[str, str], output: str = "text") -> str:
    """The review of `diff` in the editor's `language`, in the format `output` (see FORMATS);
    `names` are the two versions' names, older first."""
    data = report_data(diff, language, names)
    if output == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _Writer(language, markdown=output == "md").document(data)


def report_data(diff: SiteDiff, language: str, names: tuple[str, str]) -> dict[str, Any]:
    """The review as plain data: what `--format json` prints, and what the others are made of."""
    changes = diff.changes
    old, new = diff.old, diff.new
    kept = [lang for lang in new.languages if lang in old.languages]
    return {
        "old": names[0],
        "new": names[1],
        "languages": [_language(diff, lang, language) for lang in kept],
        "languages_added": [
            {"language": lang, "name": language_name(lang, language), "address": _root(new, lang)}
            for lang in new.languages
            if lang not in old.languages
        ],
        "reviews": [
            {
                "what": render(review.what, language),
                "old": review.old.isoformat() if review.old else None,
                "new": review.new.isoformat() if review.new else None,
            }
            for review in changes.reviews
        ],
        "drift": [
            {
                "what": render(drift.what, language),
                "changed": list(drift.changed),
                "check": list(drift.same),
                "at": f"{drift.pos.file}:{drift.pos.line}",
            }
            for drift in changes.drift
        ],
        "problems": [_problem(found, language) for found in diff.problems],
    }


def language_name(code: str, language: str) -> str:
    """The name of the language `code` in `language`, from CLDR; the code when CLDR has none."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(language).languages
    except (UnknownLocaleError, ValueError):
        return code
    return names.get(code) or names.get(code.split("-")[0]) or code


def _root(plan: SitePlan, language: str) -> str:
    return "/" + plan.prefix(language)


def _language(diff: SiteDiff, reading: str, language: str) -> dict[str, Any]:
    """What readers of `reading` will see change."""
    changes = diff.changes
    return {
        "language": reading,
        "name": language_name(reading, language),
        "address": _root(diff.new, reading),
        "nodes": [_node(diff, change, reading) for change in changes.nodes],
        "paths": _paths(changes, reading),
        "texts": [
            {
                "what": render(text.what, language),
                "change": text.change,
                "old": _words(text.old, reading),
                "new": _words(text.new, reading),
                "words": word_diff(text.old.get(reading), text.new.get(reading))
                if text.change == CHANGED and text.old and text.new
                else [],
            }
            for text in changes.texts
            if text.changed_in(reading)
        ],
        "keywords": [
            {"what": render(change.what, language), "added": added, "removed": removed}
            for change in changes.keywords
            for added, removed in [change.in_language(reading)]
            if added or removed
        ],
    }


def _node(diff: SiteDiff, change: NodeChange, reading: str) -> dict[str, Any]:
    title = change.new_title if change.change == ADDED else change.old_title
    return {
        "kind": change.kind,
        "change": change.change,
        "old": _id(change.old),
        "new": _id(change.new),
        "title": plain_text(title.get(reading)) if title is not None else "",
        "old_address": _address(diff.old, change.old, reading),
        "new_address": _address(diff.new, change.new, reading),
    }


def _id(at: Place | None) -> str | None:
    if at is None:
        return None
    return at[0] if at[1] is None else f"{at[0]}/{at[1]}"


def _address(plan: SitePlan, at: Place | None, reading: str) -> str | None:
    if at is None:
        return None
    return _root(plan, reading) + plan.place_page(reading, at).url


def _words(text: Text | None, reading: str) -> str | None:
    return None if text is None else text.get(reading)


def _paths(changes: Changes, reading: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for flow_id, paths in changes.paths(reading):
        if isinstance(paths, int):
            found.append({"flow": flow_id, "too_many": paths, "changes": []})
            continue
        found.append(
            {
                "flow": flow_id,
                "changes": [
                    {
                        "change": path.change,
                        "answers": list(path.answers),
                        "old": path.old,
                        "new": path.new,
                    }
                    for path in paths
                ],
            }
        )
    return found


def _problem(found: Problem, language: str) -> dict[str, Any]:
    return {
        "code": found.code,
        "severity": found.severity,
        "file": found.pos.file,
        "line": found.pos.line,
        "column": found.pos.column,
        "message": render_message(found, language),
        "hint": render_hint(found, language),
    }


class _Writer:
    """The review as lines of text, or as Markdown."""

    def __init__(self, language: str, *, markdown: bool) -> None:
        self.language = language
        self.markdown = markdown
        self.lines: list[str] = []

    def say(self, key: str, **args: Any) -> str:
        return words(self.language, key, **args)

    def code(self, value: str) -> str:
        return f"`{value}`" if self.markdown else value

    def heading(self, level: int, text: str) -> None:
        if self.markdown:
            self.lines += ["", f"{'#' * (level + 1)} {text}", ""]
        elif level == 1:
            self.lines.append(text)
        else:
            # A blank line before a language's section; its parts follow on, indented.
            self.lines += ["", "  " * (level - 2) + text] if level == 2 else ["  " + text]

    def item(self, level: int, text: str) -> None:
        indent = "  " * (level - 2)
        self.lines.append(f"- {text}" if self.markdown else f"{indent}{text}")

    def document(self, data: dict[str, Any]) -> str:
        title = self.say("diff-title", old=self.code(data["old"]), new=self.code(data["new"]))
        self.heading(1, title)
        before = len(self.lines)
        if data["languages_added"]:
            self.heading(2, self.say("diff-languages-added"))
            for added in data["languages_added"]:
                name = added["name"]
                self.item(3, self.say("diff-language", name=name, address=added["address"]))
        for section in data["languages"]:
            self.language_section(section)
        if data["reviews"]:
            self.heading(2, self.say("diff-reviews"))
            none = self.say("diff-no-date")
            for review in data["reviews"]:
                dates = f"{review['old'] or none} → {review['new'] or none}"
                self.item(3, f"{review['what']}: {dates}")
        if data["drift"]:
            self.heading(2, self.say("diff-drift"))
            for drift in data["drift"]:
                item = self.say(
                    "diff-drift-item",
                    languages=self.names(drift["check"]),
                    what=drift["what"],
                    changed=self.names(drift["changed"]),
                )
                self.item(3, f"{self.code(drift['at'])}: {item}")
        if data["problems"]:
            self.heading(2, self.say("diff-problems"))
            for found in data["problems"]:
                where = f"{found['file']}:{found['line']}:{found['column']}"
                text = f"{self.code(where)}: {found['code']}: {found['message']}"
                if found["hint"]:
                    text += f" ({self.say('hint')}: {found['hint']})"
                self.item(3, text)
        if len(self.lines) == before:
            self.lines += (
                ["", self.say("diff-nothing")] if self.markdown else [self.say("diff-nothing")]
            )
        text = "\n".join(self.lines).strip("\n") + "\n"
        return re.sub(r"\n{3,}", "\n\n", text)

    def names(self, codes: list[str]) -> str:
        return ", ".join(language_name(code, self.language) for code in codes)

    def language_section(self, section: dict[str, Any]) -> None:
        parts: list[tuple[str, list[str]]] = []
        for kind in KINDS:
            for change in CHANGES:
                items = [
                    self.node(node)
                    for node in section["nodes"]
                    if node["kind"] == kind and node["change"] == change
                ]
                if items:
                    parts.append((self.say(f"diff-{kind}-{change}"), items))
        for flow in section["paths"]:
            if "too_many" in flow:
                items = [self.say("diff-path-too-many", flow=flow["flow"], n=flow["too_many"])]
            else:
                items = [self.path(path) for path in flow["changes"]]
            parts.append((self.say("diff-paths", flow=flow["flow"]), items))
        if section["texts"]:
            parts.append((self.say("diff-texts"), [self.text(text) for text in section["texts"]]))
        if section["keywords"]:
            items = [
                f"{change['what']}: "
                + " ".join(
                    [*(f"+{k}" for k in change["added"]), *(f"−{k}" for k in change["removed"])]
                )
                for change in section["keywords"]
            ]
            parts.append((self.say("diff-keywords"), items))
        if not parts:
            return
        self.heading(2, self.say("diff-language", name=section["name"], address=section["address"]))
        for title, items in parts:
            self.heading(3, title)
            for item in items:
                self.item(4, item)

    def node(self, node: dict[str, Any]) -> str:
        title = f" “{node['title']}”" if node["title"] else ""
        if node["change"] == ADDED:
            return f"{self.code(node['new'])}{title} {self.code(node['new_address'])}"
        name = self.code(node["old"])
        if node["change"] == RENAMED:
            name += f" → {self.code(node['new'])}"
        address = self.code(node["old_address"]) if node["old_address"] else ""
        if node["new_address"]:
            after = self.say("diff-leads-to", address=self.code(node["new_address"]))
        else:
            after = self.say("diff-leads-nowhere")
        return f"{name}{title} {address}: {after}"

    def path(self, path: dict[str, Any]) -> str:
        answers = " → ".join(path["answers"]) or self.say("diff-no-answers")
        if path["change"] == ADDED:
            return self.say("diff-path-added", answers=answers, guide=self.code(path["new"]))
        if path["change"] == REMOVED:
            return self.say("diff-path-removed", answers=answers, guide=self.code(path["old"]))
        old, new = self.code(path["old"]), self.code(path["new"])
        return self.say("diff-path-changed", answers=answers, old=old, new=new)

    def text(self, text: dict[str, Any]) -> str:
        if text["change"] == ADDED:
            return self.say("diff-text-added", what=text["what"], text=text["new"])
        if text["change"] == REMOVED:
            return self.say("diff-text-removed", what=text["what"], text=text["old"])
        return self.say("diff-text-changed", what=text["what"], text=self.runs(text["words"]))

    def runs(self, runs: list[tuple[str, str]]) -> str:
        marks = (
            {"-": ("~~", "~~"), "+": ("**", "**")}
            if self.markdown
            else {
                "-": ("[-", "-]"),
                "+": ("{+", "+}"),
            }
        )
        shown = []
        for op, text in runs:
            start, end = marks.get(op, ("", ""))
            shown.append(f"{start}{text}{end}")
        return " ".join(shown)
