"""Texts that YAML reads otherwise than an editor means (generator/format/yaml_traps.py).

Each trap is reported in the editor's language with the editor's own line rewritten in the hint;
putting that line in place of the editor's makes the file check clean, with the text the editor
meant. No hint leads to a message whose hint leads back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.format.check import check_texts
from generator.format.problems import render_hint
from generator.format.yaml_traps import line_trap, quoted
from tests.helpers import run_cli, same_examples

# A two-language file; each trap replaces one of its lines.
BASE = """\
version: 1
languages: [id, en]
flows:
  pesanan:
    title: {id: Batalkan pesanan, en: Cancel an order}
    start: status
    questions:
      status:
        text: {id: Sudah dibayar?, en: Paid already?}
        options:
          - label: {id: Belum, en: Not yet}
            next: selesai
          - label: {id: Sudah, en: Yes}
            next: selesai
    outcomes:
      selesai:
        title:
          id: Selesai
          en: Done
        steps:
          - {id: Ketuk Batalkan., en: Tap Cancel.}
"""
FLOW_TITLE = "    title: {id: Batalkan pesanan, en: Cancel an order}"
GUIDE_TITLE = "          id: Selesai"
STEP = "          - {id: Ketuk Batalkan., en: Tap Cancel.}"
LABEL = "          - label: {id: Belum, en: Not yet}"

# (what the editor writes, in place of which line of BASE, the code, the line the hint gives)
TRAPS = {
    "colon-in-braces": (
        "    title: {id: Catatan: hubungi penjual, en: Note: contact the seller}",
        FLOW_TITLE,
        "FL130",
        '    title: {id: "Catatan: hubungi penjual", en: "Note: contact the seller"}',
    ),
    "comma-in-braces": (
        "    title: {id: Batal, hubungi penjual, en: Cancel, contact the seller}",
        FLOW_TITLE,
        "FL130",
        '    title: {id: "Batal, hubungi penjual", en: "Cancel, contact the seller"}',
    ),
    "hash-in-braces": (
        "    title: {id: Pesanan #123, en: Order #123}",
        FLOW_TITLE,
        "FL130",
        '    title: {id: "Pesanan #123", en: "Order #123"}',
    ),
    # FL115's old advice followed: the whole `{…}` quoted is one text in no language.
    "braces-in-quotes": (
        '    title: "{id: Batal, hubungi penjual, en: Cancel, contact the seller}"',
        FLOW_TITLE,
        "FL130",
        '    title: {id: "Batal, hubungi penjual", en: "Cancel, contact the seller"}',
    ),
    "comma-in-a-step": (
        "          - {id: Ketuk Batalkan, lalu Ya., en: Tap Cancel, then Yes.}",
        STEP,
        "FL130",
        '          - {id: "Ketuk Batalkan, lalu Ya.", en: "Tap Cancel, then Yes."}',
    ),
    "colon-in-an-option": (
        "          - label: {id: Belum: batalkan, en: Not yet: cancel}",
        LABEL,
        "FL130",
        '          - label: {id: "Belum: batalkan", en: "Not yet: cancel"}',
    ),
    "colon-in-text": (
        "          id: Catatan: hubungi penjual",
        GUIDE_TITLE,
        "FL131",
        '          id: "Catatan: hubungi penjual"',
    ),
    "colon-quote-and-backslash": (
        '          id: Catatan: "Batal" \\ Cancel  # the old title',
        GUIDE_TITLE,
        "FL131",
        '          id: "Catatan: \\"Batal\\" \\\\ Cancel"  # the old title',
    ),
    "hash-cuts-the-text": (
        "          id: Pesanan #123 belum sampai",
        GUIDE_TITLE,
        "FL132",
        '          id: "Pesanan #123 belum sampai"',
    ),
    "starts-with-star": (
        "          id: *Penting* hubungi penjual",
        GUIDE_TITLE,
        "FL133",
        '          id: "*Penting* hubungi penjual"',
    ),
    "starts-with-ampersand": (
        "          id: & lainnya",
        GUIDE_TITLE,
        "FL133",
        '          id: "& lainnya"',
    ),
    "starts-with-exclamation": (
        "          id: !Penting hubungi penjual",
        GUIDE_TITLE,
        "FL133",
        '          id: "!Penting hubungi penjual"',
    ),
    "starts-with-at": (
        "          id: @penjual membalas",
        GUIDE_TITLE,
        "FL133",
        '          id: "@penjual membalas"',
    ),
    "starts-with-backtick": (
        "          id: `Batalkan` sekarang",
        GUIDE_TITLE,
        "FL133",
        '          id: "`Batalkan` sekarang"',
    ),
    "starts-with-bracket": (
        "          id: [Baru] Selesai",
        GUIDE_TITLE,
        "FL133",
        '          id: "[Baru] Selesai"',
    ),
    "starts-with-brace": (
        "          id: {Baru}",
        GUIDE_TITLE,
        "FL133",
        '          id: "{Baru}"',
    ),
}
# What comes before the rewritten line in each language's hint.
BECOMES = {"en": "the line becomes: ", "id": "barisnya menjadi: "}


def trap_file(folder: Path, name: str) -> Path:
    written, replaced, _, _ = TRAPS[name]
    assert BASE.count(replaced + "\n") == 1
    path = folder / "flows.yaml"
    path.write_text(BASE.replace(replaced + "\n", written + "\n"), encoding="utf-8")
    return path


def hint_line(stderr: str, language: str) -> str:
    """The line a hint rewrites, as printed (its indentation kept)."""
    hints = [line for line in stderr.splitlines() if BECOMES[language] in line]
    assert len(hints) == 1, stderr
    return hints[0].split(BECOMES[language], 1)[1]


def test_the_base_file_checks_clean(tmp_path: Path) -> None:
    (tmp_path / "flows.yaml").write_text(BASE, encoding="utf-8")
    assert run_cli("check", "flows.yaml", "--lang", "en", cwd=tmp_path)[0:3:2] == (0, "")


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("name", list(TRAPS))
def test_each_trap_says_the_fix_with_the_line_rewritten(
    tmp_path: Path, name: str, language: str
) -> None:
    written, _, code, rewritten = TRAPS[name]
    path = trap_file(tmp_path, name)
    number = BASE.replace(TRAPS[name][1] + "\n", written + "\n").splitlines().index(written) + 1
    result = run_cli("check", "flows.yaml", "--lang", language, cwd=tmp_path)
    severity = "warning" if code == "FL132" else "error"
    assert f"flows.yaml:{number}:" in result.stderr
    assert f": {severity} {code}: " in result.stderr
    assert result.returncode == (0 if code == "FL132" else 1)
    assert hint_line(result.stderr, language) == rewritten
    # The hint followed to the letter: the file checks clean.
    path.write_text(path.read_text(encoding="utf-8").replace(written, rewritten), encoding="utf-8")
    fixed = run_cli("check", "flows.yaml", "--lang", language, cwd=tmp_path)
    assert (fixed.returncode, fixed.stderr) == (0, "")


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_hint_of_a_text_without_translations_says_to_quote_inside_the_braces(
    language: str,
) -> None:
    """FL502's fix, `{id: …, en: …}`, must not lead to FL130's trap and back."""
    _, problems = check_texts([("flows.yaml", BASE.replace(FLOW_TITLE, "    title: Batal"))])
    assert [p.code for p in problems] == ["FL502"]
    hint = render_hint(problems[0], language) or ""
    assert "{id: …, en: …}" in hint and "': '" in hint and "', '" in hint


# -- applying the hint fixes it, for any text an editor writes --------------------------------

WORD = st.text("abcdefghijklmnopqrstuvwxyzABC0123456789.?", min_size=1, max_size=6)
# What comes between words: a space, or the signs that cut a text or start a key.
JOIN = st.sampled_from([" ", ": ", ", ", " #", ' "', '" ', " \\ ", "-"])
# How a text starts: mostly with a word, else with a sign YAML reads as syntax.
START = st.sampled_from(["", "", "", "", "", "*", "& ", "!", "@", "`", "[x] ", "{x} "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=5))
    text = words[0]
    for word in words[1:]:
        text += draw(JOIN) + word
    return draw(START) + text


def read_title(text: str) -> tuple[list[str], dict[str, str] | None]:
    document, problems = check_texts([("flows.yaml", text)])
    title = None
    if document is not None:
        title = dict(document.flows["pesanan"].outcomes["selesai"].title.values)
    return [p.code for p in problems], title


@same_examples(300)
@given(texts(), st.sampled_from(["plain", "braces"]))
def test_a_text_reads_as_written_or_its_hint_fixes_it(text: str, form: str) -> None:
    """A text written plain under `id:` (or inside `{id: …, en: …}`) reads as the editor wrote
    it, or a trap names it; the line its hint gives then reads as the editor meant."""
    if form == "plain":
        line = f"          id: {text}"
        replaced = GUIDE_TITLE
    else:
        line = f"        title: {{id: {text}, en: Done}}"
        replaced = "        title:\n          id: Selesai\n          en: Done"
    file = BASE.replace(replaced, line)
    codes, title = read_title(file)
    if title is not None and not codes:
        assert title["id"] == text
        return
    traps = [code for code in codes if code in {"FL130", "FL131", "FL132", "FL133"}]
    if not traps:
        # Not a trap: YAML reads something else the checker names (an alias, an anchor).
        assert set(codes) <= {"FL124", "FL125", "FL113", "FL114", "FL115", "FL120", "FL129"}
        return
    assert len(codes) == 1, codes
    _, problems = check_texts([("flows.yaml", file)])
    hint = render_hint(problems[0], "en") or ""
    rewritten = hint.split(BECOMES["en"], 1)[1]
    fixed_codes, fixed = read_title(file.replace(line, rewritten))
    assert fixed_codes == [] and fixed is not None
    assert fixed["id"] == text.strip()


def test_quoting_escapes_quotes_and_backslashes() -> None:
    assert quoted('Tekan "Batal" \\ lalu') == '"Tekan \\"Batal\\" \\\\ lalu"'


# -- the advice of the editing guides and of flows.yaml, followed to the letter ----------------

ROOT = Path(__file__).resolve().parent.parent
GUIDES = [ROOT / "content", ROOT / "content" / "en"]
ADVICE = [
    ROOT / "flows.yaml",
    *(folder / "panduan-penyunting.md" for folder in GUIDES),
    *(
        page
        for folder in GUIDES
        for page in sorted((folder / "panduan-penyunting").glob("*.md"))
        if page.name != "pesan.md"  # made from the catalogue
    ),
]
QUOTED_EXAMPLE = re.compile(r"`((?:title|label|text|id|en): [^`\n]*\"[^`\n]*)`")
YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)
# A line of an example that quotes a text: `id: "…"`, `- {id: "…", en: "…"}`.
QUOTED_LINE = re.compile(r"^\s*(?:- )?((?:title|label|text|id|en|detail): .*\".*|\{id: .*\".*\})$")


def quoted_examples(path: Path) -> set[str]:
    """The lines of `path`'s advice and examples that quote a text, each as it is written."""
    text = path.read_text(encoding="utf-8")
    found = set(QUOTED_EXAMPLE.findall(text))
    for block in YAML_BLOCK.findall(text):
        if "# wrong (" in block or "# salah (" in block:
            continue  # a mistake shown as such
        found |= {match[1] for line in block.splitlines() if (match := QUOTED_LINE.match(line))}
    return found


def test_the_quoting_advice_of_the_guides_and_flows_yaml_reads_as_meant() -> None:
    examples = {path.name + ": " + found for path in ADVICE for found in quoted_examples(path)}
    assert len(examples) >= 6
    for example in examples:
        line = example.split(": ", 1)[1]
        value = yaml.safe_load(line)
        texts = list(value.values())[0] if not line.startswith("{") else value
        texts = texts.values() if isinstance(texts, dict) else [texts]
        # Each text as written between the quotes, never a quoted `{…}` in no language.
        assert all(isinstance(text, str) and not text.startswith("{") for text in texts), example
        assert line_trap(line, ["id", "en"]) is None, example


def test_a_text_over_several_lines_gets_no_half_rewritten_line(tmp_path: Path) -> None:
    """Quoting the first line alone would leave the second one broken: FL118 says what to do."""
    text = BASE.replace(GUIDE_TITLE, "          id: Catatan: hubungi\n            penjual segera")
    (tmp_path / "flows.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "flows.yaml", "--lang", "en", cwd=tmp_path)
    assert "error FL118:" in result.stderr
    assert BECOMES["en"] not in result.stderr
