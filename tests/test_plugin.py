"""The `flows` MkDocs plugin and the page renderer, on small sites built in a temporary folder."""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import Ran, render_page, renderer_for, run_cli, search_index
from sites import run_mkdocs_build

from generator.format.check import check_file
from generator.format.model import Document, Flow, Option, Outcome, Position, Question, Step, Text
from generator.format.problems import format_problems
from generator.site.plan import FLOW, OUTCOME, QUESTION

EVIL = "<script>alert(1)</script>"
TODAY = dt.date.today()
# The site search weighs the answers that lead to a guide like its summary, a note below a step.
ANSWER = '<strong data-pagefind-weight="7">'
NOTE_WEIGHT = 'data-pagefind-weight="0.5"'

MKDOCS_YML = """\
site_name: Toko
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: id
  font: false
plugins:
  - flows
"""

# Every kind of text carries raw HTML, which must come out as text.
FLOWS_YAML = f"""\
version: 1
flows:
  shop:
    title: "Pesanan <b>toko</b> {EVIL}"
    summary: Jawab **dua** pertanyaan.
    start: paid
    questions:
      paid:
        text: "Sudah dibayar? {EVIL}"
        help: Lihat halaman *pesanan* Anda.
        options:
          - label: "Sudah <b>dibayar</b>"
            next: shipped
          - label: Belum
            next: unpaid
      shipped:
        text: Sudah dikirim?
        options:
          - label: Sudah
            next: return
          - label: Belum
            next: unpaid
    outcomes:
      unpaid:
        title: "Batalkan sendiri <b>sekarang</b> {EVIL}"
        summary: Pesanan ini bisa Anda batalkan sendiri.
        steps:
          - "Buka **Pesanan** {EVIL}"
          - text: Ketuk Batalkan
            detail: "Tombolnya di bawah. <i>miring</i>"
          - Pilih alasan pembatalan yang ditanyakan
        notes:
          - type: warning
            text: Jangan bayar dulu.
          - type: tip
            text: Simpan bukti.
        reviewed: {TODAY.isoformat()}
      return:
        title: Ajukan pengembalian
        steps:
          - Hubungi penjual lewat obrolan
"""


