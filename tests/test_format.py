"""`python -m generator format`: one layout for flows files, never a changed value.

Every valid example, the project's flows.yaml and 1,000 files that Hypothesis writes in every
style an editor might (keys in any order, quotes or none, one line or several, folded and
literal texts, comments and blank lines anywhere) are formatted; each must load as the same
model, keep every comment, and stay as it is when formatted again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, seed
from hypothesis import strategies as st

from generator.format.check import check_files
from generator.format.layout import WIDTH, LayoutError, formatted
from generator.format.loader import load_text
from generator.format.model import without_positions
from generator.format.problems import format_report
from tests.helpers import run_cli, same_examples
from tests.test_properties import broken_file

ROOT = Path(__file__).resolve().parent.parent
VALID = sorted((ROOT / "tests" / "flows" / "valid").glob("*.yaml")) + [ROOT / "flows.yaml"]


def model(text: str) -> object:
    document, problems = load_text(text, "flows.yaml")
    assert document is not None, problems
    return without_positions(document)


def comment_lines(text: str) -> list[str]:
    """The comments of a file written without `#` inside texts: every `#` starts one."""
    return sorted(line[line.index("#") :].strip() for line in text.splitlines() if "#" in line)


def assert_formats_without_change(text: str) -> str:
    """Format `text`: the same model and comments, and formatting again changes nothing."""
    result = formatted(text)
    assert model(result) == model(text)
    assert formatted(result) == result
    return result


@pytest.mark.parametrize("path", VALID, ids=[path.name for path in VALID])
def test_a_valid_file_keeps_its_model_and_comments(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = assert_formats_without_change(text)
    assert comment_lines(result) == comment_lines(text)
    assert all(len(line) <= WIDTH for line in result.splitlines())


def test_the_project_flows_are_kept_formatted() -> None:
    assert run_cli("format", "--check", "flows.yaml", cwd=ROOT)[0] == 0


def test_the_project_flows_keep_their_first_line_and_comments() -> None:
    text = (ROOT / "flows.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=flows.schema.json\n")
    assert formatted(text) == text


LAYOUT = """\
version: 1
languages: [id, en]
flows:
  pesanan:
    start: status   # the first question
    title:
      en: Cancel an order
      id: Batalkan pesanan
    questions:
      status:
        text: {id: 'Sudah dibayar?', en: "Paid already?"}
        options:
        - next: belum
          label: {id: Belum, en: Not yet}
        - {label: {id: Sudah, en: 'Yes'}, next: belum}

    # The guides.
    outcomes:
      belum:
        steps: [{id: 'Buka pesanan.', en: Open the order.}]
        title: {id: "Batalkan sendiri: mudah", en: "TITLE"}
        reviewed: 2026-01-02
""".replace("TITLE", "It's easy: cancel it yourself, in the app, before the seller ships it")

LAID_OUT = """\
version: 1
languages: [id, en]
flows:
  pesanan:
    title: {id: Batalkan pesanan, en: Cancel an order}
    start: status   # the first question
    questions:
      status:
        text: {id: Sudah dibayar?, en: Paid already?}
        options:
          - label: {id: Belum, en: Not yet}
            next: belum
          - label: {id: Sudah, en: "Yes"}
            next: belum

    # The guides.
    outcomes:
      belum:
        title:
          id: "Batalkan sendiri: mudah"
          en: "It's easy: cancel it yourself, in the app, before the seller ships it"
        steps:
          - {id: Buka pesanan., en: Open the order.}
        reviewed: 2026-01-02
"""


def test_the_layout_orders_keys_indents_quotes_and_chooses_the_form_of_each_text() -> None:
    assert formatted(LAYOUT) == LAID_OUT


def test_a_long_text_is_folded_to_fit_and_keeps_its_line_breaks() -> None:
    words = " ".join(f"kata{i}" for i in range(40))
    text = LAID_OUT.replace("Batalkan sendiri: mudah", words)
    result = assert_formats_without_change(text)
    folded = result.split("          id: >-\n", 1)[1].split("          en:", 1)[0].splitlines()
    assert len(folded) >= 3 and all(len(line) <= WIDTH for line in folded)
    assert " ".join(line.strip() for line in folded) == words
    # Line breaks an editor chose stay while their lines fit.
    rebroken = result.replace("kata3 kata4", "kata3\n            kata4")
    assert formatted(rebroken) == rebroken


MOVED = """\
version: 1
flows:
  pesanan:
    questions:
      status:
        text: Sudah dibayar?
        options:
          - {label: Belum, next: belum-dibayar}
    moved: {bayar-di-tempat: belum-dibayar}
    start: status
    title: Batalkan pesanan
    outcomes:
      belum-dibayar:
        title: Batalkan sendiri
        steps: [Ketuk Batalkan.]
