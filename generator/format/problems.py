"""Problems found in a flows file, and the one formatter that prints them in the editor's language.

A problem carries a stable code (`FL204`) and its arguments; the words come from the message
catalogues in `generator/format/messages/` (one YAML file per language) only when it is printed:
`flows.yaml:20:19: error FL204: …`. Where a language is asked for, a site's own catalogue
(generator/format/catalogues.py) may stand in its place.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import yaml

from generator.format import cldr
from generator.format.model import Position

ERROR = "error"
WARNING = "warning"
DEFAULT_LANGUAGE = "en"
MESSAGES = Path(__file__).parent / "messages"

Arg = Union[str, int, "Phrase"]
# The language to print in: the code of a catalogue of ours, or a catalogue itself (a site's own).
Language = Union[str, "Catalogue"]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A piece of wording looked up in the catalogue's `phrases` (e.g. "question 'status'")."""

    key: str
    args: tuple[tuple[str, Arg], ...] = ()


def phrase(key: str, **args: Arg) -> Phrase:
    """A phrase of the catalogue with its arguments, rendered in the language of the printout."""
    return Phrase(key, tuple(args.items()))


def place(kind: str, name: Arg = "", within: Phrase | None = None) -> Phrase:
    """Where in the file, in an editor's words: `place("key", "title", place("outcome", "x"))`."""
    inner = phrase(kind, name=name) if name != "" else phrase(kind)
    return inner if within is None else phrase("of", part=inner, whole=within)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a look) at one place in the file, by code and arguments.

    `hint` names which of the code's hints to print ("default", a variant, or None for none).
    """

    pos: Position
    code: str
    args: tuple[tuple[str, Arg], ...] = ()
    severity: str = ERROR
    hint: str | None = "default"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def message(self) -> str:
        """The one-line message in English, for logs; editors read `format_problem`'s."""
        return render_message(self, DEFAULT_LANGUAGE)

    def __str__(self) -> str:
        return format_problem(self, DEFAULT_LANGUAGE)


def problem(
    pos: Position,
    code: str,
    *,
    hint: str | None = "default",
    severity: str = ERROR,
    **args: Arg,
) -> Problem:
    """A problem with its arguments given by name, as the catalogue's templates name them."""
    return Problem(pos, code, tuple(args.items()), severity, hint)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order an editor reads the file: by line, then column, else as found."""
    return sorted(problems, key=lambda p: (p.pos.file, p.pos.line, p.pos.column))


def excerpt(value: str, limit: int = 40) -> str:
    """`value` fit to quote in a one-line message: its first line, at most `limit` characters."""
    lines = re.split(r"\r\n|[\n\r\x85\u2028\u2029]", value.strip())
    first = lines[0]
    if len(first) > limit:
        return first[: limit - 1].rstrip() + "…"
    return first + (" …" if len(lines) > 1 else "")


# How many missing or wrong items a problem names before "and 12 more".
SHOWN = 8


def incomplete(
    pos: Position,
    code: str,
    language: str,
    file: str,
    missing: Sequence[str],
    wrong: Sequence[str],
) -> Problem:
    """A table of interface words (FL007) or a catalogue of messages (FL024) of `language` in
    `file` that lacks items or has them wrong; its hint names the language's plural forms."""
    categories = ", ".join(sorted(cldr.plural_categories(language)))
    details = _shortfall(missing, wrong)
    return problem(pos, code, language=language, file=file, details=details, categories=categories)


def _shortfall(missing: Sequence[str], wrong: Sequence[str]) -> Phrase:
    """What is lacking and wrong, in words: "lacks a, b and has wrong placeholders or values
    for c", each list cut short after the first few."""
    if missing and wrong:
        return phrase("words-both", missing=_listed(missing), wrong=_listed(wrong))
    if missing:
        return phrase("words-lacks", missing=_listed(missing))
    return phrase("words-wrong", wrong=_listed(wrong))


