"""YAML errors in an editor's words: what went wrong in the text of a flows file, and the coded
problem (FL1xx) to report.

The loader parses; the functions here read what the parser said (its error, or its events for
anchors) beside the editor's own text, and decide which message fits and where it points.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import yaml

from generator.format.model import Position
from generator.format.problems import (
    WARNING,
    Arg,
    Problem,
    declared_languages,
    excerpt,
    phrase,
    problem,
)
from generator.format.yaml_traps import Trap, line_trap

# Characters that look like a space or nothing at all, pasted in from web pages and chat apps.
INVISIBLE = "\u00a0\u200b\u202f\ufeff"

# Characters that YAML reads as syntax when a value starts with them.
_INDICATORS = ",[]{}#&*!|>'\"%@`?:-"


@dataclass(frozen=True, slots=True)
class _Complaint:
    """A YAML parser error, with the source around it: what the rules below look at."""

    name: str
    text: str
    line: int
    column: int
    problem: str
    context: str
    opened: yaml.Mark | None
    source: str
    char: str
    before: str

    def at(self, line: int, column: int, code: str, **args: Arg) -> Problem:
        return problem(Position(self.name, line, column), code, **args)

    def here(self, code: str, **args: Arg) -> Problem:
        return self.at(self.line, self.column, code, **args)

    def at_opening(self, code: str, **args: Arg) -> Problem:
        assert self.opened is not None
        return self.at(self.opened.line + 1, self.opened.column + 1, code, **args)

    def opening_char(self) -> str:
        assert self.opened is not None
        return _source_line(self.text, self.opened.line + 1)[
            self.opened.column : self.opened.column + 1
        ]


def trap_problem(name: str, line: int, trap: Trap) -> Problem:
    """The problem that says what YAML made of a text, with the line rewritten as its hint."""
    where = Position(name, line, trap.column)
    if trap.code == "FL132":
        return problem(where, trap.code, severity=WARNING, line=trap.rewritten, text=trap.shown)
    if trap.code == "FL133":
        return problem(where, trap.code, line=trap.rewritten, char=trap.shown)
    return problem(where, trap.code, line=trap.rewritten)


def _text_trap(code: str) -> Callable[[_Complaint], Problem | None]:
    """A rule for the texts YAML misreads (see yaml_traps) that give `code`: it looks at the line
    where a bracket or quote opened, then at the line of the complaint."""

    def rule(c: _Complaint) -> Problem | None:
        lines = [c.opened.line + 1] if c.opened is not None else []
        for number in dict.fromkeys([*lines, c.line]):
            trap = line_trap(_source_line(c.text, number), declared_languages(c.text))
            if trap is not None and trap.code == code and not _continued(c.text, number):
                return trap_problem(c.name, number, trap)
        return None

    return rule


def _continued(text: str, number: int) -> bool:
    """Whether the value on line `number` goes on over the lines below it (indented further,
    and neither a key, a list item nor a comment): one line rewritten would not fix it."""
    line = _source_line(text, number)
    indent = len(line) - len(line.lstrip())
    for below in text.split("\n")[number:]:
        if below.strip():
            deeper = len(below) - len(below.lstrip()) > indent
            plain = not re.match(r"[ \t]*(?:- |#|[\w-]+:(?:[ \t]|$))", below)
            return deeper and plain
    return False


def _tab_indentation(c: _Complaint) -> Problem | None:
    indent = c.before[: len(c.before) - len(c.before.lstrip())]
    if "\t" in indent or (c.char == "\t" and not c.before.strip()):
        return c.here("FL110")
    return None


def _nbsp_indentation(c: _Complaint) -> Problem | None:
    # Invisible characters pasted from elsewhere confuse the parser a line or so later.
    for number in (c.line, c.line - 1):
        candidate = _source_line(c.text, number)
        indent = candidate[: len(candidate) - len(candidate.lstrip(" \t" + INVISIBLE))]
        for odd in ("\u00a0", "\u202f"):
            if odd in indent:
                return c.at(number, indent.index(odd) + 1, "FL111")
    return None


def _invisible_character(c: _Complaint) -> Problem | None:
    for number in (c.line, c.line - 1):
        candidate = _source_line(c.text, number)
        odd = next((ch for ch in candidate if ch in "\ufeff\u200b"), None)
        if odd:
            return c.at(number, candidate.index(odd) + 1, "FL112", char=f"U+{ord(odd):04X}")
    return None


def _cannot_start_token(c: _Complaint) -> bool:
    return "cannot start any token" in c.problem or "found a tab character" in c.problem


def _value_starts_with_at(c: _Complaint) -> Problem | None:
    if _cannot_start_token(c) and c.char in ("@", "`"):
        return c.here("FL113", char=c.char)
    return None


def _unexpected_character(c: _Complaint) -> Problem | None:
    if _cannot_start_token(c) and c.char:
        return c.here("FL114", char=c.char)
    return None


def _unclosed_bracket(c: _Complaint) -> Problem | None:
    # An unclosed bracket is noticed far below it; point at the opening instead.
    # libyaml says "did not find expected ',' or ']'", PyYAML "expected ',' or ']', but got …".
    if c.opened is not None and c.problem.startswith(("did not find expected ','", "expected ','")):
        bracket, closing = ("[", "]") if "sequence" in c.context else ("{", "}")
        return c.at_opening("FL115", bracket=bracket, closing=closing)
    return None


def _unclosed_quote(c: _Complaint) -> Problem | None:
    if c.opened is not None and "quoted scalar" in c.context and "end of stream" in c.problem:
        return c.at_opening("FL116", quote=c.opening_char() or '"')
    return None


def _value_starts_with_sign(c: _Complaint) -> Problem | None:
    # '&', '*', '!' and '%' start YAML syntax; editors mean them as text.
    words = ("an anchor", "an alias", "a tag", "a directive")
    if c.opened is not None and any(word in c.context for word in words) and c.opening_char():
        return c.at_opening("FL113", char=c.opening_char())
    return None


def _text_after_block_indicator(c: _Complaint) -> Problem | None:
    if c.opened is not None and "block scalar" in c.context:
        return c.here("FL117", sign=c.opening_char() or ">")
    return None


def _colon_in_value(c: _Complaint) -> Problem | None:
    return c.here("FL118") if "mapping values are not allowed" in c.problem else None


def _list_on_key_line(c: _Complaint) -> Problem | None:
    return c.here("FL119") if "sequence entries are not allowed" in c.problem else None


def _wrapped_text(c: _Complaint) -> Problem | None:
    if "could not find expected ':'" in c.problem and c.opened is not None:
        return c.at_opening("FL120")
    return None


def _expected_key(c: _Complaint) -> bool:
    # The second pair is PyYAML's wording of libyaml's first.
    words = ("did not find expected key", "expected '-' indicator", "expected <block end>")
    return any(word in c.problem for word in words)


def _text_after_quote(c: _Complaint) -> Problem | None:
    if _expected_key(c) and c.before.rstrip().endswith(("'", '"')):
        return c.here("FL121")
    return None


def _unexpected_indicator(c: _Complaint) -> Problem | None:
    if _expected_key(c) and c.char and c.char in _INDICATORS and c.char != "-":
        return c.here("FL114", char=c.char)
    return None


def _bad_indentation(c: _Complaint) -> Problem | None:
    if _expected_key(c) and not c.before.strip(" -"):
        return c.here("FL122")
    return None


def _unexpected_content(c: _Complaint) -> Problem | None:
    words = ("expected node content", "expected the node content", "mapping keys are not allowed")
    if any(word in c.problem for word in words) and c.char:
        return c.here("FL114", char=c.char)
    return None


def _backslash_in_quotes(c: _Complaint) -> Problem | None:
    if "unknown escape character" in c.problem:
        # libyaml marks the backslash, PyYAML the character after it.
        after = c.char != "\\" and c.source[c.column - 2 : c.column - 1] == "\\"
        column = c.column - 1 if after else c.column
        escape = c.source[column - 1 : column + 1]
        return c.at(c.line, column, "FL123", escape=escape)
    return None


def _alias(c: _Complaint) -> Problem | None:
    if "undefined alias" in c.problem:
        alias = re.match(r"\*([^\s,\[\]{}]+)", c.source[c.column - 1 :])
        return c.here("FL124", alias=excerpt(alias.group(1)) if alias else "")
    return None


def _duplicate_anchor(c: _Complaint) -> Problem | None:
    if "duplicate anchor" in c.context:
        anchor = re.match(r"&([^\s,\[\]{}]+)", c.source[c.column - 1 :])
        p = c.here("FL125", anchor=excerpt(anchor.group(1)) if anchor else "")
        return Problem(p.pos, p.code, p.args, p.severity, "all")
    return None


def _two_documents(c: _Complaint) -> Problem | None:
    return c.here("FL127") if "expected a single document" in c.context else None


def _text_before_version(c: _Complaint) -> Problem | None:
    return c.here("FL128") if "<document start>" in c.problem else None


def _other(c: _Complaint) -> Problem | None:
    found = c.here("FL129", problem=c.problem, context=c.context)
    if not c.context or c.opened is None:
        return Problem(found.pos, found.code, found.args, hint=None)
    start = c.opened.line + 1
    return Problem(found.pos, found.code, (*found.args, ("start", start)))


# Tried in order; the first that recognises the complaint words it. Each rule has its example in
# tests/flows/invalid/yaml-<name>.yaml (the test checks that the rule is what decides it).
SYNTAX_RULES: tuple[tuple[str, Callable[[_Complaint], Problem | None]], ...] = (
    ("tab-indentation", _tab_indentation),
    ("nbsp-indentation", _nbsp_indentation),
    ("invisible-character", _invisible_character),
    ("text-in-braces", _text_trap("FL130")),
    ("colon-in-text", _text_trap("FL131")),
    ("text-starts-with-sign", _text_trap("FL133")),
    ("value-starts-with-at", _value_starts_with_at),
    ("unexpected-character", _unexpected_character),
    ("unclosed-bracket", _unclosed_bracket),
    ("unclosed-quote", _unclosed_quote),
    ("value-starts-with-sign", _value_starts_with_sign),
    ("text-after-block-indicator", _text_after_block_indicator),
    ("colon-in-value", _colon_in_value),
    ("list-on-key-line", _list_on_key_line),
    ("wrapped-text", _wrapped_text),
    ("text-after-quote", _text_after_quote),
    ("unexpected-indicator", _unexpected_indicator),
    ("bad-indentation", _bad_indentation),
    ("unexpected-content", _unexpected_content),
    ("backslash-in-quotes", _backslash_in_quotes),
    ("alias", _alias),
    ("duplicate-anchor", _duplicate_anchor),
    ("two-documents", _two_documents),
    ("text-before-version", _text_before_version),
    ("other", _other),
)


def syntax_problem(error: yaml.MarkedYAMLError, name: str, text: str) -> tuple[str, Problem]:
    """The rule that recognises the parser's complaint, and the problem it reports."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    source = _source_line(text, line)
    complaint = _Complaint(
        name=name,
        text=text,
        line=line,
        column=column,
        problem=error.problem or "the file is not valid YAML",
        context=error.context or "",
        opened=error.context_mark,
        source=source,
        char=source[column - 1 : column],
        before=source[: column - 1],
    )
    for rule, apply in SYNTAX_RULES:
        found = apply(complaint)
        if found is not None:
            return rule, found
    raise AssertionError("the last rule always applies")  # pragma: no cover


