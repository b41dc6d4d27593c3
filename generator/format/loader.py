"""Read flows files into the model, reporting every problem of shape at its exact position.

Parsing uses libyaml's C composer when available: its nodes carry line and column marks, so
positions cost nothing extra. The nodes are then walked once, by hand, into the frozen model.
Text that cannot be read as YAML is worded by yaml_errors; several files are combined by merge.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

import yaml

from generator.format import schema, yaml_errors, yaml_traps
from generator.format.links import SCHEME, links_in
from generator.format.merge import merge_files
from generator.format.model import (
    NOTE_TYPES,
    Document,
    Flow,
    Link,
    Moved,
    Note,
    Option,
    Outcome,
    Position,
    Question,
    Step,
    Text,
)
from generator.format.problems import (
    Arg,
    Phrase,
    Problem,
    closest,
    excerpt,
    phrase,
    place,
    problem,
)


class PureSafeLoader(yaml.SafeLoader):
    """PyYAML's pure-Python loader, reading '?' inside a plain value in [ ] or { } as libyaml does.

    PyYAML ends a plain value at '?' inside brackets, so `{id: Sudah diterima?, en: …}` fails
    there while libyaml and YAML 1.2 read it. Only '?' at the start of a value marks a key.
    """

    _in_plain = False

    def scan_plain(self) -> yaml.Token:
        self._in_plain = True
        try:
            return super().scan_plain()
        finally:
            self._in_plain = False

    def peek(self, index: int = 0) -> str:
        char = super().peek(index)
        # Inside scan_plain, '?' is only ever tested as a value's end: make it ordinary text.
        return "x" if char == "?" and self._in_plain else char


try:  # libyaml is much faster; the pure-Python loader gives the same nodes and marks.
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _YamlLoader = PureSafeLoader  # type: ignore[assignment,misc]

_ID = re.compile(schema.ID_PATTERN)
_PLACE = re.compile(schema.PLACE_PATTERN)
_LANGUAGE = re.compile(schema.LANGUAGE_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
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
        return None, [yaml_errors.not_utf8(data, error, name)]
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
        return None, [yaml_errors.syntax_problem(error, name, text)[1]]
    except yaml.reader.ReaderError as error:
        return None, [yaml_errors.bad_character(error, text, name)]
    except yaml.YAMLError as error:  # pragma: no cover - libyaml errors always carry marks
        return None, [problem(Position(name, 1, 1), "FL129", hint=None, problem=str(error))]
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL_TAG):
        return None, [yaml_errors.empty_file(text, name)]
    if "&" in text:
        # Anchors would let one value stand in many places (and a tiny file expand to billions of
        # nodes). Only files that contain '&' can have them, so most files skip this scan.
        anchors = yaml_errors.anchor_problems(yaml.parse(text, Loader=_YamlLoader), name)
        if anchors:
            return None, anchors
    return _Reader(name, text).document(root)


def syntax_rule(text: str) -> str | None:
    """The name of the rule that words the YAML error of `text`; None when `text` parses."""
    try:
        yaml.compose(text, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        return yaml_errors.syntax_problem(error, "-", text)[0]
    except yaml.YAMLError:
        return None
    return None


def _key(name: str, within: Phrase | None = None) -> Phrase:
    return place("key", name, within)


class _Reader:
    """Walks composed YAML nodes into the model, collecting problems as it goes."""

    def __init__(self, name: str, source: str = "") -> None:
        self.name = name
        self.source = source  # the file's text: links in texts are found in it (format/links.py)
        # The file's lines, for the texts YAML read otherwise than the editor meant.
        self.lines = source.split("\n")
        self.trap_lines: set[int] = set()
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("id",)
        # Set when a node or link of the current flow could not be read: checking references
        # and reachability on what is left would only repeat the problems already reported.
        self.graph_broken = False

    # -- positions and problems -------------------------------------------------------------

    def pos(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.name, mark.line + 1, mark.column + 1)

    def error(self, node: yaml.Node, code: str, hint: str | None = "default", **args: Arg) -> None:
        self.problems.append(problem(self.pos(node), code, hint=hint, **args))

    # -- generic shapes ---------------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, kind: str, where: Phrase, key_node: yaml.Node | None = None
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The keys of a mapping of `kind`, checked against the format; None if not a mapping.

        Missing keys are reported at `key_node` (the node's id), where the editor looks first.
        """
        known = schema.keys_of(kind)
        if not isinstance(node, MappingNode):
            required = ", ".join(key.name for key in known.values() if key.required)
            self.error(node, "FL406", where=where, found=_describe(node), required=required)
            return None
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        misspelled: set[str] = set()
        for key_node_, value_node in node.value:
            key = self.key(key_node_, found, where)
            if key is None:
                continue
            if key not in known:
                close = closest(key, known)
                if close:
                    misspelled.add(close)
                odd = next((c for c in key if c in yaml_errors.INVISIBLE), None)
                # Non-breaking spaces pasted from a web page look like indentation.
                hint = "invisible" if odd else "close" if close else "list"
                self.error(
                    key_node_,
                    "FL402",
                    hint,
                    key=excerpt(key),
                    where=where,
                    match=close or "",
                    keys=", ".join(known),
                    char=f"U+{ord(odd):04X}" if odd else "",
                )
                continue
            found[key] = (key_node_, value_node)
        for key in known.values():
            # A misspelt key is reported once, as unknown, not again as missing.
            if key.required and key.name not in found and key.name not in misspelled:
                at = key_node if key_node is not None else node
                self.error(at, "FL403", f"{kind}.{key.name}", where=where, key=key.name)
        return found

    def key(
        self, key_node: yaml.Node, seen: dict[str, tuple[yaml.Node, yaml.Node]], where: Phrase
    ) -> str | None:
        """The text of a mapping key, or None (reported) when it is not usable."""
        if not isinstance(key_node, ScalarNode) or key_node.value == "":
            self.error(key_node, "FL405", None, where=where)
            return None
        key = key_node.value
        if key in seen:
            first = seen[key][0].start_mark.line + 1
            self.error(key_node, "FL404", key=excerpt(key), where=where, line=first)
            return None
        return key

    def id_mapping(
        self, node: yaml.Node, where: Phrase, item_kind: str
    ) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """Entries of a mapping from ids to items (flows, questions, outcomes), ids checked."""
        kind = phrase(f"kind-{item_kind}")
        if not isinstance(node, MappingNode):
            hint = "list" if isinstance(node, SequenceNode) else None
            self.error(node, "FL407", hint, where=where, kind=kind, found=_describe(node))
            return []
        entries: list[tuple[str, yaml.Node, yaml.Node]] = []
        seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value in seen:
                first = seen[key_node.value][0].start_mark.line + 1
                self.error(
                    key_node,
                    "FL202",
                    kind=kind,
                    id=excerpt(key_node.value),
                    where=where,
                    line=first,
                )
                self.graph_broken = True
                continue
            key = self.key(key_node, seen, where)
            if key is None:
                continue
            seen[key] = (key_node, value_node)
            if not _ID.match(key):
                self.invalid_id(key_node, key, kind)
            entries.append((key, key_node, value_node))
        return entries

    def sequence(
        self, node: yaml.Node, where: Phrase, what: str, hint: str = "default"
    ) -> list[yaml.Node]:
        if not isinstance(node, SequenceNode):
            self.error(
                node, "FL408", hint, where=where, what=phrase(f"list-{what}"), found=_describe(node)
            )
            return []
        return node.value

    def text(
        self, node: yaml.Node, where: Phrase, empty_hint: str = "default", item: bool = False
    ) -> Text:
        """A TEXT value: a string, or a mapping from each language to a string. `item` says it
        is a list item (a step, a keyword)."""
        pos = self.pos(node)
        if self.trapped(node, item):
            return Text(dict.fromkeys(self.languages, ""), pos)
        if isinstance(node, ScalarNode):
            value = node.value.strip() if node.tag != _NULL_TAG else ""
            if not value:
                self.error(node, "FL501", empty_hint, where=where)
            elif len(self.languages) > 1:
                langs = ", ".join(f"{lang}: …" for lang in self.languages)
                self.error(node, "FL502", where=where, languages=langs)
            return Text({self.languages[0]: value}, pos, self.links(node, self.languages[0], value))
        if isinstance(node, MappingNode):
            values: dict[str, str] = {}
            links: list[Link] = []
            seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
            unknown = False
            for key_node, value_node in node.value:
                lang = self.key(key_node, seen, where)
                if lang is None:
                    continue
                seen[lang] = (key_node, value_node)
                if lang not in self.languages:
                    close = closest(lang, self.languages)
                    self.error(
                        key_node,
                        "FL503",
                        "close" if close else "list",
                        language=excerpt(lang),
                        where=where,
                        match=close or "",
                        languages=", ".join(self.languages),
                    )
                    unknown = True
                    continue
                if self.trapped(value_node):
                    values[lang] = ""
                    continue
                if not isinstance(value_node, ScalarNode):
                    self.error(
                        value_node,
                        "FL409",
                        None,
                        where=place("text", lang, where),
                        found=_describe(value_node),
                    )
                    continue
                value = value_node.value.strip() if value_node.tag != _NULL_TAG else ""
                if not value:
                    self.error(value_node, "FL504", None, language=lang, where=where)
                values[lang] = value
                links += self.links(value_node, lang, value)
            missing = [lang for lang in self.languages if lang not in values]
            if not node.value:
                self.error(node, "FL501", empty_hint, where=where)
            elif missing and values and not unknown:
                # With an unknown language reported, the missing one is most likely misspelt.
                shown = ", ".join(f"'{m}'" for m in missing)
                self.error(node, "FL505", where=where, languages=shown)
            ordered = {lang: values.get(lang, "") for lang in self.languages}
            return Text(ordered, pos, tuple(links))
        hint = "list" if isinstance(node, SequenceNode) else None
        self.error(node, "FL409", hint, where=where, found=_describe(node))
        return Text({self.languages[0]: ""}, pos)

    def trapped(self, node: yaml.Node, item: bool = False) -> bool:
        """Whether `node`, a text, is one that YAML read otherwise than the editor meant (see
        yaml_traps): reported with the editor's line rewritten, as an error; or, for a text
        a ` #` cut short, as a warning (and the text read as YAML reads it)."""
        line = self.lines[node.start_mark.line] if node.start_mark.line < len(self.lines) else ""
        start, end = node.start_mark.column, node.end_mark.column
        one_line = node.start_mark.line == node.end_mark.line
        trap = None
        if isinstance(node, ScalarNode) and not node.tag.startswith("tag:yaml.org,2002:"):
            trap = yaml_traps.line_trap(line, self.languages, text_item=item)  # `!sign`
        elif isinstance(node, ScalarNode) and one_line and node.style in ('"', "'"):
            if len(self.languages) > 1:
                trap = yaml_traps.braces_trap(line, start, end, self.languages)
        elif isinstance(node, ScalarNode) and one_line and not node.style:
            trap = yaml_traps.comment_trap(line, start, end)
        elif isinstance(node, SequenceNode) or (
            isinstance(node, MappingNode) and node.flow_style and not self.language_keys(node)
        ):
            trap = yaml_traps.line_trap(line, self.languages, text_item=item)
        # The trap is this text's, or that of the `{…}` on its line that holds it.
        if trap is None or trap.column > start + 1:
            return False
        number = node.start_mark.line + 1
        if number not in self.trap_lines:  # one message for the texts of a `{…}`
            self.trap_lines.add(number)
            self.problems.append(yaml_errors.trap_problem(self.name, number, trap))
        return trap.code != "FL132"

    def language_keys(self, node: yaml.MappingNode) -> bool:
        """Whether a text in several languages is written as one: language codes, each with a
        text."""
        return all(
            isinstance(key, ScalarNode)
            and key.value in self.languages
            and isinstance(value, ScalarNode)
            and value.tag != _NULL_TAG
            for key, value in node.value
        )

    def links(self, node: ScalarNode, language: str, value: str) -> tuple[Link, ...]:
        """The links by id in a text's `value`, each where its target is written."""
        if SCHEME not in value:  # most texts: nothing to look for
            return ()
        start, end = node.start_mark, node.end_mark
        where = (start.index, start.line, start.column)
        return links_in(value, language, self.source, where, end.index, self.name)

    def optional(
        self,
        found: dict[str, tuple[yaml.Node, yaml.Node]],
        key: str,
        read: Callable[[yaml.Node, Phrase], T],
        where: Phrase,
    ) -> T | None:
        entry = found.get(key)
        return read(entry[1], _key(key, where)) if entry else None

    def ref(self, node: yaml.Node, where: Phrase) -> str:
        """An id naming another node; its existence is the validator's business."""
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG or not node.value:
            self.error(node, "FL410", None, where=where, found=_describe(node))
            return ""
        return node.value

    # -- the document -----------------------------------------------------------------------

    def document(self, root: yaml.Node) -> tuple[Document | None, list[Problem]]:
        if not isinstance(root, MappingNode):
            self.error(root, "FL401", found=_describe(root))
            return None, self.problems
        found = self.mapping(root, "document", place("top")) or {}
        version = self.version(found)
        if "languages" in found:
            self.languages = self.language_list(found["languages"][1])
        flows: dict[str, Flow] = {}
        if "flows" in found:
            flows_node = found["flows"][1]
            entries = self.id_mapping(flows_node, _key("flows"), "flow")
            if isinstance(flows_node, MappingNode) and not entries:
                self.error(flows_node, "FL415")
            for flow_id, key_node, node in entries:
                flow = self.flow(flow_id, key_node, node)
                if flow is not None:
                    flows[flow_id] = flow
        where = (
            self.pos(found["languages"][0]) if "languages" in found else Position(self.name, 1, 1)
        )
        moved, moved_pos = self.moved(found, place("top"), top=True)
        doc = Document(
            self.name,
            version or 1,
            self.languages,
            flows,
            languages_pos=where,
            moved=moved,
            moved_pos=moved_pos,
        )
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
            self.error(node, "FL413", number=node.value.strip(), value=excerpt(node.value))
            return None
        shown = excerpt(node.value) if isinstance(node, ScalarNode) else "…"
        self.error(node, "FL414", version=shown, known=known)
        return None

    def language_list(self, node: yaml.Node) -> tuple[str, ...]:
        items = self.sequence(node, _key("languages"), "languages", "languages")
        languages: list[str] = []
        for item in items:
            if not isinstance(item, ScalarNode) or not _LANGUAGE.match(item.value):
                shown = (
                    phrase("value", value=excerpt(item.value))
                    if isinstance(item, ScalarNode)
                    else _describe(item)
                )
                self.error(item, "FL506", value=shown)
            elif item.value in languages:
                self.error(item, "FL507", None, language=item.value)
            else:
                languages.append(item.value)
        if not languages:
            if isinstance(node, SequenceNode) and not items:
                self.error(node, "FL508")
            return ("id",)
        return tuple(languages)

    def flow(self, flow_id: str, key_node: yaml.Node, node: yaml.Node) -> Flow | None:
        where = place("flow", excerpt(flow_id))
        self.graph_broken = False
        found = self.mapping(node, "flow", where, key_node)
        if found is None:
            return None
        title = self.optional(found, "title", self.text, where)
        summary = self.optional(found, "summary", self.text, where)
        start = ""
        start_pos = self.pos(key_node)
        if "start" in found:
            start_node = found["start"][1]
            start = self.ref(start_node, _key("start", where))
            start_pos = self.pos(start_node)
        questions: dict[str, Question] = {}
        if "questions" in found:
            questions_node = found["questions"][1]
            self.graph_broken |= not isinstance(questions_node, MappingNode)
            for qid, q_key, q_node in self.id_mapping(
                questions_node, _key("questions", where), "question"
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
            entries = self.id_mapping(outcomes_node, _key("outcomes", where), "outcome")
            if isinstance(outcomes_node, MappingNode) and not entries:
                self.error(outcomes_node, "FL416", where=_key("outcomes", where))
            for oid, o_key, o_node in entries:
                outcome = self.outcome(oid, o_key, o_node)
                if outcome is not None:
                    outcomes[oid] = outcome
                else:
                    self.graph_broken = True
        keywords = self.keywords(found, where)
        moved, moved_pos = self.moved(found, where, top=False)
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
            moved=moved,
            moved_pos=moved_pos,
        )

    def question(self, qid: str, key_node: yaml.Node, node: yaml.Node) -> Question | None:
        where = place("question", excerpt(qid))
        found = self.mapping(node, "question", where, key_node)
        if found is None:
            return None
        text = self.optional(found, "text", self.text, where)
        help_text = self.optional(found, "help", self.text, where)
        options: list[Option] = []
        self.graph_broken |= "options" not in found
        if "options" in found:
            options_node = found["options"][1]
            self.graph_broken |= not isinstance(options_node, SequenceNode)
            items = self.sequence(options_node, _key("options", where), "options", "options")
            labels: dict[str, tuple[int, int]] = {}
            for number, item in enumerate(items, start=1):
                option = self.option(item, place("option", number, where))
                if option is None or not option.next:
                    self.graph_broken = True
                if option is None:
                    continue
                label = option.label.get().casefold()
                if label and label in labels:
                    first, line = labels[label]
                    self.error(
                        item,
                        "FL209",
                        where=place("option", number, where),
                        label=excerpt(option.label.get()),
                        first=first,
                        line=line,
                    )
                labels.setdefault(label, (number, item.start_mark.line + 1))
                options.append(option)
            if isinstance(options_node, SequenceNode) and len(items) < 2:
                self.error(
                    options_node, "FL210", where=where, count=phrase("options", n=len(items))
                )
        return Question(
            id=qid,
            text=text or Text({self.languages[0]: ""}, self.pos(key_node)),
            options=tuple(options),
            pos=self.pos(key_node),
            help=help_text,
        )

    def option(self, node: yaml.Node, where: Phrase) -> Option | None:
        found = self.mapping(node, "option", where)
        if found is None:
            return None
        label = self.optional(found, "label", self.text, where)
        pos = next_pos = self.pos(node)
        nxt = ""
        if "next" in found:
            next_node = found["next"][1]
            nxt = self.ref(next_node, _key("next", where))
            next_pos = self.pos(next_node)
        return Option(
            label=label or Text({self.languages[0]: ""}, pos),
            next=nxt,
            pos=pos,
            next_pos=next_pos,
        )

    def outcome(self, oid: str, key_node: yaml.Node, node: yaml.Node) -> Outcome | None:
        where = place("outcome", excerpt(oid))
        found = self.mapping(node, "outcome", where, key_node)
        if found is None:
            return None
        title = self.optional(found, "title", self.text, where)
        summary = self.optional(found, "summary", self.text, where)
        steps: list[Step] = []
        if "steps" in found:
            steps_node = found["steps"][1]
            items = self.sequence(steps_node, _key("steps", where), "steps")
            for number, item in enumerate(items, start=1):
                steps.append(self.step(item, place("step", number, where)))
            if isinstance(steps_node, SequenceNode) and not items:
                self.error(steps_node, "FL417", where=where)
        notes: list[Note] = []
        if "notes" in found:
            items = self.sequence(found["notes"][1], _key("notes", where), "notes")
            for number, item in enumerate(items, start=1):
                note = self.note(item, place("note", number, where))
                if note is not None:
                    notes.append(note)
        reviewed = None
        reviewed_pos = None
        if "reviewed" in found:
            reviewed_node = found["reviewed"][1]
            reviewed = self.date(reviewed_node, _key("reviewed", where))
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
        self, found: dict[str, tuple[yaml.Node, yaml.Node]], where: Phrase
    ) -> tuple[Text, ...]:
        """The optional 'keywords' list of a flow or outcome: a TEXT per keyword."""
        entry = found.get("keywords")
        if entry is None:
            return ()
        node = entry[1]
        field = place("key", "keywords", where)
        items = self.sequence(node, field, "keywords", "keywords")
        if isinstance(node, SequenceNode) and not items:
            self.error(node, "FL418", where=field)
        keywords: list[Text] = []
        for number, item in enumerate(items, start=1):
            what = place("keyword", number, where)
            if isinstance(item, SequenceNode):
                self.error(item, "FL409", "keyword", where=what, found=_describe(item))
                continue
            keywords.append(self.text(item, what, "keyword", item=True))
        return tuple(keywords)

    def moved(
        self, found: dict[str, tuple[yaml.Node, yaml.Node]], where: Phrase, *, top: bool
    ) -> tuple[dict[str, Moved], Position | None]:
        """The optional 'moved' mapping of a flow (old node ids) or of the top level (old flow
        ids, or flow/id), each leading on to a place; where they lead is the validator's."""
        entry = found.get("moved")
        if entry is None:
            return {}, None
        key_node, node = entry
        field = _key("moved", where)
        if not isinstance(node, MappingNode):
            self.error(node, "FL213", "top" if top else "flow", where=field, found=_describe(node))
            return {}, self.pos(key_node)
        moved: dict[str, Moved] = {}
        seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for old_node, target_node in node.value:
            old = self.key(old_node, seen, field)
            if old is None:
                continue
            seen[old] = (old_node, target_node)
            if not (_PLACE if top else _ID).match(old):
                self.invalid_id(old_node, old, phrase("kind-moved"), top=top)
                continue
            target = self.ref(target_node, place("key", old, field))
            if target:
                moved[old] = Moved(old, target, self.pos(old_node), self.pos(target_node))
        return moved, self.pos(key_node)

    def invalid_id(self, node: yaml.Node, key: str, kind: Phrase, *, top: bool = False) -> None:
        """FL201 for `key`, suggesting the id it most likely means."""
        parts = key.split("/", 1) if top else [key]
        slug = "/".join(re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in parts)
        hint = "example" if slug.strip("/") and slug != key else "default"
        self.error(node, "FL201", hint, kind=kind, id=excerpt(key), example=excerpt(slug))

    def step(self, node: yaml.Node, where: Phrase) -> Step:
        if isinstance(node, MappingNode) and node.flow_style and self.trapped(node, item=True):
            pos = self.pos(node)
            return Step(text=Text(dict.fromkeys(self.languages, ""), pos), pos=pos)
        # A mapping with 'text' or 'detail' is a step object; any other mapping is a TEXT mapping.
        if isinstance(node, MappingNode) and any(
            isinstance(k, ScalarNode) and k.value not in self.languages for k, _ in node.value
        ):
            found = self.mapping(node, "step", where) or {}
            text = self.optional(found, "text", self.text, where)
            detail = self.optional(found, "detail", self.text, where)
            pos = self.pos(node)
            return Step(text=text or Text({self.languages[0]: ""}, pos), pos=pos, detail=detail)
        text = self.text(node, where, "step", item=True)
        return Step(text=text, pos=text.pos)

    def note(self, node: yaml.Node, where: Phrase) -> Note | None:
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
                close = closest(value, NOTE_TYPES)
                self.error(
                    type_node,
                    "FL412",
                    "close" if close else "list",
                    type=excerpt(value),
                    where=where,
                    match=close or "",
                    types=types,
                )
            else:
                self.error(
                    type_node,
                    "FL411",
                    None,
                    where=_key("type", where),
                    types=types,
                    found=_describe(type_node),
                )
        text = self.optional(found, "text", self.text, where)
        pos = self.pos(node)
        return Note(type=note_type, text=text or Text({self.languages[0]: ""}, pos), pos=pos)

    def date(self, node: yaml.Node, where: Phrase) -> dt.date | None:
        if isinstance(node, ScalarNode) and _DATE.match(node.value):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                self.error(node, "FL301", where=where, value=excerpt(node.value))
                return None
        self.error(node, "FL302", where=where, found=_describe(node))
        return None


def _describe(node: yaml.Node) -> Phrase:
    """What a node is, in an editor's words, for 'must be X, not Y' messages."""
    if isinstance(node, MappingNode):
        return phrase("found-mapping")
    if isinstance(node, SequenceNode):
        return phrase("found-list")
    if node.tag == _NULL_TAG:
        return phrase("found-empty")
    return phrase("value", value=excerpt(node.value))


def load_files(
    paths: Sequence[str | os.PathLike[str]], display_names: Sequence[str] | None = None
) -> tuple[Document | None, list[Problem]]:
    """Read several flows files into one model holding all their flows, in the order given.

    Each file is read and reported on its own, so every message names its own file; then the
    files must agree on `version` and `languages` (FL511) and not repeat a flow id (FL211). The
    model is None only when no file could be read as flows. Raises OSError as `load` does.
    """
    names = [os.fspath(p) for p in paths] if display_names is None else list(display_names)
    if len(paths) == 1:
        return load(paths[0], names[0])
    # As in load_text, and across files: between two files the collector would otherwise scan
    # the growing model of the files before, again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        # A generator: one file's nodes are freed before the next file is read.
        return merge_files(load(path, name) for path, name in zip(paths, names, strict=True))
    finally:
        if enabled:
            gc.enable()
