"""The problems panel of `serve` (generator/engines/live.py): what it tells, where its
explanations are, that serving reports what would stop a build instead of stopping, and that a
built site has none of it. The panel in the browser: tests/browser/test_live_problems.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sites import build_site

from generator.engines import live
from generator.format.check import check_file
from generator.format.problems import render_hint, render_message
from generator.site.content import scan_content
from generator.site.plan import SitePlan
from generator.site.words import load_tables

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "flows" / "valid"
MKDOCS_YML = """\
site_name: Toko
docs_dir: content
theme:
  name: material
  language: id
  font: false
plugins:
  - flows
"""


def broken_flows(folder: Path) -> Path:
    path = folder / "flows.yaml"
    text = (VALID / "two-languages.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("en: Have you received the item?}", "en: Have you"), "utf-8")
    return path


@pytest.mark.parametrize("language", ["id", "en"])
def test_tells_each_problem_with_its_place_code_hint_and_explanation(tmp_path, language):
    _, problems = check_file(broken_flows(tmp_path), "flows.yaml")
    assert problems
    tables = load_tables()
    links = {problems[0].code: "/panduan/#x"}
    state = live.state(problems, language, tables, links)
    assert [item["where"] for item in state["problems"]] == [str(p.pos) for p in problems]
    first = state["problems"][0]
    assert re.fullmatch(r"flows\.yaml:\d+:\d+", first["where"])
    assert first["code"] == problems[0].code and first["severity"] == "error"
    assert first["message"] == render_message(problems[0], language)
    assert first["hint"] == render_hint(problems[0], language)
    assert first["explain"] == "/panduan/#x"
    # The panel's own words are the interface words of the editor's language.
    words = tables[language]
    assert (state["lang"], state["close"], state["title"]) == (
        language,
        words["live_close"],
        words["live_title"],
    )
    assert first["explain_text"] == words.format("live_explain", code=first["code"])


def plan_of(content: Path) -> SitePlan:
    document, problems = check_file(VALID / "two-languages.yaml", "flows.yaml")
    assert document is not None, problems
    tables = load_tables()
    words = {language: tables[language] for language in document.languages}
    return SitePlan(document, words, scan_content(content, document.languages))


def test_explanations_are_looked_for_in_the_editors_language_first(tmp_path):
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "panduan.md").write_text("# P\n\n#### FL115: a {#fl115}\n", encoding="utf-8")
    guide = "# G\n\n#### FL115: a {#fl115}\n\n#### FL204: b {#fl204}\n"
    (content / "en" / "guide.md").write_text(guide, encoding="utf-8")
    plan = plan_of(content)
    assert live.explanations(plan, content, "en", "/") == {
        "FL115": "/en/guide/#fl115",
        "FL204": "/en/guide/#fl204",
    }
    # In Indonesian: the Indonesian page's, and the English page's where that is the only one;
    # under the path the site is served at.
    assert live.explanations(plan, content, "id", "/help/") == {
        "FL115": "/help/panduan/#fl115",
        "FL204": "/help/en/guide/#fl204",
    }
    assert live.explanations(plan, tmp_path / "nothing", "id", "/") == {}


@pytest.mark.parametrize(
    ("language", "page"),
    [("id", "/panduan-penyunting/pesan/"), ("en", "/en/panduan-penyunting/pesan/")],
)
def test_the_project_explains_every_message_on_its_guides_page_in_the_editors_language(
    language, page
):
    from generator.format.problems import catalogue

    document, problems = check_file(ROOT / "flows.yaml", "flows.yaml")
    assert document is not None, problems
    tables = load_tables()
    words = {code: tables[code] for code in document.languages}
    content = ROOT / "content"
    plan = SitePlan(document, words, scan_content(content, document.languages))
    links = live.explanations(plan, content, language, "/")
    codes = catalogue(language).entries
    assert links == {code: f"{page}#{code.lower()}" for code in codes}


def small_site(folder: Path) -> Path:
    (folder / "content").mkdir(parents=True)
    (folder / "content" / "index.md").write_text("# Bantuan\n", encoding="utf-8")
    (folder / "flows.yaml").write_bytes((VALID / "minimal.yaml").read_bytes())
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return folder


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_built_site_has_no_panel(tmp_path, engine):
    site = build_site(small_site(tmp_path / "project"), tmp_path / "site", engine)
    assert (site / "batalkan-pesanan" / "index.html").is_file()
    assert not (site / live.FOLDER).exists()
    for path in site.rglob("*"):
        if path.suffix in (".html", ".js", ".css", ".json"):
            assert live.FOLDER not in path.read_text(encoding="utf-8"), path


def serve_build(project: Path) -> Path:
    """One build of `mkdocs serve`'s, in this process: the plugin told it serves."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_url="http://127.0.0.1:8000/")
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def panel(site: Path) -> list[dict]:
    return json.loads((site / live.FOLDER / live.STATE).read_text(encoding="utf-8"))["problems"]


def test_mkdocs_serve_shows_a_pages_problem_instead_of_stopping(tmp_path):
    project = small_site(tmp_path)
    page = project / "content" / "index.md"
    site = serve_build(project)
    assert panel(site) == []
    assert 'data-flows-live="/.flows-live/state.json"' in (site / "index.html").read_text()
    # A list of a flow that does not exist: a build for publishing stops on it.
    page.write_text("# Bantuan\n\n<!-- flows: guides batalkan -->\n", encoding="utf-8")
    site = serve_build(project)
    [shown] = panel(site)
    assert shown["where"].startswith("content/index.md:3:")
    assert (site / "batalkan-pesanan" / "index.html").is_file()  # the rest is served
    page.write_text("# Bantuan\n\n<!-- flows: guides batalkan-pesanan -->\n", "utf-8")
    assert panel(serve_build(project)) == []


def test_mkdocs_serve_shows_a_problem_of_mkdocs_yml_with_the_last_good_settings(tmp_path):
    project = small_site(tmp_path)
    serve_build(project)
    settings = project / "mkdocs.yml"
    settings.write_text(MKDOCS_YML.replace("  - flows\n", "  - flows:\n      fil: x.yaml\n"))
    site = serve_build(project)
    [shown] = panel(site)
    # (Named from the folder `mkdocs serve` runs in; tests run it elsewhere.)
    assert shown["where"].endswith("/mkdocs.yml:9:7") and shown["code"] == "FL018"
    assert (site / "batalkan-pesanan" / "index.html").is_file()
    settings.write_text(MKDOCS_YML)
    assert panel(serve_build(project)) == []
