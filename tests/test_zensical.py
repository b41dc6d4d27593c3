"""The Zensical engine: its settings from mkdocs.yml, links as Zensical reads them, a site per
language in its place, and a broken flows file that leaves the last site alone."""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from helpers import run_cli

from generator.engines import export, zensical
from generator.engines.export import LanguageSite
from generator.format.check import check_file
from generator.format.problems import editor_language, file_languages, format_problems
from generator.site.project import WORK_DIR, Project, read_project

ROOT = Path(__file__).resolve().parent.parent
FLOWS = ROOT / "tests" / "flows" / "valid" / "two-flows.yaml"
BROKEN = ROOT / "tests" / "flows" / "invalid" / "next-unknown.yaml"

MKDOCS_YML = """\
site_name: Toko
site_url: https://contoh.id/bantuan/
docs_dir: content
theme:
  name: material
  language: id
  font: false
  custom_dir: overrides
extra_css: [site.css]
plugins:
  - search:
      lang: id
  - flows:
      file: flows.yaml
  - tags
markdown_extensions:
  - toc
"""

needs_zensical = pytest.mark.skipif(
    shutil.which("zensical", path=str(Path(sys.executable).parent)) is None,
    reason="install the zensical extra: pip install -e '.[zensical]' (make test does)",
)


def project_in(folder: Path, flows: Path = FLOWS, mkdocs_yml: str = MKDOCS_YML) -> Path:
    """A small site in `folder`: mkdocs.yml, a flows file, one hand-written page."""
    (folder / "content").mkdir()
    (folder / "content" / "index.md").write_text("# Bantuan\n\nHalo.\n", encoding="utf-8")
    (folder / "overrides").mkdir()
    shutil.copyfile(flows, folder / "flows.yaml")
    (folder / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    return folder / "mkdocs.yml"


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def read(config: Path) -> Project:
    """The project of `config`, which must be sound."""
    project, problems = read_project(config)
    assert project is not None, problems
    return project


def test_hands_zensical_the_other_plugins(tmp_path):
    project = read(project_in(tmp_path))
    # flows is done by the export, search is ours; the rest is Zensical's to judge.
    assert zensical.engine_settings(project)["plugins"] == ["tags"]


def test_engine_config_merges_the_language_into_the_site_settings(tmp_path):
    project = read(project_in(tmp_path))
    docs = tmp_path / "build" / "en" / "docs"
    language = {
        "nav": ["index.md"],
        "extra_css": ["assets/flows/flows.css"],
        "theme": {"language": "en", "palette": [{"scheme": "slate"}]},
        "extra": {"alternate": [{"name": "English", "link": "/bantuan/en/", "lang": "en"}]},
    }
    site = LanguageSite("en", "en/", docs, language)
    config = zensical.engine_config(project, site, site_url=None)
    assert config["theme"]["language"] == "en"
    assert config["theme"]["palette"] == [{"scheme": "slate"}]  # the language's, not both
    assert config["theme"]["variant"] == "classic"  # Material's look, not Zensical's "modern"
    assert config["theme"]["font"] is False
    assert config["theme"]["custom_dir"] == str(tmp_path / "overrides")
    assert config["extra_css"] == ["site.css", "assets/flows/flows.css"]
    assert config["extra"]["alternate"] == language["extra"]["alternate"]
    assert config["nav"] == ["index.md"]
    assert config["site_url"] == "https://contoh.id/bantuan/en/"
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "site")
    assert {"pymdownx.highlight": {"use_pygments": False}} in config["markdown_extensions"]
    # Our search box and its Pagefind index serve both engines; Zensical's own search is off.
    assert config["plugins"] == ["tags", {"search": {"enabled": False}}]


def test_a_site_that_chose_a_variant_keeps_it(tmp_path):
    mkdocs_yml = MKDOCS_YML.replace("  font: false\n", "  font: false\n  variant: modern\n")
    project = read(project_in(tmp_path, mkdocs_yml=mkdocs_yml))
    site = LanguageSite("id", "", tmp_path / "docs", {})
    assert zensical.engine_config(project, site, site_url=None)["theme"]["variant"] == "modern"


