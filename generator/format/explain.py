"""What `python -m generator explain FL204` prints: a message's title, the message as its
example makes it, and the long explanation, in the editor's language.

The message is shown filled in, as an editor meets it, never as the catalogue's template: the
first example of the explanation is checked and its message printed. Messages about commands,
the site and raw bytes have examples the checker cannot run on its own; `SAMPLES` gives theirs.
"""

from __future__ import annotations

import errno
import os
import re

from generator.format.check import check_texts
from generator.format.model import Position
from generator.format.problems import (
    WARNING,
    Problem,
    catalogue,
    phrase,
    problem,
    render_hint,
    render_message,
    words,
)

FENCE = re.compile(r"```(\w*)\n(.*?)```", re.S)
# An example of a site's flows split over several files starts each file with this line.
FILE_MARK = re.compile(r"^# file: (\S+)\n", re.M)

_NOWHERE = Position("flows.yaml", 0, 0)
_OPTIONS = "file, templates, strings, site_name, feedback"

# The message of each code whose example the checker cannot run on its own, with the values
# that example would give (a command, a site's pages or settings, `format`, bytes that are
# not text).
SAMPLES: dict[str, Problem] = {
    "FL001": problem(_NOWHERE, "FL001", reason=os.strerror(errno.ENOENT)),
    "FL002": problem(
        _NOWHERE,
        "FL002",
        hint="close",
        flow="batalkan",
        match="batalkan-pesanan",
        flows="batalkan-pesanan",
    ),
    "FL003": problem(_NOWHERE, "FL003"),
    "FL004": problem(_NOWHERE, "FL004", reason=os.strerror(errno.EACCES)),
    "FL005": problem(
        _NOWHERE,
        "FL005",
        page=phrase("page-outcome", id="hubungi-penjual", flow="pesanan"),
        url="pesanan/hubungi-penjual/",
        owner="content/pesanan/hubungi-penjual.md",
        file="flows.yaml",
    ),
    "FL006": problem(
        _NOWHERE,
        "FL006",
        severity=WARNING,
        page="content/tentang.md",
        language="en",
        missing="content/en/tentang.md",
    ),
    "FL007": problem(
        _NOWHERE,
        "FL007",
        language="fr",
        file="words/fr.yaml",
        details=phrase("words-wrong", wrong="steps_done"),
    ),
    "FL008": problem(_NOWHERE, "FL008", reason="expected ',' or ']', but got '<stream end>'"),
    "FL009": problem(_NOWHERE, "FL009"),
    "FL010": problem(_NOWHERE, "FL010", hint="glob"),
    "FL012": problem(
        _NOWHERE,
        "FL012",
        hint="close",
        flow="batalkan-pesanna",
        match="batalkan-pesanan",
        ids="batalkan-pesanan",
    ),
    "FL013": problem(
        _NOWHERE, "FL013", list="<!-- flows: panduan batalkan-pesanan -->", flows="batalkan-pesanan"
    ),
    "FL014": problem(
        _NOWHERE,
        "FL014",
        hint="yaml",
        reason="expected <block end>, but found '<block mapping start>'",
    ),
    "FL015": problem(_NOWHERE, "FL015", hint="file", option="file"),
    "FL016": problem(_NOWHERE, "FL016", option="templates", folder="overides"),
    "FL017": problem(
        _NOWHERE,
        "FL017",
        template="https://example.org/form?guide={titel}",
        reason="the template has an unknown placeholder '{titel}'",
    ),
    "FL018": problem(
        _NOWHERE, "FL018", hint="close", option="files", match="file", options=_OPTIONS
    ),
    "FL019": problem(
        _NOWHERE, "FL019", engine="zensical", command="pip install 'flows-generator[zensical]'"
    ),
    "FL020": problem(
        _NOWHERE, "FL020", hint="read", reason="found character '\\t' that cannot start any token"
    ),
    "FL101": problem(_NOWHERE, "FL101", byte="0xe9"),
    "FL102": problem(_NOWHERE, "FL102", char="U+0007"),
}


def code_of(text: str) -> str:
    """The code an editor means: 'FL204' for 'FL204', 'fl204' or '204'."""
    text = text.strip().upper()
    return text if text.startswith("FL") else f"FL{text}"


def example_problem(code: str, language: str) -> Problem:
    """The problem the first example of `code`'s explanation gives; KeyError for no such code."""
    entry = catalogue(language).entries[code]
    fence = FENCE.search(entry.explanation)
    if fence is not None and fence[1] == "yaml" and code not in SAMPLES:
        found = [p for p in example_problems(fence[2]) if p.code == code]
        if found:
            return found[0]
    return SAMPLES[code]


def example_problems(text: str) -> list[Problem]:
    """Every problem of an example flows file, or of the files of an example that marks them
    with `# file: NAME` lines."""
    parts = FILE_MARK.split(text)
    texts = list(zip(parts[1::2], parts[2::2], strict=True)) if len(parts) > 1 else []
    return check_texts(texts or [("flows.yaml", text)])[1]


def example_message(code: str, language: str) -> str:
    """`error FL204: …` and its `  hint: …` line, as the example of `code` makes them."""
    found = example_problem(code, language)
    head = f"{found.severity} {code}: {render_message(found, language)}"
    hint = render_hint(found, language)
    return f"{head}\n  {words(language, 'hint')}: {hint}" if hint else head


def explain(code: str, language: str) -> str:
    """The long explanation of `code`: its title, its message as the example makes it, what it
    means and the fix. KeyError when there is no such code."""
    entry = catalogue(language).entries[code]
    message = "\n".join(f"    {line}" for line in example_message(code, language).splitlines())
    return "\n".join([f"{code}: {entry.title}", "", message, "", entry.explanation, ""])
