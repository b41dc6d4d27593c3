"""The canonical layout of flows files (`python -m generator format`), so that editors never
decide indentation, quoting or the form of a text themselves.

ruamel.yaml reads and writes the file, comments and blank lines included; this module only
decides, node by node along the format, how each one is written:

- keys in the order of the format (generator/format/schema.py), unknown keys after them;
- two spaces per level; a list's `- ` two spaces in from its key; `languages: [id, en]`;
- a text in several languages on one line, `{id: …, en: …}`, when the line fits in `WIDTH`
  columns, else a line per language;
- a string plain where YAML allows it, else in double quotes, or in single quotes where double
  ones would need a backslash; a text too long for its line folded (`>-`) to fit in `WIDTH`
  columns; a text of several lines as a literal block (`|`).

Comments stay with the value they follow (generator/format/yaml_comments.py moves them with
it); a text whose own lines carry comments keeps a line per language. The result is checked
before it is used: the same model, the same YAML values and the same comments, else
LayoutError.
"""

from __future__ import annotations

import functools
import io
from collections import Counter
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter as Analyser
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
    ScalarString,
    SingleQuotedScalarString,
)

from generator.format import schema
from generator.format.loader import PureSafeLoader, load_text
from generator.format.model import without_positions
from generator.format.yaml_comments import (
    Composer,
    Emitter,
    after_commented_flow_item,
    comments,
    lift_first_comments,
    put_trail,
    reorder,
    restyle,
    take_trail,
)

WIDTH = 100
# Columns each level is indented by; a list's `- ` stands this far in from its key.
INDENT = 2
_STR = "tag:yaml.org,2002:str"
# The lists of the format, and the mapping each item is (None: each item is a TEXT).
_LISTS = {"options": "option", "notes": "note", "steps": "step", "keywords": None}

try:  # the check of the result reads the file twice more: libyaml keeps that quick
    _SafeLoader: Any = yaml.CSafeLoader
    _CHECKER_READERS: tuple[Any, ...] = (yaml.CSafeLoader, PureSafeLoader)
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = PureSafeLoader
    _CHECKER_READERS = (PureSafeLoader,)


class LayoutError(Exception):
    """The file cannot be laid out without changing what it says.

    `kind` is "read" when ruamel.yaml cannot read what the checker reads (`line` and `column`
    say where, the message what), else "changed": the layout would change the file's meaning.
    """

    def __init__(self, kind: str, reason: str, line: int = 0, column: int = 0) -> None:
        super().__init__(reason)
        self.kind, self.reason, self.line, self.column = kind, reason, line, column


def formatted(text: str) -> str:
    """`text`, a flows file that loads, in the canonical layout.

    Raises LayoutError when ruamel.yaml cannot read the file as the checker does, or when the
    result would not read as the same model, the same YAML data and the same comments.
    """
    reader = _yaml()
    try:
        # Lines end in "\n": YAML reads "\r\n" and "\r" as the same line break.
        root = reader.load(text.replace("\r\n", "\n").replace("\r", "\n"))
    except (YAMLError, ValueError) as error:
        mark = getattr(error, "problem_mark", None)
        where = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise LayoutError("read", reason, *where) from None
    if not isinstance(root, CommentedMap):
        raise LayoutError("changed", "the top level is not a mapping")
    _Layout(_languages(root)).document(root)
    out = io.StringIO()
    try:
        reader.dump(root, out)
    except (YAMLError, ValueError, AssertionError) as error:
        raise LayoutError("changed", f"ruamel.yaml cannot write it: {error}") from None
    result = out.getvalue()
    _check_same(text, result)
    return result


def _yaml() -> YAML:
    reader = YAML(typ="rt")
    reader.Emitter = Emitter
    reader.Composer = Composer
    reader.indent(mapping=INDENT, sequence=2 * INDENT, offset=INDENT)
    reader.width = 1_000_000  # every line break is decided here, none by the emitter
    reader.allow_unicode = True
    return reader


def _languages(root: CommentedMap) -> tuple[str, ...]:
    value = root.get("languages")
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return tuple(value)
    return ("id",)


# -- how a string is written ----------------------------------------------------------------

_RT = YAML(typ="rt")
# ruamel's own judgement of a string: whether it may be plain, quoted, or a block.
_ANALYSER = Analyser(io.StringIO(), allow_unicode=True, dumper=_RT)
_RT_RESOLVER = _RT.resolver
_SAFE_RESOLVER = yaml.resolver.Resolver()


def _reads_as_text(value: str) -> bool:
    """Whether `value` written plain reads back as a string, with the checker's YAML 1.1 reader
    and ruamel's YAML 1.2 one (so 'yes', '12', '2026-11-01' and 'null' keep their quotes)."""
    implicit = (True, False)
    return (
        _SAFE_RESOLVER.resolve(yaml.ScalarNode, value, implicit) == _STR
        and str(_RT_RESOLVER.resolve(ScalarNode, value, implicit)) == _STR
    )


