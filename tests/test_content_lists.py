"""Generated lists in hand-written pages: a flow's guides and every flow, replaced in place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import TABLES, plan_for
from test_plugin import FLOWS_YAML, build, write_site

from generator.engines.export import ContentProblems, export_site
from generator.format.loader import load_text
from generator.format.problems import format_problem
from generator.render.renderer import content_lists

FLOWS = """\
version: 1
languages: [id, en]
flows:
  pesan:
    title: {id: "Pesan <b>dulu</b>", en: Order first}
    start: bayar
    questions:
      bayar:
        text: {id: Sudah bayar?, en: Paid?}
        options:
          - {label: {id: Ya, en: Yes}, next: kirim}
          - {label: {id: Belum, en: Not yet}, next: sendiri}
    outcomes:
      sendiri:
        title: {id: "Batalkan *sendiri*", en: Cancel it yourself}
        steps: [{id: Buka pesanan, en: Open the order}]
      kirim:
        title: {id: Hubungi penjual, en: Ask the seller}
        steps: [{id: Kirim pesan, en: Send a message}]
  retur:
    title: {id: Retur, en: Returns}
    start: minta
    outcomes:
      minta:
        title: {id: Ajukan retur, en: Ask for a return}
        steps: [{id: Ketuk Retur, en: Tap Return}]
"""


@pytest.fixture(scope="module")
def plan():
    document, problems = load_text(FLOWS, "flows.yaml")
    assert document is not None, problems
    return plan_for(document)


def links(text: str) -> list[tuple[str, str]]:
    return re.findall(r'<li><a href="([^"]*)">(.*?)</a></li>', text)


def test_a_flows_guides_are_listed_in_file_order_with_links_from_the_page(plan):
    page = "# Beranda\n\n<!-- flows: guides pesan -->\n\nLagi.\n"
    text, problems = content_lists(page, plan, "id", "index.md", "docs/index.md")
    assert problems == []
    assert links(text) == [
        ("pesan/sendiri/", "Batalkan <em>sendiri</em>"),
        ("pesan/kirim/", "Hubungi penjual"),
    ]
    assert text.startswith("# Beranda\n\n<ul class=") and text.endswith("</ul>\n\n\nLagi.\n")
    # From a page deeper down, the same guides are one folder up.
    deeper, _ = content_lists(page, plan, "id", "bantuan/cara.md", "docs/bantuan/cara.md")
    assert [href for href, _ in links(deeper)] == ["../../pesan/sendiri/", "../../pesan/kirim/"]


def test_every_flow_is_listed_in_the_pages_language_with_raw_html_as_text(plan):
    text, problems = content_lists("<!-- flows: flows -->", plan, "id", "index.md", "x.md")
    assert problems == []
    assert links(text) == [("pesan/", "Pesan &lt;b&gt;dulu&lt;/b&gt;"), ("retur/", "Retur")]
    english, _ = content_lists("<!--flows:flows-->", plan, "en", "index.md", "x.md")
    assert [title for _, title in links(english)] == ["Order first", "Returns"]


def test_placeholders_in_code_blocks_and_within_lines_stay_as_written(plan):
    page = "```markdown\n<!-- flows: guides pesan -->\n```\n\nTeks <!-- flows: flows -->\n"
    text, problems = content_lists(page, plan, "id", "index.md", "x.md")
    assert (text, problems) == (page, [])


def test_an_unknown_flow_names_the_page_and_line_and_suggests_the_closest(plan):
    page = "# A\n\n<!-- flows: guides pesn -->\n<!-- flows: guides zzz -->\n"
    text, problems = content_lists(page, plan, "id", "index.md", "docs/index.md", first_line=4)
    assert text == page
    assert [format_problem(p, "en") for p in problems] == [
        "docs/index.md:6:1: error FL012: the list of guides names flow 'pesn', which the flows "
        "file does not have\n  hint: did you mean 'pesan'?",
        "docs/index.md:7:1: error FL012: the list of guides names flow 'zzz', which the flows "
        "file does not have\n  hint: the flows are: pesan, retur",
    ]


@pytest.mark.parametrize(
    "line", ["<!-- flows: panduan pesan -->", "<!-- flows: guides -->", "<!-- flows: flows x -->"]
)
def test_an_unknown_kind_of_list_is_an_error_with_the_ways_to_write_one(plan, line):
    _, problems = content_lists(line, plan, "id", "index.md", "docs/index.md")
    assert [p.code for p in problems] == ["FL013"]
    message = format_problem(problems[0], "id")
    assert message.startswith(f"docs/index.md:1:1: error FL013: '{line}' bukan daftar")
    assert "<!-- flows: guides ALUR -->" in message and "pesan, retur" in message


def test_export_lists_the_guides_in_copied_pages_and_refuses_unknown_flows(plan, tmp_path):
    content = tmp_path / "content"
    (content / "en").mkdir(parents=True)
    (content / "index.md").write_text("# Beranda\n\n<!-- flows: guides pesan -->\n")
    (content / "en" / "index.md").write_text("# Home\n\n<!-- flows: guides retur -->\n")
    export_site(plan.document, tmp_path / "out", words=TABLES.words, content_dir=content)
    home = (tmp_path / "out" / "id" / "docs" / "index.md").read_text()
    assert [href for href, _ in links(home)] == ["pesan/sendiri/", "pesan/kirim/"]
    english = (tmp_path / "out" / "en" / "docs" / "index.md").read_text()
    assert links(english) == [("retur/minta/", "Ask for a return")]

    (content / "en" / "index.md").write_text("# Home\n\n<!-- flows: guides retour -->\n")
    with pytest.raises(ContentProblems) as raised:
        export_site(plan.document, tmp_path / "again", words=TABLES.words, content_dir=content)
    where = [str(p.pos) for p in raised.value.problems]
    assert where == [f"{(content / 'en' / 'index.md').as_posix()}:3:1"]
    assert not (tmp_path / "again").exists()


def test_the_site_build_lists_guides_and_stops_at_an_unknown_flow(tmp_path: Path) -> None:
    root = write_site(tmp_path, flows=FLOWS_YAML)
    home = root / "docs" / "index.md"
    home.write_text("---\ntitle: Beranda\n---\n# Beranda\n\n<!-- flows: guides shop -->\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    built = (root / "site" / "index.html").read_text()
    assert [href for href, _ in links(built)] == ["shop/unpaid/", "shop/return/"]

    home.write_text("---\ntitle: Beranda\n---\n# Beranda\n\n<!-- flows: guides shp -->\n")
    result = build(root)
    assert result.returncode == 1
    # In the editor's language, as the checker's messages: the place and code say it all.
    line = next(line for line in result.stderr.splitlines() if " error FL012: " in line)
    assert "docs/index.md:6:1: error FL012: " in line and "'shp'" in line
