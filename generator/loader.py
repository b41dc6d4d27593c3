"""Read flows.yaml into the model, reporting every problem of shape at its exact position.

Parsing uses libyaml's C composer when available: its nodes carry line and column marks, so
positions cost nothing extra. The nodes are then walked once, by hand, into the frozen model.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import os
import re
from collections.abc import Callable
from typing import TypeVar

import yaml

from generator import schema
from generator.model import (
    NOTE_TYPES,
    Document,
    Flow,
    Note,
    Option,
    Outcome,
    Position,
    Question,
    Step,
    Text,
)
from generator.problems import Problem, did_you_mean, excerpt

try:  # libyaml is much faster; the pure-Python loader gives the same nodes and marks.
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

_ID = re.compile(schema.ID_PATTERN)
_LANGUAGE = re.compile(schema.LANGUAGE_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INVISIBLE = "\u00a0\u200b\u202f\ufeff"
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG = "tag:yaml.org,2002:int"

T = TypeVar("T")

MappingNode = yaml.MappingNode
ScalarNode = yaml.ScalarNode
SequenceNode = yaml.SequenceNode


def load(
    path: str | os.PathLike[str], display_name: str | None = None
) -> tuple[Document | None, list[Problem]]:
    """Read the flows file at `path`.

    Returns the model (None when the file cannot be read as flows at all) and the problems of
    shape found, in file order. Messages name the file as `display_name` (default: `path`).
    Raises OSError only when the file cannot be opened.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    return load_bytes(data, display_name if display_name is not None else os.fspath(path))


