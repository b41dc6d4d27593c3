"""The flow map: an SVG drawing in which every node is a link, and the same tree as lists."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest
from helpers import TABLES, renderer_for

from generator.format.loader import load_text
from generator.format.model import Flow, iter_paths
from generator.format.validator import validate
from generator.render import flowmap
from generator.render.flowmap import MAX_OUTLINE_PATHS, flow_map
from generator.render.renderer import MAP

ROOT = Path(__file__).resolve().parent.parent
ID_WORDS = TABLES["id"].words
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

# 'tunggu' and 'minta-refund' are reached from both questions: the tree is really a DAG.
SHARED = """\
version: 1
flows:
  pengiriman:
    title: Paket belum sampai
    start: status
    questions:
      status:
        text: Apa status paketnya?
        options:
          - label: Dikirim
            next: lama
          - label: Belum dikirim
            next: tunggu
          - label: Hilang, kata kurir
            next: minta-refund
      lama:
        text: Sudah berapa lama paket dikirim?
        options:
          - label: Kurang dari 3 hari
            next: tunggu
          - label: Lebih dari seminggu
            next: minta-refund
          - label: Tidak tahu
            next: cek-resi
      cek-resi:
        text: Apakah nomor resinya bisa dilacak?
        options:
          - label: Ya
            next: tunggu
          - label: Tidak
            next: minta-refund
    outcomes:
      tunggu:
        title: Tunggu sebentar lagi
        steps: [Tunggu.]
      minta-refund:
        title: Minta pengembalian dana kepada penjual atau layanan pelanggan
        steps: [Hubungi penjual.]
"""

HOSTILE = """\
version: 1
flows:
  f:
    title: 'Judul <script>alert(1)</script> & "kutip"'
    start: q
    questions:
      q:
        text: "Pilih <b>tebal</b> & 'satu'?"
        options:
          - label: '"><img src=x onerror=alert(1)>'
            next: a
          - label: Tidak & <i>juga</i>
            next: b
    outcomes:
      a:
        title: A </text></svg><script>x()</script>
        steps: [x]
      b:
        title: B ]]> --> <!--
        steps: [x]
