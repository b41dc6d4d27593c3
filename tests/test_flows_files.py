"""The example flows files: each broken one gives exactly its messages, each good one passes.

A broken example is `tests/flows/invalid/NAME.yaml` with one defect (or `NAME/`, a folder of
files that make one site, for defects between files, or a whole site with its mkdocs.yml, for
defects between the flows and the hand-written pages). Beside it, `NAME.expected`
holds what `python -m generator check NAME.yaml` prints on stderr, run from that folder (for a
whole site, `check flows.yaml` run inside it), in English, and `NAME.expected.id` the same in
Indonesian. The golden cases run in-process;
`python -m tests.regen` rewrites the files for review after a deliberate change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import Ran, run_cli

from generator.cli import summary
from generator.format import loader, yaml_errors
from generator.format.check import check_file
from generator.format.model import total_paths
from generator.format.problems import catalogue, format_report
from tests.regen import GOLDEN, checked, examples, is_site, report

FLOWS = Path(__file__).parent / "flows"
INVALID = sorted((FLOWS / "invalid").glob("*.yaml"))
SITES = [path for path in examples() if path.is_dir()]
VALID = sorted((FLOWS / "valid").glob("*.yaml"))
CASES = [(path, suffix) for path in INVALID + SITES for suffix in GOLDEN]
REGEN = "if the change is meant, run `python -m tests.regen` and review the diff"
# Codes about a site's pages that whole-site examples produce (the other FL0xx are about
# commands: see tests/test_messages.py).
SITE_CODES = {"FL005", "FL020"}

# What each valid example holds: flows, questions, outcomes, paths (counted by hand from the tree).
VALID_COUNTS = {
    "minimal.yaml": (1, 1, 2, 2),
    "outcome-as-start.yaml": (1, 0, 1, 1),
    "shared-outcomes.yaml": (1, 4, 3, 9),
    "two-languages.yaml": (1, 2, 3, 3),
    "steps-and-notes.yaml": (1, 1, 2, 2),
    "two-flows.yaml": (2, 3, 5, 6),
    "keywords.yaml": (1, 1, 2, 2),
    "moved.yaml": (2, 1, 3, 3),
}

# Where the pure-Python YAML parser words or places an error differently from libyaml, and why.
FALLBACK_DIFFERENCES = {
    "yaml-other.yaml": "a rare error is told in the parser's own words (FL129), which differ",
}


def run_check(path: Path, *args: str) -> Ran:
    """Run the checker as an editor would: from the file's folder, with a relative path."""
    return run_cli("check", path.name, *args, cwd=path.parent)


def test_there_are_enough_broken_examples() -> None:
    assert len(INVALID) >= 60
    missing = [
        path.stem + suffix
        for path, suffix in CASES
        if not path.with_name(path.stem + suffix).exists()
    ]
    assert missing == [], REGEN


@pytest.mark.parametrize(("path", "suffix"), CASES, ids=[f"{p.stem}{s}" for p, s in CASES])
def test_broken_file_reports_exactly_the_expected_problems(path: Path, suffix: str) -> None:
    expected = path.with_name(path.stem + suffix).read_text(encoding="utf-8")
    assert report(path, GOLDEN[suffix]) == expected, REGEN


@pytest.mark.parametrize(("path", "suffix"), CASES, ids=[f"{p.stem}{s}" for p, s in CASES])
def test_expected_output_is_well_formed(path: Path, suffix: str) -> None:
    """Every message names the file, a position and a code; errors end with tally and pointer."""
    lines = path.with_name(path.stem + suffix).read_text(encoding="utf-8").splitlines()
    assert lines, "a broken file must report at least one problem"
    hint = catalogue(GOLDEN[suffix]).phrases["hint"]
    heads = [line for line in lines if not line.startswith(f"  {hint}: ")]
    # A folder's messages name its files: NAME/file.yaml; a whole site's, its flows file or a
    # page, the page as a whole (no line) or a place in it (a link by id).
    file = re.escape(path.name) + (r"/[\w./-]+\.yaml" if path.is_dir() else "")
    where = rf"{file}:\d+:\d+"
    if is_site(path):
        where = r"(flows\.yaml:\d+:\d+|docs/[\w./-]+\.md(:\d+:\d+)?)"
    problems = [h for h in heads if re.match(rf"{where}: (error|warning) ", h)]
    for line in problems:
        assert re.match(rf"{where}: (error|warning) FL\d{{3}}: \S", line)
    errors = sum(" error FL" in line for line in problems)
    if errors:
        tally, more = heads[len(problems) :]
        name = re.escape(path.name) + (r" \(\d+ \w+\)" if path.is_dir() else "")
        if is_site(path):
            name = r"flows\.yaml"
        assert re.fullmatch(rf"{name}: {errors} \D+(, \d+ \D+)?", tally), tally
        assert more.endswith(f"python -m generator explain {problems[0].split()[2][:-1]}")
    else:
        assert heads == problems  # warnings alone: no tally, the check passes


