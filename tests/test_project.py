"""The project's settings (generator/site/project.py): one reading of mkdocs.yml that every
command and engine shares, with coded problems at their positions."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from helpers import run_cli

from generator.engines import pipeline
from generator.format.problems import format_problems
from generator.site.project import read_project

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "flows" / "valid"

SITE = """\
site_name: Toko
docs_dir: content
theme:
  name: material
  language: id
  font: false
plugins:
  - flows:
      file: {file}
"""


def site(folder: Path, file: str, mkdocs_yml: str = SITE) -> Path:
    """A site whose flows are two files: `flows/a.yaml` and `flows/b.yaml`, one flow each."""
    (folder / "content").mkdir(parents=True)
    (folder / "content" / "index.md").write_text("# Bantuan\n", encoding="utf-8")
    (folder / "flows").mkdir()
    minimal = (VALID / "minimal.yaml").read_text(encoding="utf-8")
    (folder / "flows" / "a.yaml").write_text(minimal, encoding="utf-8")
    other = minimal.replace("batalkan-pesanan:", "lacak-pesanan:", 1)
    (folder / "flows" / "b.yaml").write_text(other, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(mkdocs_yml.replace("{file}", file), encoding="utf-8")
    return folder / "mkdocs.yml"


def problems_of(config: Path) -> str:
    project, problems = read_project(config, shown="mkdocs.yml")
    assert project is None
    return format_problems(problems, "en")


@pytest.mark.parametrize(
    "file",
    [
        "flows/",
        "'flows/*.yaml'",
        "[flows/a.yaml, flows/b.yaml]",
        "[flows/]",
        "[flows/a.yaml, flows/]",
    ],
)
def test_every_form_of_file_names_the_same_flows_for_every_reader(tmp_path, file):
    config = site(tmp_path, file)
    project, problems = read_project(config)
    assert problems == [] and project is not None
    paths, missing = project.flows_files()
    assert (paths, missing) == (["flows/a.yaml", "flows/b.yaml"], [])
    # The pipeline every engine runs checks exactly those files.
    document, found = pipeline.Pipeline(project).check()
    assert document is not None, found
    assert list(document.flows) == ["batalkan-pesanan", "lacak-pesanan"]


def test_one_file_in_a_list_builds_with_zensical_without_a_traceback(tmp_path):
    shutil.copyfile(VALID / "minimal.yaml", tmp_path / "flows.yaml")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Bantuan\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(SITE.replace("{file}", "[flows.yaml]"), encoding="utf-8")
    code, out, err = run_cli("build", "--engine", "zensical", "--lang", "en", cwd=tmp_path)
    assert "Traceback" not in err
    assert code == 0, err
    assert out.startswith("site: built 1 language (id) with Zensical")


def test_env_tags_and_the_mapping_form_of_plugins_are_read_as_mkdocs_reads_them(
    tmp_path, monkeypatch
):
    config = site(
        tmp_path,
        "",
        "site_name: !ENV [SITE_NAME, Toko]\n"
        "site_url: !ENV SITE_URL\n"
        "docs_dir: content\n"
        "plugins:\n"
        "  search: {}\n"
        "  flows:\n"
        "    file: !ENV [FLOWS_FILES, flows/a.yaml]\n",
    )
    monkeypatch.setenv("SITE_URL", "https://contoh.id/bantuan/")
    monkeypatch.setenv("FLOWS_FILES", "flows/b.yaml")
    project, problems = read_project(config)
    assert problems == [] and project is not None
    assert project.site_name == "Toko"
    assert project.site_url == "https://contoh.id/bantuan/"
    assert project.flows == ("flows/b.yaml",)
    assert [name for name, _ in project.plugins] == ["search", "flows"]
    assert project.engine_settings()["plugins"] == ["search"]


def test_a_yaml_error_is_reported_at_its_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: [Toko\n", encoding="utf-8")
    assert problems_of(config).startswith("mkdocs.yml:2:1: error FL014: cannot read the site's ")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            "",
            "mkdocs.yml:9:7: error FL015: the setting 'file' cannot be used as written\n"
            "  hint: give a flows file, a folder or a pattern, or a list of them, e.g. "
            "file: flows.yaml or file: [alur/, lain.yaml]",
        ),
        (
            "      templates: overides\n",
            "mkdocs.yml:10:7: error FL016: the folder 'overides' of the setting 'templates' does "
            "not exist\n  hint: create it, or correct the name: it is relative to the folder of "
            "mkdocs.yml",
        ),
        (
            "      files: flows/\n",
            "mkdocs.yml:10:7: error FL018: the flows plugin has no option 'files'\n"
            "  hint: did you mean 'file'? the options are file, templates, strings, messages, "
            "site_name, feedback, share_image",
        ),
        (
            "      messages: [pesan]\n",
            "mkdocs.yml:10:7: error FL015: the setting 'messages' cannot be used as written\n"
            "  hint: give the name of a folder, relative to mkdocs.yml, e.g. templates: overrides",
        ),
        (
            "      messages: pesan\n",
            "mkdocs.yml:10:7: error FL016: the folder 'pesan' of the setting 'messages' does "
            "not exist\n  hint: create it, or correct the name: it is relative to the folder of "
            "mkdocs.yml",
        ),
        (
            "      site_name: English name\n",
            "mkdocs.yml:10:7: error FL015: the setting 'site_name' cannot be used as written\n"
            "  hint: give the site's name per language, e.g. `site_name: {en: Order help}`",
        ),
    ],
)
def test_a_bad_option_is_a_coded_problem_at_its_line(tmp_path, options, expected):
    # With no option added, `file` itself is wrong.
    config = site(tmp_path, "flows/" if options else "3", SITE + options)
    assert problems_of(config) == expected


def test_every_command_and_engine_reports_a_missing_folder_alike(tmp_path):
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    config = site(tmp_path, "flows/", SITE + "      templates: overides\n")
    expected = (
        "error FL016: the folder 'overides' of the setting 'templates' does not exist\n"
        "  hint: create it, or correct the name: it is relative to the folder of mkdocs.yml"
    )
    for argv in (["check", "flows/"], ["build", "--engine", "zensical"]):
        code, _, err = run_cli(*argv, "--lang", "en", cwd=tmp_path)
        assert code == 1 and f"mkdocs.yml:10:7: {expected}" in err, (argv, err)
    mkdocs_config = load_config(str(config))
    with pytest.raises(PluginError) as raised:
        mkdocs_config.plugins.on_config(mkdocs_config)
    assert str(raised.value).endswith(f":10:7: {expected}")


def test_a_missing_engine_is_named_with_its_install_command(tmp_path, monkeypatch):
    site(tmp_path, "flows/")
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name)
    )
    for command in ("build", "serve"):
        code, out, err = run_cli(command, "--engine", "zensical", "--lang", "en", cwd=tmp_path)
        assert code == 2
        assert err == (
            "mkdocs.yml: error FL019: the site engine 'zensical' is not installed\n"
            "  hint: install it with: pip install 'flows-generator[zensical]'\n"
        )
        assert "Serving" not in out + err
