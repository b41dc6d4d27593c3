"""What CLDR (through Babel) says about a language: its plural categories, the one a count takes,
and how it writes a date. Our tables hold words only; these rules are CLDR's, never ours.

A language is a code as flows files and tables name it (`id`, `pt-BR`, `tl`); Babel is imported
only when a rule is first needed, so reading a flows file does not wait for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Babel's locale data loads on first use
    from babel import Locale

# The category every language has: CLDR's rules name the others, "other" is what is left.
OTHER = "other"


@functools.cache
def locale(language: str) -> Locale | None:
    """Babel's locale of `language`, or None when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def knows(language: str) -> bool:
    """Whether CLDR has rules for `language` (its plural forms and dates)."""
    return locale(language) is not None


@functools.cache
def plural_categories(language: str) -> frozenset[str]:
    """The plural categories of `language`, e.g. {'one', 'other'} for English, {'other'} for
    Indonesian: a sentence with a count has one form for each. Just 'other' when CLDR does not
    know the language."""
    found = locale(language)
    tags = found.plural_form.tags if found is not None else set()
    return frozenset({*tags, OTHER})


def plural_category(language: str, count: int) -> str:
    """The plural category `count` takes in `language` (CLDR's cardinal rules), e.g. 'one'."""
    found = locale(language)
    return found.plural_form(count) if found is not None else OTHER


def long_date(language: str, day: dt.date) -> str:
    """`day` as `language` writes a date in full, e.g. '20 tháng 11, 2026' in Vietnamese."""
    from babel.dates import format_date

    found = locale(language)
    if found is None:
        raise LookupError(f"CLDR has no locale '{language}'")
    return format_date(day, format="long", locale=found)


def fits(value: Any, reference: Any, language: str) -> bool:
    """Whether `value` can stand in `language` for the reference table's `reference`: words with
    the same placeholders; for a sentence with a count, such words for each plural category
    `language` has, and no other."""
    if isinstance(reference, Mapping):
        return (
            isinstance(value, Mapping)
            and set(value) == plural_categories(language)
            and all(_same(form, reference[OTHER]) for form in value.values())
        )
    return _same(value, reference)


def placeholders(template: str) -> set[str]:
    """The names a template fills in, e.g. {'key', 'where'} for "unknown key '{key}' in {where}".

    Raises ValueError for a template that str.format cannot read (a lone brace)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _same(value: Any, reference: str) -> bool:
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        return placeholders(value) == placeholders(reference)
    except ValueError:
        return False
