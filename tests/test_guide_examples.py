"""Every YAML example of the editing guide's task pages, in both languages, checked in place in
the project's flows.yaml.

Each example starts with a comment that says where it goes, in the page's language, which the
editor reads too:

    # di bawah: flows > batalkan-pesanan > questions        (under: …) at the end of that
                                                            mapping or list
    # setelah: flows > batalkan-pesanan > start             (after: …) right after that key
                                                            and its value
    # ganti: flows > … > steps > 2                          (replaces: …) in place of that key
                                                            and its value, or that list item
    # ganti id: flows > … > outcomes > bayar-di-tempat      (rename: …) in place of that key's
                                                            own line
    # file utuh                                             (whole file) a flows file of its own

A path names keys from the top of the file, and list items by their number from 1. An example
is written at the columns it has in the file, so that pasting it at the start of a line puts it
in place; the test inserts it exactly as shown, its comment too. An example that shows a mistake
says so first, with the code the checker gives it: `# salah (FL502) — di bawah: …`
(`# wrong (FL502) — under: …`).

The examples of one page are one task: they are applied in order to one copy of the project's
flows.yaml, and the result must check without errors (a question added by one example is
reached through the option another changes) and be laid out as `format` lays it out, so that an
editor who copies the examples as shown has nothing left to tidy. A mistake is checked on its
own in the project's flows.yaml, as an editor would make it instead of the page's first example:
it must give its code and no other, and the text block that follows it, if any, must be what
`check` prints. A whole file is checked on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.format.check import check_file
from generator.format.layout import formatted
from generator.format.problems import ERROR, Problem, format_report

ROOT = Path(__file__).resolve().parent.parent
FLOWS = ROOT / "flows.yaml"
# The guide's pages in each language: its start page, and the folder of the others beside it;
# the message reference there is made from the catalogues, whose examples are broken on purpose
# (tests/test_messages.py runs them).
PAGES = {
    "id": ROOT / "content" / "panduan-penyunting",
    "en": ROOT / "content" / "en" / "panduan-penyunting",
}
MESSAGES_PAGE = "pesan.md"
# The words of the place comment, per language: what each verb means to the test.
VERBS = {
    "id": {
        "di bawah": "under",
        "setelah": "after",
        "ganti": "replace",
        "ganti id": "rename",
        "file utuh": "file",
    },
    "en": {
        "under": "under",
        "after": "after",
        "replaces": "replace",
        "rename": "rename",
        "whole file": "file",
    },
}
WRONG = {"id": "salah", "en": "wrong"}
# A fenced YAML example, at the margin or in a list item (its lines indented as its fence).
_FENCE = re.compile(r"^(?P<margin> *)```yaml\n(?P<body>.*?)^(?P=margin)```$", re.M | re.S)


# What `check` prints for a mistake: a text block right after its example.
_OUTPUT = re.compile(r"\n+(?P<margin> *)```text\n(?P<body>.*?)^(?P=margin)```$", re.M | re.S)


@dataclass(frozen=True)
class Example:
    page: str  # the page's path from the project's root
    line: int  # the line of the page where the example starts
    verb: str  # under, replace, rename, file
    path: tuple[str, ...]
    code: str | None  # the code a mistake gives; None for a good example
    lines: list[str]  # the example as shown, its place comment first
    output: str = ""  # for a mistake: what the page shows `check` prints, if it does

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def place_pattern(language: str) -> re.Pattern[str]:
    verbs = "|".join(sorted(map(re.escape, VERBS[language]), key=len, reverse=True))
    return re.compile(
        rf"^ *# (?:{WRONG[language]} \((?P<code>FL\d{{3}})\) — )?(?P<verb>{verbs})"
        r"(?:: (?P<path>\S.*?))?\s*$"
    )


def examples(language: str, page: Path) -> list[Example]:
    text = page.read_text(encoding="utf-8")
    place = place_pattern(language)
    found = []
    for fence in _FENCE.finditer(text):
        margin = len(fence["margin"])
        lines = fence["body"].rstrip("\n").split("\n")
        assert all(not line[:margin].strip() for line in lines), fence.group(0)
        lines = [line[margin:] for line in lines]
        line = text.count("\n", 0, fence.start()) + 1
        where = f"{page.relative_to(ROOT).as_posix()}:{line}"
        match = place.match(lines[0])
        assert match, f"{where}: a YAML example starts with a comment that says where it goes"
        verb = VERBS[language][match["verb"]]
        path = tuple(part.strip() for part in (match["path"] or "").split(">") if part.strip())
        assert (verb == "file") == (not path), f"{where}: {lines[0]!r}"
        output = ""
        if match["code"]:
            after = _OUTPUT.match(text, fence.end())
            if after:
                margin = len(after["margin"])
                output = "\n".join(line[margin:] for line in after["body"].split("\n"))
        page_name = where.rsplit(":", 1)[0]
        found.append(Example(page_name, line, verb, path, match["code"], lines, output.strip()))
    return found


def task_pages(language: str) -> list[Path]:
    """The start page and the task pages, everything but the messages."""
    folder = PAGES[language]
    tasks = sorted(page for page in folder.glob("*.md") if page.name != MESSAGES_PAGE)
    return [folder.with_suffix(".md"), *tasks]


# -- finding a place in a flows file as the formatter lays it out ---------------------------------


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def is_content(line: str) -> bool:
    """A line that holds YAML, not a blank or a comment line."""
    return bool(line.strip()) and not line.lstrip().startswith("#")


def block_end(lines: list[str], start: int, column: int) -> int:
    """The line after the last one of the node that starts at `start` at `column`: its own line
    and every line below it indented further, blank and comment lines between them included."""
    end = start + 1
    for number in range(start + 1, len(lines)):
        if is_content(lines[number]):
            if indent(lines[number]) <= column:
                break
            end = number + 1
    return end


def children(lines: list[str], start: int, end: int) -> list[int]:
    """The lines where the children of the node on line `start` (up to `end`) begin."""
    inside = [number for number in range(start + 1, end) if is_content(lines[number])]
    if not inside:
        return []
    column = indent(lines[inside[0]])
    return [number for number in inside if indent(lines[number]) == column]


@dataclass(frozen=True)
class Node:
    line: int  # where it starts; -1 for the whole file
    column: int
    end: int


def find(lines: list[str], path: tuple[str, ...]) -> Node:
    """The node at `path`: mapping keys by name, list items by their number from 1."""
    node = Node(-1, -1, len(lines))
    for part in path:
        starts = children(lines, node.line, node.end)
        own = lines[node.line] if node.line >= 0 else ""
        if part.isdigit():
            items = [n for n in starts if lines[n].lstrip().startswith("- ")]
            assert 1 <= int(part) <= len(items), f"no item {part} in {path}"
            start = items[int(part) - 1]
            column = indent(lines[start])
        elif re.match(rf" *- {re.escape(part)}:( |$)", own):
            # A list item's first key, on the line of its dash: `- label: …`.
            start, column = node.line, indent(own) + 2
        else:
            keyed = [n for n in starts if re.match(rf" *{re.escape(part)}:( |$)", lines[n])]
            assert keyed, f"no key {part!r} in {path}"
            start = keyed[0]
            column = indent(lines[start])
        node = Node(start, column, block_end(lines, start, column))
    return node


def applied(text: str, example: Example) -> str:
    """The flows file `text` with `example` put in place, exactly as the page shows it."""
    lines = text.split("\n")
    node = find(lines, example.path)
    shown = example.lines
    column = min(indent(line) for line in shown if line.strip())
    if example.verb == "under":
        starts = children(lines, node.line, node.end)
        assert starts, f"{example}: {example.path} has nothing under it to line up with"
        assert column == indent(lines[starts[0]]), (
            f"{example}: written at column {column + 1}; what goes under "
            f"{' > '.join(example.path)} starts at column {indent(lines[starts[0]]) + 1}"
        )
        return "\n".join(lines[: node.end] + shown + lines[node.end :])
    start = node.line
    if example.verb == "after":
        assert column == indent(lines[start]), f"{example}: not at the column of {start + 1}"
        return "\n".join(lines[: node.end] + shown + lines[node.end :])
    assert column == indent(lines[start]), (
        f"{example}: written at column {column + 1}, in place of line {start + 1} "
        f"at column {indent(lines[start]) + 1}"
    )
    if example.verb == "rename":
        (key,) = [line for line in shown[1:] if line.strip()]
        assert re.fullmatch(r" *[a-z0-9-]+:", key), f"{example}: a new id, as `new-id:`"
        return "\n".join(lines[:start] + shown[:1] + [key] + lines[start + 1 :])
    return "\n".join(lines[:start] + shown + lines[node.end :])


def problems_of(text: str, folder: Path) -> list[Problem]:
    path = folder / "flows.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_file(path, "flows.yaml")
    return problems


def errors(problems: list[Problem]) -> list[str]:
    return [f"{p.pos}: {p.code}" for p in problems if p.severity == ERROR]


# -- the tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", list(PAGES))
def test_the_task_pages_have_examples_and_each_says_where_it_goes(language: str) -> None:
    pages = task_pages(language)
    assert len(pages) >= 8, pages
    found = [example for page in pages for example in examples(language, page)]
    assert len(found) >= 15
    assert any(example.code for example in found), "the guide shows a mistake and its code"
    assert {example.verb for example in found} == {"under", "after", "replace", "rename", "file"}


@pytest.mark.parametrize(
    ("language", "page"),
    [(language, page) for language in PAGES for page in task_pages(language)],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_every_example_of_the_page_checks_in_place(
    language: str, page: Path, tmp_path: Path
) -> None:
    original = FLOWS.read_text(encoding="utf-8")
    text = original
    for example in examples(language, page):
        if example.verb == "file":
            whole = "\n".join(example.lines) + "\n"
            found = problems_of(whole, tmp_path)
            assert errors(found) == [], f"{example}: {errors(found)}"
            assert formatted(whole) == whole, f"{example}: not as `format` lays it out"
            continue
        if example.code:
            found = problems_of(applied(original, example), tmp_path)
            assert {p.code for p in found if p.severity == ERROR} == {example.code}, (
                f"{example}: shown as a mistake giving {example.code} alone, but the checker "
                f"says {errors(found) or 'nothing'}"
            )
            if example.output:
                report = format_report("flows.yaml", found, language)
                assert example.output in report, f"{example}: the page shows what check prints"
            continue
        text = applied(text, example)
    if text != original:
        assert errors(problems_of(text, tmp_path)) == [], f"{page.name}: {text}"
        assert formatted(text) == text, (
            f"{page.name}: the examples are not as `format` lays them out"
        )


def test_an_example_goes_where_its_comment_says(tmp_path: Path) -> None:
    """The test's own placing: under a list, in place of an item, a key, and a key's line."""
    text = FLOWS.read_text(encoding="utf-8")
    options = ("flows", "batalkan-pesanan", "questions", "status-pembayaran", "options")
    under = Example(
        "p",
        1,
        "under",
        options,
        None,
        [
            "          # di bawah: …",
            "          - label: {id: Baru, en: New}",
            "            next: belum-dibayar",
        ],
    )
    lines = applied(text, under).split("\n")
    start = lines.index("          - label: {id: Baru, en: New}")
    assert lines[start - 2 : start] == [
        "            next: bayar-di-tempat",
        "          # di bawah: …",
    ]
    assert lines[start + 2] == ""  # the blank line before the next question stays after it
    replace = Example(
        "p", 1, "replace", (*options, "3", "next"), None, ["            next: belum-dibayar"]
    )
    lines = applied(text, replace).split("\n")
    assert lines.count("            next: bayar-di-tempat") == 0
    assert lines.count("            next: belum-dibayar") == 2
    wrong_column = Example("p", 1, "under", options, None, ["- label: {id: A, en: B}"])
    with pytest.raises(AssertionError, match="column 1"):
        applied(text, wrong_column)
    outcome = ("flows", "batalkan-pesanan", "outcomes", "bayar-di-tempat")
    rename = Example("p", 1, "rename", outcome, None, ["      # …", "      cod-belum-dikirim:"])
    renamed = applied(text, rename)
    assert "      cod-belum-dikirim:\n        title:" in renamed
    # The option that led to the old id now leads nowhere: the checker says so at its `next`.
    line = renamed.split("\n").index("            next: bayar-di-tempat") + 1
    assert errors(problems_of(renamed, tmp_path)) == [f"flows.yaml:{line}:19: FL204"]


@pytest.mark.parametrize("language", list(PAGES))
def test_no_example_sits_inside_a_list_item(language: str) -> None:
    """MkDocs' fenced_code reads a fence only at the margin: one indented in a list item would be
    shown as a paragraph of backticks, and would end the list."""
    for page in [PAGES[language].with_suffix(".md"), *sorted(PAGES[language].glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        indented = [n for n, line in enumerate(text.split("\n"), 1) if re.match(r" +```", line)]
        assert indented == [], f"{page.relative_to(ROOT)}: lines {indented}"