moved:
  batalkan: pesanan   # the flow's old id
"""


def test_moved_entries_are_kept_where_the_editing_guide_writes_them() -> None:
    result = assert_formats_without_change(MOVED)
    assert result.startswith(
        "version: 1\nmoved:\n  batalkan: pesanan   # the flow's old id\nflows:\n  pesanan:\n"
        "    title: Batalkan pesanan\n    start: status\n    moved:\n"
        "      bayar-di-tempat: belum-dibayar\n    questions:\n"
    )


def test_a_comment_line_above_a_one_line_item_with_a_comment_is_kept() -> None:
    """ruamel.yaml 0.19 reads `- {…}`, `# …`, `- {…}  # …` without the middle line."""
    text = LAID_OUT.replace(
        "          - {id: Buka pesanan., en: Open the order.}\n",
        "          - {id: Buka pesanan., en: Open the order.}\n"
        "          # then\n"
        "          - {id: Ketuk Batalkan., en: Tap Cancel.}  # the button\n",
    )
    assert "# then" in text
    result = assert_formats_without_change(text)
    assert comment_lines(result) == comment_lines(text)


def test_lines_end_in_a_line_feed() -> None:
    assert formatted(LAID_OUT.replace("\n", "\r\n")) == LAID_OUT


def test_a_text_of_several_lines_is_a_literal_block() -> None:
    text = LAID_OUT.replace('"Batalkan sendiri: mudah"', '"Satu.\\nDua."')
    result = assert_formats_without_change(text)
    assert "          id: |-\n            Satu.\n            Dua.\n" in result


# -- the command -----------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "flows.yaml").write_text(LAYOUT, encoding="utf-8")
    (tmp_path / "rapi.yaml").write_text(LAID_OUT, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("language", "out"),
    [
        (
            "en",
            "flows.yaml: would be formatted\n1 file would be formatted, 1 file already formatted\n",
        ),
        ("id", "flows.yaml: perlu dirapikan\n1 file perlu dirapikan, 1 file sudah rapi\n"),
    ],
)
def test_check_changes_nothing_and_names_the_files_to_format(
    site: Path, language: str, out: str
) -> None:
    status = run_cli("format", "--check", "flows.yaml", "rapi.yaml", "--lang", language, cwd=site)
    assert status == (1, out, "")
    assert (site / "flows.yaml").read_text(encoding="utf-8") == LAYOUT


@pytest.mark.parametrize(
    ("language", "out"),
    [
        ("en", "flows.yaml: formatted\n1 file formatted, 1 file already formatted\n"),
        ("id", "flows.yaml: dirapikan\n1 file dirapikan, 1 file sudah rapi\n"),
    ],
)
def test_format_rewrites_what_needs_it_and_then_has_nothing_to_do(
    site: Path, language: str, out: str
) -> None:
    assert run_cli("format", ".", "--lang", language, cwd=site)[1:] != ("", "")
    (site / "flows.yaml").write_text(LAYOUT, encoding="utf-8")
    status = run_cli("format", "flows.yaml", "rapi.yaml", "--lang", language, cwd=site)
    assert status == (0, out, "")
    assert (site / "flows.yaml").read_text(encoding="utf-8") == LAID_OUT
    assert run_cli("format", "--check", ".", "--lang", language, cwd=site)[0] == 0


def test_format_reads_flows_yaml_by_default(site: Path) -> None:
    status, out, _ = run_cli("format", "--lang", "en", cwd=site)
    assert (status, out) == (
        0,
        "flows.yaml: formatted\n1 file formatted, 0 files already formatted\n",
    )


def test_a_file_that_does_not_load_is_left_as_it_is_with_the_checks_messages(
    site: Path,
) -> None:
    broken = LAYOUT.replace("        options:\n", "        options: [\n")
    (site / "flows.yaml").write_text(broken, encoding="utf-8")
    status, out, err = run_cli("format", "--lang", "en", cwd=site)
    assert (status, out) == (1, "")
    _, problems = check_files([site / "flows.yaml"], ["flows.yaml"])
    assert problems and err == format_report("flows.yaml", problems, "en")
    assert (site / "flows.yaml").read_text(encoding="utf-8") == broken


def test_a_file_ruamel_cannot_read_gets_the_checks_messages_when_it_has_any(site: Path) -> None:
    """A key written twice: the checker reads the file and reports FL404; ruamel.yaml stops."""
    twice = LAYOUT.replace("    start: status", "    start: status\n    start: status")
    (site / "flows.yaml").write_text(twice, encoding="utf-8")
    status, out, err = run_cli("format", "--lang", "en", cwd=site)
    assert (status, out) == (1, "")
    _, problems = check_files([site / "flows.yaml"], ["flows.yaml"])
    assert [p.code for p in problems if p.is_error] == ["FL404"]
    assert err == format_report("flows.yaml", problems, "en")
    assert (site / "flows.yaml").read_text(encoding="utf-8") == twice


def test_its_example_is_what_format_reports_fl026_for(tmp_path: Path) -> None:
    """A tab inside a text: the checker reads it, ruamel.yaml does not."""
    from generator.format.problems import catalogue

    example = re.search(r"```yaml\n(.*?)```", catalogue("en").entries["FL026"].explanation, re.S)
    assert example is not None and "\t" in example[1]
    (tmp_path / "flows.yaml").write_text(example[1], encoding="utf-8")
    status, out, err = run_cli("format", "--lang", "en", cwd=tmp_path)
    assert (status, out) == (1, "")
    assert err.startswith("flows.yaml:4:20: error FL026: the file cannot be formatted without ")
    assert "  hint: the formatter cannot read it as the checker does (found character" in err
    assert (tmp_path / "flows.yaml").read_text(encoding="utf-8") == example[1]


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    status, out, err = run_cli("format", "nothing.yaml", "--lang", "en", cwd=tmp_path)
    assert (status, out) == (2, "")
    assert err.startswith("nothing.yaml: error FL001: cannot read the file")


def test_the_pre_commit_hook_formats_the_files_check_checks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["flows-format"]["files"] == by_id["flows-check"]["files"]
    command = by_id["flows-format"]["entry"].split()
    assert command[:3] == ["python", "-m", "generator"]
    assert run_cli(*command[3:], "--check", "flows.yaml", cwd=ROOT)[0] == 0


# -- 1,000 files in every style ----------------------------------------------------------------

# Characters that mean something to YAML, letters with and without accents, and an emoji.
LETTERS = st.sampled_from(list("abcxyzABC019éñ漢😀") + list(":#'\"-?,[]{}*&!|>%@`\\/.()"))
WORD = st.text(LETTERS, min_size=1, max_size=10)
SPECIAL = st.sampled_from(
    ["yes", "No", "123", "1.5", "null", "~", "2026-01-01", "true", "- x", "x: y", "@x", "'q'"]
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A text editors might write: words, long lines, special words, or several lines."""
    if draw(st.integers(0, 9)) == 0:
        return draw(SPECIAL)
    words = draw(st.lists(WORD, min_size=1, max_size=draw(st.sampled_from([3, 8, 30]))))
    separator = draw(st.sampled_from([" ", " ", " ", "  ", "\n"]))
    return separator.join(words)