def write_site(root: Path, *, flows: str = FLOWS_YAML, mkdocs_yml: str = MKDOCS_YML) -> Path:
    """A small site: mkdocs.yml, flows.yaml and a docs folder with a home page."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Beranda\n\n[Mulai](shop/index.md)\n")
    (root / "mkdocs.yml").write_text(mkdocs_yml)
    (root / "flows.yaml").write_text(flows)
    return root


def build(root: Path) -> Ran:
    """`mkdocs build --strict` in `root`, as a user runs it (in this process)."""
    return run_mkdocs_build(root, strict=True)


def build_in_new_process(root: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `root`: MkDocs' own command line, started as a user starts it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built example site's output folder."""
    root = write_site(tmp_path_factory.mktemp("site"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text()


def main_content(page: str) -> str:
    """The article, without the theme's header and navigation."""
    return page[page.index('<article class="md-content__inner') : page.index("</article>")]


def nav_html(page: str) -> str:
    return page[page.index("md-nav--primary") : page.index("</nav>", page.index("md-nav--primary"))]


# Building a site


def test_pages_are_generated_at_urls_derived_from_ids(site: Path) -> None:
    for url in ("shop", "shop/paid", "shop/shipped", "shop/unpaid", "shop/return"):
        assert (site / url / "index.html").is_file(), url


def test_nothing_is_written_into_the_docs_folder(site: Path) -> None:
    docs = site.parent / "docs"
    assert sorted(p.name for p in docs.rglob("*")) == ["index.md"]


def test_assets_are_published_and_linked_from_every_page(site: Path) -> None:
    assets = sorted(Path("generator/render/assets").glob("*"))
    assert assets, "generator/render/assets is empty"
    for asset in assets:
        assert (site / "assets" / "flows" / asset.name).read_bytes() == asset.read_bytes()
    home = (site / "index.html").read_text()
    assert 'href="assets/flows/flows.css"' in home
    assert 'src="assets/flows/flows.js"' in home


def test_every_link_between_generated_pages_reaches_a_page(site: Path) -> None:
    for url in ("shop", "shop/paid", "shop/shipped", "shop/unpaid", "shop/return"):
        for href in re.findall(r'href="([^"#:]+)"', main_content(read(site, url))):
            target = posixpath.normpath(posixpath.join(url + "/", href))
            assert (site / target / "index.html").is_file(), f"{url}: {href}"


def test_question_page_is_the_question_with_its_options_as_links(site: Path) -> None:
    page = main_content(read(site, "shop/paid"))
    assert re.search(r"<h1[^>]*>Sudah dibayar\? &lt;script&gt;", page)
    assert "Lihat halaman <em>pesanan</em> Anda." in page
    options = re.findall(r'<a class="flows-wizard__option" href="([^"]+)">(.*?)</a>', page)
    assert options == [("../shipped/", "Sudah &lt;b&gt;dibayar&lt;/b&gt;"), ("../unpaid/", "Belum")]
    assert '<a class="flows-wizard__restart" href="../">Mulai lagi</a>' in page
    assert "paling banyak 2 pertanyaan lagi" in page
    assert "paling banyak 1 pertanyaan lagi" in main_content(read(site, "shop/shipped"))


def test_flow_page_holds_the_wizard_with_a_fallback_and_all_guides(site: Path) -> None:
    page = main_content(read(site, "shop"))
    data = re.search(r"<div class=\"flows-wizard\" data-flows-wizard='([^']*)'[^>]*>", page)
    assert data is not None
    wizard = json.loads(html.unescape(data.group(1)))
    assert wizard["start"] == "paid"
    # Raw HTML in a question is formatted text, escaped by the build, for the script to clone.
    texts = page[page.index("<template data-flows-texts") :]
    texts = re.findall(r"^<div>(.*)</div>$", texts[: texts.index("</template>")], re.M)
    assert texts[wizard["questions"]["paid"]["t"]] == "Sudah dibayar? " + html.escape(EVIL)
    assert EVIL not in page
    # Without JavaScript, the wizard is the first question with its options as links.
    fallback = page[data.end() : page.index("<template")]
    assert re.search(r"<h2[^>]*>Sudah dibayar\? &lt;script&gt;", fallback)
    assert re.findall(r'href="([^"]+)"', fallback) == ["shipped/", "unpaid/"]
    guides = page[page.index("Sudah tahu kasus Anda?") :]
    guides = guides[: guides.index("</ul>")]
    assert re.findall(r'href="([^"]+)"', guides) == ["unpaid/", "return/"]


def test_guide_lists_every_answer_path_leading_to_it(site: Path) -> None:
    page = main_content(read(site, "shop/unpaid"))
    paths = page[page.index("Panduan ini untuk Anda jika:") :]
    paths = paths[: paths.index("</ul>")]
    items = re.findall(r"<li>(.*?)</li>", paths)
    # In option order: the first option of the first question comes first.
    assert items == [
        "Sudah dibayar? &lt;script&gt;alert(1)&lt;/script&gt; "
        f"{ANSWER}Sudah &lt;b&gt;dibayar&lt;/b&gt;</strong><br>"
        f"Sudah dikirim? {ANSWER}Belum</strong>",
        f"Sudah dibayar? &lt;script&gt;alert(1)&lt;/script&gt; {ANSWER}Belum</strong>",
    ]


def test_guide_steps_can_be_ticked(site: Path) -> None:
    page = main_content(read(site, "shop/unpaid"))
    steps = page[page.index('<ol class="flows-steps" data-flows-steps="shop/unpaid">') :]
    steps = steps[: steps.index("</ol>")]
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)"', steps)
    labels = re.findall(r'<label for="([^"]+)">', steps)
    assert len(boxes) == 3 and boxes == labels and len(set(boxes)) == 3
    assert "Buka <strong>Pesanan</strong> &lt;script&gt;" in steps
    assert "Tombolnya di bawah. &lt;i&gt;miring&lt;/i&gt;" in steps
    # The forms of the progress sentence, for the script to choose by the number of steps.
    assert """data-flows-progress='{"other": "{done} dari {n} langkah selesai"}'""" in page


def test_guide_notes_are_admonitions_and_the_review_date_is_in_indonesian(site: Path) -> None:
    page = main_content(read(site, "shop/unpaid"))
    assert f'<div class="admonition warning" {NOTE_WEIGHT}>' in page
    assert f'<div class="admonition tip" {NOTE_WEIGHT}>' in page
    month = (
        "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
    ).split()[TODAY.month - 1]
    assert f'Terakhir ditinjau <time datetime="{TODAY.isoformat()}">' in page
    assert f"{TODAY.day} {month} {TODAY.year}</time>" in page
    assert 'Bukan kasus Anda? <a href="../">Mulai lagi</a>' in page
    assert "Terakhir ditinjau" not in main_content(read(site, "shop/return"))


def test_raw_html_from_flows_is_text_in_pages_titles_and_navigation(site: Path) -> None:
    for url in ("shop", "shop/paid", "shop/unpaid"):
        page = read(site, url)
        assert EVIL not in page and "<b>toko</b>" not in page and "<b>dibayar</b>" not in page
    page = read(site, "shop/unpaid")
    assert re.search(r"<title>Batalkan sendiri &lt;b&gt;sekarang&lt;/b&gt; &lt;script&gt;", page)
    assert "Pesanan &lt;b&gt;toko&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in nav_html(page)


def test_search_indexes_guides_by_their_steps_and_skips_questions(site: Path) -> None:
    docs = search_index(site)
    assert {"/shop/", "/shop/unpaid/", "/shop/return/"} <= set(docs)
    assert not {"/shop/paid/", "/shop/shipped/"} & set(docs)
    guide = docs["/shop/unpaid/"]
    # The main content only (the header and the sidebar come before the title in the page),
    # steps included: they are checkbox labels, whose text Pagefind alone would skip.
    assert guide["content"].startswith("Batalkan sendiri")
    assert "Pilih alasan pembatalan yang ditanyakan" in guide["content"]
    assert guide["meta"]["kind"] == "guide" and docs["/shop/"]["meta"]["kind"] == "flow"
    # The title is text: the search box shows it with textContent, so markup stays words.
    assert guide["meta"]["title"] == f"Batalkan sendiri <b>sekarang</b> {EVIL}"


def test_navigation_lists_flows_and_guides_but_not_questions(site: Path) -> None:
    nav = nav_html(read(site, "shop/return"))
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert "../unpaid/" in hrefs and "./" in hrefs and "../" in hrefs
    assert "../paid/" not in hrefs and "../shipped/" not in hrefs
    # Guides in the order of flows.yaml, not of their file names.
    assert hrefs.index("../unpaid/") < hrefs.index("./")


@pytest.mark.parametrize("url", ["shop", "shop/paid", "shop/unpaid", "shop/peta"])
def test_generated_pages_offer_a_link_that_skips_to_their_heading(site: Path, url: str) -> None:
    page = read(site, url)
    skip = re.search(r'<a href="#([^"]+)" class="md-skip">', page)
    assert skip is not None
    assert re.search(rf'<h1[^>]* id="{re.escape(skip[1])}"', page)


def test_navigation_puts_flows_right_after_the_home_page(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    (root / "docs" / "about.md").write_text("# Tentang\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "index.html").read_text()
    nav = page[page.index("md-nav--primary") : page.index('<div class="md-content"')]
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs.index(".") < hrefs.index("shop/") < hrefs.index("about/")


def test_page_at_a_generated_path_stops_the_build_naming_both(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    (root / "docs" / "shop").mkdir()
    (root / "docs" / "shop" / "unpaid.md").write_text("# Tulisan tangan\n")
    result = build(root)
    assert result.returncode == 1
    assert (
        "flows.yaml:24:7: error FL005: guide 'unpaid' of flow 'shop' would be published at "
        "shop/unpaid/, where docs/shop/unpaid.md already is"
    ) in result.stderr


def test_page_at_a_generated_url_stops_the_build(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    (root / "docs" / "shop.md").write_text("# Toko\n")
    result = build(root)
    assert result.returncode == 1
    assert "the page of flow 'shop' would be published at shop/, where docs/shop.md" in (
        result.stderr
    )


def test_question_at_the_flows_own_page_stops_the_build(tmp_path: Path) -> None:
    root = write_site(tmp_path, flows=FLOWS_YAML.replace("shipped", "index"))
    result = build(root)
    assert result.returncode == 1
    assert (
        "flows.yaml:16:7: error FL207: id 'index' is reserved in flow 'shop': "
        "it is the address of the flow's own page"
    ) in result.stderr


def test_broken_flows_fail_the_build_with_the_checkers_messages(tmp_path: Path) -> None:
    broken = FLOWS_YAML.replace("next: shipped", "next: shiped").replace("version: 1", "versin: 1")
    root = write_site(tmp_path, flows=broken)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("last good site")
    _, problems = check_file(root / "flows.yaml", "flows.yaml")
    expected = format_problems(problems, "en")
    assert expected.count(": error FL") >= 2
    result = build_in_new_process(root)
    assert result.returncode == 1
    assert f"ERROR   -  {expected}\n" in result.stderr
    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]
    assert (root / "site" / "index.html").read_text() == "last good site"


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"LANG": "C.UTF-8"}, "menuju id 'shiped' yang tidak ada"),
        ({"LANG": "en_US.UTF-8"}, "leads to unknown node 'shiped'"),
    ],
)
def test_the_build_reports_in_the_language_check_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], words: str
) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    for name in ("FLOWS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    root = write_site(tmp_path, flows=FLOWS_YAML.replace("next: shipped", "next: shiped"))
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["flows"]
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError) as raised:
        plugin.on_config(config)
    check = run_cli("check", "flows.yaml", cwd=root)
    assert check.returncode == 1
    assert words in str(raised.value)
    assert check.stderr.startswith(str(raised.value) + "\n")


