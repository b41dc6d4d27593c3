"""The message catalogues, the formatter and the choice of the editor's language.

Every catalogue must have every code, hint variant and phrase, with the same placeholders, so a
new language is one new file in generator/format/messages/ and these tests say what it still lacks.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import subprocess
from pathlib import Path

import pytest
from helpers import run_cli
from helpers import run_in_language as run

from generator.format import cldr, schema
from generator.format.check import check_files, document_problems
from generator.format.cldr import placeholders
from generator.format.explain import SAMPLES, example_problems, explain, message_code
from generator.format.loader import load_text
from generator.format.model import Position
from generator.format.problems import (
    DEFAULT_LANGUAGE,
    catalogue,
    catalogue_data,
    choose_messages,
    declared_languages,
    editor_language,
    format_problem,
    languages,
    locale_language,
    make_catalogue,
    problem,
    render,
)
from generator.site.words import load_tables

ROOT = Path(__file__).resolve().parent.parent
EN = catalogue("en")
CODES = sorted(EN.entries)
OTHERS = [language for language in languages() if language != "en"]
# Explanations that can show no example as text: the defect is a byte no text file may hold.
NO_EXAMPLE = {"FL101": "bytes that are not UTF-8", "FL102": "a control character"}
# Shown only while building a site next to hand-written pages: tests/test_plugin.py builds one.
SITE_ONLY = {"FL005"}
# About a site's pages and tables of interface words, beside its flows files:
# tests/test_strings.py and tests/test_languages.py make them.
SITE_ONLY |= {"FL006", "FL007", "FL008", "FL009"}
# About lists in hand-written pages: tests/test_content_lists.py makes them.
SITE_ONLY |= {"FL012", "FL013"}
# About the site's settings in mkdocs.yml: tests/test_project.py makes them.
SITE_ONLY |= {"FL014", "FL015", "FL016", "FL017", "FL018"}
# About link previews: the share image and site_url of mkdocs.yml; tests/test_meta.py makes them.
SITE_ONLY |= {"FL042", "FL041"}
# Shown only where an engine's package is missing: tests/test_project.py makes it.
ENGINE_ONLY = {"FL019"}
# About `diff`, whose examples need two versions of a site (see DIFF_SETUPS below).
DIFF_ONLY = {"FL030", "FL031", "FL032", "FL033", "FL034", "FL035"}
# Shown only by `format`: tests/test_format.py makes it from its example.
FORMAT_ONLY = {"FL026"}
TABLES = load_tables()
FENCE = re.compile(r"```(\w*)\n(.*?)```", re.S)

BROKEN = """\
version: 1
flows:
  pesanan:
    title: Batalkan pesanan
    start: batalkan
    outcomes:
      batalkan:
        title: Batalkan sendiri
        steps:
          - Ketuk Batalkan.
      hubungi:
        title: Hubungi penjual
        steps:
          - Kirim pesan.
"""


def test_there_are_at_least_two_languages() -> None:
    assert {"en", "id"} <= set(languages())


@pytest.mark.parametrize("language", OTHERS)
def test_every_catalogue_has_every_code_with_the_same_placeholders(language: str) -> None:
    other = catalogue(language)
    assert sorted(other.entries) == CODES
    for code in CODES:
        ours, theirs = EN.entries[code], other.entries[code]
        assert placeholders(theirs.message) == placeholders(ours.message), code
        assert sorted(theirs.hints) == sorted(ours.hints), code
        for variant, hint in ours.hints.items():
            assert placeholders(theirs.hints[variant]) == placeholders(hint), (code, variant)
        assert theirs.title and theirs.explanation, code


@pytest.mark.parametrize("language", OTHERS)
def test_every_catalogue_has_every_phrase_with_the_same_placeholders(language: str) -> None:
    other = catalogue(language).phrases
    assert sorted(other) == sorted(EN.phrases)

    def names(value: object) -> set[str]:
        forms = value.values() if isinstance(value, dict) else [value]
        return set().union(*(placeholders(str(form)) for form in forms))

    for key, value in EN.phrases.items():
        assert names(other[key]) == names(value), key


@pytest.mark.parametrize("language", languages())
def test_plural_phrases_have_exactly_the_plural_forms_of_their_language(language: str) -> None:
    phrases = catalogue(language).phrases
    plural = [key for key, value in EN.phrases.items() if isinstance(value, dict)]
    assert plural
    for key in plural:
        assert isinstance(phrases[key], dict), key
        assert set(phrases[key]) == cldr.plural_categories(language), key


def test_codes_are_stable_in_form_and_grouped_by_hundreds() -> None:
    assert all(re.fullmatch(r"FL[0-5]\d\d", code) for code in CODES)
    assert len(CODES) >= 60


def test_every_hint_variant_of_a_missing_key_is_the_schemas_description() -> None:
    """The English hints of FL403 are the schema's words, so the two cannot drift apart."""
    hints = EN.entries["FL403"].hints
    expected = {}
    for kind, keys in schema.MAPPINGS.items():
        for key in keys:
            if key.required:
                text = key.description
                if key.example is not None:
                    text += f" For example: {key.name}: {key.example}"
                expected[f"{kind}.{key.name}"] = text
    assert hints == expected