class Writer:
    """Writes a flows file line by line, each value in a style drawn at random."""

    def __init__(self, draw: st.DrawFn, languages: list[str]) -> None:
        self.draw = draw
        self.languages = languages
        self.lines: list[str] = []
        self.comments = 0

    def comment(self) -> str:
        self.comments += 1
        return f"# ⟦c{self.comments}⟧"

    def before(self, indent: int) -> None:
        """Perhaps a blank line or a comment line before a key or an item."""
        choice = self.draw(st.integers(0, 9))
        if choice == 0:
            self.lines.append("")
        elif choice == 1:
            self.lines.append(" " * indent + self.comment())

    def eol(self) -> str:
        return f"  {self.comment()}" if self.draw(st.integers(0, 5)) == 0 else ""

    def scalar(self, head: str, value: str, indent: int) -> None:
        """`head` (`key:` or `-`), then `value` in a style YAML allows for it."""
        styles = ["double"]
        if "\n" not in value:
            styles.append("single")
            if _plain(value, flow=False):
                styles.append("plain")
            if _foldable(value):
                styles.append("folded")
        elif _literal(value):
            styles.append("literal")
        style = self.draw(st.sampled_from(styles))
        if style in ("folded", "literal"):
            lines = value.split(" ") if style == "folded" else value.split("\n")
            if style == "folded":
                lines = _regroup(self.draw, lines)
            self.lines.append(f"{head} {'>-' if style == 'folded' else '|-'}{self.eol()}")
            self.lines += [" " * (indent + 2) + line if line else "" for line in lines]
            return
        self.lines.append(f"{head} {_inline(value, style)}{self.eol()}")

    def text(self, head: str, value: dict[str, str] | str, indent: int) -> None:
        """A TEXT: a string, or languages on one line or on a line each."""
        if isinstance(value, str):
            self.scalar(head, value, indent)
            return
        parts = []
        for language, text in value.items():
            styles = ["double"] + (["single"] if "\n" not in text else [])
            styles += ["plain"] if _plain(text, flow=True) else []
            parts.append(f"{language}: {_inline(text, self.draw(st.sampled_from(styles)))}")
        if self.draw(st.booleans()):
            self.lines.append(f"{head} {{{', '.join(parts)}}}{self.eol()}")
            return
        if head.endswith("-"):
            first, *rest = list(value.items())
            self.scalar(f"{head} {first[0]}:", first[1], indent + 2)
            for language, text in rest:
                self.scalar(" " * (indent + 2) + f"{language}:", text, indent + 2)
            return
        self.lines.append(f"{head}{self.eol()}")
        for language, text in value.items():
            self.scalar(" " * (indent + 2) + f"{language}:", text, indent + 2)

    def mapping(self, indent: int, items: list[tuple[str, object]], first: str = "") -> None:
        """Keys in a random order, each written by its value's kind; `first` starts the first
        line (`- ` of a list item)."""
        order = self.draw(st.permutations(items))
        for number, (key, value) in enumerate(order):
            pad = first if number == 0 and first else " " * indent
            if not (number == 0 and first):
                self.before(indent)
            head = f"{pad}{key}:"
            if callable(value):
                value(head, indent)
            else:
                self.text(head, value, indent)


