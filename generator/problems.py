"""Problems found in a flows file, reported compiler-style: `FILE:LINE:COL: error: …`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Position

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a look) at one place in the file."""

    pos: Position
    message: str
    hint: str | None = None
    severity: str = ERROR

    def __str__(self) -> str:
        head = f"{self.pos}: {self.severity}: {self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order an editor reads the file: by line, then column."""
    return sorted(problems, key=lambda p: (p.pos.file, p.pos.line, p.pos.column, p.message))


def excerpt(value: str, limit: int = 40) -> str:
    """`value` fit to quote in a one-line message: its first line, at most `limit` characters."""
    lines = re.split(r"\r\n|[\n\r\x85\u2028\u2029]", value.strip())
    first = lines[0]
    if len(first) > limit:
        return first[: limit - 1].rstrip() + "…"
    return first + (" …" if len(lines) > 1 else "")


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean …?' hint naming the closest of `choices`, if any is close."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def format_problems(problems: Iterable[Problem]) -> str:
    """All problems as the text an editor sees, one (or two, with a hint) lines each."""
    return "\n".join(str(p) for p in problems)
