"""Texts that YAML reads otherwise than the editor meant, and the editor's line rewritten so that
it says what they meant: the fix shown in the hint of FL130 to FL133.

Editors write texts as they would in a chat: `Catatan: hubungi penjual`, `Pesanan #123`,
`*Penting*`. In YAML a `: ` makes a key, a ` #` starts a comment, `, ` separates the texts of
`{id: …, en: …}`, and `*`, `&`, `!`, `@`, `` ` ``, `[` and `{` at the start of a value are
syntax. Each function here looks at one line of the file as written and, when it holds such a
text, gives the line with the text in double quotes, indented as it was: parsed again, the
quoted line must give the text the editor wrote, or no rewriting is offered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from generator.format import schema

# Keys whose value is a text, and language codes (the keys of a text in several languages).
TEXT_KEYS = frozenset(
    key.name for keys in schema.MAPPINGS.values() for key in keys if key.kind == "text"
)
_LANGUAGE = re.compile(schema.LANGUAGE_PATTERN)
# `lead key: value`, the lead being the indentation and any `- ` of a list item.
_KEY_LINE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z][\w-]*):[ \t]+(?P<value>.*)$")
_ITEM_LINE = re.compile(r"^(?P<lead>[ \t]*-[ \t]+)(?P<value>.*)$")
# Signs that YAML reads as syntax at the start of a value.
SIGNS = "*&!@`[{"

try:  # each rewriting is checked by parsing it: libyaml keeps that quick
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class Trap:
    """A text YAML misreads on one line: the code that says so, the column (1-based) where the
    text starts, the line rewritten with the text quoted, and what the message names: the sign
    a text starts with (FL133), or the text readers see (FL132)."""

    code: str
    column: int
    rewritten: str
    shown: str = ""


def quoted(text: str) -> str:
    """`text` in double quotes, its `\\` and `"` escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def is_text_key(key: str) -> bool:
    """Whether a value under `key` is a text: a text key of the format, or a language code."""
    return key in TEXT_KEYS or bool(_LANGUAGE.match(key))


def _loads(line: str) -> object:
    """What a line `key: value` says on its own (the key dropped); an exception when it is not
    valid YAML."""
    return yaml.load(line, Loader=_Loader)  # noqa: S506 - a safe loader


def _parses(value: str) -> bool:
    try:
        _loads(f"k: {value}\n")
    except yaml.YAMLError:
        return False
    return True


def _reads_as(value: str, wanted: object) -> bool:
    try:
        return _loads(f"k: {value}\n") == {"k": wanted}
    except yaml.YAMLError:
        return False


def _plain_or_quoted(text: str) -> str:
    """`text` as a value inside `{…}`: as written when it reads back so, else quoted."""
    return (
        text if text == text.strip() and _reads_as(f"{{a: {text}}}", {"a": text}) else quoted(text)
    )


def line_trap(line: str, languages: Sequence[str], *, text_item: bool = False) -> Trap | None:
    """The trap on `line` (a line of a flows file, without its line break), if it holds one:
    a text in `{…}` holding `: ` or `, ` (FL130), a `: ` in a text (FL131) or a text starting
    with a sign (FL133). `languages` are the file's. A list item `- …` is taken for a text
    only when `text_item` says it is one (a step or a keyword); else only FL130 is looked for,
    as options and notes are written `- {…}` too."""
    found = _KEY_LINE.match(line)
    if found is not None and is_text_key(found["key"]):
        any_trap = True
    else:
        found = _ITEM_LINE.match(line)
        if found is None:
            return None
        any_trap = text_item
    value, comment = _without_comment(found["value"])
    head = line[: found.start("value")]
    column = found.start("value") + 1
    if not value or value[0] in "'\"|>" or _well_written(value):
        return None
    if value.startswith("{"):
        texts = _inline_texts(value, languages)
        if texts is not None:
            inside = ", ".join(f"{lang}: {_plain_or_quoted(text)}" for lang, text in texts)
            if _reads_as(f"{{{inside}}}", dict(texts)):
                return Trap("FL130", column, f"{head}{{{inside}}}{comment}")
    closing = {"[": "]", "{": "}"}.get(value[0])
    if not any_trap or (closing is not None and closing not in value):
        # A bracket never closed on its line may open a list or texts written over several.
        return None
    if value[0] == "{" and not _braces_of_text(value):
        return None
    if re.fullmatch(r"\*[^\s,\[\]{}*]+", value) or (value[0] == "&" and _parses(value)):
        return None  # `*name` and `&name …` reuse a value as YAML means: FL124 and FL125 say so
    rewritten = head + quoted(value) + comment
    if value[0] in SIGNS:
        return Trap("FL133", column, rewritten, value[0])
    if ": " in value or value.endswith(":"):
        return Trap("FL131", column, rewritten)
    return None