def _inline(value: str, style: str) -> str:
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _plain(value: str, flow: bool) -> bool:
    """Whether `value` written plain reads back as itself (in `{…}` when `flow`)."""
    try:
        text = f"k: {{a: {value}}}\n" if flow else f"k: {value}\n"
        node = yaml.compose(text, Loader=yaml.CSafeLoader).value[0][1]
        node = node.value[0][1] if flow else node
    except (yaml.YAMLError, IndexError, AttributeError):
        return False
    return isinstance(node, yaml.ScalarNode) and node.value == value and node.style is None


def _foldable(value: str) -> bool:
    return value == value.strip() and "  " not in value and " " in value


def _literal(value: str) -> bool:
    lines = value.split("\n")
    return all(line == line.rstrip() for line in lines) and not value[0].isspace()


def _regroup(draw: st.DrawFn, words: list[str]) -> list[str]:
    """Words of a folded text in lines, broken where the writer likes."""
    lines, current = [], [words[0]]
    for word in words[1:]:
        if draw(st.integers(0, 3)) == 0:
            lines.append(" ".join(current))
            current = []
        current.append(word)
    return lines + [" ".join(current)]


@st.composite
def flows_files(draw: st.DrawFn) -> str:
    languages = draw(st.sampled_from([["id"], ["id", "en"]]))
    writer = Writer(draw, languages)

    def text(suffix: str = "") -> dict[str, str] | str:
        """A TEXT; `suffix` keeps apart the ones that must differ (labels, keywords)."""
        values = {language: draw(texts()) + suffix for language in languages}
        if len(languages) == 1 and draw(st.integers(0, 4)):
            return values["id"]
        return values

    def items(kind: str, count: int, write) -> object:
        def block(head: str, indent: int) -> None:
            writer.lines.append(f"{head}{writer.eol()}")
            for _ in range(count):
                writer.before(indent + 2)
                write(" " * (indent + 2) + "-", indent + 2)

        return block

    def step(head: str, indent: int) -> None:
        if draw(st.booleans()):
            writer.text(head, text(), indent)
        else:
            writer.mapping(indent + 2, [("text", text()), ("detail", text())], f"{head} ")

    def note(head: str, indent: int) -> None:
        kind = draw(st.sampled_from(["tip", "info", "warning"]))
        writer.mapping(indent + 2, [("type", kind), ("text", text())], f"{head} ")

    def keyword(head: str, indent: int) -> None:
        writer.text(head, text(f" k{len(writer.lines)}"), indent)

    def outcome(name: str) -> tuple[str, object]:
        fields = [("title", text()), ("steps", items("steps", draw(st.integers(1, 2)), step))]
        if draw(st.booleans()):
            fields.append(("summary", text()))
        if draw(st.booleans()):
            fields.append(("notes", items("notes", 1, note)))
        if draw(st.booleans()):
            fields.append(
                ("reviewed", lambda head, indent: writer.lines.append(f"{head} 2026-01-02"))
            )
        if draw(st.booleans()):
            fields.append(("keywords", items("keywords", draw(st.integers(1, 2)), keyword)))
        return name, lambda head, indent: (
            writer.lines.append(head),
            writer.mapping(indent + 2, fields),
        )

    def option(target: str):
        def write(head: str, indent: int) -> None:
            label = text(f" {target}")
            writer.mapping(indent + 2, [("label", label), ("next", target)], f"{head} ")

        return write

    def id_map(entries: list[tuple[str, object]]):
        def block(head: str, indent: int) -> None:
            writer.lines.append(head)
            for name, write in entries:
                writer.before(indent + 2)
                write(" " * (indent + 2) + f"{name}:", indent + 2)

        return block

    def question(head: str, indent: int) -> None:
        writer.lines.append(head)
        options = [option("belum"), option("sudah")]

        def options_block(head: str, indent: int) -> None:
            writer.lines.append(head)
            for write in options:
                writer.before(indent + 2)
                write(" " * (indent + 2) + "-", indent + 2)

        fields: list[tuple[str, object]] = [("text", text()), ("options", options_block)]
        if draw(st.booleans()):
            fields.append(("help", text()))
        writer.mapping(indent + 2, fields)

    flow_fields: list[tuple[str, object]] = [
        ("title", text()),
        ("start", "status"),
        ("questions", id_map([("status", question)])),
        ("outcomes", id_map([outcome("belum"), outcome("sudah")])),
    ]
    if draw(st.booleans()):
        flow_fields.append(("summary", text()))
    if draw(st.booleans()):
        flow_fields.append(("keywords", items("keywords", 1, keyword)))
    languages_line = f"[{', '.join(languages)}]"
    top = [
        ("version", lambda head, indent: writer.lines.append(f"{head} 1")),
        ("languages", lambda head, indent: writer.lines.append(f"{head} {languages_line}")),
        (
            "flows",
            id_map(
                [
                    (
                        "pesanan",
                        lambda head, indent: (
                            writer.lines.append(head),
                            writer.mapping(indent + 2, flow_fields),
                        ),
                    )
                ]
            ),
        ),
    ]
    writer.lines.append(writer.comment())
    writer.mapping(0, top)
    return "\n".join(writer.lines) + "\n"