@functools.lru_cache(maxsize=4096)
def _plain_reads_back(value: str, flow: bool) -> bool:
    """Whether the checker's YAML readers (libyaml and the pure-Python one) read `value`
    written plain as itself: YAML 1.1 allows less than ruamel's YAML 1.2, e.g. `{en: :x}`."""
    text = f"- [{value}]\n" if flow else f"- {value}\n"
    for reader in _CHECKER_READERS:
        try:
            node = yaml.compose(text, Loader=reader).value[0]
        except yaml.YAMLError:
            return False
        node = node.value[0] if flow else node
        if not isinstance(node, yaml.ScalarNode) or node.value != value or node.style:
            return False
    return True


def _one_line(value: str, flow: bool) -> tuple[str, int]:
    """`value` written on one line in block (or `flow`) context, and the columns it takes."""
    analysis = _ANALYSER.analyze_scalar(value)
    plain = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    if (
        plain
        and value
        and not analysis.multiline
        and _reads_as_text(value)
        and _plain_reads_back(value, flow)
    ):
        # A plain str put where a quoted or folded one was would take its style: ruamel's.
        return PlainScalarString(value), len(value)
    if analysis.allow_single_quoted and not analysis.multiline:
        # No control characters: only '"' and '\' need a backslash in double quotes.
        if '"' not in value and "\\" not in value:
            return DoubleQuotedScalarString(value), len(value) + 2
        return SingleQuotedScalarString(value), len(value.replace("'", "''")) + 2
    quoted = DoubleQuotedScalarString(value)
    return quoted, len(_emitted(quoted))


def _emitted(value: ScalarString) -> str:
    """What ruamel writes for `value` within a line: for the rare strings with escapes."""
    out = io.StringIO()
    items = CommentedSeq([value])
    items.fa.set_flow_style()
    _yaml().dump(items, out)
    return out.getvalue().strip()[1:-1]


def _styled(
    value: str, start: int, content: int, breaks: list[int] | None = None, block: bool = True
) -> str:
    """`value` written from column `start` (after its `key: ` or `- `); a block of its own
    (unless not `block`) has its lines at column `content`, broken where it was (`breaks`)
    as long as they fit."""
    analysis = _ANALYSER.analyze_scalar(value)
    if not block:
        return _one_line(value, flow=False)[0]
    if analysis.multiline:
        # Only plain line breaks read back as themselves in a block; others keep their escapes.
        block = analysis.allow_block and not any(c in value for c in "\r\x85\u2028\u2029")
        return LiteralScalarString(value) if block else _one_line(value, False)[0]
    written, width = _one_line(value, flow=False)
    if start + width <= WIDTH or not analysis.allow_block or value != value.strip():
        return written
    folds = _folds(value, WIDTH - content, breaks or [])
    if not folds:
        return written
    folded = FoldedScalarString(value)
    folded.fold_pos = folds
    return folded


def _folds(value: str, room: int, kept: list[int]) -> list[int]:
    """Where to break `value` into lines of at most `room` columns (longer only for a longer
    word): where it was broken (`kept`), and where a line is still too long. Only at single
    spaces between words, which a folded scalar reads back as spaces."""
    spaces = [
        i
        for i in range(1, len(value) - 1)
        if value[i] == " " and value[i - 1] != " " and value[i + 1] != " "
    ]
    ends = sorted(set(kept) & set(spaces)) + [len(value)]
    folds: list[int] = []
    start = 0
    for end in ends:
        while end - start > room:
            inside = [i for i in spaces if start < i < end]
            if not inside:
                break
            fitting = [i for i in inside if i - start <= room]
            folds.append(fitting[-1] if fitting else inside[0])
            start = folds[-1] + 1
        if end < len(value):
            folds.append(end)
            start = end + 1
    return folds


# -- the walk over the file -----------------------------------------------------------------


