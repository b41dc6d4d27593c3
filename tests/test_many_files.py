"""A site's flows split over many files: finding the files, one model, the command line, the
plugin and the pre-commit hook."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_messages import run_in_process

from generator.format import schema
from generator.format.check import check_file, check_files, flows_files
from generator.format.problems import format_problems

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "flows" / "invalid"


def flow(flow_id: str, outcome: str = "selesai", languages: str = "") -> str:
    """A flows file of one small flow (two guides behind one question)."""
    head = f"version: 1\n{languages}flows:\n"
    return head + (
        f"  {flow_id}:\n"
        f"    title: Alur {flow_id}\n"
        "    start: tanya\n"
        "    questions:\n"
        "      tanya:\n"
        "        text: Sudah dibayar?\n"
        "        options:\n"
        "          - label: Sudah\n"
        f"            next: {outcome}\n"
        "          - label: Belum\n"
        "            next: tunggu\n"
        "    outcomes:\n"
        f"      {outcome}:\n"
        "        title: Selesai\n"
        "        steps:\n"
        "          - Ketuk Selesai.\n"
        "      tunggu:\n"
        "        title: Tunggu\n"
        "        steps:\n"
        "          - Tunggu sebentar.\n"
    )


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


# -- which files -----------------------------------------------------------------------------


def test_a_folder_gives_its_flows_files_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "alur/pesanan.yaml": flow("pesanan"),
            "alur/b/kirim.yml": flow("kirim"),
            "alur/a.yaml": flow("a"),
            "alur/catatan.md": "bukan alur",
            "alur/.cadangan.yaml": flow("cadangan"),
            "alur/.git/x.yaml": flow("x"),
        },
    )
    files, problems = flows_files(["alur/"], str(tmp_path))
    assert problems == []
    assert files == ["alur/a.yaml", "alur/b/kirim.yml", "alur/pesanan.yaml"]


def test_a_list_and_a_pattern_name_each_file_once_in_the_order_given(tmp_path: Path) -> None:
    write(tmp_path, {"lain.yaml": flow("lain"), "alur/a.yaml": flow("a"), "alur/b.yaml": flow("b")})
    files, problems = flows_files(["lain.yaml", "alur/*.yaml", "alur/a.yaml"], str(tmp_path))
    assert problems == []
    assert files == ["lain.yaml", "alur/a.yaml", "alur/b.yaml"]


def test_a_missing_path_an_empty_folder_and_a_pattern_without_files_are_told(
    tmp_path: Path,
) -> None:
    (tmp_path / "kosong").mkdir()
    _, problems = flows_files(["tidak-ada.yaml", "kosong", "alur/*.yaml"], str(tmp_path))
    assert [(p.pos.file, p.code, p.hint) for p in problems] == [
        ("tidak-ada.yaml", "FL001", "default"),
        ("kosong", "FL010", "folder"),
        ("alur/*.yaml", "FL010", "glob"),
    ]


# -- one model -------------------------------------------------------------------------------


def test_several_files_make_one_model_whose_nodes_name_their_own_files(tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": flow("pesanan"), "b/c.yaml": flow("kirim", outcome="terkirim")})
    document, problems = check_files([tmp_path / "a.yaml", tmp_path / "b/c.yaml"], ["a", "b/c"])
    assert problems == [] and document is not None
    assert list(document.flows) == ["pesanan", "kirim"]
    kirim = document.flows["kirim"]
    assert {kirim.pos.file, kirim.outcomes["terkirim"].pos.file} == {"b/c"}
    assert document.flows["pesanan"].questions["tanya"].pos.file == "a"


@pytest.mark.parametrize("name", ["several-defects", "next-unknown", "yaml-unclosed-quote"])
def test_one_file_is_checked_exactly_as_before(name: str) -> None:
    path = INVALID / f"{name}.yaml"
    assert check_files([path], [path.name]) == check_file(path, path.name)


def test_every_file_is_checked_and_problems_come_sorted_by_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "b.yaml": flow("b").replace("next: tunggu", "next: tungu"),
            "a.yaml": "version: 1\nflows:\n  a:\n\ttitle: A\n",
            "c.yaml": flow("c").replace("title: Tunggu", "titel: Tunggu"),
        },
    )
    names = ["b.yaml", "a.yaml", "c.yaml"]
    document, problems = check_files([tmp_path / n for n in names], names)
    assert document is None
    assert [(p.pos.file, p.code) for p in problems] == [
        ("a.yaml", "FL110"),
        ("b.yaml", "FL204"),
        ("c.yaml", "FL402"),
    ]


def test_a_flow_id_in_two_files_names_both_places(tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": flow("pesanan"), "b.yaml": "# dua\n" + flow("pesanan")})
    _, problems = check_files([tmp_path / "a.yaml", tmp_path / "b.yaml"], ["a.yaml", "b.yaml"])
    assert format_problems(problems, "en").splitlines()[0] == (
        "b.yaml:4:3: error FL211: flow id 'pesanan' is already used in a.yaml:3:3"
    )


def test_files_without_languages_agree_with_files_in_indonesian(tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": flow("a", languages="languages: [id]\n"), "b.yaml": flow("b")})
    document, problems = check_files([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    assert problems == [] and document is not None
    assert document.languages == ("id",)


def test_a_version_that_differs_names_both_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "KNOWN_VERSIONS", (1, 2))
    write(tmp_path, {"a.yaml": flow("a"), "b.yaml": flow("b").replace("version: 1", "version: 2")})
    _, problems = check_files([tmp_path / "a.yaml", tmp_path / "b.yaml"], ["a.yaml", "b.yaml"])
    assert format_problems(problems, "en").splitlines()[0] == (
        "b.yaml:1:1: error FL511: 'version' is 2 here but 1 in a.yaml:1:1"
    )


def test_each_file_of_a_split_site_is_valid_against_the_json_schema(tmp_path: Path) -> None:
    import jsonschema

    checker = jsonschema.Draft202012Validator(
        json.loads((ROOT / "flows.schema.json").read_text(encoding="utf-8"))
    )
    write(tmp_path, {"alur/a.yaml": flow("a"), "alur/b.yaml": flow("b")})
    files, _ = flows_files(["alur"], str(tmp_path))
    assert check_files([tmp_path / f for f in files])[1] == []
    for name in files:
        data = yaml.safe_load((tmp_path / name).read_text(encoding="utf-8"))
        assert list(checker.iter_errors(data)) == [], name


# -- the command line ------------------------------------------------------------------------


def test_check_takes_files_and_folders_together(tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": flow("a"), "alur/b.yaml": flow("b"), "alur/c/d.yaml": flow("d")})
    assert run_in_process(["check", "a.yaml", "alur/", "--lang", "en"], tmp_path) == (
        0,
        "3 files: ok: 3 flows, 3 questions, 6 outcomes, 6 paths\n",
        "",
    )
    code, out, _ = run_in_process(["check", "alur", "--lang", "en"], tmp_path)
    assert (code, out) == (0, "alur (2 files): ok: 2 flows, 2 questions, 4 outcomes, 4 paths\n")
    code, out, _ = run_in_process(["check", "a.yaml", "--lang", "en"], tmp_path)
    assert (code, out) == (0, "a.yaml: ok: 1 flow, 1 question, 2 outcomes, 2 paths\n")


def test_check_of_a_clash_between_files_exits_1(tmp_path: Path) -> None:
    write(tmp_path, {"alur/a.yaml": flow("a"), "alur/b.yaml": flow("a")})
    code, out, err = run_in_process(["check", "alur", "--lang", "en"], tmp_path)
    assert (code, out) == (1, "")
    assert err.splitlines()[0].startswith(
        "alur/b.yaml:3:3: error FL211: flow id 'a' is already used in alur/a.yaml:3:3"
    )
    assert "alur (2 files): 1 error\n" in err


def test_a_missing_or_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "kosong").mkdir()
    code, _, err = run_in_process(["check", "kosong", "--lang", "en"], tmp_path)
    assert (code, err.splitlines()[0]) == (
        2,
        "kosong: error FL010: there are no flows files (.yaml or .yml) here",
    )
    code, _, err = run_in_process(["check", "tidak-ada/", "--lang", "en"], tmp_path)
    assert code == 2 and err.startswith("tidak-ada/: error FL001: cannot read the file")


def test_paths_and_export_take_a_folder(tmp_path: Path) -> None:
    write(tmp_path, {"alur/a.yaml": flow("a"), "alur/b.yaml": flow("b")})
    code, out, _ = run_in_process(["paths", "alur", "--format", "csv"], tmp_path)
    assert code == 0
    assert [row.split(",")[0] for row in out.splitlines()[1:]] == ["a", "a", "b", "b"]
    code, _, err = run_in_process(["paths", "alur", "--flow", "c"], tmp_path)
    assert code == 2 and "there is no flow 'c'" in err, err
    code, out, err = run_in_process(
        ["export", "keluar", "--file", "alur/a.yaml", "alur/b.yaml", "--lang", "en"], tmp_path
    )
    assert code == 0, err
    assert (tmp_path / "keluar/id/docs/a/selesai.md").is_file()
    assert (tmp_path / "keluar/id/docs/b/selesai.md").is_file()


def test_the_sites_settings_come_from_the_current_folder_for_a_folder_of_flows(
    tmp_path: Path,
) -> None:
    two = "languages: [id, en]\n"
    bilingual = (
        flow("a", languages=two)
        .replace("Alur a", "{id: Alur a, en: Flow a}")
        .replace("Sudah dibayar?", "{id: Sudah dibayar?, en: Paid?}")
        .replace("label: Sudah", "label: {id: Sudah, en: 'Yes'}")
        .replace("label: Belum", "label: {id: Belum, en: Not yet}")
        .replace("title: Selesai", "title: {id: Selesai, en: Done}")
        .replace("title: Tunggu", "title: {id: Tunggu, en: Wait}")
        .replace("- Ketuk Selesai.", "- {id: Ketuk Selesai., en: Tap Done.}")
        .replace("- Tunggu sebentar.", "- {id: Tunggu sebentar., en: Wait a while.}")
    )
    write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: Toko\ndocs_dir: halaman\nplugins:\n  - flows:\n"
            "      file: alur/\n",
            "halaman/tentang.md": "# Tentang\n",
            "alur/a.yaml": bilingual,
        },
    )
    code, _, err = run_in_process(["check", "alur", "--lang", "en"], tmp_path)
    assert code == 0
    assert "warning FL006" in err and "halaman/en/tentang.md" in err


# -- the plugin ------------------------------------------------------------------------------

MKDOCS_YML = """\
site_name: Toko
theme:
  name: material
  language: id
  font: false
