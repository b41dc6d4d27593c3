"""`python -m generator keywords`: every flow and guide with its search keywords, per language."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from helpers import Ran, run_cli

FLOWS = Path(__file__).parent / "flows"
KEYWORDS = FLOWS / "valid" / "keywords.yaml"


def run(*args: str) -> Ran:
    return run_cli("keywords", *args)


def test_lists_each_flow_and_guide_per_language_in_file_order() -> None:
    result = run(str(KEYWORDS))
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert lines[0] == ["Language", "Flow", "Guide", "Title", "Keywords"]
    rows = [(line[0], line[2]) for line in lines[1:]]
    assert rows == [
        ("id", "-"),
        ("id", "belum-dibayar"),
        ("id", "sudah-dibayar"),
        ("en", "-"),
        ("en", "belum-dibayar"),
        ("en", "sudah-dibayar"),
    ]
    text = result.stdout.splitlines()
    assert text[3].endswith("refund, uang kembali") and text[6].endswith("refund, money back")
    assert text[2].endswith("(none)")  # a guide without keywords stands out


def test_csv_has_one_row_per_language_and_node() -> None:
    result = run(str(KEYWORDS), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 6
    paid = [row for row in rows if row["guide"] == "sudah-dibayar"]
    assert [row["keywords"] for row in paid] == ["refund, uang kembali", "refund, money back"]


def test_a_broken_file_shows_its_problems_and_lists_nothing() -> None:
    result = run(str(FLOWS / "invalid" / "keyword-duplicate.yaml"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "repeats 'Refund'" in result.stderr


def test_a_missing_file_is_a_usage_error() -> None:
    result = run("no-such-flows.yaml")
    assert result.returncode == 2
    assert "cannot read the file" in result.stderr