def examples(language: str) -> list[tuple[str, str, str]]:
    """(code, fence language, text) of the first example in each explanation."""
    found = []
    for code, entry in sorted(catalogue(language).entries.items()):
        match = FENCE.search(entry.explanation)
        if match is None:
            assert code in NO_EXAMPLE, f"{code} ({language}) has no example"
            continue
        found.append((code, match[1], match[2]))
    return found


@pytest.mark.parametrize("language", languages())
def test_every_example_of_a_flows_file_produces_its_code(language: str, tmp_path: Path) -> None:
    ran = 0
    for code, fence, text in examples(language):
        if fence != "yaml" or code in SITE_ONLY | FORMAT_ONLY:
            continue
        if FILE_MARK.search(text):
            problems = site_example_problems(text, tmp_path / language / code)
        else:
            document, problems = load_text(text, "flows.yaml")
            if document is not None:
                problems = problems + document_problems(document, TABLES, today=dt.date.today())
        assert code in {p.code for p in problems}, (code, [str(p) for p in problems])
        ran += 1
    assert ran >= 55


# An example of a site's flows split over several files starts each file with this line.
FILE_MARK = re.compile(r"^# file: (\S+)\n", re.M)


def site_example_problems(text: str, folder: Path) -> list:
    """The problems of an example made of several files, written into `folder` and checked."""
    parts = FILE_MARK.split(text)[1:]
    names = parts[::2]
    assert len(names) >= 2, "an example of several files names at least two"
    for name, content in zip(names, parts[1::2], strict=True):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    _, problems = check_files([folder / name for name in names], names)
    return problems


@pytest.mark.parametrize("language", languages())
def test_every_example_command_produces_its_code(language: str, tmp_path: Path) -> None:
    (tmp_path / "flows.yaml").write_text(BROKEN.split("      hubungi:")[0], encoding="utf-8")
    commands = [
        (code, text)
        for code, fence, text in examples(language)
        if fence == "sh" and code not in ENGINE_ONLY | DIFF_ONLY
    ]
    assert {code for code, _ in commands} == {
        "FL001",
        "FL002",
        "FL003",
        "FL004",
        "FL010",
        "FL021",
        "FL022",
    }
    for code, text in commands:
        argv = text.split()[3:]  # after "python -m generator"
        result = run_cli(*argv, "--lang", language, cwd=tmp_path)
        assert result.returncode == 2 and f" error {code}: " in result.stderr, (code, result)


