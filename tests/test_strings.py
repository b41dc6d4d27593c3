"""Interface words: one complete table per language, a site's own tables, and no fall-back;
dates and plural forms as CLDR says each language writes them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from helpers import run_cli

from generator.format import cldr
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
            wanted = reference[key]
            if isinstance(wanted, str):
                assert isinstance(value, str), (language, key)
                assert fields(value) == fields(wanted), (language, key)
                continue
            # A sentence with a count: one form per plural category of the language, no other.
            assert isinstance(value, dict), (language, key)
            assert set(value) == cldr.plural_categories(language), (language, key)
            for form in value.values():
                assert fields(form) == fields(wanted["other"]), (language, key, form)


def fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_no_table_has_month_names_any_more() -> None:
    for path in PACKAGED.glob("*.yaml"):
        assert "months" not in yaml.safe_load(path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("id", "17 Agustus 2026"),
        ("en", "August 17, 2026"),
        ("vi", "17 tháng 8, 2026"),
        ("th", "17 สิงหาคม ค.ศ. 2026"),
        ("ms", "17 Ogos 2026"),
        ("tl", "Agosto 17, 2026"),
        ("es", "17 de agosto de 2026"),
        ("pt", "17 de agosto de 2026"),
    ],
)
def test_dates_are_written_as_cldr_says_each_language_does(language: str, written: str) -> None:
    assert load_tables()[language].date(dt.date(2026, 8, 17)) == written


def test_a_count_takes_the_plural_form_of_its_languages_rules() -> None:
    tables = load_tables()
    assert tables["en"].format("search_found", n=1) == "1 result"
    assert tables["en"].format("search_found", n=2) == "2 results"
    assert tables["en"].format("steps_done", done=0, n=1) == "0 of 1 step done"
    assert tables["id"].format("search_found", n=1) == "1 hasil"
    # Spanish has a form of its own for round millions ("un millón de resultados").
    assert tables["es"].format("search_found", n=1) == "1 resultado"
    assert tables["es"].format("search_found", n=2) == "2 resultados"
    assert tables["es"].format("search_found", n=1_000_000) == "1000000 de resultados"
    # Portuguese counts 0 with 1.
    assert tables["pt"].format("count_guides", n=0) == "0 guia"


def test_a_count_still_to_come_takes_the_other_form() -> None:
    # The wizard's card says "{n}" until its script fills in the count.
    assert load_tables()["en"].format("at_most_n_more", n="{n}") == "at most {n} more questions"


def test_a_site_can_change_single_words_of_a_language_we_ship(tmp_path: Path) -> None:
    (tmp_path / "id.yaml").write_text("start_again: Ulangi dari awal\n", encoding="utf-8")
    tables = load_tables(tmp_path)
    assert tables["id"]["start_again"] == "Ulangi dari awal"
    assert tables["id"]["change"] == load_tables()["id"]["change"]


def french_table() -> dict[str, object]:
    """English words as a French table: French has a plural form for millions besides one and
    other, so each sentence with a count gets a third form."""
    table = yaml.safe_load((PACKAGED / "en.yaml").read_text(encoding="utf-8"))
    table["start_again"] = "Recommencer"
    for key, value in table.items():
        if isinstance(value, dict):
            table[key] = {**value, "many": value["other"]}
    return table


def test_a_site_can_add_a_language_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - flows:\n      strings: words\n")
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "fr.yaml").write_text(
        yaml.safe_dump(french_table(), allow_unicode=True), encoding="utf-8"
    )
    path = flows_file(tmp_path, "fr")
    tables = load_tables(tmp_path / "words")
    document, problems = check_file(path, "flows.yaml", tables=tables)
    assert document is not None, problems
    assert tables["fr"]["start_again"] == "Recommencer"
    assert tables["fr"].date(dt.date(2026, 8, 17)) == "17 août 2026"
    # The command line finds the site's tables through mkdocs.yml beside the file.
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stderr


def test_a_language_without_a_table_is_a_problem_at_languages(tmp_path: Path) -> None:
    path = flows_file(tmp_path, "id, fr")
    document, problems = check_file(path, "flows.yaml")
    assert document is None
    assert format_problems(problems, "en") == (
        "flows.yaml:2:1: error FL509: there are no interface words for language 'fr'\n"
        "  hint: the languages with words are en, es, id, ms, pt, th, tl, vi; add a table "
        "fr.yaml to the folder named by the 'strings' option of the flows plugin (copy "
        "generator/site/i18n/en.yaml and translate it)"
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
    assert problem.message.endswith("and has wrong placeholders or values for steps_done")
    assert str(problem).endswith(
        "a sentence with a count in one form for each plural category of 'fr': many, one, other"
    )


def test_a_sentence_with_a_count_needs_exactly_the_forms_of_its_language(tmp_path: Path) -> None:
    words = tmp_path / "words"
    words.mkdir()
    table = french_table()
    table["search_found"] = {"one": "{n} guide", "other": "{n} guides"}  # no "many"
    table["count_flows"] = {"one": "{n} flux", "two": "{n} flux", "many": "{n} de flux"}
    (words / "fr.yaml").write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    document, problems = check_file(
        flows_file(tmp_path, "fr"), "flows.yaml", tables=load_tables(words)
    )
    assert document is None
    [problem] = problems
    assert problem.code == "FL007"
    assert problem.message.endswith(
        "has wrong placeholders or values for count_flows, search_found"
    )


def test_an_indonesian_table_of_our_own_gives_only_the_other_form(tmp_path: Path) -> None:
    (tmp_path / "id.yaml").write_text(
        'search_found: {one: "1 panduan cocok", other: "{n} panduan cocok"}\n', encoding="utf-8"
    )
    assert "id" not in load_tables(tmp_path)
    assert load_tables(tmp_path).incomplete["id"][2] == ("search_found",)


def test_a_table_of_a_language_cldr_does_not_know_is_a_problem(tmp_path: Path) -> None:
    words = tmp_path / "words"
    words.mkdir()
    (words / "vn.yaml").write_text(
        (PACKAGED / "vi.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    document, problems = check_file(
        flows_file(tmp_path, "vn"), "flows.yaml", tables=load_tables(words)
    )
    assert document is None
    assert format_problems(problems, "en") == (
        f"flows.yaml:2:1: error FL023: there are no CLDR rules for the language 'vn' of "
        f"{(words / 'vn.yaml').as_posix()}, so its dates and plural forms cannot be written\n"
        "  hint: name the file after a language code CLDR knows, as the flows file's "
        "`languages` does: e.g. vi, th, ms, tl, es, pt-BR"
    )


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