@pytest.mark.parametrize(
    ("page", "written", "expected"),
    [
        # A guide at a/b.md is served at a/b/: the renderer's links count from there.
        ("a/b.md", '<a href="../">', '<a href="index.md">'),
        ("a/b.md", '<a href="../c/">', '<a href="c.md">'),
        ("a/b.md", '<a class="x" href="../c/#langkah">', '<a class="x" href="c.md#langkah">'),
        ("a/b.md", '<a href="../gone/">', '<a href="gone/">'),
        ("a/b.md", '<a href="#langkah">', '<a href="#langkah">'),
        ("a/b.md", '<a href="https://contoh.id/">', '<a href="https://contoh.id/">'),
        ("a/b.md", '<a href="/a/">', '<a href="/a/">'),
        # Zensical leaves SVG links alone, so they stay relative to the address.
        ("a/b.md", '<a xlink:href="../c/">', '<a xlink:href="../c/">'),
        # Served from its own folder: both readings agree.
        ("a/index.md", '<a href="c/">', '<a href="c/">'),
    ],
)
def test_links_in_html_are_made_relative_to_the_file(tmp_path, page, written, expected):
    for name in ("a/index.md", "a/c.md", page):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(written if name == page else "# x\n", encoding="utf-8")
    zensical._make_links_source_relative(tmp_path, page)
    assert (tmp_path / page).read_text(encoding="utf-8") == expected


def two_languages(document, out_dir, **_):
    """An export of two languages, each a one-page docs tree."""
    sites = []
    for language, prefix, words in (("id", "", "Halo"), ("en", "en/", "Hello")):
        docs = out_dir / language / "docs"
        docs.mkdir(parents=True)
        (docs / "index.md").write_text(f"# {words}\n", encoding="utf-8")
        sites.append(LanguageSite(language, prefix, docs, {"theme": {"language": language}}))
    return sites


@needs_zensical
def test_builds_each_language_into_its_place(tmp_path, monkeypatch):
    project = read(project_in(tmp_path))
    document, _ = check_file(project.root / project.flows[0])
    monkeypatch.setattr(export, "export_site", two_languages, raising=False)
    content = files_of(project.docs_dir)
    built = zensical.build_site(project, document, tmp_path / "site", work_dir=tmp_path / "work")
    assert built == ["id", "en"]
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    english = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in home and "Halo" in home
    assert '<html lang="en"' in english and "Hello" in english
    assert "https://contoh.id/bantuan/en/" in english  # its canonical address has the prefix
    # One sitemap for the whole site, as the MkDocs plugin makes: both homes are in it.
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://contoh.id/bantuan/</loc>" in sitemap
    assert "<loc>https://contoh.id/bantuan/en/</loc>" in sitemap
    assert files_of(project.docs_dir) == content  # content/ is never written


@needs_zensical
def test_a_failed_zensical_build_leaves_the_last_site(tmp_path, monkeypatch):
    project = read(project_in(tmp_path))
    document, _ = check_file(project.root / project.flows[0])
    monkeypatch.setattr(export, "export_site", two_languages, raising=False)
    zensical.build_site(project, document, tmp_path / "site", work_dir=tmp_path / "work")
    before = files_of(tmp_path / "site")

    def broken_link(document, out_dir, **options):
        sites = two_languages(document, out_dir, **options)
        (sites[1].docs_dir / "index.md").write_text("[x](nowhere.md)\n", encoding="utf-8")
        return sites

    monkeypatch.setattr(export, "export_site", broken_link)
    with pytest.raises(zensical.EngineError) as error:
        zensical.build_site(
            project, document, tmp_path / "site", work_dir=tmp_path / "work", strict=True
        )
    assert "index.md:1:" in str(error.value) and "Traceback" not in str(error.value)
    assert files_of(tmp_path / "site") == before


@needs_zensical
def test_a_broken_flows_file_fails_the_build_with_the_checkers_messages(tmp_path):
    config = project_in(tmp_path)
    project = read(config)
    document, _ = check_file(project.root / project.flows[0])
    zensical.build_site(project, document, project.site_dir, work_dir=tmp_path / "work")
    site = files_of(project.site_dir)
    assert "index.html" in site
    shutil.copyfile(BROKEN, tmp_path / "flows.yaml")
    checked = run_cli("check", "flows.yaml", cwd=tmp_path)
    built = run_cli("build", "--engine", "zensical", cwd=tmp_path)
    assert (built.returncode, checked.returncode) == (1, 1)
    assert built.stderr == checked.stderr
    assert built.stdout == ""
    assert files_of(project.site_dir) == site
    assert not (tmp_path / WORK_DIR).exists()  # nothing was exported either