# What each `diff` example needs beside it: files (name -> text), and whether the folder is a git
# repository holding them as its one commit; then the exit status the example gives.
GUIDE = "    outcomes:\n      {id}:\n        title: {title}\n        steps: [{title}]\n"
ONE_GUIDE = "version: 1\nlanguages: [{languages}]\nflows:\n  pesanan:\n    title: {title}\n"
ONE_GUIDE += "    start: {id}\n"
DIFF_SETUPS: dict[str, tuple[dict[str, str], bool, int]] = {
    "FL030": (
        {
            "lama/flows.yaml": (ONE_GUIDE + GUIDE).format(
                languages="id", id="batal", title="Batal"
            ),
            "flows.yaml": (ONE_GUIDE + GUIDE).format(languages="id", id="batalkan", title="Batal"),
        },
        False,
        1,
    ),
    "FL031": (
        {
            "lama/flows.yaml": (ONE_GUIDE + GUIDE).format(
                languages="id, en", id="batal", title="{id: Batal, en: Cancel}"
            ),
            "flows.yaml": (ONE_GUIDE + GUIDE).format(languages="id", id="batal", title="Batal"),
        },
        False,
        1,
    ),
    "FL032": ({"flows.yaml": BROKEN}, True, 2),
    "FL033": ({"flows.yaml": BROKEN}, False, 2),
    "FL034": ({"README.md": "# Situs\n", "flows.yaml": BROKEN}, False, 2),
    "FL035": (
        {
            "lama/flows.yaml": (ONE_GUIDE + GUIDE).format(
                languages="id", id="batal", title="Batal"
            ),
            "rusak.yaml": BROKEN,
        },
        False,
        1,
    ),
}


@pytest.mark.parametrize("language", languages())
def test_every_diff_example_produces_its_code(language: str, tmp_path: Path) -> None:
    commands = {code: text for code, fence, text in examples(language) if code in DIFF_ONLY}
    assert sorted(commands) == sorted(DIFF_SETUPS)
    for code, text in commands.items():
        files, repository, status = DIFF_SETUPS[code]
        folder = tmp_path / language / code
        for name, content in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(content, encoding="utf-8")
        if repository:
            git = ["git", "-c", "user.name=Penyunting", "-c", "user.email=penyunting@example.org"]
            subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
            subprocess.run([*git, "add", "."], cwd=folder, check=True)
            subprocess.run([*git, "commit", "-qm", "Alur"], cwd=folder, check=True)
        argv = text.split()[3:]  # after "python -m generator"
        result, _, err = run_cli(*argv, "--lang", language, cwd=folder)
        assert result == status and f" error {code}: " in err, (code, err)
        assert "Traceback" not in err


def test_a_page_clash_is_worded_by_the_catalogue() -> None:
    clash = problem(
        Position("flows.yaml", 24, 7),
        "FL005",
        page=render_page(),
        url="shop/unpaid/",
        owner="docs/shop/unpaid.md",
        file="flows.yaml",
    )
    assert format_problem(clash, "id") == (
        "flows.yaml:24:7: error FL005: panduan 'unpaid' dari alur 'shop' akan diterbitkan di "
        "shop/unpaid/, padahal di sana sudah ada docs/shop/unpaid.md\n"
        "  saran: ganti nama atau pindahkan docs/shop/unpaid.md, atau ganti id-nya di flows.yaml"
    )


def render_page() -> object:
    from generator.format.problems import phrase

    return phrase("page-outcome", id="unpaid", flow="shop")


def test_a_problem_is_worded_only_when_printed() -> None:
    found = problem(
        Position("flows.yaml", 3, 5),
        "FL402",
        hint="close",
        key="titel",
        where=render_where(),
        match="title",
        keys="",
        char="",
    )
    assert found.args[0] == ("key", "titel")
    assert format_problem(found, "en") == (
        "flows.yaml:3:5: error FL402: unknown key 'titel' in 'steps' of outcome 'tunggu'\n"
        "  hint: did you mean 'title'?"
    )
    assert format_problem(found, "id") == (
        "flows.yaml:3:5: error FL402: kunci 'titel' tidak dikenal di 'steps' dari panduan "
        "'tunggu'\n  saran: maksud Anda 'title'?"
    )


def render_where() -> object:
    from generator.format.problems import place

    return place("key", "steps", place("outcome", "tunggu"))


def test_plural_phrases_follow_the_count() -> None:
    from generator.format.problems import phrase

    assert render(phrase("errors", n=1), "en") == "1 error"
    assert render(phrase("errors", n=2), "en") == "2 errors"
    assert render(phrase("errors", n=2), "id") == "2 kesalahan"
    assert render(phrase("errors", n=1), "id") == "1 kesalahan"


def test_a_problem_about_a_whole_file_has_no_line_and_column() -> None:
    found = problem(Position("tidak-ada.yaml", 0, 0), "FL001", reason="No such file")
    assert format_problem(found, "en").startswith("tidak-ada.yaml: error FL001: cannot read")


