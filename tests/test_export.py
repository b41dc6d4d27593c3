"""`python -m generator export DIR`: the generated pages and assets as plain files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.check import check_file
from generator.model import Document
from generator.renderer import Renderer

ROOT = Path(__file__).resolve().parent.parent
TWO_FLOWS = ROOT / "tests" / "flows" / "valid" / "two-flows.yaml"
ASSETS = ("assets/flows/flows.css", "assets/flows/flows.js")

SITE_YML = """\
site_name: Toko
site_url: http://127.0.0.1:8000/
docs_dir: {docs_dir}
theme:
  name: material
  language: id
  font: false
markdown_extensions:
  - attr_list
  - admonition
  - toc
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def document() -> Document:
    doc, problems = check_file(TWO_FLOWS)
    assert doc is not None, problems
    return doc


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "pages"
    result = run("export", str(out), "--file", str(TWO_FLOWS))
    assert result.returncode == 0, result.stderr
    return out


def written_files(directory: Path) -> set[str]:
    return {
        path.relative_to(directory).as_posix() for path in directory.rglob("*") if path.is_file()
    }


def test_export_writes_a_page_per_flow_question_and_outcome(
    exported: Path, document: Document
) -> None:
    files = written_files(exported)
    for flow in document.flows.values():
        assert f"{flow.id}/index.md" in files
        for node_id in [*flow.questions, *flow.outcomes]:
            assert f"{flow.id}/{node_id}.md" in files
    # The same id in two flows gives two pages, one in each flow's folder.
    assert {"batalkan-pesanan/hubungi-penjual.md", "lacak-paket/hubungi-penjual.md"} <= files


def test_export_writes_exactly_the_rendered_pages_and_the_assets(
    exported: Path, document: Document
) -> None:
    pages = {page.src_uri: page.text for page in Renderer(document).pages()}
    assert written_files(exported) == set(pages) | set(ASSETS)
    for src_uri, text in pages.items():
        assert (exported / src_uri).read_text(encoding="utf-8") == text
    for asset in ASSETS:
        name = asset.rsplit("/", 1)[1]
        assert (exported / asset).read_bytes() == (
            ROOT / "generator" / "assets" / name
        ).read_bytes()


def test_export_reports_what_it_wrote(tmp_path: Path, document: Document) -> None:
    result = run("export", str(tmp_path / "out"), "--file", str(TWO_FLOWS))
    pages = len(Renderer(document).pages())
    assert result.returncode == 0
    assert result.stdout == f"{tmp_path / 'out'}: wrote {pages} pages and 2 assets\n"
    assert result.stderr == ""


def test_export_of_a_broken_file_reports_its_problems_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "flows.yaml"
    broken.write_text(TWO_FLOWS.read_text(encoding="utf-8").replace("next: tunggu", "next: tungu"))
    result = run("export", str(tmp_path / "out"), "--file", str(broken))
    assert result.returncode == 1
    assert "leads to unknown node 'tungu'" in result.stderr
    assert "did you mean 'tunggu'?" in result.stderr
    assert not (tmp_path / "out").exists()


def test_export_without_a_flows_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("flows.yaml: error FL001: cannot read the file")
    assert not (tmp_path / "out").exists()


def test_export_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder")
    result = run("export", str(blocker), "--file", str(TWO_FLOWS))
    assert result.returncode == 2
    assert "error FL004: cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def _build(config_file: Path, site_dir: Path) -> set[str]:
    """Build the site of `config_file`; return its pages (HTML files) relative to `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config_file), site_dir=str(site_dir)))
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}


def test_plain_mkdocs_site_from_the_export_has_the_pages_of_the_plugin_site(
    tmp_path: Path, exported: Path
) -> None:
    with_plugin = tmp_path / "with-plugin"
    (with_plugin / "content").mkdir(parents=True)
    (with_plugin / "content" / "index.md").write_text("# Toko\n")
    shutil.copy(TWO_FLOWS, with_plugin / "flows.yaml")
    (with_plugin / "mkdocs.yml").write_text(
        SITE_YML.format(docs_dir="content") + "plugins:\n  - search\n  - flows\n"
    )

    plain = tmp_path / "plain"
    shutil.copytree(exported, plain / "content")
    (plain / "content" / "index.md").write_text("# Toko\n")
    (plain / "mkdocs.yml").write_text(
        SITE_YML.format(docs_dir="content")
        + "plugins:\n  - search\n"
        + "extra_css: [assets/flows/flows.css]\n"
        + "extra_javascript: [assets/flows/flows.js]\n"
    )

    plugin_pages = _build(with_plugin / "mkdocs.yml", tmp_path / "site-plugin")
    plain_pages = _build(plain / "mkdocs.yml", tmp_path / "site-plain")

    assert "lacak-paket/lewat-tanggal/index.html" in plugin_pages
    assert plain_pages == plugin_pages
    for site in ("site-plugin", "site-plain"):
        for asset in ASSETS:
            assert (tmp_path / site / asset).is_file()
        # Both sites load our script and styles on the generated pages.
        page = (tmp_path / site / "lacak-paket" / "index.html").read_text(encoding="utf-8")
        assert "assets/flows/flows.js" in page
        assert "assets/flows/flows.css" in page