def braces_trap(line: str, start: int, end: int, languages: Sequence[str]) -> Trap | None:
    """FL130 for a text quoted whole on `line` from column `start` to `end` (0-based) that is
    `{id: …, en: …}` in quotes: the texts of each language, each quoted where it needs it."""
    value = line[start + 1 : end - 1]
    texts = _inline_texts(value, languages) if value.startswith("{") else None
    if texts is None or len(texts) < 2:
        return None
    inside = ", ".join(f"{lang}: {_plain_or_quoted(text)}" for lang, text in texts)
    if not _reads_as(f"{{{inside}}}", dict(texts)):
        return None
    return Trap("FL130", start + 1, f"{line[:start]}{{{inside}}}{line[end:].rstrip()}")


def _without_comment(value: str) -> tuple[str, str]:
    """A value and the comment behind it, written at least two spaces after it."""
    found = re.search(r"[ \t]{2,}#.*$", value)
    if found is None:
        return value.rstrip(), ""
    return value[: found.start()].rstrip(), found.group()


def _well_written(value: str) -> bool:
    """Whether `value` reads as the editor wrote it: as a text, or as a text in several
    languages (the languages themselves are the checker's to judge)."""
    try:
        read = _loads(f"k: {value}\n")
    except yaml.YAMLError:
        return False
    if not isinstance(read, dict):
        return False
    read = read.get("k")
    if read == value:
        return True
    return (
        isinstance(read, dict)
        and bool(read)
        and all(
            isinstance(lang, str) and _LANGUAGE.match(lang) and isinstance(text, str)
            for lang, text in read.items()
        )
    )


def _braces_of_text(value: str) -> bool:
    """Whether `{…}` at the start of `value` is more likely part of a text than a mapping: it
    is no YAML, or a mapping with a key and no value (`{Baru}`)."""
    try:
        read = _loads(f"k: {value}\n")
    except yaml.YAMLError:
        return True
    inner = read.get("k") if isinstance(read, dict) else None
    return not isinstance(inner, dict) or any(text is None for text in inner.values())


def _inline_texts(value: str, languages: Sequence[str]) -> list[tuple[str, str]] | None:
    """The texts of `{id: …, en: …}` as the editor meant them, split where `, <language>: `
    starts the next one; None when `value` is not written so."""
    if not value.endswith("}"):
        return None
    inside = value[1:-1].strip()
    names = "|".join(re.escape(lang) for lang in sorted(languages, key=len, reverse=True))
    parts = re.split(rf"(?:^|,[ \t]*)({names})[ \t]*:[ \t]+", inside)
    if len(parts) < 3 or parts[0].strip():
        return None
    texts = [(lang, text.strip()) for lang, text in zip(parts[1::2], parts[2::2], strict=True)]
    if len({lang for lang, _ in texts}) != len(texts) or not all(text for _, text in texts):
        return None
    return texts


def comment_trap(line: str, start: int, end: int) -> Trap | None:
    """FL132 for a text on `line` from column `start` to `end` (0-based, as the parser marks a
    plain text) that a ` #` cut short: `Pesanan #123 belum sampai` reads as `Pesanan`. Only a
    `#` right after one space and followed by a letter or digit is taken for part of the text;
    a comment is written `  # …`."""
    rest = line[end:]
    if not re.match(r"^ #[^\s#]", rest):
        return None
    rewritten = line[:start] + quoted(line[start:].rstrip())
    return Trap("FL132", start + 1, rewritten, line[start:end])
