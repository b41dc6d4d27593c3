"""Links to a guide by its id (`[](guide:id)`): in the flows' texts and in hand-written pages,
resolved per language to the page's address, with the guide's current title when empty."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from helpers import TABLES, plan_for, renderer_for
from sites import build_site

from generator.format.check import document_problems
from generator.format.links import flow_texts
from generator.format.loader import load_text
from generator.format.problems import format_problem
from generator.render.renderer import content_lists
from generator.site.plan import FLOW, MAP, OUTCOME, QUESTION

ROOT = Path(__file__).resolve().parent.parent

FLOWS = """\
version: 1
languages: [id, en]
flows:
  pesanan:
    title: {id: Batalkan pesanan, en: Cancel an order}
    start: status
    moved:
      penjual: sudah-dibayar
    questions:
      status:
        text: {id: Sudah dibayar?, en: Paid?}
        help:
          id: Belum yakin? Baca [](guide:sudah-dibayar) dulu.
          en: Not sure? Read [](guide:sudah-dibayar) first.
        options:
          - label: {id: Belum, en: Not yet}
            next: belum-dibayar
          - label: {id: Sudah, en: "Yes"}
            next: sudah-dibayar
    outcomes:
      belum-dibayar:
        title: {id: Batalkan sendiri, en: Cancel it yourself}
        steps:
          - id: Jika sudah bayar, lihat [panduan penjual](guide:sudah-dibayar).
            en: If you paid, see [the seller's guide](guide:sudah-dibayar).
        notes:
          - type: info
            text:
              id: Barang sudah tiba? Lihat [](guide:retur/minta) atau [](guide:retur/).
              en: Has it arrived? See [](guide:retur/minta) or [](guide:retur/).
          - type: tip
            text:
              id: Id lama masih bisa dipakai, [](guide:penjual); kode `[](guide:x)` tetap teks.
              en: An old id still works, [](guide:penjual); code `[](guide:x)` stays text.
      sudah-dibayar:
        title: {id: "Hubungi **penjual**", en: Ask the seller}
        steps:
          - {id: Kirim pesan ke penjual., en: Send the seller a message.}
  retur:
    title: {id: Retur barang, en: Return an item}
    start: minta
    outcomes:
      minta:
        title:
          id: "Ajukan retur, bukan [](guide:pesanan/belum-dibayar)"
          en: "Ask for a return, not [](guide:pesanan/belum-dibayar)"
        steps:
          - {id: Ketuk Retur., en: Tap Return.}
"""


@pytest.fixture(scope="module")
def document():
    document, problems = load_text(FLOWS, "flows.yaml")
    assert document is not None and problems == [], problems
    assert document_problems(document, TABLES) == []
    return document


def anchors(html: str) -> list[tuple[str, str]]:
    """(href, words) of every link in `html`, its words without markup."""
    found = re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    return [(href, re.sub(r"<[^>]+>", "", words)) for href, words in found]


def page(document, language: str, kind: str, flow: str, node: str | None = None) -> str:
    renderer = renderer_for(document, language)
    return renderer.render(renderer.plan.page(language, kind, flow, node)).text


@pytest.mark.parametrize(
    ("language", "links"),
    [
        (
            "id",
            [
                ("../sudah-dibayar/", "panduan penjual"),
                ("../../retur/minta/", "Ajukan retur, bukan Batalkan sendiri"),
                ("../../retur/", "Retur barang"),
                ("../sudah-dibayar/", "Hubungi penjual"),
            ],
        ),
        (
            "en",
            [
                ("../sudah-dibayar/", "the seller's guide"),
                ("../../retur/minta/", "Ask for a return, not Cancel it yourself"),
                ("../../retur/", "Return an item"),
                ("../sudah-dibayar/", "Ask the seller"),
            ],
        ),
    ],
)
def test_a_guide_page_links_each_target_in_its_language_with_its_current_title(
    document, language, links
):
    html = page(document, language, OUTCOME, "pesanan", "belum-dibayar")
    shown = [(href, words) for href, words in anchors(html) if words in {w for _, w in links}]
    assert shown == links
    # An old id of `moved:` leads to the page it moved to, not to the old address.
    assert "penjual/" not in html.replace("sudah-dibayar/", "")
    # A link in a code span is text, as written.
    assert "<code>[](guide:x)</code>" in html


def test_the_title_keeps_its_own_formatting_out_of_the_links_words(document):
    html = page(document, "id", QUESTION, "pesanan", "status")
    # "Hubungi **penjual**" is the title; as a link's words it is the words a reader sees.
    assert ("../sudah-dibayar/", "Hubungi penjual") in anchors(html)
    assert "**" not in html


def test_the_flow_page_links_from_its_own_address_in_the_cards_and_the_wizard(document):
    html = page(document, "en", FLOW, "pesanan")
    # The guide carried in the page for the wizard: one folder up less than on the guide's page.
    assert ("../retur/minta/", "Ask for a return, not Cancel it yourself") in anchors(html)
    # The question's help, in the wizard's data (JSON in an attribute, texts in templates).
    assert ("sudah-dibayar/", "Ask the seller") in anchors(html.replace("&#34;", '"'))
    assert "guide:" not in html.replace("[](guide:x)", "")


def test_plain_titles_show_the_linked_title_without_a_link(document):
    plan = plan_for(document)
    assert (
        plan.page("id", OUTCOME, "retur", "minta").title == "Ajukan retur, bukan Batalkan sendiri"
    )
    assert plan.page("en", OUTCOME, "retur", "minta").title == (
        "Ask for a return, not Cancel it yourself"
    )
    # The flow map draws plain words only.
    html = page(document, "en", MAP, "retur")
    assert "Ask for a return, not Cancel it yourself" in html
    assert "guide:" not in html


def test_a_title_linking_to_itself_shows_its_id_rather_than_looping():
    flows = FLOWS.replace("bukan [](guide:pesanan/belum-dibayar)", "bukan [](guide:minta)")
    flows = flows.replace("not [](guide:pesanan/belum-dibayar)", "not [](guide:minta)")
    document, problems = load_text(flows, "flows.yaml")
    assert document is not None, problems
    # Spelt out once, then by its id: the title ends, however its links go round.
    assert plan_for(document).page("en", OUTCOME, "retur", "minta").title == (
        "Ask for a return, not Ask for a return, not minta"
    )


BROKEN = FLOWS.replace(
    "Barang sudah tiba? Lihat [](guide:retur/minta)",
    "Barang sudah tiba? Lihat [](guide:retur/mnta)",
).replace("en: If you paid, see [the seller's guide](guide:sudah-dibayar)", "en: See [](guide:zzz)")


def at(source: str, target: str) -> str:
    """LINE:COL of `target` after `guide:` in `source`, counted as editors count."""
    for number, line in enumerate(source.splitlines(), 1):
        if f"guide:{target})" in line:
            return f"{number}:{line.index(f'guide:{target})') + len('guide:') + 1}"
    raise AssertionError(target)


ZZZ, MNTA = at(BROKEN, "zzz"), at(BROKEN, "retur/mnta")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                f"flows.yaml:{ZZZ}: error FL221: the link names 'zzz', which is not a question, "
                "guide or flow of the site\n  hint: write the id of a question or guide of this "
                "flow, flow/id for one of another flow, or flow/ for a flow's own page (the "
                "flows: pesanan, retur)",
                f"flows.yaml:{MNTA}: error FL221: the link names 'retur/mnta', which is not a "
                "question, guide or flow of the site\n  hint: did you mean 'retur/minta'?",
            ],
        ),
        (
            "id",
            [
                f"flows.yaml:{ZZZ}: error FL221: tautan menyebut 'zzz', yang bukan pertanyaan, "
                "panduan, atau alur di situs ini\n  saran: tulis id pertanyaan atau panduan di "
                "alur ini, alur/id untuk milik alur lain, atau alur/ untuk halaman alur itu "
                "sendiri (alur yang ada: pesanan, retur)",
                f"flows.yaml:{MNTA}: error FL221: tautan menyebut 'retur/mnta', yang bukan "
                "pertanyaan, panduan, atau alur di situs ini\n  saran: maksud Anda 'retur/minta'?",
            ],
        ),
    ],
)
def test_an_unknown_target_is_an_error_at_its_line_and_column(language, expected):
    document, problems = load_text(BROKEN, "flows.yaml")
    assert document is not None and problems == []
    found = document_problems(document, TABLES)
    assert [format_problem(p, language) for p in found] == expected
    line = BROKEN.splitlines()[found[0].pos.line - 1]
    assert line[found[0].pos.column - 1 :].startswith("zzz)")


def test_a_bare_id_of_another_flow_is_suggested_with_its_flow():
    flows = FLOWS.replace("Read [](guide:sudah-dibayar) first", "Read [](guide:minta) first")
    document, _ = load_text(flows, "flows.yaml")
    found = document_problems(document, TABLES)
    assert [(p.code, dict(p.args)["match"]) for p in found] == [("FL221", "retur/minta")]


def test_a_moved_id_whose_entry_is_gone_is_an_error():
    flows = FLOWS.replace("    moved:\n      penjual: sudah-dibayar\n", "")
    document, _ = load_text(flows, "flows.yaml")
    found = document_problems(document, TABLES)
    assert [(p.code, dict(p.args)["target"]) for p in found] == [("FL221", "penjual")] * 2


# Hand-written pages


def test_a_hand_written_page_links_by_flow_and_id_in_its_language(document):
    plan = plan_for(document)
    text = "# Beranda\n\nLihat [](guide:pesanan/belum-dibayar) dan [semua](guide:retur/).\n"
    shown, problems = content_lists(text, plan, "id", "bantuan/cara.md", "content/x.md")
    assert problems == []
    assert shown == (
        "# Beranda\n\nLihat [Batalkan sendiri](../../pesanan/belum-dibayar/) dan "
        "[semua](../../retur/).\n"
    )
    english, _ = content_lists(text, plan, "en", "index.md", "content/en/index.md")
    assert "[Cancel it yourself](pesanan/belum-dibayar/)" in english


def test_a_bare_id_in_a_page_names_the_one_flow_that_has_it(document):
    plan = plan_for(document)
    shown, problems = content_lists("[](guide:minta)", plan, "en", "index.md", "x.md")
    assert problems == []
    assert shown == "[Ask for a return, not Cancel it yourself](retur/minta/)"


def test_code_and_front_matter_in_a_page_stay_as_written(document):
    plan = plan_for(document)
    text = "---\ntitle: '[](guide:zzz)'\n---\n```yaml\n[](guide:zzz)\n```\n`[](guide:zzz)`\n"
    assert content_lists(text, plan, "id", "index.md", "x.md") == (text, [])


def test_unknown_and_ambiguous_targets_in_a_page_name_the_page_line_and_column():
    flows = FLOWS.replace(
        "      minta:\n",
        "      belum-dibayar:\n        title: X\n        steps: [Y]\n      minta:\n",
        1,
    )
    document, problems = load_text(flows, "flows.yaml")
    assert document is not None, problems
    plan = plan_for(document)
    text = "# A\n\nLihat [](guide:pesanan/belum-dibayr)\ndan [](guide:belum-dibayar).\n"
    shown, found = content_lists(text, plan, "id", "index.md", "content/index.md", first_line=3)
    assert [format_problem(p, "en") for p in found] == [
        "content/index.md:5:16: error FL221: the link names 'pesanan/belum-dibayr', which is "
        "not a question, guide or flow of the site\n  hint: did you mean "
        "'pesanan/belum-dibayar'?",
        "content/index.md:6:14: error FL222: the link names 'belum-dibayar', which more than "
        "one flow has: pesanan, retur\n  hint: name the flow too: "
        "[](guide:pesanan/belum-dibayar), [](guide:retur/belum-dibayar)",
    ]
    assert [format_problem(p, "id").split("\n")[0] for p in found][1] == (
        "content/index.md:6:14: error FL222: tautan menyebut 'belum-dibayar', yang dimiliki "
        "lebih dari satu alur: pesanan, retur"
    )
    # The words stay, without an address.
    assert "[pesanan/belum-dibayr](guide:pesanan/belum-dibayr)" in shown


# Built sites


SITE_YML = """\
site_name: Toko
theme:
  name: material
  language: id
plugins:
  - flows
"""


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_built_links_land_on_the_guides_page_in_each_language(engine, tmp_path: Path):
    root = tmp_path / "project"
    (root / "docs" / "en").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Beranda\n\nMulai: [](guide:pesanan/belum-dibayar)\n")
    (root / "docs" / "en" / "index.md").write_text(
        "# Home\n\nStart: [](guide:pesanan/belum-dibayar)\n"
    )
    (root / "mkdocs.yml").write_text(SITE_YML)
    (root / "flows.yaml").write_text(FLOWS)
    site = build_site(root, engine=engine, strict=True)
    checks = [
        ("index.html", "Batalkan sendiri"),
        ("en/index.html", "Cancel it yourself"),
        ("pesanan/belum-dibayar/index.html", "Hubungi penjual"),
        ("en/pesanan/belum-dibayar/index.html", "Ask the seller"),
        ("en/pesanan/index.html", "Ask for a return, not Cancel it yourself"),
    ]
    for path, words in checks:
        html = (site / path).read_text(encoding="utf-8")
        hrefs = [href for href, shown in anchors(html) if shown.strip() == words]
        assert hrefs, (path, words)
        for href in hrefs:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
            landed = (site / target / "index.html").read_text(encoding="utf-8")
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", landed, re.S)[1]
            # The page it lands on is the target's own page, in the same language.
            assert re.sub(r"<[^>]+>", "", heading) in words, (path, href)
            assert path.startswith("en/") == target.startswith("en/"), (path, href)


def test_the_projects_texts_link_guides_by_id_and_quote_no_title():
    document, problems = load_text((ROOT / "flows.yaml").read_text(encoding="utf-8"), "flows.yaml")
    assert document is not None, problems
    links, quoted = [], []
    for flow in document.flows.values():
        titles = [o.title for o in flow.outcomes.values()]
        for text in flow_texts(flow):
            links += text.links
            for language, value in text.values.items():
                quoted += [t.values[language] for t in titles if f'"{t.values[language]}"' in value]
    # A title copied into another text goes stale when the guide is renamed; a link does not.
    assert quoted == []
    assert {link.language for link in links} == set(document.languages)


def test_a_link_with_a_space_or_a_title_is_a_link_by_id_all_the_same(document):
    plan = plan_for(document)
    text = 'A [](guide:retur/minta "Retur") B [x](guide: pesanan/zzz) C\n'
    shown, found = content_lists(text, plan, "en", "index.md", "x.md")
    assert shown.startswith("A [Ask for a return, not Cancel it yourself](retur/minta/) B ")
    assert [(p.code, str(p.pos)) for p in found] == [
        ("FL221", f"x.md:1:{text.index('pesanan') + 1}")
    ]