"""


def load_flow(text: str, flow_id: str) -> Flow:
    document, problems = load_text(text, "flows.yaml")
    assert document is not None and not problems, problems
    assert validate(document) == []
    return document.flows[flow_id]


def url_for(node_id: str) -> str:
    return f"../{node_id}/"


def parse(markup: str) -> ET.Element:
    """Our HTML is also well-formed XML, which lets the tests read it strictly."""
    return ET.fromstring(markup)


@pytest.fixture
def shared() -> Flow:
    return load_flow(SHARED, "pengiriman")


@pytest.fixture
def real() -> Flow:
    document, problems = load_text((ROOT / "flows.yaml").read_text("utf-8"), "flows.yaml")
    assert document is not None, problems
    return document.flows["batalkan-pesanan"]


def node_links(flow: Flow) -> list[ET.Element]:
    container = parse(flow_map(flow, "id", ID_WORDS, url_for).svg)
    return list(container.iter(f"{SVG}a"))


@pytest.mark.parametrize("fixture", ["shared", "real"])
def test_every_node_is_a_link_exactly_once(fixture: str, request: pytest.FixtureRequest) -> None:
    flow: Flow = request.getfixturevalue(fixture)
    hrefs = [link.get(XLINK_HREF) for link in node_links(flow)]
    expected = [url_for(node_id) for node_id in [*flow.questions, *flow.outcomes]]
    assert sorted(hrefs) == sorted(expected)
    assert len(hrefs) == len(set(hrefs))


def test_questions_and_guides_differ_in_shape_and_words(shared: Flow) -> None:
    kinds = {}
    for link in node_links(shared):
        rect = link.find(f"{SVG}rect")
        kicker = link.find(f"{SVG}text").text
        kinds[link.get(XLINK_HREF)] = (link.get("class"), float(rect.get("rx")), kicker)
    question = kinds[url_for("status")]
    outcome = kinds[url_for("tunggu")]
    assert question[0].endswith("--question") and outcome[0].endswith("--outcome")
    assert question[1] != outcome[1]
    assert (question[2], outcome[2]) == ("Pertanyaan", "Panduan")


def test_links_are_named_by_their_full_text(shared: Flow) -> None:
    names = {link.get(XLINK_HREF): link.get("aria-label") for link in node_links(shared)}
    assert names[url_for("minta-refund")] == (
        "Panduan: Minta pengembalian dana kepada penjual atau layanan pelanggan"
    )
    assert names[url_for("lama")] == "Pertanyaan: Sudah berapa lama paket dikirim?"


def test_each_answer_is_an_arrow_with_its_label(shared: Flow) -> None:
    svg = parse(flow_map(shared, "id", ID_WORDS, url_for).svg).find(f"{SVG}svg")
    arrows = [p for p in svg.iter(f"{SVG}path") if p.get("marker-end")]
    options = [o for q in shared.questions.values() for o in q.options]
    assert len(arrows) == len(options)
    labels = sorted(
        " ".join(t.text for t in group.iter(f"{SVG}text"))
        for group in svg.iter(f"{SVG}g")
        if group.get("class") == "flows-map__label"
    )
    assert labels == sorted(o.label.get() for o in options)
    marker = svg.find(f"{SVG}defs/{SVG}marker")
    assert {a.get("marker-end") for a in arrows} == {f"url(#{marker.get('id')})"}


def test_boxes_do_not_overlap_and_fit_the_drawing(shared: Flow) -> None:
    svg = parse(flow_map(shared, "id", ID_WORDS, url_for).svg).find(f"{SVG}svg")
    _, _, width, height = map(float, svg.get("viewBox").split())
    assert (float(svg.get("width")), float(svg.get("height"))) == (width, height)
    rects = [
        tuple(float(r.get(k)) for k in ("x", "y", "width", "height"))
        for r in svg.iter(f"{SVG}rect")
    ]
    assert len(rects) == 5 + 8  # five nodes, eight answers
    for x, y, w, h in rects:
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height
    for (x1, y1, w1, h1), (x2, y2, w2, h2) in combinations(rects, 2):
        apart = x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
        assert apart, ((x1, y1, w1, h1), (x2, y2, w2, h2))


def test_the_map_is_a_named_scrollable_region(shared: Flow) -> None:
    container = parse(flow_map(shared, "id", ID_WORDS, url_for).svg)
    assert container.tag == "div"
    assert (container.get("role"), container.get("tabindex")) == ("region", "0")
    assert container.get("aria-label").startswith("Peta alur: Paket belum sampai")
    svg = container.find(f"{SVG}svg")
    title = svg.find(f"{SVG}title")
    assert svg.get("aria-labelledby") == title.get("id")
    assert title.text == "Peta alur: Paket belum sampai"
    style = svg.find(f"{SVG}style").text
    assert ".flows-map{overflow:auto" in style


def outline_paths(outline: ET.Element) -> list[tuple[tuple[str, ...], str]]:
    """(answers, href of the guide reached) for every leaf of the nested lists."""
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(item: ET.Element, answers: tuple[str, ...]) -> None:
        answer = item.find("span[@class='flows-outline__answer']")
        if answer is not None:
            answers = (*answers, answer.text)
        link = item.find("a")
        sublist = item.find("ul")
        if sublist is None:
            found.append((answers, link.get("href")))
            return
        for child in sublist.findall("li"):
            walk(child, answers)

    for item in outline.findall("li"):
        walk(item, ())
    return found


@pytest.mark.parametrize("fixture", ["shared", "real"])
def test_the_outline_lists_every_path_in_order(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    flow: Flow = request.getfixturevalue(fixture)
    outline = parse(flow_map(flow, "id", ID_WORDS, url_for).outline_html)
    expected = [
        (tuple(option.label.get() for _, option in path), url_for(outcome))
        for outcome, path in iter_paths(flow)
    ]
    assert outline_paths(outline) == expected


def test_the_outline_names_what_each_link_leads_to(shared: Flow) -> None:
    outline = parse(flow_map(shared, "id", ID_WORDS, url_for).outline_html)
    first = outline.find("li/a")
    assert (first.get("href"), first.text) == (
        url_for("status"),
        "Pertanyaan: Apa status paketnya?",
    )
    guides = {a.text for a in outline.iter("a") if a.get("class") == "flows-outline__outcome"}
    assert guides == {
        "Panduan: Tunggu sebentar lagi",
        "Panduan: Minta pengembalian dana kepada penjual atau layanan pelanggan",
    }


def test_a_very_large_tree_lists_each_question_once(tmp_path: Path) -> None:
    # Eight questions in a row, both answers of each leading on: 256 paths.
    lines = ["version: 1", "flows:", "  f:", "    title: Banyak", "    start: q1", "    questions:"]
    for n in range(1, 9):
        nxt = f"q{n + 1}" if n < 8 else "akhir"
        lines += [
            f"      q{n}:",
            f"        text: Pertanyaan {n}?",
            "        options:",
            f"          - {{label: Ya, next: {nxt}}}",
            f"          - {{label: Tidak, next: {nxt}}}",
        ]
    lines += ["    outcomes:", "      akhir:", "        title: Akhir", "        steps: [x]"]
    flow = load_flow("\n".join(lines) + "\n", "f")
    assert sum(1 for _ in iter_paths(flow)) > MAX_OUTLINE_PATHS
    outline = parse(flow_map(flow, "id", ID_WORDS, url_for).outline_html)
    questions = [a for a in outline.iter("a") if a.get("class") == "flows-outline__question"]
    assert len(questions) == 2 * 8 - 1  # each once with its answers, then once as "see above"
    items = ["".join(li.itertext()) for li in outline.iter("li")]
    assert sum(item.endswith("(lihat di atas)") for item in items) == 7


def test_text_is_escaped_everywhere() -> None:
    flow = load_flow(HOSTILE, "f")
    result = flow_map(flow, "id", ID_WORDS, url_for)
    for markup in (result.svg, result.outline_html):
        assert "<script" not in markup and "<img" not in markup and "<b>" not in markup
        assert "<!--" not in markup and "</text></svg>" not in markup
    # Parsed back, the editor's words are there as they were written, shown as text.
    outline = " ".join(parse(result.outline_html).itertext())
    assert "Pertanyaan: Pilih <b>tebal</b> & 'satu'?" in outline
    assert '"><img src=x onerror=alert(1)>' in outline
    container = parse(result.svg)
    assert container.get("aria-label").startswith("Peta alur: Judul <script>alert(1)</script>")
    labels = {a.get("aria-label") for a in container.iter(f"{SVG}a")}
    assert "Pertanyaan: Pilih <b>tebal</b> & 'satu'?" in labels
    assert "Panduan: A </text></svg><script>x()</script>" in labels
    drawn = " ".join(container.itertext())
    assert '"><img' in drawn and "B ]]> --> <!--" in drawn


def test_a_flow_that_starts_at_a_guide_is_one_box() -> None:
    flow = load_flow(
        "version: 1\nflows:\n  f:\n    title: T\n    start: a\n    outcomes:\n"
        "      a: {title: Satu-satunya, steps: [x]}\n",
        "f",
    )
    result = flow_map(flow, "id", ID_WORDS, url_for)
    assert [a.get(XLINK_HREF) for a in parse(result.svg).iter(f"{SVG}a")] == [url_for("a")]
    assert outline_paths(parse(result.outline_html)) == [((), url_for("a"))]


def test_the_same_flow_always_gives_the_same_map(shared: Flow, tmp_path: Path) -> None:
    first = flow_map(shared, "id", ID_WORDS, url_for)
    assert flow_map(shared, "id", ID_WORDS, url_for) == first
    script = (
        "import sys\n"
        "from generator.render.flowmap import flow_map\n"
        "from generator.format.loader import load_text\n"
        "doc, _ = load_text(sys.stdin.read(), 'flows.yaml')\n"
        "from generator.site.words import load_tables\n"
        "words = load_tables()['id'].words\n"
        "m = flow_map(doc.flows['pengiriman'], 'id', words, lambda n: f'../{n}/')\n"
        "sys.stdout.write(m.svg + m.outline_html)\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            input=SHARED,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert outputs == {first.svg + first.outline_html}


def test_each_flow_has_a_map_page_linking_to_its_pages() -> None:
    document, problems = load_text(SHARED, "flows.yaml")
    assert document is not None, problems
    pages = {page.src_uri: page for page in renderer_for(document).pages()}
    page = pages["pengiriman/peta.md"]
    assert (page.kind, page.title, page.in_nav) == (MAP, "Peta alur", True)
    # From /pengiriman/peta/, the other pages of the flow are one level up.
    hrefs = set(re.findall(r'<a xlink:href="([^"]+)" class="flows-map__node', page.text))
    assert hrefs == {f"../{node}/" for node in ("status", "lama", "cek-resi", "tunggu")} | {
        "../minta-refund/"
    }
    assert '<ul class="flows-outline" data-pagefind-ignore="all">' in page.text
    assert '<a href="peta/">Lihat peta alur</a>' in pages["pengiriman/index.md"].text


def test_map_links_follow_the_sites_url_style() -> None:
    document, _ = load_text(SHARED, "flows.yaml")
    assert document is not None
    pages = {page.src_uri: page for page in renderer_for(document, directory_urls=False).pages()}
    page = pages["pengiriman/peta.md"]
    assert 'href="tunggu.html" class="flows-map__node' in page.text
    assert '<a href="peta.html">' in pages["pengiriman/index.md"].text


def test_long_texts_are_shortened_in_the_drawing_only() -> None:
    words = " ".join(f"kata{n}" for n in range(60))
    flow = load_flow(
        SHARED.replace("Apa status paketnya?", words).replace("label: Dikirim", f"label: {words}"),
        "pengiriman",
    )
    result = flow_map(flow, "id", ID_WORDS, url_for)
    svg = parse(result.svg).find(f"{SVG}svg")
    question = next(a for a in svg.iter(f"{SVG}a") if a.get(XLINK_HREF) == url_for("status"))
    lines = [t.text for t in question.iter(f"{SVG}text")][1:]  # after the kicker
    assert len(lines) == 4 and lines[-1].endswith(" …")
    assert question.get("aria-label") == f"Pertanyaan: {words}"
    label = next(
        g for g in svg.iter(f"{SVG}g") if "kata0" in "".join(g.itertext()) and g.get("class")
    )
    label_lines = [t.text for t in label.iter(f"{SVG}text")]
    assert len(label_lines) == 3 and label_lines[-1].endswith(" …")
    assert words in "".join(parse(result.outline_html).itertext())


def test_a_flow_too_big_to_read_as_a_drawing_gets_the_outline_only(
    monkeypatch: pytest.MonkeyPatch, shared: Flow
) -> None:
    monkeypatch.setattr(flowmap, "MAX_DRAWN_NODES", 4)  # the shared example has five
    result = flow_map(shared, "id", ID_WORDS, url_for)
    assert result.svg == ""
    assert len(outline_paths(parse(result.outline_html))) == len(list(iter_paths(shared)))
    document, _ = load_text(SHARED, "flows.yaml")
    assert document is not None
    page = next(p for p in renderer_for(document).pages() if p.kind == MAP)
    assert "Alur ini punya 5 pertanyaan dan panduan, terlalu banyak untuk digambar." in page.text
    assert "<svg" not in page.text
    assert '<ul class="flows-outline" data-pagefind-ignore="all">' in page.text