@needs_zensical
def test_builds_the_site_from_the_command_line_and_leaves_content_alone(tmp_path):
    project = read(project_in(tmp_path))
    content = files_of(project.docs_dir)
    result = run_cli("build", "--engine", "zensical", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("site: built 1 language (id) with Zensical in ")
    document, _ = check_file(project.root / project.flows[0])
    for flow in document.flows.values():
        for outcome in flow.outcomes:
            assert (project.site_dir / flow.id / outcome / "index.html").is_file()
    assert files_of(project.docs_dir) == content
    # Stylesheets are published under assets/ only, none from the templates' folder.
    assert not list(project.site_dir.glob("*.css"))


@needs_zensical
def test_a_setting_zensical_does_not_know_is_a_warning_that_fails_a_strict_build(tmp_path):
    project_in(tmp_path, mkdocs_yml=MKDOCS_YML + "colour: blue\n")
    built = run_cli("build", "--engine", "zensical", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    # Zensical's Python warning, without the place in Zensical's source that raised it.
    assert "warning: Unrecognised configuration name: 'colour'" in built.stderr.splitlines()
    assert "Warning:" not in built.stderr and "config.py" not in built.stderr
    strict = run_cli("build", "--engine", "zensical", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert "strict mode: Unrecognised configuration name: 'colour'" in strict.stderr


@needs_zensical
def test_a_site_url_without_a_scheme_and_host_stops_the_build(tmp_path):
    project_in(tmp_path, mkdocs_yml=MKDOCS_YML.replace("https://contoh.id/bantuan/", "/bantuan/"))
    built = run_cli("build", "--engine", "zensical", cwd=tmp_path)
    assert built.returncode == 1
    assert "site_url must include a scheme and host" in built.stderr


def test_build_names_a_missing_config_file(tmp_path):
    result = run_cli("build", "--engine", "zensical", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "mkdocs.yml: error FL014: cannot read the site's settings: No such file or directory\n"
        "  hint: run the command from the site's folder, or name its settings with --config-file"
    )


def test_the_written_config_is_plain_yaml(tmp_path):
    project = read(project_in(tmp_path))
    docs = tmp_path / "out" / "id" / "docs"
    docs.mkdir(parents=True)
    written = zensical._write_config(project, LanguageSite("id", "", docs, {}), site_url=None)
    assert written == docs.parent / "zensical.yml"
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["site_name"] == "Toko"


def wait_for(condition, seconds: float = 90.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.1)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
        return response.read().decode("utf-8")


@needs_zensical
def test_serve_rebuilds_on_changes_and_keeps_the_last_good_pages(tmp_path, caplog):
    project = read(project_in(tmp_path))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    stop = threading.Event()
    serve = threading.Thread(
        target=zensical.serve,
        args=(project,),
        kwargs={
            "dev_addr": address,
            "work_dir": tmp_path / "work",
            "site_dir": tmp_path / "served",
            "stop": stop,
            "poll": 0.1,
        },
    )
    caplog.set_level(logging.INFO, logger="generator.engines.zensical")
    serve.start()
    try:
        wait_for(lambda: "Serving on" in caplog.text)
        flow = next(iter(check_file(project.root / project.flows[0])[0].flows))
        assert "<h1" in fetch(f"http://{address}/{flow}/")
        shutil.copyfile(BROKEN, tmp_path / "flows.yaml")
        wait_for(lambda: "showing the pages of its last good version" in caplog.text)
        # The checker's own messages, in the editor's language, as `check` prints them.
        path = tmp_path / "flows.yaml"
        language = editor_language(None, os.environ, lambda: file_languages(path))
        problems = check_file(path, "flows.yaml")[1]
        assert format_problems(problems, language) in caplog.text
        # And in every open page's panel (engines/live.py), at the same places.
        state = json.loads(fetch(f"http://{address}/.flows-live/state.json"))
        assert [item["where"] for item in state["problems"]] == [str(p.pos) for p in problems]
        (tmp_path / "content" / "index.md").write_text("# Halo lagi\n", encoding="utf-8")
        wait_for(lambda: "Halo lagi" in fetch(f"http://{address}/"))
        assert "<h1" in fetch(f"http://{address}/{flow}/")  # the last good flows
        # A hand-written page's problem is shown too, and serving goes on.
        shutil.copyfile(FLOWS, tmp_path / "flows.yaml")
        page = "# Halo\n\n<!-- flows: guides tidak-ada -->\n"
        (tmp_path / "content" / "index.md").write_text(page, encoding="utf-8")

        def shown() -> list[str]:
            state = json.loads(fetch(f"http://{address}/.flows-live/state.json"))
            return [item["code"] for item in state["problems"]]

        wait_for(lambda: shown() == ["FL012"])
        assert "Halo lagi" in fetch(f"http://{address}/")  # the last site stays
        (tmp_path / "content" / "index.md").write_text("# Halo\n", encoding="utf-8")
        wait_for(lambda: shown() == [])
        assert "Halo lagi" not in fetch(f"http://{address}/")
        # So is a problem of mkdocs.yml; the last good settings stay meanwhile.
        settings = MKDOCS_YML.replace("file: flows.yaml", "fil: flows.yaml")
        (tmp_path / "mkdocs.yml").write_text(settings, encoding="utf-8")
        wait_for(lambda: shown() == ["FL018"])
        (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        wait_for(lambda: shown() == [])
    finally:
        stop.set()
        serve.join()