def test_guide_due_for_review_is_reported_but_does_not_fail_a_strict_build(
    tmp_path: Path,
) -> None:
    old = TODAY.replace(year=TODAY.year - 2, day=1).isoformat()
    root = write_site(tmp_path, flows=FLOWS_YAML.replace(TODAY.isoformat(), old))
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert f"warning FL304: outcome 'unpaid' was last reviewed on {old}" in result.stderr
    assert (root / "site" / "shop" / "unpaid" / "index.html").is_file()


def test_missing_flows_file_fails_the_build_with_a_hint(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    (root / "flows.yaml").unlink()
    result = build(root)
    assert result.returncode == 1
    assert "flows.yaml: error FL001: cannot read the file" in result.stderr
    assert "hint: create it, or set the `file` option" in result.stderr


def test_templates_from_the_sites_folder_take_precedence(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        mkdocs_yml=MKDOCS_YML.replace("  - flows", "  - flows:\n      templates: overrides"),
    )
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "partials" / "steps.html.j2").write_text(
        '<ul class="our-steps">\n{% for step in outcome.steps %}'
        "<li>{{ step.text | inline }}</li>{% endfor %}\n</ul>\n"
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = main_content(read(root / "site", "shop/unpaid"))
    assert '<ul class="our-steps">' in page and "flows-steps" not in page
    assert "<li>Buka <strong>Pesanan</strong> &lt;script&gt;" in page
    assert "Panduan ini untuk Anda jika:" in page  # the other templates are still ours


def test_pages_link_right_without_directory_urls(tmp_path: Path) -> None:
    root = write_site(tmp_path, mkdocs_yml=MKDOCS_YML + "use_directory_urls: false\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for name in ("index", "paid", "shipped", "unpaid", "return"):
        page = main_content((site / "shop" / f"{name}.html").read_text())
        for href in re.findall(r'href="([^"#:]+)"', page):
            assert (site / "shop" / href).is_file(), f"{name}: {href}"
    flow_page = (site / "shop" / "index.html").read_text()
    data = json.loads(html.unescape(re.search(r"data-flows-wizard='([^']*)'", flow_page)[1]))
    for outcome in data["outcomes"].values():
        assert (site / "shop" / outcome["u"]).is_file(), outcome


# Serving: a broken save keeps the last good pages


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_keeps_the_last_good_flows_and_watches_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    root = write_site(tmp_path)
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["flows"]
    plugin.on_startup(command="serve", dirty=False)
    try:
        plugin.on_config(config)
        good = plugin.document
        assert good is not None and "shop" in good.flows

        (root / "flows.yaml").write_text(FLOWS_YAML.replace("next: shipped", "next: shiped"))
        _, problems = check_file(root / "flows.yaml", "flows.yaml")
        with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.flows"):
            plugin.on_config(load_config(str(root / "mkdocs.yml")))
        assert plugin.document is good
        assert format_problems(problems, "en") in caplog.text
        assert "showing the pages of its last good version" in caplog.text

        server = FakeServer()
        plugin.on_serve(server, config=config, builder=None)
        assert str(root / "flows.yaml") in server.watched
    finally:
        plugin.on_shutdown()  # as `mkdocs serve` does when it stops

    # MkDocs keeps the same plugin for the rest of the process: once serving has stopped, a
    # build of the broken file fails again instead of showing the last good pages.
    again = load_config(str(root / "mkdocs.yml"))
    assert again.plugins["flows"] is plugin
    with pytest.raises(PluginError, match="FL"):
        plugin.on_config(again)


# The renderer on its own


def at(line: int = 1) -> Position:
    return Position("flows.yaml", line, 1)


def text(value: str) -> Text:
    return Text({"id": value}, at())


def small_document(**outcome_fields: object) -> Document:
    outcome = Outcome(
        "done", text("Selesai"), (Step(text("Langkah"), at()),), at(), **outcome_fields
    )
    question = Question("q", text("Tanya?"), (Option(text("Ya"), "done", at(), at()),), at())
    flow = Flow("f", text("Alur"), "q", {"q": question}, {"done": outcome}, at(), at())
    return Document("flows.yaml", 1, ("id",), {"f": flow})


def test_renderer_does_not_import_mkdocs() -> None:
    code = "import sys, generator.render.renderer; print('mkdocs' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("**tebal** dan *miring*", "<strong>tebal</strong> dan <em>miring</em>"),
        ("[bantuan](https://example.org/)", '<a href="https://example.org/">bantuan</a>'),
        ("kode `<b>`", "kode <code>&lt;b&gt;</code>"),
        ("<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y"),
        (EVIL, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[klik](javascript:alert(1))", "<a>klik</a>"),
        ("[klik](JavaScript&#58;alert(1))", "<a>klik</a>"),
        ("[klik](java\tscript:alert(1))", "<a>klik</a>"),
        ("[lihat](../lain/)", '<a href="../lain/">lihat</a>'),
        ("![logo](https://example.org/a.png)", "<span>logo</span>"),
        ("1. Sudah\n# dibayar", "1. Sudah # dibayar"),
    ],
)
def test_inline_markdown_is_rendered_and_raw_html_is_text(source: str, html: str) -> None:
    assert renderer_for(small_document()).inline(text(source)) == html


def test_plain_titles_lose_markup_but_keep_the_characters() -> None:
    renderer = renderer_for(small_document())
    assert renderer.plain(text("**Pesanan** <b>COD</b> & `x`")) == "Pesanan <b>COD</b> & x"


def test_review_date_is_written_in_indonesian() -> None:
    page = renderer_for(small_document(reviewed=dt.date(2026, 11, 28))).pages()[1]
    assert page.src_uri == "f/done.md"
    assert 'Terakhir ditinjau <time datetime="2026-11-28">28 November 2026</time>' in page.text


def test_title_goes_into_front_matter_escaped() -> None:
    document = small_document()
    flow = document.flows["f"]
    flow = Flow("f", text('Alur "A" <b>'), "q", flow.questions, flow.outcomes, at(), at())
    page = render_page(Document("flows.yaml", 1, ("id",), {"f": flow}), FLOW, "f")
    assert page.text.startswith('---\ntitle: "Alur \\"A\\" &lt;b&gt;"\n')
    assert page.title == 'Alur "A" <b>'


def test_flow_that_starts_at_a_guide_links_to_it() -> None:
    document = small_document()
    flow = document.flows["f"]
    flow = Flow("f", text("Alur"), "done", flow.questions, flow.outcomes, at(), at())
    page = render_page(Document("flows.yaml", 1, ("id",), {"f": flow}), FLOW, "f")
    wizard = page.text[page.text.index("data-flows-wizard") : page.text.index("</div>")]
    assert re.search(r'<a [^>]*href="done/">Selesai</a>', wizard)


def chain_guide_paths(length: int, label: Callable[[str, int], str]) -> str:
    """The paths section of the one guide at the end of `length` yes/no questions in a row
    (each answer going on to the next question): 2**length paths. `label(answer, n)`."""
    ids = [f"q{n}" for n in range(length)]
    questions = {
        qid: Question(
            qid,
            text(f"Tanya {n}?"),
            tuple(
                Option(text(label(answer, n)), ids[n + 1] if n + 1 < length else "done", at(), at())
                for answer in ("Ya", "Tidak")
            ),
            at(),
        )
        for n, qid in enumerate(ids)
    }
    outcome = Outcome("done", text("Selesai"), (Step(text("Langkah"), at()),), at())
    flow = Flow("f", text("Alur"), "q0", questions, {"done": outcome}, at(), at())
    page = render_page(Document("flows.yaml", 1, ("id",), {"f": flow}), OUTCOME, "f", outcome.id)
    return page.text[page.text.index('<div class="flows-paths">') :]


def test_many_paths_are_capped_with_a_count_of_the_rest() -> None:
    # Seven yes/no questions in a row: 128 paths to one guide.
    paths = chain_guide_paths(7, lambda answer, n: answer)
    paths = paths[: paths.index("</div>")]
    assert paths.count("<li>") == 51
    assert "<li>dan 78 jalur jawaban lainnya</li>" in paths


def test_search_indexes_only_the_last_steps_of_a_long_answer_path() -> None:
    # Four questions in a row: the two nearest the guide are searched, those above are not.
    paths = chain_guide_paths(4, lambda answer, n: f"{answer} {n}")
    assert '<p class="flows-paths__title" data-pagefind-ignore>' in paths
    first = paths[paths.index("<li>") + len("<li>") : paths.index("</li>")].split("<br>")
    assert [step.startswith("<span data-pagefind-ignore>") for step in first] == [
        True,
        True,
        False,
        False,
    ]
    assert first[0] == f"<span data-pagefind-ignore>Tanya 0? {ANSWER}Ya 0</strong></span>"
    assert first[3] == f"Tanya 3? {ANSWER}Ya 3</strong>"


def test_renderer_templates_folder_overrides_a_single_template(tmp_path: Path) -> None:
    (tmp_path / "question.md.j2").write_text("{{ front_matter }}# {{ question.text | inline }}!\n")
    renderer = renderer_for(small_document(), templates=str(tmp_path))
    pages = {page.src_uri: page for page in renderer.pages()}
    assert pages["f/q.md"].text.endswith("---\n# Tanya?!\n")
    assert "flows-steps" in pages["f/done.md"].text


def test_an_edited_template_is_used_at_the_next_build(tmp_path: Path) -> None:
    # Compiled templates are kept from one build to the next: by their text, not their name.
    template = tmp_path / "question.md.j2"
    for mark in ("!", "?"):
        template.write_text("{{ front_matter }}# {{ question.text | inline }}" + mark + "\n")
        page = renderer_for(small_document(), templates=str(tmp_path)).pages()
        assert {p.src_uri: p for p in page}["f/q.md"].text.endswith(f"---\n# Tanya?{mark}\n")


def test_a_broken_template_cache_only_means_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.render import renderer

    expected = [page.text for page in renderer_for(small_document()).pages()]
    folder = tmp_path / "cache"
    folder.mkdir()
    cache = renderer._TemplateCache(str(folder))
    monkeypatch.setattr(renderer, "_bytecode_cache", lambda: cache)
    assert [page.text for page in renderer_for(small_document()).pages()] == expected
    assert list(folder.iterdir())
    for entry in folder.iterdir():
        entry.write_bytes(b"not a template")
    assert [page.text for page in renderer_for(small_document()).pages()] == expected
    cache.directory = str(tmp_path / "gone")  # nowhere to write
    assert [page.text for page in renderer_for(small_document()).pages()] == expected


def test_links_without_directory_urls_point_at_html_files() -> None:
    renderer = renderer_for(small_document(), directory_urls=False)
    pages = {page.src_uri: page for page in renderer.pages()}
    assert 'href="done.html"' in pages["f/q.md"].text
    assert 'href="index.html"' in pages["f/done.md"].text
    assert 'href="done.html"' in pages["f/index.md"].text


def test_search_finds_steps_on_guide_pages_not_in_the_wizards_templates(site: Path) -> None:
    entries = search_index(site).values()
    step = "Ketuk Batalkan"
    places = {entry["url"] for entry in entries if step in entry["content"]}
    assert places == {"/shop/unpaid/"}
    flow_page = [entry for entry in entries if entry["url"] == "/shop/"]
    assert flow_page and all("{n}" not in entry["content"] for entry in flow_page)


def test_the_questions_left_are_counted_in_the_singular_for_one() -> None:
    # Two questions in a row, in English: after the first, at most 2 more questions; after the
    # second, at most 1, which English says in the singular.
    def english(value: str) -> Text:
        return Text({"en": value}, at())

    questions = {
        "q0": Question("q0", english("First?"), (Option(english("Yes"), "q1", at(), at()),), at()),
        "q1": Question(
            "q1", english("Second?"), (Option(english("Yes"), "done", at(), at()),), at()
        ),
    }
    outcome = Outcome("done", english("Done"), (Step(english("Step"), at()),), at())
    flow = Flow("f", english("Flow"), "q0", questions, {"done": outcome}, at(), at())
    document = Document("flows.yaml", 1, ("en",), {"f": flow})
    first = render_page(document, QUESTION, "f", "q0").text
    second = render_page(document, QUESTION, "f", "q1").text
    assert '<p class="flows-wizard__left">at most 2 more questions</p>' in first
    assert '<p class="flows-wizard__left">at most 1 more question</p>' in second