def load_bytes(data: bytes, name: str) -> tuple[Document | None, list[Problem]]:
    """Read flows from the bytes of a file called `name` (used in messages)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [_not_utf8(data, error, name)]
    return load_text(text, name)


def load_text(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    """Read flows from `text`, the content of a file called `name`."""
    # Composing and walking make millions of small objects that form no reference cycles; the
    # cyclic collector would scan them again and again (most of the time spent on a 10,000-node
    # file). Reference counting frees them all the same.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_text(text, name)
    finally:
        if enabled:
            gc.enable()


def _load_text(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    try:
        root = yaml.compose(text, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, name, text)]
    except yaml.reader.ReaderError as error:
        return None, [_bad_character(error, text, name)]
    except yaml.YAMLError as error:  # pragma: no cover - libyaml errors always carry marks
        return None, [Problem(Position(name, 1, 1), f"the file is not valid YAML: {error}")]
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL_TAG):
        return None, [
            Problem(
                Position(name, 1, 1),
                "the file has only comments" if _only_comments(text) else "the file is empty",
                "start it with 'version: 1' and a 'flows:' mapping",
            )
        ]
    if "&" in text:
        # Anchors would let one value stand in many places (and a tiny file expand to billions of
        # nodes). Only files that contain '&' can have them, so most files skip this scan.
        anchors = _anchor_problems(text, name)
        if anchors:
            return None, anchors
    return _Reader(name).document(root)


class _Reader:
    """Walks composed YAML nodes into the model, collecting problems as it goes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("id",)
        # Set when a node or link of the current flow could not be read: checking references
        # and reachability on what is left would only repeat the problems already reported.
        self.graph_broken = False

    # -- positions and problems -------------------------------------------------------------

    def pos(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.name, mark.line + 1, mark.column + 1)

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.pos(node), message, hint))

    # -- generic shapes ---------------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, kind: str, where: str
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The keys of a mapping of `kind`, checked against the format; None if not a mapping."""
        known = schema.keys_of(kind)
        if not isinstance(node, MappingNode):
            required = ", ".join(key.name for key in known.values() if key.required)
            hint = f"write its keys ({required}) on indented lines under it"
            self.wrong_type(node, where, "a mapping (lines of 'key: value')", hint)
            return None
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        misspelled: set[str] = set()
        for key_node, value_node in node.value:
            key = self.key(key_node, found, where)
            if key is None:
                continue
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                misspelled.update(close)
                hint = (
                    f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(known)
                )
                odd = next((c for c in key if c in _INVISIBLE), None)
                if odd:
                    # Non-breaking spaces pasted from a web page look like indentation.
                    hint = (
                        f"the key contains an invisible character (U+{ord(odd):04X}): "
                        "delete it and indent with plain spaces"
                    )
                self.error(key_node, f"unknown key '{excerpt(key)}' in {where}", hint)
                continue
            found[key] = (key_node, value_node)
        for key in known.values():
            # A misspelt key is reported once, as unknown, not again as missing.
            if key.required and key.name not in found and key.name not in misspelled:
                hint = key.description
                if key.example is not None:
                    hint += f" For example: {key.name}: {key.example}"
                self.error(node, f"{where} is missing '{key.name}'", hint)
        return found

    def key(
        self, key_node: yaml.Node, seen: dict[str, tuple[yaml.Node, yaml.Node]], where: str
    ) -> str | None:
        """The text of a mapping key, or None (reported) when it is not usable."""
        if not isinstance(key_node, ScalarNode) or key_node.value == "":
            self.error(key_node, f"a key in {where} is not a plain name")
            return None
        key = key_node.value
        if key in seen:
            first = seen[key][0].start_mark.line + 1
            self.error(
                key_node,
                f"duplicate key '{excerpt(key)}' in {where}",
                f"'{excerpt(key)}' is already on line {first}; remove one of the two",
            )
            return None
        return key

    def id_mapping(
        self, node: yaml.Node, where: str, item_kind: str
    ) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """Entries of a mapping from ids to items (flows, questions, outcomes), ids checked."""
        if not isinstance(node, MappingNode):
            hint = None
            if isinstance(node, SequenceNode):
                hint = (
                    f"write each {item_kind} as its id and ':', with its keys indented under it, "
                )
                hint += "without '- '"
            self.wrong_type(node, where, f"a mapping of {item_kind} ids to {item_kind}s", hint)
            return []
        entries: list[tuple[str, yaml.Node, yaml.Node]] = []
        seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value in seen:
                first = seen[key_node.value][0].start_mark.line + 1
                shown = excerpt(key_node.value)
                self.error(
                    key_node,
                    f"duplicate {item_kind} id '{shown}' in {where}",
                    f"'{shown}' is already on line {first}; each {item_kind} needs "
                    "its own id, which becomes its page address",
                )
                self.graph_broken = True
                continue
            key = self.key(key_node, seen, where)
            if key is None:
                continue
            seen[key] = (key_node, value_node)
            if not _ID.match(key):
                self.error(key_node, f"{item_kind} id '{excerpt(key)}' is not valid", _id_hint(key))
            entries.append((key, key_node, value_node))
        return entries

    def sequence(
        self, node: yaml.Node, where: str, what: str, hint: str | None = None
    ) -> list[yaml.Node]:
        if not isinstance(node, SequenceNode):
            self.wrong_type(node, where, f"a list of {what} (lines starting with '- ')", hint)
            return []
        return node.value

    def wrong_type(
        self, node: yaml.Node, where: str, expected: str, hint: str | None = None
    ) -> None:
        self.error(node, f"{where} must be {expected}, not {_describe(node)}", hint)

    def text(
        self, node: yaml.Node, where: str, empty_hint: str = "write the text after the colon"
    ) -> Text:
        """A TEXT value: a string, or a mapping from each language to a string."""
        pos = self.pos(node)
        if isinstance(node, ScalarNode):
            value = node.value.strip() if node.tag != _NULL_TAG else ""
            if not value:
                self.error(node, f"{where} is empty", empty_hint)
            elif len(self.languages) > 1:
                self.error(
                    node,
                    f"{where} has no translations",
                    "write it in every language, as {"
                    + ", ".join(f"{lang}: …" for lang in self.languages)
                    + "}",
                )
            return Text({self.languages[0]: value}, pos)
        if isinstance(node, MappingNode):
            values: dict[str, str] = {}
            seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
            unknown = False
            for key_node, value_node in node.value:
                lang = self.key(key_node, seen, where)
                if lang is None:
                    continue
                seen[lang] = (key_node, value_node)
                if lang not in self.languages:
                    hint = did_you_mean(lang, self.languages) or (
                        "the languages are " + ", ".join(self.languages) + " (see 'languages')"
                    )
                    self.error(key_node, f"unknown language '{excerpt(lang)}' in {where}", hint)
                    unknown = True
                    continue
                if not isinstance(value_node, ScalarNode):
                    self.wrong_type(value_node, f"the '{lang}' text of {where}", "text")
                    continue
                value = value_node.value.strip() if value_node.tag != _NULL_TAG else ""
                if not value:
                    self.error(value_node, f"the '{lang}' text of {where} is empty")
                values[lang] = value
            missing = [lang for lang in self.languages if lang not in values]
            if not node.value:
                self.error(node, f"{where} is empty", empty_hint)
            elif missing and values and not unknown:
                # With an unknown language reported, the missing one is most likely misspelt.
                self.error(
                    node,
                    f"{where} is missing the " + ", ".join(f"'{m}'" for m in missing) + " text",
                    "every text needs each language listed in 'languages'",
                )
            ordered = {lang: values.get(lang, "") for lang in self.languages}
            return Text(ordered, pos)
        hint = None
        if isinstance(node, SequenceNode):
            hint = "for text over several lines, write '>-' after the colon and indent the lines"
        self.wrong_type(node, where, "text", hint)
        return Text({self.languages[0]: ""}, pos)

    def optional(
        self,
        found: dict[str, tuple[yaml.Node, yaml.Node]],
        key: str,
        read: Callable[[yaml.Node, str], T],
        where: str,
    ) -> T | None:
        entry = found.get(key)
        return read(entry[1], f"'{key}' of {where}") if entry else None

    def ref(self, node: yaml.Node, where: str) -> str:
        """An id naming another node; its existence is the validator's business."""
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG or not node.value:
            self.wrong_type(node, where, "an id")
            return ""
        return node.value

    # -- the document -----------------------------------------------------------------------

    def document(self, root: yaml.Node) -> tuple[Document | None, list[Problem]]:
        found = self.mapping(root, "document", "the top level")
        if found is None:
            self.problems[-1] = Problem(
                self.pos(root),
                "the top level must be a mapping with 'version' and 'flows', "
                f"not {_describe(root)}",
                "start the file with 'version: 1' and a 'flows:' mapping",
            )
            return None, self.problems
        version = self.version(found)
        if "languages" in found:
            self.languages = self.language_list(found["languages"][1])
        flows: dict[str, Flow] = {}
        if "flows" in found:
            flows_node = found["flows"][1]
            entries = self.id_mapping(flows_node, "'flows'", "flow")
            if isinstance(flows_node, MappingNode) and not entries:
                self.error(flows_node, "'flows' is empty", "add at least one flow")
            for flow_id, key_node, node in entries:
                flow = self.flow(flow_id, key_node, node)
                if flow is not None:
                    flows[flow_id] = flow
        where = (
            self.pos(found["languages"][0]) if "languages" in found else Position(self.name, 1, 1)
        )
        doc = Document(self.name, version or 1, self.languages, flows, languages_pos=where)
        return doc, self.problems

    def version(self, found: dict[str, tuple[yaml.Node, yaml.Node]]) -> int | None:
        if "version" not in found:
            return None
        node = found["version"][1]
        if isinstance(node, ScalarNode) and node.tag == _INT_TAG and node.value.isdigit():
            number = int(node.value)
            if number in schema.KNOWN_VERSIONS:
                return number
        known = ", ".join(str(v) for v in schema.KNOWN_VERSIONS)
        if isinstance(node, ScalarNode) and node.value.strip() in known.split(", "):
            self.error(
                node,
                f"'version' must be the number {node.value.strip()}, "
                f"not the text '{excerpt(node.value)}'",
                f"remove the quotes: version: {node.value.strip()}",
            )
            return None
        self.error(
            node,
            f"unknown version '{excerpt(node.value) if isinstance(node, ScalarNode) else '…'}'",
            f"the known versions are: {known}; write 'version: 1'",
        )
        return None

    def language_list(self, node: yaml.Node) -> tuple[str, ...]:
        items = self.sequence(node, "'languages'", "language codes")
        languages: list[str] = []
        for item in items:
            if not isinstance(item, ScalarNode) or not _LANGUAGE.match(item.value):
                shown = (
                    f"'{excerpt(item.value)}'" if isinstance(item, ScalarNode) else _describe(item)
                )
                self.error(
                    item,
                    f"{shown} is not a language code",
                    "use a code such as 'id' (Indonesian) or 'en' (English)",
                )
            elif item.value in languages:
                self.error(item, f"language '{item.value}' is listed twice")
            else:
                languages.append(item.value)
        if not languages:
            if isinstance(node, SequenceNode) and not items:
                self.error(node, "'languages' is empty", "list at least one, e.g. [id]")
            return ("id",)
        return tuple(languages)

    def flow(self, flow_id: str, key_node: yaml.Node, node: yaml.Node) -> Flow | None:
        where = f"flow '{excerpt(flow_id)}'"
        self.graph_broken = False
        found = self.mapping(node, "flow", where)
        if found is None:
            return None
        title = self.optional(found, "title", self.text, where)
        summary = self.optional(found, "summary", self.text, where)
        start = ""
        start_pos = self.pos(key_node)
        if "start" in found:
            start_node = found["start"][1]
            start = self.ref(start_node, f"'start' of {where}")
            start_pos = self.pos(start_node)
        questions: dict[str, Question] = {}
        if "questions" in found:
            questions_node = found["questions"][1]
            self.graph_broken |= not isinstance(questions_node, MappingNode)
            for qid, q_key, q_node in self.id_mapping(
                questions_node, f"'questions' of {where}", "question"
            ):
                question = self.question(qid, q_key, q_node)
                if question is not None:
                    questions[qid] = question
                else:
                    self.graph_broken = True
        outcomes: dict[str, Outcome] = {}
        if "outcomes" in found:
            outcomes_node = found["outcomes"][1]
            self.graph_broken |= not isinstance(outcomes_node, MappingNode)
            entries = self.id_mapping(outcomes_node, f"'outcomes' of {where}", "outcome")
            if isinstance(outcomes_node, MappingNode) and not entries:
                self.error(
                    outcomes_node, f"'outcomes' of {where} is empty", "add at least one guide"
                )
            for oid, o_key, o_node in entries:
                outcome = self.outcome(oid, o_key, o_node)
                if outcome is not None:
                    outcomes[oid] = outcome
                else:
                    self.graph_broken = True
        keywords = self.keywords(found, where)
        if self.graph_broken:
            return None
        return Flow(
            id=flow_id,
            title=title or Text({self.languages[0]: flow_id}, self.pos(key_node)),
            start=start,
            questions=questions,
            outcomes=outcomes,
            pos=self.pos(key_node),
            start_pos=start_pos,
            summary=summary,
            keywords=keywords,
        )

    def question(self, qid: str, key_node: yaml.Node, node: yaml.Node) -> Question | None:
        where = f"question '{excerpt(qid)}'"
        found = self.mapping(node, "question", where)
        if found is None:
            return None
        text = self.optional(found, "text", self.text, where)
        help_text = self.optional(found, "help", self.text, where)
        options: list[Option] = []
        self.graph_broken |= "options" not in found
        if "options" in found:
            options_node = found["options"][1]
            self.graph_broken |= not isinstance(options_node, SequenceNode)
            items = self.sequence(
                options_node,
                f"'options' of {where}",
                "options",
                "start each option with '- label: …' and put its 'next: …' under the label",
            )
            labels: dict[str, tuple[int, int]] = {}
            for number, item in enumerate(items, start=1):
                option = self.option(item, f"option {number} of {where}")
                if option is None or not option.next:
                    self.graph_broken = True
                if option is None:
                    continue
                label = option.label.get().casefold()
                if label and label in labels:
                    first, line = labels[label]
                    shown = excerpt(option.label.get())
                    self.error(
                        item,
                        f"option {number} of {where} repeats the label '{shown}'",
                        f"option {first} (line {line}) has the same label; "
                        "each answer must read differently",
                    )
                labels.setdefault(label, (number, item.start_mark.line + 1))
                options.append(option)
            if isinstance(options_node, SequenceNode) and len(items) < 2:
                self.error(
                    options_node,
                    f"{where} has {len(items)} option{'s' if len(items) != 1 else ''}; "
                    "it needs at least 2",
                    "a question with one answer is not a choice: "
                    "point the previous 'next' straight at what follows",
                )
        return Question(
            id=qid,
            text=text or Text({self.languages[0]: ""}, self.pos(key_node)),
            options=tuple(options),
            pos=self.pos(key_node),
            help=help_text,
        )

    def option(self, node: yaml.Node, where: str) -> Option | None:
        found = self.mapping(node, "option", where)
        if found is None:
            return None
        label = self.optional(found, "label", self.text, where)
        pos = next_pos = self.pos(node)
        nxt = ""
        if "next" in found:
            next_node = found["next"][1]
            nxt = self.ref(next_node, f"'next' of {where}")
            next_pos = self.pos(next_node)
        return Option(
            label=label or Text({self.languages[0]: ""}, pos),
            next=nxt,
            pos=pos,
            next_pos=next_pos,
        )

    def outcome(self, oid: str, key_node: yaml.Node, node: yaml.Node) -> Outcome | None:
        where = f"outcome '{excerpt(oid)}'"
        found = self.mapping(node, "outcome", where)
        if found is None:
            return None
        title = self.optional(found, "title", self.text, where)
        summary = self.optional(found, "summary", self.text, where)
        steps: list[Step] = []
        if "steps" in found:
            steps_node = found["steps"][1]
            items = self.sequence(steps_node, f"'steps' of {where}", "steps")
            for number, item in enumerate(items, start=1):
                steps.append(self.step(item, f"step {number} of {where}"))
            if isinstance(steps_node, SequenceNode) and not items:
                self.error(steps_node, f"{where} has no steps", "add at least one step")
        notes: list[Note] = []
        if "notes" in found:
            items = self.sequence(found["notes"][1], f"'notes' of {where}", "notes")
            for number, item in enumerate(items, start=1):
                note = self.note(item, f"note {number} of {where}")
                if note is not None:
                    notes.append(note)
        reviewed = None
        reviewed_pos = None
        if "reviewed" in found:
            reviewed_node = found["reviewed"][1]
            reviewed = self.date(reviewed_node, f"'reviewed' of {where}")
            reviewed_pos = self.pos(reviewed_node)
        keywords = self.keywords(found, where)
        pos = self.pos(key_node)
        return Outcome(
            id=oid,
            title=title or Text({self.languages[0]: oid}, pos),
            steps=tuple(steps),
            pos=pos,
            summary=summary,
            notes=tuple(notes),
            reviewed=reviewed,
            reviewed_pos=reviewed_pos,
            keywords=keywords,
        )

    def keywords(
        self, found: dict[str, tuple[yaml.Node, yaml.Node]], where: str
    ) -> tuple[Text, ...]:
        """The optional 'keywords' list of a flow or outcome: a TEXT per keyword."""
        entry = found.get("keywords")
        if entry is None:
            return ()
        node = entry[1]
        items = self.sequence(
            node,
            f"'keywords' of {where}",
            "keywords",
            "write each keyword on its own line under 'keywords:', starting with '- '",
        )
        if isinstance(node, SequenceNode) and not items:
            self.error(
                node,
                f"'keywords' of {where} is empty",
                "add the words readers search for, or remove 'keywords'",
            )
        keywords: list[Text] = []
        for number, item in enumerate(items, start=1):
            what = f"keyword {number} of {where}"
            if isinstance(item, SequenceNode):
                self.wrong_type(
                    item,
                    what,
                    "text",
                    "put each keyword on its own '- ' line; a phrase of words is one keyword",
                )
                continue
            keywords.append(
                self.text(item, what, "write the keyword after the '- ', or remove the line")
            )
        return tuple(keywords)

    def step(self, node: yaml.Node, where: str) -> Step:
        # A mapping with 'text' or 'detail' is a step object; any other mapping is a TEXT mapping.
        if isinstance(node, MappingNode) and any(
            isinstance(k, ScalarNode) and k.value not in self.languages for k, _ in node.value
        ):
            found = self.mapping(node, "step", where) or {}
            text = self.optional(found, "text", self.text, where)
            detail = self.optional(found, "detail", self.text, where)
            pos = self.pos(node)
            return Step(text=text or Text({self.languages[0]: ""}, pos), pos=pos, detail=detail)
        text = self.text(node, where, "write the step after the '- ', or remove the line")
        return Step(text=text, pos=text.pos)

    def note(self, node: yaml.Node, where: str) -> Note | None:
        found = self.mapping(node, "note", where)
        if found is None:
            return None
        note_type = "info"
        if "type" in found:
            type_node = found["type"][1]
            value = type_node.value if isinstance(type_node, ScalarNode) else ""
            types = ", ".join(NOTE_TYPES)
            if value in NOTE_TYPES:
                note_type = value
            elif value:
                hint = did_you_mean(value, NOTE_TYPES) or ""
                hint = (hint + " " if hint else "") + "note types are: " + types
                self.error(type_node, f"unknown note type '{excerpt(value)}' in {where}", hint)
            else:
                self.wrong_type(type_node, f"'type' of {where}", f"one of {types}")
        text = self.optional(found, "text", self.text, where)
        pos = self.pos(node)
        return Note(type=note_type, text=text or Text({self.languages[0]: ""}, pos), pos=pos)

    def date(self, node: yaml.Node, where: str) -> dt.date | None:
        if isinstance(node, ScalarNode) and _DATE.match(node.value):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                self.error(
                    node,
                    f"{where} is not a real date: '{excerpt(node.value)}'",
                    "check the month (01 to 12) and the day of the month",
                )
                return None
        self.error(
            node,
            f"{where} must be a date like 2026-11-01, not {_describe(node)}",
            "write year-month-day with hyphens",
        )
        return None


