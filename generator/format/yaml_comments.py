"""The comments of a YAML file that ruamel.yaml reads and writes: where ruamel keeps each
one, and how they stay with their value when its form changes (a line per language or one
line, keys in another order).

ruamel keeps what follows a value (the comment on its last line, and the comment and blank
lines after it) with that value, in a place that depends on its form: a `Trail` takes it out
and puts it back where the value's new form needs it. Two faults of ruamel.yaml 0.19 are
worked around here: `Emitter` ends a line after a comment, and `after_commented_flow_item`
names the one layout whose comments ruamel cannot write so that they read back; `Composer`
keeps the comment lines above a list item written `- {…}  # …`, which ruamel 0.19 dropped.
`comments` lists the comments of a text independently of ruamel, to check that none is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer as RuamelComposer
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from generator.format.loader import PureSafeLoader


class Composer(RuamelComposer):
    """ruamel's composer, with one fix: a `{…}` or `[…]` value with a comment behind it keeps
    the comment lines above it too (ruamel 0.19 put the comment behind it in their place)."""

    def compose_mapping_node(self, anchor: Any) -> Any:
        return _keep_lines_above(self.parser.peek_event(), super().compose_mapping_node(anchor))

    def compose_sequence_node(self, anchor: Any) -> Any:
        return _keep_lines_above(self.parser.peek_event(), super().compose_sequence_node(anchor))


def _keep_lines_above(start: Any, node: Any) -> Any:
    above = start.comment[1] if start.comment and len(start.comment) > 1 else None
    if above and node.comment is not None and not node.comment[1]:
        node.comment = [node.comment[0], above, *node.comment[2:]]
    return node


class Emitter(RoundTripEmitter):
    """ruamel's emitter, with one fix and one rule. The fix: a comment ends its line, so what
    follows starts a line of its own (after a comment behind a list item on one line,
    `- {…}  # …`, or one between `- ` and a key, ruamel 0.19 could write the next two keys on
    one line). The rule: two spaces at least before a comment behind a value."""

    def write_post_comment(self, event: Any) -> bool:
        written = super().write_post_comment(event)
        if written:
            self.no_newline = False
        return written

    def write_pre_comment(self, event: Any) -> bool:
        written = super().write_pre_comment(event)
        if written:
            self.no_newline = False
        return written

    def write_comment(self, comment: Any, pre: bool = False) -> None:
        # A comment behind a value stands at least two spaces from it, where it was written
        # further: a value written longer than before no longer pushes it to one space.
        if not pre and self.column and not comment.value.startswith("\n"):
            comment.start_mark.column = max(comment.start_mark.column, self.column + 2)
        super().write_comment(comment, pre)


# -- what follows a value: the comment on its last line, and the lines after it --------------


@dataclass
class Trail:
    """The comment at the end of a value's last line (`eol`, at `column`) and the comment and
    blank lines after the value (`after`, whole lines as written)."""

    eol: str = ""
    column: int = 0
    after: str = ""


def _slot(container: CommentedBase) -> int:
    # ruamel keeps what follows a mapping's value at index 2 of its item, a list item's at 0.
    return 2 if isinstance(container, CommentedMap) else 0


def is_flow(value: Any) -> bool:
    return isinstance(value, CommentedBase) and bool(value.fa.flow_style())


def _is_block(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and bool(value) and not is_flow(value)


def _is_block_scalar(value: Any) -> bool:
    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _last(container: CommentedBase) -> Any:
    return list(container)[-1] if isinstance(container, CommentedMap) else len(container) - 1


def leaf(container: CommentedBase, key: Any) -> tuple[CommentedBase, Any]:
    """Where ruamel keeps what follows `container[key]`: with its last item, down to a scalar,
    when it is a block collection."""
    while _is_block(container[key]):
        container = container[key]
        key = _last(container)
    return container, key


def take_trail(container: CommentedBase, key: Any) -> Trail:
    """What follows `container[key]`, taken out of the tree to be put back by put_trail."""
    container, key = leaf(container, key)
    value = container[key]
    item = container.ca.items.get(key)
    token = item[_slot(container)] if item else None
    trail = Trail()
    if _is_block_scalar(value):
        # The comment on the `>-` line: a string among a mapping item's comments at index 3,
        # a list item's at index 1 (where the comment tokens above the item are too).
        where = 3 if isinstance(container, CommentedMap) else 1
        kept = item[where] if item and isinstance(item[where], list) else []
        indicator = next((c for c in kept if isinstance(c, str)), "")
        if item and kept:
            item[where] = [c for c in kept if not isinstance(c, str)] or None
        trail.eol = indicator.strip()
        if token is not None:
            trail.after = _whole_lines(token)
    elif token is not None:
        eol, _, after = token.value.partition("\n")
        trail.eol, trail.column, trail.after = eol.strip(), token.column, after
    if item:
        item[_slot(container)] = None
    if is_flow(value) and value.ca.comment:
        value.ca.comment[0] = None  # ruamel's second reference to the same comment
    end = getattr(container.ca, "end", None) if isinstance(container, CommentedSeq) else None
    if end and key == len(container) - 1:
        trail.after += "".join(_whole_lines(token) for token in end)
        container.ca.end = None
    return trail


def _whole_lines(token: CommentToken) -> str:
    """The lines of a comment token that stands on lines of its own, its indentation included
    (ruamel keeps the first line's as the token's column)."""
    value = token.value
    return value if value.startswith("\n") else " " * token.column + value


def put_trail(container: CommentedBase, key: Any, trail: Trail) -> None:
    """Put `trail` back after `container[key]`, where ruamel keeps it for the value's form."""
    if not (trail.eol or trail.after):
        return
    container, key = leaf(container, key)
    value = container[key]
    items = container.ca.items.setdefault(key, [None, None, None, None])
    if not _is_block_scalar(value):
        text = f"{trail.eol}\n{trail.after}"
        items[_slot(container)] = CommentToken(text, CommentMark(trail.column if trail.eol else 0))
        return
    # A block scalar's comment goes on its `>-` line; the lines after it may not be indented
    # as deep as its text, or they would be read as part of it.
    after = trail.after
    if trail.eol and isinstance(container, CommentedMap):
        items[3] = [f"  {trail.eol}"]
    elif trail.eol and items[1] is None:
        items[1] = [f"  {trail.eol}"]
    elif trail.eol:
        # ruamel writes no comment on the `>-` line of a list item with comments above it.
        after = f"{trail.eol}\n{after}"
    if after:
        items[_slot(container)] = CommentToken(_dedent(after), CommentMark(0))


