"""The example flows files: each broken one gives exactly its messages, each good one passes.

A broken example is `tests/flows/invalid/NAME.yaml` with one defect; `NAME.expected` beside it
holds what `python -m generator check NAME.yaml` prints on stderr, run from that folder.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.check import check_file
from generator.model import total_paths

FLOWS = Path(__file__).parent / "flows"
INVALID = sorted((FLOWS / "invalid").glob("*.yaml"))
VALID = sorted((FLOWS / "valid").glob("*.yaml"))

# What each valid example holds: flows, questions, outcomes, paths (counted by hand from the tree).
VALID_COUNTS = {
    "minimal.yaml": (1, 1, 2, 2),
    "outcome-as-start.yaml": (1, 0, 1, 1),
    "shared-outcomes.yaml": (1, 4, 3, 9),
    "two-languages.yaml": (1, 2, 3, 3),
    "steps-and-notes.yaml": (1, 1, 2, 2),
    "two-flows.yaml": (2, 3, 5, 6),
    "keywords.yaml": (1, 1, 2, 2),
}


def run_check(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the checker as an editor would: from the file's folder, with a relative path."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", path.name, *args],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_there_are_enough_broken_examples() -> None:
    assert len(INVALID) >= 30
    missing = [p.name for p in INVALID if not p.with_suffix(".expected").exists()]
    assert missing == []


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_file_reports_exactly_the_expected_problems(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    result = run_check(path)
    assert result.stderr == expected
    assert result.stdout == ""
    assert result.returncode == 1


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_expected_output_is_well_formed(path: Path) -> None:
    """Every message names the file and a position; the last line is the tally."""
    lines = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    *problems, tally = lines
    assert problems, "a broken file must report at least one problem"
    assert re.fullmatch(rf"{re.escape(path.name)}: \d+ errors?(, \d+ warnings?)?", tally)
    heads = [line for line in problems if not line.startswith("  hint: ")]
    for line in heads:
        assert re.match(rf"{re.escape(path.name)}:\d+:\d+: (error|warning): \S", line), line
    count = int(tally.split(": ")[1].split()[0])
    assert count == sum(": error: " in line for line in heads)


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_file_passes_with_a_summary(path: Path) -> None:
    result = run_check(path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    flows, questions, outcomes, paths = VALID_COUNTS[path.name]

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    summary = ", ".join(
        (
            plural(flows, "flow"),
            plural(questions, "question"),
            plural(outcomes, "outcome"),
            plural(paths, "path"),
        )
    )
    assert result.stdout == f"{path.name}: ok: {summary}\n"


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_file_model_matches_the_counts(path: Path) -> None:
    document, problems = check_file(path)
    assert problems == []
    assert document is not None
    flows, questions, outcomes, paths = VALID_COUNTS[path.name]
    assert len(document.flows) == flows
    assert sum(len(f.questions) for f in document.flows.values()) == questions
    assert sum(len(f.outcomes) for f in document.flows.values()) == outcomes
    assert sum(total_paths(f) for f in document.flows.values()) == paths


def test_every_valid_example_has_its_counts() -> None:
    assert sorted(VALID_COUNTS) == [p.name for p in VALID]