def _only_comments(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()]
    return any(lines) and all(not line or line.startswith("#") for line in lines)


def _describe(node: yaml.Node) -> str:
    """What a node is, in an editor's words, for 'must be X, not Y' messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL_TAG:
        return "empty"
    return f"'{excerpt(node.value)}'"


def _id_hint(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    example = f", e.g. '{excerpt(slug)}'" if slug and slug != value else ""
    return f"ids use lowercase letters, digits and single hyphens{example}"


# Characters that YAML reads as syntax when a value starts with them.
_INDICATORS = ",[]{}#&*!|>'\"%@`?:-"
_QUOTE_HINT = "if it is part of the text, put the whole value in quotes"


def _syntax_problem(error: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    """The parser's complaint in an editor's words, placed where the editor has to look."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or "the file is not valid YAML"
    context = error.context or ""
    opened = error.context_mark
    source = _source_line(text, line)
    char = source[column - 1 : column]
    before = source[: column - 1]

    def at(line: int, column: int, message: str, hint: str | None = None) -> Problem:
        return Problem(Position(name, line, column), message, hint)

    def unexpected(line: int, column: int, char: str) -> Problem:
        return at(line, column, f"invalid YAML: unexpected '{char}'", _QUOTE_HINT)

    if "\t" in before[: len(before) - len(before.lstrip())] or (
        char == "\t" and not before.strip()
    ):
        return at(
            line,
            column,
            "a tab character is used for indentation",
            "YAML indents with spaces only: replace the tab with spaces",
        )
    # Invisible characters pasted from elsewhere confuse the parser a line or so later.
    for number in (line, line - 1):
        candidate = _source_line(text, number)
        indent = candidate[: len(candidate) - len(candidate.lstrip(" \t" + _INVISIBLE))]
        if "\u00a0" in indent or "\u202f" in indent:
            return at(
                number,
                indent.index("\u00a0" if "\u00a0" in indent else "\u202f") + 1,
                "a non-breaking space is used for indentation",
                "YAML indents with plain spaces only: retype the spaces at the start of the line",
            )
        odd = next((c for c in candidate if c in "\ufeff\u200b"), None)
        if odd:
            return at(
                number,
                candidate.index(odd) + 1,
                f"invalid YAML: an invisible character (U+{ord(odd):04X}) on this line",
                "delete it: it usually comes with text pasted from elsewhere",
            )
    if "cannot start any token" in problem or "found a tab character" in problem:
        if char in ("@", "`"):
            return at(
                line,
                column,
                f"invalid YAML: a value cannot start with '{char}'",
                f'put the whole value in quotes, e.g. "{char}…"',
            )
        if char:
            return unexpected(line, column, char)
    # An unclosed bracket or quote is noticed far below it; point at the opening instead.
    if opened is not None and problem.startswith("did not find expected ','"):
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return at(
            opened.line + 1,
            opened.column + 1,
            f"invalid YAML: the '{bracket}' here is never closed",
            f"add the closing '{closing}', or put the whole value in quotes "
            f"if the '{bracket}' is part of the text",
        )
    if opened is not None and "quoted scalar" in context and "end of stream" in problem:
        quote = _source_line(text, opened.line + 1)[opened.column : opened.column + 1] or '"'
        return at(
            opened.line + 1,
            opened.column + 1,
            f"invalid YAML: the quote {quote} here is never closed",
            f"add the closing {quote} at the end of the text",
        )
    if opened is not None and any(
        word in context for word in ("an anchor", "an alias", "a tag", "a directive")
    ):
        # '&', '*', '!' and '%' start YAML syntax; editors mean them as text.
        sign = _source_line(text, opened.line + 1)[opened.column : opened.column + 1]
        if sign:
            return at(
                opened.line + 1,
                opened.column + 1,
                f"invalid YAML: a value cannot start with '{sign}'",
                f'put the whole value in quotes, e.g. "{sign}…"',
            )
    if opened is not None and "block scalar" in context:
        sign = _source_line(text, opened.line + 1)[opened.column : opened.column + 1] or ">"
        return at(
            line,
            column,
            f"invalid YAML: text after '{sign}' on the same line",
            f"for text over several lines, put nothing after '{sign}-' and indent the text "
            f"under it; a value that starts with '{sign}' must be in quotes",
        )
    if "mapping values are not allowed" in problem:
        return at(
            line,
            column,
            "invalid YAML: unexpected ':'",
            "a value that contains ': ' must be in quotes, e.g. text: \"Status: dibayar\"; "
            "or this line is indented too far",
        )
    if "block sequence entries are not allowed" in problem:
        return at(
            line,
            column,
            "invalid YAML: a '- ' list cannot start on the same line as its key",
            "put each '- ' item on its own line under the key; "
            "if the '-' is part of the text, put the whole value in quotes",
        )
    if "could not find expected ':'" in problem and opened is not None:
        return at(
            opened.line + 1,
            opened.column + 1,
            "invalid YAML: this line is not 'key: value'",
            "to continue a long text on more lines, write 'key: >-' and indent the text under it",
        )
    if "did not find expected key" in problem or "expected '-' indicator" in problem:
        if before.rstrip().endswith(("'", '"')):
            return at(
                line,
                column,
                "invalid YAML: text after the closing quote",
                "put the whole value inside the quotes",
            )
        if char and char in _INDICATORS and char != "-":
            return unexpected(line, column, char)
        if not before.strip(" -"):
            return at(
                line,
                column,
                "invalid YAML: this line is not indented like the lines around it",
                "keys of one mapping, and the '- ' of one list, start in the same column",
            )
    if "expected node content" in problem or "mapping keys are not allowed" in problem:
        if char:
            return unexpected(line, column, char)
    if "unknown escape character" in problem:
        return at(
            line,
            column,
            f"invalid YAML: unknown escape '{source[column - 1 : column + 1]}' in double quotes",
            "inside double quotes a backslash starts an escape: write '\\\\' for a backslash, "
            "or use single quotes",
        )
    if "undefined alias" in problem:
        alias = re.match(r"\*([^\s,\[\]{}]+)", source[column - 1 :])
        shown = f"'*{excerpt(alias.group(1))}' " if alias else ""
        return at(
            line,
            column,
            f"alias {shown}is not supported",
            "flows files do not reuse values: write the value out in full where it is needed",
        )
    if "duplicate anchor" in context:
        anchor = re.match(r"&([^\s,\[\]{}]+)", source[column - 1 :])
        shown = f"'&{excerpt(anchor.group(1))}' " if anchor else ""
        return at(
            line,
            column,
            f"anchor {shown}is not supported: flows files do not reuse values",
            "remove every '&name' and '*name' from the file",
        )
    if "expected a single document" in context:
        return at(
            line,
            column,
            "invalid YAML: a second document",
            "remove the '---' line: a flows file is one document",
        )
    if "<document start>" in problem:
        return at(
            line,
            column,
            "invalid YAML: this line does not belong to anything above it",
            "check the lines above: the top level is 'key: value' lines starting in column 1",
        )
    hint = f"{context} (line {opened.line + 1})" if context and opened is not None else None
    return at(line, column, f"invalid YAML: {problem}", hint)