# 1000 generated files in parts with seeds of their own, so that the test processes share them.
FORMAT_PARTS = 4


@pytest.mark.parametrize("part", range(FORMAT_PARTS))
def test_any_valid_file_formats_to_the_same_model_and_comments_once_and_for_all(
    part: int,
) -> None:
    @seed(part)  # the same files on every run, as same_examples has them
    @same_examples(1000 // FORMAT_PARTS)
    @given(flows_files())
    def formats_once_and_for_all(text: str) -> None:
        assert_formats_once_and_for_all(text)

    formats_once_and_for_all()


def assert_formats_once_and_for_all(text: str) -> None:
    document, problems = load_text(text, "flows.yaml")
    assert document is not None and not [p for p in problems if p.is_error], (problems, text)
    try:
        result = formatted(text)
    except LayoutError as error:
        raise AssertionError(f"{error.kind}: {error.reason}\n{text}") from None
    assert model(result) == model(text), text
    assert formatted(result) == result, text
    markers = re.findall(r"# ⟦c\d+⟧", text)
    assert sorted(re.findall(r"# ⟦c\d+⟧", result)) == sorted(markers), text
    for line in result.splitlines():
        # A text in several languages goes on one line only when that line fits (its comment
        # aside, which stays where it was written).
        line = re.sub(r"\s+# ⟦c\d+⟧$", "", line)
        assert len(line) <= WIDTH or not re.search(r"[:-] \{\w+: ", line), line


@same_examples(300)
@given(broken_file())
def test_a_broken_file_that_loads_is_formatted_or_left_as_it_was_never_raised(text: str) -> None:
    """Files with mistakes an editor makes: formatted like any other, or LayoutError (then the
    command reports it); never another exception, which would show as a traceback."""
    document, _ = load_text(text, "flows.yaml")
    if document is None:
        return  # `format` prints the checker's messages and leaves it
    try:
        result = formatted(text)
    except LayoutError:
        return
    assert model(result) == model(text)
    assert formatted(result) == result