def test_the_command_line_prints_the_golden_text_and_exits_1() -> None:
    path = FLOWS / "invalid" / "several-defects.yaml"
    result = run_check(path, "--lang", "en")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == path.with_suffix(".expected").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_the_pure_python_parser_reports_the_same(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where libyaml is missing, PureSafeLoader must give the same line, column and message."""
    expected = report(path, "en")
    monkeypatch.setattr(loader, "_YamlLoader", loader.PureSafeLoader)
    got = report(path, "en")
    if path.name in FALLBACK_DIFFERENCES:
        assert got != expected, f"no longer differs: remove it from FALLBACK_DIFFERENCES\n{got}"
    else:
        assert got == expected


def test_the_pure_python_parser_reads_question_marks_in_brackets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = FLOWS / "valid" / "two-languages.yaml"
    assert "terima?, en:" in path.read_text(encoding="utf-8")
    monkeypatch.setattr(loader, "_YamlLoader", loader.PureSafeLoader)
    document, problems = check_file(path)
    assert problems == [] and document is not None
    (flow,) = document.flows.values()
    texts = [q.text.values for q in flow.questions.values()]
    assert {"id": "Apakah barang sudah Anda terima?", "en": "Have you received the item?"} in texts


def test_every_syntax_rule_has_an_example_that_it_decides() -> None:
    decided = {loader.syntax_rule(path.read_bytes().decode("utf-8", "replace")) for path in INVALID}
    rules = [name for name, _ in yaml_errors.SYNTAX_RULES]
    assert [rule for rule in rules if rule not in decided] == []


def problems_of(path: Path) -> list:
    """The problems of a broken example: a file, a folder of files or a whole site."""
    return checked(path)[1]


def test_every_code_of_a_flows_file_has_an_example_that_produces_it() -> None:
    produced = set()
    for path in INVALID + SITES:
        produced |= {p.code for p in problems_of(path)}
    # FL0xx are about commands and the site, not about a file: see tests/test_messages.py.
    codes = {code for code in catalogue("en").entries if not code.startswith("FL0")}
    assert sorted((codes | SITE_CODES) - produced) == []


def test_every_hint_of_a_flows_file_code_is_shown_by_an_example() -> None:
    shown = set()
    for path in INVALID + SITES:
        shown |= {(p.code, p.hint) for p in problems_of(path) if p.hint is not None}
    hints = {
        (code, variant)
        for code, entry in catalogue("en").entries.items()
        if not code.startswith("FL0") or code in SITE_CODES
        for variant in entry.hints
    }
    assert sorted(hints - shown) == []


def test_a_file_with_only_warnings_passes() -> None:
    path = FLOWS / "invalid" / "reviewed-long-ago.yaml"
    document, problems = check_file(path, path.name)
    assert document is not None
    assert [p.code for p in problems] == ["FL304"]
    assert format_report(path.name, problems, "en").count("\n") == 2  # the warning and its hint


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_file_passes_with_a_summary(path: Path) -> None:
    document, problems = check_file(path)
    assert problems == []
    assert document is not None
    flows, questions, outcomes, paths = VALID_COUNTS[path.name]

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    assert summary(document, "en") == ", ".join(
        (
            plural(flows, "flow"),
            plural(questions, "question"),
            plural(outcomes, "outcome"),
            plural(paths, "path"),
        )
    )
    assert len(document.flows) == flows
    assert sum(len(f.questions) for f in document.flows.values()) == questions
    assert sum(len(f.outcomes) for f in document.flows.values()) == outcomes
    assert sum(total_paths(f) for f in document.flows.values()) == paths


def test_the_command_line_passes_a_valid_file_and_exits_0() -> None:
    path = FLOWS / "valid" / "shared-outcomes.yaml"
    result = run_check(path, "--lang", "en")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "shared-outcomes.yaml: ok: 1 flow, 4 questions, 3 outcomes, 9 paths\n"


def test_every_valid_example_has_its_counts() -> None:
    assert sorted(VALID_COUNTS) == [p.name for p in VALID]