class _Layout:
    """Lays out a flows file read by ruamel, in place, node by node along the format."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages

    def document(self, root: CommentedMap) -> None:
        self.mapping(root, "document", 0)

    def mapping(self, node: CommentedMap, kind: str, column: int) -> None:
        """A mapping of `kind` whose keys start at `column`: keys in order, values laid out."""
        known = schema.keys_of(kind)
        reorder(node, [name for name in known if name in node])
        for name, key in known.items():
            if name in node:
                self.value(node, name, key.kind, column)

    def value(self, node: CommentedMap, name: str, kind: str, column: int) -> None:
        """`node[name]`, a value of `kind` whose key is at `column`."""
        value = node[name]
        inner = column + INDENT
        if kind in ("text", "id", "note-type", "date"):
            self.text(node, name, column)
        elif kind == "languages" and isinstance(value, CommentedSeq):
            for index, code in enumerate(value):
                if isinstance(code, str):
                    value[index] = _one_line(code, flow=True)[0]
            restyle(node, name, flow=True)
        elif kind in schema.CONTAINERS and schema.CONTAINERS[kind][0] == "ids":
            if isinstance(value, CommentedMap) and restyle(node, name, flow=False):
                for item in value:
                    self.structure(value, item, schema.CONTAINERS[kind][1], inner)
        elif kind in _LISTS and isinstance(value, CommentedSeq):
            if restyle(node, name, flow=False):
                for index in range(len(value)):
                    self.item(value, index, kind, inner)
        elif kind in ("moved", "moved-flows") and isinstance(value, CommentedMap):
            # A line per old id, as `diff`'s hint writes the line to add.
            if restyle(node, name, flow=False):
                for old in value:
                    self.text(value, old, inner)

    def structure(self, node: CommentedBase, key: Any, kind: str, column: int) -> None:
        """`node[key]`, a mapping of `kind` (a flow, an option, …) written from `column`."""
        value = node[key]
        if isinstance(value, CommentedMap) and restyle(node, key, flow=False):
            self.mapping(value, kind, column + INDENT)
            if isinstance(node, CommentedSeq):
                lift_first_comments(node, key)

    def item(self, items: CommentedSeq, index: int, kind: str, dash: int) -> None:
        """List item `index` of a list of `kind`, its `- ` at column `dash`."""
        mapping = _LISTS[kind]
        if mapping is None or (kind == "steps" and not self.is_step_object(items[index])):
            self.text(items, index, dash)
        else:
            self.structure(items, index, mapping, dash)

    def is_step_object(self, value: Any) -> bool:
        """A step with `text` and `detail` rather than a text in several languages, as the
        loader tells them apart."""
        return isinstance(value, CommentedMap) and any(key not in self.languages for key in value)

    def text(self, node: CommentedBase, key: Any, column: int) -> None:
        """A TEXT at `node[key]`: a string, or a mapping of languages to strings; its key (or
        its `- `) is at `column`."""
        value = node[key]
        start = column + (len(str(key)) + 2 if isinstance(node, CommentedMap) else 2)
        if isinstance(value, str):
            trail = take_trail(node, key)
            breaks = getattr(value, "fold_pos", None)
            # ruamel loses the comment on the `>-` line of a list item, and every comment of
            # its list with it: a list item with a comment on its line keeps to one line.
            block = not (isinstance(node, CommentedSeq) and trail.eol)
            node[key] = _styled(str(value), start, column + INDENT, breaks, block)
            put_trail(node, key, trail)
        elif isinstance(value, CommentedMap) and all(isinstance(v, str) for v in value.values()):
            self.translations(node, key, column, start)

    def translations(self, node: CommentedBase, key: Any, column: int, start: int) -> None:
        """A text in several languages, on one line when it fits, else a line per language."""
        value: CommentedMap = node[key]
        reorder(value, [language for language in self.languages if language in value])
        # Each language laid out as on a line of its own first, so that the choice below is
        # the same however the text was written (a `>-` line's comment becomes a line's).
        if restyle(node, key, flow=False):
            for name in list(value):
                self.text(value, name, column + INDENT)
        texts = [str(text) for text in value.values()]
        written = [_one_line(text, flow=True) for text in texts]
        names = [_one_line(str(name), flow=True)[1] for name in value]
        width = sum(name + 2 + text for name, (_, text) in zip(names, written, strict=True))
        width += 2 + 2 * (len(value) - 1)  # the braces, and ', ' between the languages
        one_line = all(not _ANALYSER.analyze_scalar(text).multiline for text in texts)
        one_line = one_line and not after_commented_flow_item(node, key)
        if one_line and start + width <= WIDTH and restyle(node, key, flow=True):
            for name, (text, _) in zip(list(value), written, strict=True):
                value[name] = text


# -- the check that nothing changed ---------------------------------------------------------


def _check_same(before: str, after: str) -> None:
    """LayoutError unless `after` reads as the same model, data and comments as `before`."""
    old, _ = load_text(before, "flows.yaml")
    new, _ = load_text(after, "flows.yaml")
    if new is None or without_positions(new) != without_positions(old):
        raise LayoutError("changed", "it would no longer read as the same flows")
    if _values(yaml.compose(after, Loader=_SafeLoader)) != _values(
        yaml.compose(before, Loader=_SafeLoader)
    ):
        raise LayoutError("changed", "a value would change")
    try:
        kept = Counter(comments(after)) == Counter(comments(before))
    except yaml.YAMLError as error:
        raise LayoutError("changed", f"its comments cannot be read: {error}") from None
    if not kept:
        raise LayoutError("changed", "a comment would be lost or changed")


def _values(node: yaml.Node | None) -> Any:
    """The YAML values of `node` as written, whatever their quotes: `Yes` in quotes is still
    `Yes`, as the loader reads every text, where a YAML 1.1 reader would see `true`."""
    if isinstance(node, yaml.MappingNode):
        return {_values(key): _values(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return tuple(_values(item) for item in node.value)
    return node.value if node is not None else None