def pattern(template: str) -> str:
    """A regular expression for what `template` prints, whatever fills its placeholders."""
    parts = string.Formatter().parse(template)
    return "".join(re.escape(text) + (".+" if name else "") for text, name, _, _ in parts)


@pytest.mark.parametrize("language", languages())
def test_every_code_is_explained_with_its_message_filled_in_and_one_hint(language: str) -> None:
    hint_word = catalogue(language).phrases["hint"]
    for code, entry in catalogue(language).entries.items():
        text = explain(code, language)
        head, shown = text.split("\n\n")[:2]
        assert head == f"{code}: {entry.title}"
        message, *hints = shown.split("\n")
        assert re.fullmatch(rf"    (error|warning) {code}: {pattern(entry.message)}", message)
        assert len(hints) <= 1, (code, hints)
        for hint in hints:
            variants = [pattern(variant) for variant in entry.hints.values()]
            assert any(re.fullmatch(rf"      {hint_word}: {p}", hint) for p in variants), hint
        assert text.endswith(f"\n\n{entry.explanation}\n"), code


# Every name the catalogues fill in: one of these between braces is a template showing.
NAMES = {
    name
    for language in languages()
    for entry in catalogue(language).entries.values()
    for template in (entry.message, *entry.hints.values())
    for name in placeholders(template)
} | {
    name
    for language in languages()
    for value in catalogue(language).phrases.values()
    for form in (value.values() if isinstance(value, dict) else [value])
    for name in placeholders(str(form))
}
CODE = re.compile(r"```.*?```|`[^`\n]*(?:\n[^`\n]*)?`", re.S)  # inline code may wrap once


def template_leaks(text: str) -> list[str]:
    """Braces doubled for str.format, and placeholders left unfilled outside code."""
    doubled = re.findall(r"\{\{|\}\}", text)
    unfilled = [m for m in re.findall(r"\{(\w+)\}", CODE.sub("", text)) if m in NAMES]
    return doubled + unfilled


@pytest.mark.parametrize("language", languages())
def test_explain_shows_no_template(language: str) -> None:
    leaks = {code: template_leaks(explain(code, language)) for code in CODES}
    assert {code: found for code, found in leaks.items() if found} == {}


@pytest.mark.parametrize("language", languages())
def test_no_message_or_hint_shows_a_template(language: str) -> None:
    """Every message and every hint variant, as printed with stand-in values."""
    for code, entry in catalogue(language).entries.items():
        for template in (entry.message, *entry.hints.values()):
            shown = template.format_map({name: "X" for name in placeholders(template)})
            assert template_leaks(shown) == [], (code, template)


def test_no_golden_output_shows_a_template() -> None:
    goldens = sorted((ROOT / "tests" / "flows" / "invalid").glob("*.expected*"))
    assert len(goldens) >= 120
    leaks = {path.name: template_leaks(path.read_text(encoding="utf-8")) for path in goldens}
    assert {name: found for name, found in leaks.items() if found} == {}


@pytest.mark.parametrize("language", languages())
def test_samples_stand_in_only_for_examples_the_checker_cannot_run(language: str) -> None:
    runs = set()
    for code, fence, text in examples(language):
        if fence == "yaml" and code in {p.code for p in example_problems(text)}:
            runs.add(code)
    assert sorted(set(SAMPLES) & runs) == []
    assert sorted(set(CODES) - runs - set(SAMPLES)) == []


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("FL204", "FL204"),
        ("fl204", "FL204"),
        ("204", "FL204"),
        (" Fl204 ", "FL204"),
        ("20", "FL020"),
    ],
)
def test_a_code_is_understood_with_or_without_fl(written: str, code: str) -> None:
    assert message_code(written) == code


# -- the editor's language -------------------------------------------------------------------


def test_the_option_wins_over_everything() -> None:
    env = {"FLOWS_LANG": "id", "LANG": "id_ID.UTF-8"}
    assert editor_language("en", env, ["id"]) == "en"


