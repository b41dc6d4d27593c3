"""`flows new`: a new site in the languages asked for, that checks clean and builds strictly on
both engines at once; a folder that is not empty and an unknown language are coded problems."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from generator import cli
from generator.starter import starter_languages


def run(argv: list[str], folder: Path) -> tuple[int, str, str]:
    """`flows ARGV` in `folder`, without a new interpreter."""
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(argv)
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


def test_flows_is_a_console_script_of_the_same_commands() -> None:
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "flows"]
    assert script.value == "generator.cli:run"


@pytest.mark.parametrize("languages", ["id,en", "en,id", "en"])
def test_a_new_site_checks_clean_and_builds_strictly_on_both_engines(tmp_path, languages):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    code, out, err = run(["new", "site-baru", "--languages", languages, "--lang", "en"], tmp_path)
    assert (code, err) == (0, "")
    first = languages.split(",")[0]
    assert out.startswith(f"site-baru: wrote a new site in {languages.replace(',', ', ')} (")
    site = tmp_path / "site-baru"
    assert {".gitignore", "README.md", "mkdocs.yml", "flows.yaml", "docs"} <= {
        path.name for path in site.iterdir()
    }
    assert ".flows-build/" in (site / ".gitignore").read_text(encoding="utf-8")
    code, out, err = run(["check", "--lang", "en"], site)
    assert code == 0 and err == "" and out.startswith("flows.yaml: ok: 1 flow, 2 questions, 3 ")
    build(load_config(str(site / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "mkdocs")))
    home = (tmp_path / "mkdocs" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{first}"' in home
    assert "return-item/return-damaged/" in home  # the generated list of guides
    code, out, err = run(["build", "--engine", "zensical", "--strict", "--lang", "en"], site)
    assert code == 0, err
    for other in languages.split(",")[1:]:
        assert (site / "site" / other / "return-item" / "waiting" / "index.html").is_file()


def test_a_folder_that_is_not_empty_is_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, out, err = run(["new", ".", "--languages", "id", "--lang", "en"], tmp_path)
    assert code == 2 and out == ""
    assert err == (
        ".: error FL021: '.' is not empty: a new site goes into a new or empty folder\n"
        "  hint: name a folder that does not exist yet; nothing was written\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_a_language_without_words_names_the_languages_there_are(tmp_path):
    code, _, err = run(["new", "baru", "--languages", "id,xx", "--lang", "id"], tmp_path)
    assert code == 2
    listed = ", ".join(starter_languages())
    assert err.startswith(
        "baru: error FL022: belum ada kata-kata antarmuka untuk bahasa 'xx'\n"
        f"  saran: bahasa yang bisa dipakai untuk situs baru: {listed}; "
    )
    assert not (tmp_path / "baru").exists()