def _dedent(lines: str) -> str:
    """Comment lines no deeper than the shallowest of them."""
    written = [line for line in lines.splitlines() if line.strip()]
    column = min((len(line) - len(line.lstrip(" ")) for line in written), default=0)
    return "".join(
        " " * column + line.lstrip(" ") if line.strip() else line
        for line in lines.splitlines(keepends=True)
    )


def has_comments_inside(node: CommentedBase) -> bool:
    """Whether a collection holds comments of its own (what follows it taken out already)."""
    if node.ca.comment and any(node.ca.comment):
        return True
    if any(any(part for part in item) for item in node.ca.items.values()):
        return True
    values = node.values() if isinstance(node, CommentedMap) else node
    return any(
        getattr(value, "comment", None)
        or (isinstance(value, CommentedBase) and has_comments_inside(value))
        for value in values
    )


def restyle(container: CommentedBase, key: Any, flow: bool) -> bool:
    """Write `container[key]` on one line (`flow`) or as indented lines; whether it now is.

    A collection with comments inside stays as it is: they could not stand on one line.
    """
    value = container[key]
    if is_flow(value) == flow:
        return True
    if not value:
        return False
    trail = take_trail(container, key)
    if has_comments_inside(value):
        put_trail(container, key, trail)
        return False
    if flow:
        value.fa.set_flow_style()
    else:
        value.fa.set_block_style()
    put_trail(container, key, trail)
    return True


def after_commented_flow_item(node: CommentedBase, key: Any) -> bool:
    """Whether `node[key]` is a list item with a comment on its line, below comment or blank
    lines that follow a `{…}` or `[…]` value: ruamel.yaml 0.19 loses those lines when it reads
    `- {…}`, `# …`, `- {…}  # …`, so such an item keeps a line per language."""
    if not isinstance(node, CommentedSeq) or key == 0:
        return False
    container, last = leaf(node, key - 1)
    if not is_flow(container[last]):  # the line above ends with a one-line value, or not
        return False
    own = take_trail(node, key)
    put_trail(node, key, own)
    if not own.eol:
        return False
    before = take_trail(node, key - 1)
    put_trail(node, key - 1, before)
    above = (node.ca.items.get(key) or [None, None])[1] or []
    return bool(before.after or above)


def lift_first_comments(items: CommentedSeq, index: int) -> None:
    """Comment lines above the first key of list item `index` (a key that was not first before
    its mapping was put in order) go above the item's `- `, not between it and the key."""
    mapping = items[index]
    first = mapping.ca.items.get(next(iter(mapping)))
    if not first or not first[1]:
        return
    above = items.ca.items.setdefault(index, [None, None, None, None])
    above[1] = (above[1] or []) + first[1]
    first[1] = None


def reorder(node: CommentedMap, first: list[Any]) -> None:
    """Put the keys `first` in that order at the start of `node`, the others after them as they
    were; what followed the mapping's last key then follows its new last key."""
    keys = list(node)
    wanted = first + [key for key in keys if key not in first]
    if keys == wanted:
        return
    tail = take_trail(node, keys[-1])
    put_trail(node, keys[-1], Trail(tail.eol, tail.column))
    for key in wanted:
        node.move_to_end(key)
    last = take_trail(node, wanted[-1])
    last.after += tail.after
    put_trail(node, wanted[-1], last)


class _CommentScanner(PureSafeLoader):
    """The checker's pure-Python YAML scanner, noting every comment it skips."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.comments: list[str] = []

    def _skip_comment(self) -> None:
        start = self.index
        while self.peek() not in "\0\r\n\x85\u2028\u2029":
            self.forward()
        self.comments.append(self.buffer[start : self.index].strip())

    def scan_to_next_token(self) -> None:
        # As PyYAML's own, which skips comments without a word.
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        while True:
            while self.peek() == " ":
                self.forward()
            if self.peek() == "#":
                self._skip_comment()
            if not self.scan_line_break():
                return
            if not self.flow_level:
                self.allow_simple_key = True

    def scan_block_scalar_ignored_line(self, start_mark: Any) -> None:
        while self.peek() == " ":
            self.forward()
        if self.peek() == "#":
            self._skip_comment()
        super().scan_block_scalar_ignored_line(start_mark)


def comments(text: str) -> list[str]:
    """Every comment of the YAML `text`, in order, without the spaces around it."""
    scanner = _CommentScanner(text)
    try:
        while scanner.check_token():
            scanner.get_token()
    finally:
        scanner.dispose()
    return scanner.comments
