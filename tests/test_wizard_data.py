"""The wizard's data: words as text, formatting as sanitised HTML, nothing it does not need."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from helpers import TABLES

from generator.format.model import Flow, Option, Outcome, Position, Question, Step, Text
from generator.render.wizard import CARRY_GUIDES_UP_TO, WizardData, carries_guides, wizard_data
from generator.site.markup import EditorText, plain_text

HERE = Position("flows.yaml", 1, 1)


def text(value: str) -> Text:
    return Text({"id": value}, HERE)


def option(label: str, next_id: str) -> Option:
    return Option(text(label), next_id, HERE, HERE)


def make_flow() -> Flow:
    questions = {
        "bayar": Question(
            "bayar",
            text("Sudah **dibayar**?"),
            (option("Belum", "batal-sendiri"), option("Sudah", "kirim")),
            HERE,
            help=text("Lihat [halaman pesanan](https://example.org/x) di `Orders`."),
        ),
        "kirim": Question(
            "kirim",
            text("Sudah dikirim?"),
            (option("Belum", "batal-sendiri"), option("Sudah <b>ya</b>", "retur")),
            HERE,
        ),
    }
    outcomes = {
        "batal-sendiri": Outcome(
            "batal-sendiri",
            text("Batalkan *sendiri*"),
            (Step(text("Langkah rahasia yang tidak boleh ikut"), HERE),),
            HERE,
            summary=text("Bisa dari aplikasi."),
        ),
        "retur": Outcome("retur", text("Ajukan retur"), (Step(text("Langkah"), HERE),), HERE),
    }
    return Flow("batalkan", text("Batalkan"), "bayar", questions, outcomes, HERE, HERE)


def wizard_of(flow: Flow, guide_urls: dict[str, str] | None = None) -> WizardData:
    """The wizard of `flow` in Indonesian; guides at `<flow>/<outcome>/` unless given."""
    urls = guide_urls or {outcome: f"{flow.id}/{outcome}/" for outcome in flow.outcomes}
    return wizard_data(flow, "id", TABLES["id"].words, urls, EditorText())


def data_of(flow: Flow, guide_urls: dict[str, str] | None = None) -> dict:
    return wizard_of(flow, guide_urls).data


def shown(wizard: WizardData, value: str | int) -> str:
    """A text as the page gives it to the script: words, or the HTML it clones."""
    return value if isinstance(value, str) else str(wizard.texts[value])


def test_the_wizard_starts_at_the_flows_start_question():
    flow = make_flow()
    assert data_of(flow)["start"] == "bayar"


def test_each_question_carries_its_texts_options_and_how_many_questions_are_left():
    flow = make_flow()
    wizard = wizard_of(flow)
    bayar = wizard.data["questions"]["bayar"]
    assert shown(wizard, bayar["t"]) == "Sudah <strong>dibayar</strong>?"
    assert shown(wizard, bayar["h"]) == (
        '<p>Lihat <a href="https://example.org/x">halaman pesanan</a> di <code>Orders</code>.</p>'
    )
    assert bayar["n"] == 2
    # Words alone stay words: the script sets them as text, with nothing to clone.
    assert bayar["o"] == [["Belum", "batal-sendiri"], ["Sudah", "kirim"]]
    data = wizard.data
    # No help given: no key, so large flows do not carry empty strings.
    assert "h" not in data["questions"]["kirim"]
    assert data["questions"]["kirim"]["n"] == 1


def test_raw_html_in_a_label_stays_literal_text():
    flow = make_flow()
    wizard = wizard_of(flow)
    label = wizard.data["questions"]["kirim"]["o"][1][0]
    assert shown(wizard, label) == "Sudah &lt;b&gt;ya&lt;/b&gt;"
    assert all("<b>" not in text for text in wizard.texts)


def test_formatted_texts_are_the_pages_html_each_kept_once():
    flow = make_flow()
    repeated = flow.questions["kirim"].options[1].label
    again = Question("lagi", repeated, (option("Sudah <b>ya</b>", "retur"),), HERE)
    flow = Flow(
        flow.id,
        flow.title,
        flow.start,
        {**flow.questions, "lagi": again},
        flow.outcomes,
        HERE,
        HERE,
    )
    wizard = wizard_of(flow)
    converter = EditorText()
    assert wizard.data["questions"]["lagi"]["t"] == wizard.data["questions"]["lagi"]["o"][0][0]
    assert len(wizard.texts) == len(set(wizard.texts))
    title = wizard.data["outcomes"]["batal-sendiri"]["t"]
    assert wizard.texts[title] == converter.inline("Batalkan *sendiri*")


def test_help_of_words_alone_is_one_paragraph_of_text():
    flow = make_flow()
    plain = Question("q", text("Apa?"), (option("A", "retur"),), HERE, help=text("Cukup kata."))
    flow = Flow(flow.id, flow.title, "q", {"q": plain}, flow.outcomes, HERE, HERE)
    wizard = wizard_of(flow)
    assert wizard.data["questions"]["q"]["h"] == "Cukup kata."
    assert EditorText().block("Cukup kata.") == "<p>Cukup kata.</p>"
    lines = Question("q", text("Apa?"), (option("A", "retur"),), HERE, help=text("a\n\nb"))
    flow = Flow(flow.id, flow.title, "q", {"q": lines}, flow.outcomes, HERE, HERE)
    wizard = wizard_of(flow)
    assert shown(wizard, wizard.data["questions"]["q"]["h"]) == "<p>a</p>\n<p>b</p>"


def test_flows_carry_their_guides_up_to_a_size_then_leave_them_to_the_guide_pages():
    flow = make_flow()
    assert carries_guides(flow)
    step = (Step(text("Langkah"), HERE),)
    many = {f"g{n}": Outcome(f"g{n}", text(f"G{n}"), step, HERE) for n in range(CARRY_GUIDES_UP_TO)}
    at_limit = Flow(flow.id, flow.title, "g0", {}, many, HERE, HERE)
    assert carries_guides(at_limit)
    extra = Outcome("lagi", text("Lagi"), step, HERE)
    over = Flow(flow.id, flow.title, "g0", {}, {**many, "lagi": extra}, HERE, HERE)
    assert not carries_guides(over)


def test_outcomes_carry_title_summary_and_guide_url_but_no_steps():
    flow = make_flow()
    wizard = wizard_of(flow, {o: f"../batalkan/{o}/" for o in flow.outcomes})
    data = wizard.data
    outcome = data["outcomes"]["batal-sendiri"]
    assert shown(wizard, outcome.pop("t")) == "Batalkan <em>sendiri</em>"
    assert outcome == {"s": "Bisa dari aplikasi.", "u": "../batalkan/batal-sendiri/"}
    assert data["outcomes"]["retur"] == {"t": "Ajukan retur", "u": "../batalkan/retur/"}
    assert "Langkah rahasia" not in json.dumps(data) + "".join(wizard.texts)


def test_guide_urls_default_to_the_site_root():
    flow = make_flow()
    assert data_of(flow)["outcomes"]["retur"]["u"] == "batalkan/retur/"


def test_interface_words_come_from_the_language_table():
    flow = make_flow()
    words = data_of(flow)["strings"]
    table = TABLES["id"]
    assert words["start_again"] == table["start_again"] == "Mulai lagi"
    assert words["change"] == "Ubah"
    # A sentence with a count comes with its forms, for the script to choose by the count.
    assert words["at_most_n_more"] == table["at_most_n_more"]
    assert words["at_most_n_more"] == {"other": "paling banyak {n} pertanyaan lagi"}
    assert "at_most_one_more" not in words
    assert "know_your_case" not in words  # page words stay on the pages


def test_the_data_survives_a_json_round_trip():
    flow = make_flow()
    data = data_of(flow)
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("**Belum dibayar**: Anda", "Belum dibayar: Anda"),
        ("Ketuk __Submit__ lalu *OK* atau _Batal_", "Ketuk Submit lalu OK atau Batal"),
        ("Buka [Pesanan](../pesanan/ 'judul') sekarang", "Buka Pesanan sekarang"),
        # An undefined reference stays as written, as on the page; images by their alt text.
        ("Lihat [menu][ref] dan ![ikon](i.png)", "Lihat [menu][ref] dan ikon"),
        ("a &amp; b", "a & b"),
        ("Kode `**tetap**` dan `a_b_`", "Kode **tetap** dan a_b_"),
        (r"Harga 5 \* 2 dan \_x\_", "Harga 5 * 2 dan _x_"),
        ("nama_file_ini tetap", "nama_file_ini tetap"),
        ("<script>alert(1)</script> & <b>", "<script>alert(1)</script> & <b>"),
        ("Kunjungi <https://example.org/a>", "Kunjungi https://example.org/a"),
        ("baris\n  satu\n\nbaris dua ", "baris satu baris dua"),
        ("2 * 3 * 4", "2 * 3 * 4"),
    ],
)
def test_plain_text_keeps_the_words_a_reader_sees(markdown, expected):
    assert plain_text(markdown) == expected


def test_our_script_and_styles_stay_within_8_kb_gzipped():
    """Readers on slow connections download both on their first page; the budget is 8 KB.

    It was 6 KB while the script only answered questions; the language menu, the feedback link,
    print styles and the answer in place (steps in the wizard) take it to 8 KB.
    """
    assets = Path(__file__).resolve().parents[1] / "generator" / "render" / "assets"
    sizes = {
        name: len(gzip.compress((assets / name).read_bytes(), compresslevel=9))
        for name in ("flows.js", "flows.css")
    }
    assert sum(sizes.values()) <= 8 * 1024, sizes