plugins:
  - search
  - flows:
      file: {file}
"""


def site(root: Path, option: str, files: dict[str, str]) -> Path:
    write(root, {"docs/index.md": "# Bantuan\n", **files})
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(file=option), encoding="utf-8")
    return root


def build(root: Path) -> Path:
    """Build the site in process, as `mkdocs build --strict` does; returns the site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    mkdocs_build(load_config(str(root / "mkdocs.yml"), strict=True))
    return root / "site"


def build_error(root: Path) -> str:
    """The message with which the plugin stops `mkdocs build` (before anything is written)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["flows"]
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError) as raised:
        plugin.on_config(config)
    return str(raised.value)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWS_LANG", "en")


def test_a_folder_option_builds_every_flow_of_every_file(tmp_path: Path) -> None:
    root = site(
        tmp_path, "alur/", {"alur/a.yaml": flow("pesanan"), "alur/lain/b.yaml": flow("kirim")}
    )
    built = build(root)
    for url in ("pesanan", "pesanan/selesai", "kirim", "kirim/tunggu"):
        assert (built / url / "index.html").is_file(), url
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="pesanan/"' in home and 'href="kirim/"' in home


def test_a_list_option_with_a_pattern_builds_every_flow(tmp_path: Path) -> None:
    files = {"alur/a.yaml": flow("a"), "alur/b.yml": flow("b"), "lain.yaml": flow("c")}
    root = site(tmp_path, "[alur/*.yaml, lain.yaml]", files)
    built = build(root)
    assert (built / "a" / "index.html").is_file() and (built / "c" / "index.html").is_file()
    assert not (built / "b").exists()  # the pattern names .yaml files only


def test_a_clash_across_files_stops_the_build_naming_both_files(tmp_path: Path) -> None:
    root = site(tmp_path, "alur", {"alur/a.yaml": flow("a"), "alur/b.yaml": flow("a")})
    assert build_error(root).startswith(
        "alur/b.yaml:3:3: error FL211: flow id 'a' is already used in alur/a.yaml:3:3"
    )


def test_each_message_of_the_build_names_its_own_file(tmp_path: Path) -> None:
    files = {
        "alur/a.yaml": flow("a").replace("next: tunggu", "next: tungu"),
        "alur/b.yaml": flow("b").replace("title: Selesai", "titel: Selesai"),
    }
    root = site(tmp_path, "alur", files)
    message = build_error(root)
    names, _ = flows_files(["alur"], str(root))
    _, problems = check_files([root / name for name in names], names)
    assert message == format_problems(problems, "en")
    heads = re.findall(r"^(\S+?):\d+:\d+: error (FL\d+)", message, re.M)
    assert heads == [("alur/a.yaml", "FL204"), ("alur/b.yaml", "FL402")]


def test_an_empty_folder_option_stops_the_build(tmp_path: Path) -> None:
    root = site(tmp_path, "alur", {})
    (root / "alur").mkdir()
    assert build_error(root).startswith(
        "alur: error FL010: there are no flows files (.yaml or .yml) here"
    )


def test_an_option_that_is_not_a_path_is_a_coded_problem_at_its_line(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    root = site(tmp_path, "3", {})
    config = load_config(str(root / "mkdocs.yml"))
    with pytest.raises(PluginError) as raised:
        config.plugins.on_config(config)
    assert str(raised.value).endswith(
        "error FL015: the setting 'file' cannot be used as written\n"
        "  hint: give a flows file, a folder or a pattern, or a list of them, "
        "e.g. file: flows.yaml or file: [alur/, lain.yaml]"
    )
    assert "mkdocs.yml:" in str(raised.value)


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_every_file_and_folder_and_finds_new_files(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.config import load_config

    files = {"alur/a.yaml": flow("a"), "lain/b.yaml": flow("b"), "c.yaml": flow("c")}
    root = site(tmp_path, "[alur, 'lain/*.yaml', c.yaml]", files)
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["flows"]
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)
    server = FakeServer()
    plugin.on_serve(server, config=config, builder=None)
    expected = ["alur/a.yaml", "lain/b.yaml", "c.yaml", "alur", "lain"]
    assert sorted(server.watched) == sorted(str(root / path) for path in expected)

    # A new file in the folder is part of the next build; a broken one keeps the last good site.
    write(root, {"alur/d.yaml": flow("d")})
    plugin.on_config(load_config(str(root / "mkdocs.yml")))
    assert plugin.document is not None and "d" in plugin.document.flows
    write(root, {"alur/e.yaml": flow("a")})
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.flows"):
        plugin.on_config(load_config(str(root / "mkdocs.yml")))
    assert "alur/e.yaml:3:3: error FL211" in caplog.text
    assert plugin.document is not None and "d" in plugin.document.flows


# -- the pre-commit hook ---------------------------------------------------------------------


def test_the_pre_commit_hook_checks_every_changed_flows_file_together(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [hook for hook in hooks if hook["id"] == "flows-check"]
    files = re.compile(hook["files"])
    changed = ["flows.yaml", "situs/flows.yml", "flows/a.yaml", "flows/lain/b.yaml"]
    assert [path for path in changed if files.search(path)] == changed
    assert not any(files.search(path) for path in ("mkdocs.yml", "alur.yaml", "flowsx.yaml"))
    assert hook.get("pass_filenames", True) and hook.get("require_serial")

    write(tmp_path, {"flows/a.yaml": flow("a"), "flows/lain/b.yaml": flow("a")})
    # pre-commit appends the changed files that match to the entry.
    result = subprocess.run(
        [sys.executable, *hook["entry"].split()[1:], "flows/a.yaml", "flows/lain/b.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "FLOWS_LANG": "en"},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("flows/lain/b.yaml:3:3: error FL211")