def _listed(items: Sequence[str]) -> str | Phrase:
    if len(items) <= SHOWN:
        return ", ".join(items)
    return phrase("and-more", items=", ".join(items[:SHOWN]), n=len(items) - SHOWN)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word`, if one is close enough to suggest (click's "did you mean")."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


# -- the catalogues ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of a catalogue: its title, message and hint templates, and long explanation."""

    code: str
    title: str
    message: str
    hints: Mapping[str, str]
    explanation: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every message of one language, by code, and the phrases the messages are built from."""

    language: str
    name: str
    phrases: Mapping[str, Any]
    entries: Mapping[str, Entry]


def languages() -> tuple[str, ...]:
    """The languages that have a message catalogue, in alphabetical order."""
    return tuple(sorted(path.stem for path in MESSAGES.glob("*.yaml")))


@functools.cache
def catalogue(language: str) -> Catalogue:
    """The catalogue of `language` (read once per process); KeyError when there is none."""
    return make_catalogue(language, catalogue_data(language))


@functools.cache
def catalogue_data(language: str) -> Mapping[str, Any]:
    """Our catalogue of `language` as its file says it; KeyError when there is none."""
    path = MESSAGES / f"{language}.yaml"
    if not path.is_file():
        raise KeyError(language)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_CatalogueLoader)


def make_catalogue(language: str, data: Mapping[str, Any]) -> Catalogue:
    """The catalogue that `data`, a whole catalogue file as read, describes."""
    entries = {}
    for code, entry in data["codes"].items():
        hints = entry.get("hint")
        entries[code] = Entry(
            code=code,
            title=entry["title"],
            message=entry["message"],
            hints={"default": hints} if isinstance(hints, str) else dict(hints or {}),
            explanation=entry["explanation"].strip(),
        )
    return Catalogue(language, data["name"], data["phrases"], entries)


try:  # the catalogues are read at every check: libyaml keeps that quick
    _CatalogueLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _CatalogueLoader = yaml.SafeLoader


# -- the formatter ----------------------------------------------------------------------------


def catalogue_of(language: Language) -> Catalogue:
    """The catalogue to print in: a site's own as given, or ours of that code."""
    return language if isinstance(language, Catalogue) else catalogue(language)


def code_of(language: Language) -> str:
    """The language's code, e.g. 'vi' for a site's own Vietnamese catalogue."""
    return language.language if isinstance(language, Catalogue) else language


def render(value: Arg, language: Language) -> str:
    """An argument as text in `language`: phrases are looked up, everything else shown as is."""
    if not isinstance(value, Phrase):
        return str(value)
    messages = catalogue_of(language)
    template = messages.phrases[value.key]
    args = dict(value.args)
    if isinstance(template, dict):  # plural forms: CLDR says which one the argument 'n' takes
        count = args.get("n")
        count = count if isinstance(count, int) else 0
        template = template[cldr.plural_category(messages.language, count)]
    return template.format_map({name: render(arg, language) for name, arg in args.items()})


def words(language: Language, key: str, **args: Arg) -> str:
    """A phrase of the catalogue as text, for the lines around the problems (tally, summary)."""
    return render(phrase(key, **args), language)


def render_message(problem: Problem, language: Language) -> str:
    """The problem's one-line message in `language`."""
    entry = catalogue_of(language).entries[problem.code]
    return entry.message.format_map({k: render(v, language) for k, v in problem.args})


def render_hint(problem: Problem, language: Language) -> str | None:
    """The problem's hint in `language`, or None when it has none."""
    # A variant a catalogue lacks prints no hint rather than fail the check; the tests name it.
    template = catalogue_of(language).entries[problem.code].hints.get(problem.hint or "")
    if template is None:
        return None
    return template.format_map({k: render(v, language) for k, v in problem.args})


def format_problem(problem: Problem, language: Language) -> str:
    """`FILE:LINE:COL: error CODE: message`, then `  hint: …` when there is one."""
    where = str(problem.pos) if problem.pos.line else problem.pos.file
    head = f"{where}: {problem.severity} {problem.code}: {render_message(problem, language)}"
    hint = render_hint(problem, language)
    return f"{head}\n  {words(language, 'hint')}: {hint}" if hint else head


def format_problems(problems: Iterable[Problem], language: Language) -> str:
    """All problems as the text an editor sees, one (or two, with a hint) lines each."""
    return "\n".join(format_problem(p, language) for p in problems)


def format_tally(name: str, problems: Sequence[Problem], language: Language) -> str:
    """`flows.yaml: 2 errors, 1 warning`: the line under a list of problems."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    tally = words(language, "errors", n=errors)
    if warnings:
        tally += ", " + words(language, "warnings", n=warnings)
    return f"{name}: {tally}"


def format_report(name: str, problems: Sequence[Problem], language: Language) -> str:
    """What `check` prints on stderr for file `name`: the problems and, with errors, the tally
    and where to read more ('' when there is nothing to report)."""
    if not problems:
        return ""
    lines = [format_problems(problems, language)]
    first_error = next((p.code for p in problems if p.is_error), None)
    if first_error is not None:
        lines.append(format_tally(name, problems, language))
        lines.append(words(language, "more", code=first_error))
    return "\n".join(lines) + "\n"


# -- the editor's language --------------------------------------------------------------------


def editor_language(
    option: str | None,
    environ: Mapping[str, str],
    file_languages: Sequence[str] | Callable[[], Sequence[str]] = (),
    known: Iterable[str] | None = None,
) -> str:
    """The language to print in: `option` (--lang), FLOWS_LANG, the locale, the file, English.

    `file_languages` are the flows file's languages, or a function that reads them (called only
    when needed); `known` the languages with a catalogue (default: ours). When `option` or
    FLOWS_LANG names a language without one, English (`fallback_notice` says so); a locale
    without one is passed over, as most machines have some locale nobody chose for this.
    """
    known = languages() if known is None else tuple(known)
    chosen = asked_language(option, environ)
    if chosen is not None:
        return chosen if chosen in known else DEFAULT_LANGUAGE
    wanted = locale_language(environ)
    if wanted in known:
        return wanted
    if callable(file_languages):
        file_languages = file_languages()
    for language in file_languages:
        base = language.split("-")[0]
        if base in known:
            return base
    return DEFAULT_LANGUAGE


def asked_language(option: str | None, environ: Mapping[str, str]) -> str | None:
    """The language the editor asked for: `option` (--lang), else FLOWS_LANG; None if neither."""
    return option or environ.get("FLOWS_LANG") or None


def fallback_notice(asked: str | None, known: Iterable[str] | None = None) -> str | None:
    """The one line that says messages are in English because `asked` has no catalogue among
    `known` (default: ours); None when there is nothing to say."""
    known = sorted(languages() if known is None else known)
    if asked is None or asked in known:
        return None
    return words(DEFAULT_LANGUAGE, "no-messages", asked=asked, languages=", ".join(known))


def choose_messages(
    option: str | None,
    environ: Mapping[str, str],
    file_languages: Sequence[str] | Callable[[], Sequence[str]] = (),
    site: Mapping[str, Catalogue] | None = None,
) -> tuple[Language, str | None]:
    """The editor's language as `editor_language` chooses it among ours and the `site`'s own
    catalogues (a site's stands for the language), and the notice line to print first when the
    language asked for has none."""
    site = site or {}
    known = sorted({*languages(), *site})
    chosen = editor_language(option, environ, file_languages, known)
    notice = fallback_notice(asked_language(option, environ), known)
    return site.get(chosen, chosen), notice


def locale_language(environ: Mapping[str, str]) -> str | None:
    """The language of the POSIX locale (LC_ALL, LC_MESSAGES, LANG): 'id' for id_ID.UTF-8."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            code = re.split(r"[_.@-]", value, maxsplit=1)[0].lower()
            return None if code in ("c", "posix") else code
    return None


_LANGUAGES_FLOW = re.compile(r"^languages:[ \t]*\[([^\]\n]*)\]", re.M)
_LANGUAGES_BLOCK = re.compile(r"^languages:[ \t]*(?:#.*)?\n((?:[ \t]*-[ \t]*\S+.*\n?)+)", re.M)


def declared_languages(text: str) -> tuple[str, ...]:
    """The languages a flows file declares at its top level (default: id), read leniently.

    Only a first guess for choosing the message language: it must work on broken files too.
    """
    flow = _LANGUAGES_FLOW.search(text)
    if flow is not None:
        found = [item.strip().strip("'\"") for item in flow.group(1).split(",")]
    else:
        block = _LANGUAGES_BLOCK.search(text)
        if block is None:
            return ("id",)
        found = [
            line.split("-", 1)[1].split("#")[0].strip().strip("'\"")
            for line in block.group(1).splitlines()
        ]
    return tuple(item for item in found if item) or ("id",)


def file_languages(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """`declared_languages` of the file at `path`; () when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return declared_languages(handle.read().decode("utf-8", "replace"))
    except OSError:
        return ()