def test_flows_lang_wins_over_the_locale_and_the_file() -> None:
    assert editor_language(None, {"FLOWS_LANG": "en", "LC_ALL": "id_ID.UTF-8"}, ["id"]) == "en"


def test_the_locale_wins_over_the_file() -> None:
    assert editor_language(None, {"LANG": "en_GB.UTF-8"}, ["id"]) == "en"
    assert editor_language(None, {"LC_MESSAGES": "id_ID.UTF-8"}, ["en"]) == "id"


def test_lc_all_wins_over_lc_messages_and_lang() -> None:
    env = {"LC_ALL": "id_ID.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_US.UTF-8"}
    assert locale_language(env) == "id"


def test_a_c_locale_or_one_without_a_catalogue_leaves_it_to_the_file() -> None:
    assert editor_language(None, {"LANG": "C.UTF-8"}, ["id", "en"]) == "id"
    assert editor_language(None, {"LANG": "fr_FR.UTF-8"}, ["en"]) == "en"


def test_the_first_file_language_with_a_catalogue_then_english() -> None:
    assert editor_language(None, {}, ["ms", "id"]) == "id"
    assert editor_language(None, {}, ["ms"]) == DEFAULT_LANGUAGE
    assert editor_language(None, {}, ()) == DEFAULT_LANGUAGE


def test_the_file_is_read_only_when_needed() -> None:
    def boom() -> list[str]:
        raise AssertionError("read the file although FLOWS_LANG decides")

    assert editor_language(None, {"FLOWS_LANG": "id"}, boom) == "id"


NOTICE_VI = (
    "note: there are no messages in 'vi', so they are in English (messages exist in en, id; a "
    "site adds its own with the 'messages' option of the flows plugin)"
)


@pytest.mark.parametrize("chosen", [("vi", {}), (None, {"FLOWS_LANG": "vi"})])
def test_a_language_asked_for_without_messages_falls_back_to_english_saying_so(
    chosen: tuple[str | None, dict],
) -> None:
    option, env = chosen
    assert editor_language(option, env, ["id"]) == DEFAULT_LANGUAGE
    assert choose_messages(option, env, ["id"]) == (DEFAULT_LANGUAGE, NOTICE_VI)


def test_a_language_with_messages_or_none_asked_for_needs_no_notice() -> None:
    assert choose_messages("id", {}, ["en"]) == ("id", None)
    # A locale is passed over without a word: most machines have one nobody chose for this.
    assert choose_messages(None, {"LANG": "vi_VN.UTF-8"}, ["id"]) == ("id", None)


def test_a_sites_own_catalogue_stands_for_its_language() -> None:
    vietnamese = make_catalogue("vi", {**catalogue_data("en"), "name": "Tiếng Việt"})
    site = {"vi": vietnamese}
    assert choose_messages(None, {"FLOWS_LANG": "vi"}, ["id"], site) == (vietnamese, None)
    language, notice = choose_messages("th", {}, ["id"], site)
    assert language == DEFAULT_LANGUAGE
    assert notice is not None and "(messages exist in en, id, vi;" in notice


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("version: 1\nflows: {}\n", ("id",)),
        ("version: 1\nlanguages: [en, id]\nflows:\n", ("en", "id")),
        ("languages:\n  - 'en'  # English first\n  - id\nflows: [\n", ("en", "id")),
        ("flows:\n  a:\n    languages: [en]\n", ("id",)),
    ],
)
def test_the_file_languages_are_read_even_from_a_broken_file(
    text: str, expected: tuple[str, ...]
) -> None:
    assert declared_languages(text) == expected


