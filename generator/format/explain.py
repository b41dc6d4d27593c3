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
    Language,
    Problem,
    catalogue_of,
    incomplete,
    phrase,
    place,
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
    "FL007": incomplete(_NOWHERE, "FL007", "fr", "words/fr.yaml", [], ["steps_done"]),
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
        _NOWHERE,
        "FL020",
        url="semua-panduan/",
        what=phrase("reserved-guides", language="id"),
    ),
    "FL021": problem(_NOWHERE, "FL021", folder="."),
    "FL022": problem(_NOWHERE, "FL022", language="xx", languages="en, es, id, ms, pt, th, tl, vi"),
    "FL023": problem(_NOWHERE, "FL023", language="vn", file="words/vn.yaml"),
    "FL024": incomplete(
        _NOWHERE, "FL024", "vi", "pesan/vi.yaml", ["phrases.warnings"], ["codes.FL204.message"]
    ),
    "FL025": problem(_NOWHERE, "FL025", reason="expected ',' or ']', but got '<stream end>'"),
    "FL026": problem(
        _NOWHERE, "FL026", hint="read", reason="found character '\\t' that cannot start any token"
    ),
    "FL030": problem(
        _NOWHERE,
        "FL030",
        hint="close",
        what=place("outcome", "bayar-di-tempat", place("flow", "batalkan-pesanan")),
        addresses="/batalkan-pesanan/bayar-di-tempat/, /en/batalkan-pesanan/bayar-di-tempat/",
        owner=phrase("diff-owner-flow", flow="batalkan-pesanan", at="flows.yaml:4"),
        old="bayar-di-tempat",
        line="bayar-di-tempat: cod-belum-dikirim",
        match=phrase(
            "diff-match",
            what=place("outcome", "cod-belum-dikirim", place("flow", "batalkan-pesanan")),
            title="Batalkan pesanan COD",
        ),
    ),
    "FL031": problem(
        _NOWHERE, "FL031", hint="gone", language="en", address="/en/", count=12, first="id"
    ),
    "FL032": problem(_NOWHERE, "FL032", revision="origin/mian"),
    "FL033": problem(
        _NOWHERE, "FL033", hint="repository", revision="HEAD~1", reason="not a git repository"
    ),
    "FL034": problem(_NOWHERE, "FL034", name="README.md"),
    "FL035": problem(_NOWHERE, "FL035", hint="new", side=phrase("diff-new", name="rusak.yaml")),
    "FL222": problem(
        _NOWHERE,
        "FL222",
        target="hubungi-penjual",
        flows="batalkan-pesanan, kembalikan-barang",
        choices="[](guide:batalkan-pesanan/hubungi-penjual), "
        "[](guide:kembalikan-barang/hubungi-penjual)",
    ),
    "FL040": problem(_NOWHERE, "FL040", severity=WARNING, language="ไทย", tag="th"),
    "FL041": problem(_NOWHERE, "FL041", severity=WARNING, languages="id, en"),
    "FL042": problem(_NOWHERE, "FL042", hint="missing", image="gambar/bagikan.png"),
    "FL101": problem(_NOWHERE, "FL101", byte="0xe9"),
    "FL102": problem(_NOWHERE, "FL102", char="U+0007"),
}


def message_code(text: str) -> str:
    """The code an editor means: 'FL204' for 'FL204', 'fl204' or '204'; 'FL020' for '20'."""
    text = text.strip().upper().removeprefix("FL")
    return f"FL{text.zfill(3)}" if text.isdigit() else f"FL{text}"


def example_problem(code: str, language: Language) -> Problem:
    """The problem the first example of `code`'s explanation gives; KeyError for no such code."""
    entry = catalogue_of(language).entries[code]
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


def example_message(code: str, language: Language) -> str:
    """`error FL204: …` and its `  hint: …` line, as the example of `code` makes them."""
    found = example_problem(code, language)
    head = f"{found.severity} {code}: {render_message(found, language)}"
    hint = render_hint(found, language)
    return f"{head}\n  {words(language, 'hint')}: {hint}" if hint else head


def explain(code: str, language: Language) -> str:
    """The long explanation of `code`: its title, its message as the example makes it, what it
    means and the fix. KeyError when there is no such code."""
    entry = catalogue_of(language).entries[code]
    message = "\n".join(f"    {line}" for line in example_message(code, language).splitlines())
    return "\n".join([f"{code}: {entry.title}", "", message, "", entry.explanation, ""])
