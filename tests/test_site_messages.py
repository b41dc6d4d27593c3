"""A site's own catalogues of messages (the flows plugin's `messages` option): a team reads the
checker in its language; a catalogue that falls short is a coded problem naming what it lacks,
never a traceback; and a language with no catalogue at all falls back to English, saying so once,
on every command and in builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import Ran, run_in_new_process
from helpers import run_in_language as run

from generator.format.catalogues import catalogue_gaps, load_catalogues
from generator.format.problems import SHOWN, catalogue_data, format_problems, languages

LANGUAGE_SETTINGS = ("FLOWS_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")

FLOWS = """\
version: 1
languages: [vi]
flows:
  tra-hang:
    title: Trả hàng
    start: tu-tra
    outcomes:
      tu-tra:
        title: Tự trả hàng
        steps:
          - Nhấn Trả hàng.
      lien-he:
        title: Liên hệ người bán
        steps:
          - Gửi tin nhắn.
"""
MKDOCS_YML = """\
site_name: Trung tâm trợ giúp
docs_dir: docs
theme:
  name: material
  language: vi
plugins:
  - flows:
      messages: pesan
"""
UNREACHED_VI = "flows.yaml:12:7: error FL205: hướng dẫn 'lien-he' không bao giờ được tới"
UNREACHED_EN = "flows.yaml:12:7: error FL205: outcome 'lien-he' is never reached"


def vietnamese() -> dict:
    """A complete catalogue for Vietnamese: ours in English, with FL205 and the tally's phrase
    put into Vietnamese (CLDR gives Vietnamese the plural forms one and other)."""
    data = yaml.safe_load(yaml.safe_dump(catalogue_data("en")))
    data["name"] = "Tiếng Việt"
    data["codes"]["FL205"]["message"] = "{kind} '{id}' không bao giờ được tới (luồng '{flow}')"
    data["phrases"]["errors"] = {"one": "{n} lỗi", "other": "{n} lỗi"}
    data["phrases"]["kind-outcome"] = "hướng dẫn"
    return data


def write_site(folder: Path, catalogues: dict[str, object]) -> Path:
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Trợ giúp\n", encoding="utf-8")
    (folder / "flows.yaml").write_text(FLOWS, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (folder / "pesan").mkdir()
    for language, data in catalogues.items():
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
        (folder / "pesan" / f"{language}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_our_own_catalogues_pass_the_check_a_sites_must_pass() -> None:
    for language in languages():
        assert catalogue_gaps(catalogue_data(language), language) == ([], []), language


@pytest.mark.parametrize(("args", "env"), [(("--lang", "vi"), {}), ((), {"FLOWS_LANG": "vi"})])
def test_a_sites_catalogue_tells_the_problems_in_its_language(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    site = write_site(tmp_path, {"vi": vietnamese()})
    result = run("check", *args, cwd=site, **env)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{UNREACHED_VI} (luồng 'tra-hang')\n  hint: ")
    assert "flows.yaml: 1 lỗi\n" in result.stderr and "note:" not in result.stderr


def test_the_file_language_chooses_the_sites_catalogue_too(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"vi": vietnamese()})
    result = run("check", cwd=site, LANG="C.UTF-8")
    assert result.stderr.startswith(UNREACHED_VI)


def test_explain_reads_the_sites_catalogue_in_its_folder(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"vi": vietnamese()})
    result = run("explain", "FL205", "--lang", "vi", cwd=site)
    assert (result.returncode, result.stderr) == (0, "")
    # The site's message, filled in as its example makes it.
    assert (
        "    error FL205: hướng dẫn 'hubungi-penjual' không bao giờ được tới (luồng 'pesanan')\n"
        in result.stdout
    )


def test_a_site_changes_single_messages_of_a_language_we_ship(tmp_path: Path) -> None:
    message = "{kind} '{id}' tak terjangkau di alur '{flow}'"
    entry = {**catalogue_data("id")["codes"]["FL205"], "message": message}
    site = write_site(tmp_path, {"id": {"codes": {"FL205": entry}}})
    result = run("check", "--lang", "id", cwd=site)
    assert result.stderr.startswith(
        "flows.yaml:12:7: error FL205: panduan 'lien-he' tak terjangkau di alur 'tra-hang'\n"
    )
    assert "flows.yaml: 1 kesalahan\n" in result.stderr  # the rest is ours


def test_an_incomplete_catalogue_names_what_it_lacks_and_is_not_used(tmp_path: Path) -> None:
    data = vietnamese()
    del data["codes"]["FL204"]
    del data["codes"]["FL205"]["hint"]
    data["codes"]["FL205"]["message"] = "{kind} '{ma}' không bao giờ được tới"
    data["phrases"]["errors"] = {"other": "{n} lỗi"}  # Vietnamese has "one" too
    site = write_site(tmp_path, {"vi": data})
    result = run("check", "--lang", "vi", cwd=site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("note: there are no messages in 'vi', so they are in English")
    assert (
        "pesan/vi.yaml: error FL024: the messages in 'vi' are incomplete: pesan/vi.yaml lacks "
        "codes.FL204, codes.FL205.hint and has wrong placeholders or values for "
        "phrases.errors, codes.FL205.message"
    ) in lines
    assert (
        "  hint: compare it with generator/format/messages/en.yaml: every code, hint and "
        "phrase, with the same {placeholders}, and a phrase with a count in one form for each "
        "plural category of 'vi': one, other"
    ) in lines
    assert any(line.startswith(UNREACHED_EN) for line in lines)


def test_a_catalogue_with_little_in_it_names_the_first_few_it_lacks(tmp_path: Path) -> None:
    folder = tmp_path / "pesan"
    folder.mkdir()
    (folder / "ms.yaml").write_text("name: Bahasa Melayu\n", encoding="utf-8")
    found, problems = load_catalogues(folder, lambda path: path.name)
    assert found == {}
    english = catalogue_data("en")
    wanted = len(english["phrases"]) + len(english["codes"])
    first = [f"phrases.{key}" for key in english["phrases"]][:SHOWN]
    assert format_problems(problems, "en").startswith(
        "ms.yaml: error FL024: the messages in 'ms' are incomplete: ms.yaml lacks "
        f"{', '.join(first)} and {wanted - SHOWN} more\n"
    )


def test_a_catalogue_that_cannot_be_read_is_a_problem_at_its_line(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"vi": "name: [Tiếng\nphrases: {}\n", "th": "- nope\n"})
    result = run("check", "--lang", "en", cwd=site)
    assert result.returncode == 1
    assert "pesan/th.yaml: error FL025: cannot read the catalogue of messages: it is not a " in (
        result.stderr
    )
    assert "pesan/vi.yaml:2:8: error FL025: cannot read the catalogue of messages: did not " in (
        result.stderr
    )


def test_a_catalogue_named_after_no_language_is_a_problem(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"vn": vietnamese()})
    result = run("check", "--lang", "en", cwd=site)
    assert result.returncode == 1
    assert (
        "pesan/vn.yaml: error FL023: there are no CLDR rules for the language 'vn' of "
        "pesan/vn.yaml, so its dates and plural forms cannot be written\n"
    ) in result.stderr


# -- builds -----------------------------------------------------------------------------------


def build_site(site: Path, **env: str) -> Ran:
    """`flows build --strict` of the site, its flows file made sound first: in a process of its
    own, as the MkDocs build it starts prints to the process's own stderr."""
    (site / "flows.yaml").write_text(FLOWS.split("      lien-he:")[0], encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if k not in LANGUAGE_SETTINGS}
    return run_in_new_process("build", "--strict", cwd=site, env={**clean, **env})


def test_a_build_in_a_language_without_messages_says_so_once_and_builds(tmp_path: Path) -> None:
    site = write_site(tmp_path, {})
    result = build_site(site, FLOWS_LANG="th")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("note: there are no messages in 'th'") == 1
    assert (site / "site" / "tra-hang" / "tu-tra" / "index.html").is_file()


def test_mkdocs_itself_builds_in_a_language_without_messages(tmp_path: Path) -> None:
    site = write_site(tmp_path, {})
    build_site(site)  # the flows file of a good site
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        capture_output=True,
        text=True,
        env={**os.environ, "FLOWS_LANG": "th"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("note: there are no messages in 'th'") == 1


def test_a_broken_catalogue_stops_the_build_with_its_problem(tmp_path: Path) -> None:
    data = vietnamese()
    del data["codes"]["FL204"]
    site = write_site(tmp_path, {"vi": data})
    result = build_site(site, LANG="C.UTF-8")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "pesan/vi.yaml: error FL024: the messages in 'vi' are incomplete: " in result.stderr
    assert not (site / "site").exists()
