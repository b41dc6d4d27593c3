"""Interface words: one complete table per language, a site's own tables, and no fall-back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from helpers import run_cli

from generator.format.check import check_file
from generator.format.problems import format_problems
from generator.site.words import PACKAGED, REFERENCE, load_tables

ROOT = Path(__file__).resolve().parent.parent
FLOWS = """\
version: 1
languages: [{languages}]
flows:
  f:
    title: {title}
    start: done
    outcomes:
      done:
        title: {title}
        steps:
          - {title}
"""


def flows_file(tmp_path: Path, languages: str, title: str = "T") -> Path:
    path = tmp_path / "flows.yaml"
    codes = [code.strip() for code in languages.split(",")]
    text = title if len(codes) == 1 else "{" + ", ".join(f"{c}: {title}" for c in codes) + "}"
    path.write_text(FLOWS.format(languages=languages, title=text), encoding="utf-8")
    return path


def test_every_packaged_table_is_complete_with_the_same_placeholders() -> None:
    tables = load_tables()
    assert tables.incomplete == {} and tables.problems == ()
    assert sorted(tables.words) == sorted(path.stem for path in PACKAGED.glob("*.yaml"))
    reference = tables[REFERENCE]
    for language, words in tables.words.items():
        assert set(words.words) == set(reference.words), language
        for key, value in words.words.items():
            fields = set(re.findall(r"\{(\w+)\}", value))
            assert fields == set(re.findall(r"\{(\w+)\}", reference[key])), (language, key)
        assert len(words.months) == 12 and len(set(words.months)) == 12


def test_dates_are_written_in_each_language() -> None:
    day = dt.date(2026, 8, 17)
    tables = load_tables()
    assert tables["id"].date(day) == "17 Agustus 2026"
    assert tables["en"].date(day) == "17 August 2026"


def test_a_site_can_change_single_words_of_a_language_we_ship(tmp_path: Path) -> None:
    (tmp_path / "id.yaml").write_text("start_again: Ulangi dari awal\n", encoding="utf-8")
    tables = load_tables(tmp_path)
    assert tables["id"]["start_again"] == "Ulangi dari awal"
    assert tables["id"]["change"] == load_tables()["id"]["change"]


def test_a_site_can_add_a_language_of_its_own(tmp_path: Path) -> None:
    english = (PACKAGED / "en.yaml").read_text(encoding="utf-8")
    (tmp_path / "fr.yaml").write_text(
        english.replace("Start again", "Recommencer"), encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - flows:\n      strings: words\n")
    (tmp_path / "words").mkdir()
    (tmp_path / "fr.yaml").rename(tmp_path / "words" / "fr.yaml")
    path = flows_file(tmp_path, "fr")
    document, problems = check_file(path, "flows.yaml", tables=load_tables(tmp_path / "words"))
    assert document is not None, problems
    # The command line finds the site's tables through mkdocs.yml beside the file.
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stderr


def test_a_language_without_a_table_is_a_problem_at_languages(tmp_path: Path) -> None:
    path = flows_file(tmp_path, "id, fr")
    document, problems = check_file(path, "flows.yaml")
    assert document is None
    assert format_problems(problems, "en") == (
        "flows.yaml:2:1: error FL509: there are no interface words for language 'fr'\n"
        "  hint: the languages with words are en, id; add a table fr.yaml to the folder named "
        "by the 'strings' option of the flows plugin (copy generator/site/i18n/en.yaml and "
        "translate it)"
    )


def test_an_incomplete_table_names_the_missing_keys(tmp_path: Path) -> None:
    words = tmp_path / "words"
    words.mkdir()
    (words / "fr.yaml").write_text(
        "language_name: Français\nstart_again: Recommencer\nsteps_done: '{done} faites'\n",
        encoding="utf-8",
    )
    path = flows_file(tmp_path, "fr")
    document, problems = check_file(path, "flows.yaml", tables=load_tables(words))
    assert document is None
    [problem] = problems
    assert problem.code == "FL007"
    assert (problem.pos.line, problem.pos.column) == (2, 1)
    assert problem.message.startswith(
        f"the interface words for 'fr' are incomplete: {(words / 'fr.yaml').as_posix()} lacks "
        "change, your_answers,"
    )
    assert "months" in problem.message
    assert problem.message.endswith("and has wrong placeholders or values for steps_done")


def test_an_unreadable_table_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "id.yaml").write_text("start_again: [oops\n", encoding="utf-8")
    tables = load_tables(tmp_path)
    [problem] = tables.problems
    assert problem.pos.file.endswith("id.yaml") and problem.pos.line == 2
    assert problem.code == "FL008"
    assert problem.message.startswith("cannot read the table of interface words")


@pytest.mark.parametrize("language", ["id", "en"])
def test_paths_lists_the_texts_in_the_language_asked_for(language: str) -> None:
    result = run_cli("paths", "flows.yaml", "--lang", language, "--format", "csv")
    assert result.returncode == 0, result.stderr
    title = "Cancelling an unpaid order" if language == "en" else "Membatalkan pesanan yang"
    assert title in result.stdout


def test_paths_in_a_language_the_file_lacks_is_a_usage_error() -> None:
    result = run_cli("paths", "flows.yaml", "--lang", "fr")
    assert result.returncode == 2
    assert result.stderr == (
        "flows.yaml: error: the file has no language 'fr'\n  hint: its languages are id, en\n"
    )