# -- as editors run it -----------------------------------------------------------------------


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    (tmp_path / "flows.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


UNREACHED_EN = "flows.yaml:11:7: error FL205: outcome 'hubungi' is never reached"
UNREACHED_ID = "flows.yaml:11:7: error FL205: panduan 'hubungi' tidak pernah dicapai"


def test_an_indonesian_file_is_reported_in_indonesian(broken: Path) -> None:
    result = run("check", cwd=broken, LANG="C.UTF-8")
    assert result.returncode == 1
    assert result.stderr.startswith(UNREACHED_ID)
    assert "flows.yaml: 1 kesalahan\n" in result.stderr


def test_lang_option_chooses_english(broken: Path) -> None:
    result = run("check", "--lang", "en", cwd=broken, FLOWS_LANG="id", LANG="id_ID.UTF-8")
    assert result.returncode == 1
    assert result.stderr.startswith(UNREACHED_EN)


def test_flows_lang_chooses_english(broken: Path) -> None:
    result = run("check", cwd=broken, FLOWS_LANG="en", LANG="id_ID.UTF-8")
    assert result.stderr.startswith(UNREACHED_EN)


def test_the_locale_chooses_english_for_an_indonesian_file(broken: Path) -> None:
    result = run("check", cwd=broken, LC_ALL="en_US.UTF-8")
    assert result.stderr.startswith(UNREACHED_EN)
    assert "flows.yaml: 1 error\n" in result.stderr


@pytest.mark.parametrize(
    ("args", "env"), [(("--lang", "vi"), {}), ((), {"FLOWS_LANG": "vi"})], ids=["lang", "env"]
)
def test_a_language_without_messages_checks_in_english_after_one_notice(
    broken: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    result = run("check", *args, cwd=broken, LANG="id_ID.UTF-8", **env)
    assert result.returncode == 1  # the file's problems, not a usage error
    assert result.stderr.startswith(f"{NOTICE_VI}\n{UNREACHED_EN} from the start")
    assert result.stderr.count("note:") == 1 and "Traceback" not in result.stderr


def test_explain_in_a_language_without_messages_explains_in_english(tmp_path: Path) -> None:
    result = run("explain", "FL204", "--lang", "th", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == NOTICE_VI.replace("'vi'", "'th'") + "\n"
    assert result.stdout == explain("FL204", "en")


def test_every_command_with_messages_takes_any_language(tmp_path: Path) -> None:
    (tmp_path / "flows.yaml").write_text(BROKEN.split("      hubungi:")[0], encoding="utf-8")
    commands = [
        ["check"],
        ["paths"],
        ["keywords"],
        ["export", str(tmp_path / "out")],
        ["new", str(tmp_path / "new"), "--languages", "en"],
    ]
    for command in commands:
        result = run(*command, cwd=tmp_path, FLOWS_LANG="vi")
        assert result.returncode == 0, (command, result.stderr)
        assert result.stderr.splitlines()[0] == NOTICE_VI, command
        assert result.stderr.count("note:") == 1, command


def test_explain_prints_the_explanation_in_the_chosen_language(tmp_path: Path) -> None:
    result = run("explain", "fl204", "--lang", "id", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == explain("FL204", "id")
    english = run("explain", "FL204", cwd=tmp_path, LANG="en_US.UTF-8")
    assert english.stdout == explain("FL204", "en")


def test_explain_of_an_unknown_code_suggests_the_closest(tmp_path: Path) -> None:
    result = run("explain", "FL2044", "--lang", "en", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: there is no message with the code 'FL2044'\n  hint: did you mean FL204?\n"
    )


@pytest.fixture
def no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """No FLOWS_LANG and no locale: the flows file in the current folder chooses."""
    for name in ("FLOWS_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("written", ["204", "fl204", "FL204"])
def test_explain_takes_a_code_as_editors_write_it_in_their_language(
    written: str, broken: Path, no_language_set: None
) -> None:
    status, out, err = run_cli("explain", written, cwd=broken)
    assert (status, err) == (0, "")
    assert out.startswith("FL204: `next` menunjuk id yang tidak ada\n\n    error FL204: pilihan ")
    status, out, err = run_cli("explain", written, "--lang", "en", cwd=broken)
    assert out.startswith("FL204: 'next' names an id that does not exist\n\n    error FL204: ")


def test_explain_of_an_unknown_code_answers_in_the_editors_language(
    broken: Path, no_language_set: None
) -> None:
    status, out, err = run_cli("explain", "2044", cwd=broken)
    assert (status, out) == (2, "")
    assert err == "error: tidak ada pesan dengan kode '2044'\n  saran: maksud Anda FL204?\n"
    status, out, err = run_cli("explain", "halo", cwd=broken)
    assert err == (
        "error: tidak ada pesan dengan kode 'halo'\n  saran: kodenya dari FL001 sampai FL511\n"
    )