def _source_line(text: str, line: int) -> str:
    """Line `line` (1-based) of `text`, or '' when there is no such line."""
    lines = text.split("\n")
    return lines[line - 1].rstrip("\r") if 1 <= line <= len(lines) else ""


def bad_character(error: yaml.reader.ReaderError, text: str, name: str) -> Problem:
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
    return problem(Position(name, line, column), "FL102", char=f"U+{code:04X}")


def not_utf8(data: bytes, error: UnicodeDecodeError, name: str) -> Problem:
    """Bytes that are not UTF-8, at the line and column where an editor sees them."""
    before = data[: error.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    byte = data[error.start]
    return problem(Position(name, line, column), "FL101", byte=f"0x{byte:02x}")


def empty_file(text: str, name: str) -> Problem:
    """A file with no flows in it: empty (FL103), or holding only comments (FL104)."""
    return problem(Position(name, 1, 1), "FL104" if _only_comments(text) else "FL103")


def _only_comments(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()]
    return any(lines) and all(not line or line.startswith("#") for line in lines)


_ANCHORS_SHOWN = 5


def anchor_problems(events: Iterable[yaml.Event], name: str) -> list[Problem]:
    """One problem per anchor ('&name') among the parser's `events`, naming its aliases' lines."""
    anchors: list[tuple[str, yaml.Mark, list[int]]] = []
    latest: dict[str, list[int]] = {}
    for event in events:
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
    problems: list[Problem] = []
    for anchor, mark, uses in anchors[:_ANCHORS_SHOWN]:
        pos = Position(name, mark.line + 1, mark.column + 1)
        if uses:
            shown = ", ".join(str(line) for line in uses[:5]) + (", …" if len(uses) > 5 else "")
            count = len(uses)
            lines = phrase("lines-list", n=count, lines=shown)
            problems.append(problem(pos, "FL125", hint="used", anchor=anchor, lines=lines))
        else:
            problems.append(problem(pos, "FL125", hint="unused", anchor=anchor))
    if len(anchors) > _ANCHORS_SHOWN:
        # A file built to explode ("billion laughs") would otherwise fill the screen.
        rest = anchors[_ANCHORS_SHOWN:]
        first, last = rest[0][1].line + 1, rest[-1][1].line + 1
        lines = (
            phrase("lines-list", n=1, lines=first)
            if first == last
            else phrase("lines-range", first=first, last=last)
        )
        pos = Position(name, first, rest[0][1].column + 1)
        problems.append(problem(pos, "FL126", count=len(rest), lines=lines))
    return problems