def _source_line(text: str, line: int) -> str:
    """Line `line` (1-based) of `text`, or '' when there is no such line."""
    lines = text.split("\n")
    return lines[line - 1].rstrip("\r") if 1 <= line <= len(lines) else ""


def _bad_character(error: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    """A character YAML refuses: usually an invisible control character pasted in by accident."""
    code = (
        error.character
        if isinstance(error.character, int)
        else ord(str(error.character)[:1] or "?")
    )
    # libyaml reports a byte offset; finding the character itself gives the editor's column.
    index = max(text.find(chr(code)), 0)
    before = text[:index]
    line = before.count("\n") + 1
    column = index - (before.rfind("\n") + 1) + 1
    return Problem(
        Position(name, line, column),
        f"the file contains a character that YAML does not allow (U+{code:04X})",
        "delete it: it is invisible and usually comes with text copied from elsewhere",
    )


def _not_utf8(data: bytes, error: UnicodeDecodeError, name: str) -> Problem:
    before = data[: error.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    byte = data[error.start]
    return Problem(
        Position(name, line, column),
        f"the file is not UTF-8 text (byte 0x{byte:02x})",
        "save the file with the UTF-8 encoding in your editor",
    )


_ANCHORS_SHOWN = 5


def _anchor_problems(text: str, name: str) -> list[Problem]:
    """One problem per anchor ('&name'), naming the lines of its aliases ('*name')."""
    anchors: list[tuple[str, yaml.Mark, list[int]]] = []
    latest: dict[str, list[int]] = {}
    loader = _YamlLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            anchor = getattr(event, "anchor", None)
            if not anchor:
                continue
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1
                uses = latest.get(anchor)
                if uses is not None and line not in uses:
                    uses.append(line)
            else:
                latest[anchor] = []
                anchors.append((anchor, event.start_mark, latest[anchor]))
    finally:
        loader.dispose()
    problems: list[Problem] = []
    for anchor, mark, uses in anchors[:_ANCHORS_SHOWN]:
        if uses:
            shown = ", ".join(str(line) for line in uses[:5]) + (", …" if len(uses) > 5 else "")
            where = f"line{'s' if len(uses) > 1 else ''} {shown}"
            hint = f"write the value out in full where '*{anchor}' stands ({where})"
        else:
            hint = f"remove '&{anchor}'"
        problems.append(
            Problem(
                Position(name, mark.line + 1, mark.column + 1),
                f"anchor '&{anchor}' is not supported: flows files do not reuse values",
                hint,
            )
        )
    if len(anchors) > _ANCHORS_SHOWN:
        # A file built to explode ("billion laughs") would otherwise fill the screen.
        rest = anchors[_ANCHORS_SHOWN:]
        first, last = rest[0][1].line + 1, rest[-1][1].line + 1
        lines = f"line {first}" if first == last else f"lines {first} to {last}"
        problems.append(
            Problem(
                Position(name, first, rest[0][1].column + 1),
                f"{len(rest)} more anchors are not supported ({lines})",
                "remove every '&name' and '*name' from the file",
            )
        )
    return problems
