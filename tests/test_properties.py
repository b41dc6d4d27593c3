"""Broken files of every shape: the checker never raises, and either passes or says where.

Hypothesis starts from the valid examples (and the project's flows.yaml) and breaks them the
ways editors do: lines dropped, duplicated, swapped or re-indented, ids renamed, values of the
wrong type, stray characters and lines. Runs are derandomised, so CI sees the same examples.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.format import loader
from generator.format.loader import load_bytes, load_text
from generator.format.model import Document, iter_paths, remaining_questions, total_paths
from generator.format.problems import Problem
from generator.format.validator import validate
from tests.helpers import same_examples

HERE = Path(__file__).parent
SEEDS = [
    path.read_text(encoding="utf-8")
    for path in sorted((HERE / "flows" / "valid").glob("*.yaml")) + [HERE.parent / "flows.yaml"]
]
NAME = "flows.yaml"
TODAY = dt.date.today()  # the seeds carry real review dates

# Characters that mean something to YAML, a few that break text files, and ordinary letters.
GARBAGE = st.text(
    alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?~ \t\n\\") + list("aZ9é漢\u00a0\ufeff")),
    min_size=1,
    max_size=8,
)
# Values of the wrong kind for any key.
VALUES = st.sampled_from(
    [
        "",
        "[]",
        "{}",
        "[a, b]",
        "{id: x}",
        "{a: 1}",
        "123",
        "1.5",
        "true",
        "null",
        "~",
        '"x"',
        "'  '",
        "|",
        ">-",
        "- x",
        "2026-02-30",
        "status",
        "&a x",
        "*a",
        "!!binary aGk=",
        "!custom x",
    ]
)
IDS = st.from_regex(r"[a-zA-Z0-9_ -]{0,12}", fullmatch=True)
_KEY_VALUE = re.compile(r"^(\s*(?:- )?[^:#]+:)( .*)?$")
_ID_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def _lines(text: str) -> list[str]:
    return text.split("\n")


@st.composite
def mutation(draw: st.DrawFn, text: str) -> str:
    """One editor-like mistake applied to `text`."""
    lines = _lines(text)
    index = draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = draw(
        st.sampled_from(
            [
                "drop",
                "duplicate",
                "swap-lines",
                "reindent",
                "insert-chars",
                "insert-line",
                "retype",
                "swap-values",
                "rename-id",
            ]
        )
    )
    if not lines:
        return text
    if kind == "drop":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "swap-lines":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "reindent":
        stripped = lines[index].lstrip(" ")
        indent = draw(st.sampled_from(["", " ", "  ", "   ", "\t", " " * 9, "  \t"]))
        lines[index] = indent + stripped
    elif kind == "insert-chars":
        line = lines[index]
        at = draw(st.integers(0, len(line)))
        lines[index] = line[:at] + draw(GARBAGE) + line[at:]
    elif kind == "insert-line":
        lines.insert(index, draw(st.sampled_from(["", "  ", "#"])) + draw(GARBAGE))
    elif kind == "retype":
        match = _KEY_VALUE.match(lines[index])
        if match:
            lines[index] = f"{match.group(1)} {draw(VALUES)}"
    elif kind == "swap-values":
        pairs = [i for i, line in enumerate(lines) if _KEY_VALUE.match(line)]
        if len(pairs) >= 2:
            a, b = draw(st.sampled_from(pairs)), draw(st.sampled_from(pairs))
            ma, mb = _KEY_VALUE.match(lines[a]), _KEY_VALUE.match(lines[b])
            assert ma and mb
            lines[a] = ma.group(1) + (mb.group(2) or "")
            lines[b] = mb.group(1) + (ma.group(2) or "")
    elif kind == "rename-id":
        words = sorted(set(_ID_WORD.findall(text)))
        if words:
            word = draw(st.sampled_from(words))
            occurrences = [m.start() for m in re.finditer(re.escape(word), text)]
            at = draw(st.sampled_from(occurrences))
            return text[:at] + draw(IDS) + text[at + len(word) :]
    return "\n".join(lines)


@st.composite
def broken_file(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        text = draw(mutation(text))
    return text


def _line_count(text: str) -> int:
    # The line breaks YAML counts (libyaml also breaks lines at NEL, LS and PS).
    return len(re.split(r"\r\n|[\n\r\x85\u2028\u2029]", text))


def check_text(text: str) -> tuple[Document | None, list[Problem]]:
    document, problems = load_text(text, NAME)
    if document is not None:
        problems = problems + validate(document, today=TODAY)
    return document, problems


def assert_passes_or_says_where(text: str, document: Document | None, problems: list[Problem]):
    errors = [p for p in problems if p.is_error]
    if not errors:
        assert document is not None, "no errors, yet no model"
        for flow in document.flows.values():
            # A file that passes has a complete tree: every path from start ends at a guide.
            assert total_paths(flow) >= 1
            for outcome_id, _ in iter_paths(flow):
                assert outcome_id in flow.outcomes
            remaining_questions(flow)
        return
    last_line = _line_count(text) + 1
    for problem in problems:
        assert problem.pos.file == NAME
        assert 1 <= problem.pos.line <= last_line, (str(problem), text)
        assert problem.pos.column >= 1, (str(problem), text)
        assert problem.message.strip(), text
        assert "\n" not in problem.message


@same_examples(1000)
@given(broken_file())
def test_checker_never_raises_and_positions_every_problem(text: str) -> None:
    document, problems = check_text(text)
    assert_passes_or_says_where(text, document, problems)


@same_examples(200)
@given(st.sampled_from(SEEDS), st.integers(0, 10_000), st.binary(min_size=1, max_size=4))
def test_stray_bytes_are_reported_not_raised(seed: str, at: int, junk: bytes) -> None:
    data = seed.encode("utf-8")
    at %= len(data)
    data = data[:at] + junk + data[at:]
    document, problems = load_bytes(data, NAME)
    if document is not None:
        problems = problems + validate(document, today=TODAY)
    assert_passes_or_says_where(data.decode("utf-8", "replace"), document, problems)


@pytest.fixture
def pure_python_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader as it runs where PyYAML was built without libyaml."""
    monkeypatch.setattr(loader, "_YamlLoader", loader.PureSafeLoader)


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(broken_file())
def test_the_pure_python_fallback_behaves_the_same_way(pure_python_yaml: None, text: str) -> None:
    document, problems = check_text(text)
    assert_passes_or_says_where(text, document, problems)


def test_the_seeds_themselves_pass() -> None:
    # Otherwise "passes" above would be reached only by luck.
    for text in SEEDS:
        document, problems = check_text(text)
        assert document is not None and not [p for p in problems if p.is_error]
