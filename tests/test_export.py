"""`python -m generator export DIR`: the site plan as plain files that a plain MkDocs builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import TABLES, renderer_for, run_cli
from sites import Served, build_site

from generator.engines.export import export_site, with_meta
from generator.format.check import check_file
from generator.format.model import Document

ROOT = Path(__file__).resolve().parent.parent
TWO_FLOWS = ROOT / "tests" / "flows" / "valid" / "two-flows.yaml"
ASSETS = tuple(
    f"assets/flows/{name}" for name in ("flows.css", "flows.js", "search.css", "search.js")
)


@pytest.fixture(scope="module")
def document() -> Document:
    doc, problems = check_file(TWO_FLOWS)
    assert doc is not None, problems
    return doc


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "pages"
    result = run_cli("export", str(out), "--file", str(TWO_FLOWS))
    assert result.returncode == 0, result.stderr
    return out


def written_files(directory: Path) -> set[str]:
    return {
        path.relative_to(directory).as_posix() for path in directory.rglob("*") if path.is_file()
    }


def test_export_writes_a_page_per_flow_question_and_outcome(
    exported: Path, document: Document
) -> None:
    files = written_files(exported / "id" / "docs")
    for flow in document.flows.values():
        assert f"{flow.id}/index.md" in files
        for node_id in [*flow.questions, *flow.outcomes]:
            assert f"{flow.id}/{node_id}.md" in files
    # The same id in two flows gives two pages, one in each flow's folder.
    assert {"batalkan-pesanan/hubungi-penjual.md", "lacak-paket/hubungi-penjual.md"} <= files


def test_export_writes_exactly_the_rendered_pages_the_assets_and_the_config(
    exported: Path, document: Document
) -> None:
    pages = {page.src_uri: page.text for page in renderer_for(document).pages()}
    assert written_files(exported / "id" / "docs") == set(pages) | set(ASSETS)
    for src_uri, text in pages.items():
        assert (exported / "id" / "docs" / src_uri).read_text(encoding="utf-8") == text
    for asset in ASSETS:
        name = asset.rsplit("/", 1)[1]
        assert (exported / "id" / "docs" / asset).read_bytes() == (
            ROOT / "generator" / "render" / "assets" / name
        ).read_bytes()
    config = yaml.safe_load((exported / "id" / "flows.yml").read_text(encoding="utf-8"))
    assert config["extra_css"] == ["assets/flows/flows.css", "assets/flows/search.css"]
    assert config["extra_javascript"] == ["assets/flows/flows.js", "assets/flows/search.js"]
    assert config["theme"] == {"language": "id", "custom_dir": "overrides"}
    assert config["nav"][0] == {"Semua panduan": "semua-panduan.md"}
    assert config["hooks"] == ["flows_nav.py"]
    assert (exported / "id" / "flows_nav.py").is_file()
    assert config["nav"][1] == {
        "Batalkan pesanan": [
            "batalkan-pesanan/index.md",
            {"Membatalkan sendiri": "batalkan-pesanan/batalkan-sendiri.md"},
            {"Menghubungi penjual": "batalkan-pesanan/hubungi-penjual.md"},
            {"Peta alur": "batalkan-pesanan/peta.md"},
        ]
    }
    assert (exported / "id" / "overrides" / "partials" / "alternate.html").is_file()


def test_export_reports_what_it_wrote(tmp_path: Path, document: Document) -> None:
    result = run_cli("export", str(tmp_path / "out"), "--file", str(TWO_FLOWS))
    pages = len(renderer_for(document).pages())
    assert result.returncode == 0
    assert result.stdout == f"{tmp_path / 'out'}: wrote {pages} pages in id\n"
    assert result.stderr == ""


def test_export_of_a_broken_file_reports_its_problems_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "flows.yaml"
    broken.write_text(TWO_FLOWS.read_text(encoding="utf-8").replace("next: tunggu", "next: tungu"))
    result = run_cli("export", str(tmp_path / "out"), "--file", str(broken))
    assert result.returncode == 1
    assert "leads to unknown node 'tungu'" in result.stderr
    assert "did you mean 'tunggu'?" in result.stderr
    assert not (tmp_path / "out").exists()


def test_export_without_a_flows_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("export", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("flows.yaml: error FL001: cannot read the file")
    assert not (tmp_path / "out").exists()


def test_export_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder")
    result = run_cli("export", str(blocker), "--file", str(TWO_FLOWS))
    assert result.returncode == 2
    assert "error FL004: cannot write" in result.stderr
    assert "Traceback" not in result.stderr


# The project's own site, both ways: with the plugin, and plain MkDocs over the export.


@pytest.fixture(scope="module")
def both_builds(
    project_site: Served, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """The project's site built with the plugin, and built by plain MkDocs from the export, both
    for the same address."""
    document, problems = check_file(ROOT / "flows.yaml")
    assert document is not None, problems
    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next(p["flows"] for p in base["plugins"] if isinstance(p, dict) and "flows" in p)
    tmp = tmp_path_factory.mktemp("export-of-the-project")
    sites = export_site(
        document,
        tmp / "export",
        words=TABLES.words,
        content_dir=ROOT / "content",
        site_url=project_site.url,
        palette=base["theme"]["palette"],
        site_name=base["site_name"],
        site_names=options.get("site_name", {}),
    )
    plain = tmp / "site-plain"
    for site in sites:
        config = {**base, **{k: v for k, v in site.config.items() if k != "theme"}}
        config["theme"] = {**base["theme"], **site.config["theme"]}
        config["plugins"] = []
        config["docs_dir"] = "docs"
        config["site_dir"] = str(plain / site.prefix)
        config["site_url"] = project_site.url + site.prefix
        project = site.docs_dir.parent
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        build_site(project)
    return project_site.root, plain


def _pages(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }


def _nav(page: str) -> str:
    start = page.index('<nav class="md-nav md-nav--primary"')
    return page[start : page.index("</nav>", start)]


def _links(page: str) -> list[str]:
    return re.findall(r'(?:href|xlink:href|src)="([^"]*)"', _one_stylesheet(page))


# A second difference: the build cuts the theme's stylesheet to what the site uses, under a
# name of its own (generator/engines/styles.py); plain MkDocs links the theme's whole one.
_THEME_STYLESHEET = re.compile(r"(assets/stylesheets/[a-z]+)\.[0-9a-f]{8}\.min\.css")


def _one_stylesheet(page: str) -> str:
    return _THEME_STYLESHEET.sub(r"\1.min.css", page)


# The one difference, and why: the plugin gives a generated page its h1 as the table of
# contents (the headings are HTML, which Markdown leaves out), and Material then offers a
# "skip to content" link; plain MkDocs sees no heading, so offers none.
_SKIP_LINK = re.compile(r'<a href="#[^"]*" class="md-skip">.*?</a>', re.S)


def _comparable(page: str) -> str:
    return " ".join(_SKIP_LINK.sub("", _one_stylesheet(page)).split())


def test_plain_mkdocs_over_the_export_builds_the_pages_of_the_plugin(
    both_builds: tuple[Path, Path],
) -> None:
    with_plugin, plain = map(_pages, both_builds)
    assert "en/batalkan-pesanan/map/index.html" in with_plugin
    assert set(plain) == set(with_plugin)
    for path, page in with_plugin.items():
        page, other = _comparable(page), _comparable(plain[path])
        assert _links(other) == _links(page), path
        if path.endswith("404.html"):
            continue  # no nav
        assert _nav(other) == _nav(page), path
        article = re.search(r"<article.*?</article>", page, re.S)
        assert article is not None, path
        assert article.group() in other, path
        # And nothing else differs either: head, header, footer.
        assert other == page, path


def test_front_matter_is_added_to_hand_written_pages_without_losing_their_own() -> None:
    text = (ROOT / "content" / "tentang.md").read_text(encoding="utf-8")
    assert not text.startswith("---")
    marked = with_meta(text, "alternates", [{"lang": "en"}])
    assert marked == '---\nalternates: [{"lang": "en"}]\n---\n' + text
    again = with_meta("---\ntitle: X\n---\n# X\n", "k", 1)
    assert again == "---\ntitle: X\nk: 1\n---\n# X\n"
    assert with_meta(text, "alternates", []) == text
