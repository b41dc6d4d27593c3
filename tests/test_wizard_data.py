"""The wizard's data: plain text only, every node it can reach, and nothing it does not need."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator.model import Document, Flow, Option, Outcome, Position, Question, Step, Text
from helpers import TABLES

from generator.markup import plain_text
from generator.wizard import wizard_data

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


def data_of(flow: Flow, guide_urls: dict[str, str] | None = None) -> dict:
    """The wizard data of `flow` in Indonesian; guides at `<flow>/<outcome>/` unless given."""
    urls = guide_urls or {outcome: f"{flow.id}/{outcome}/" for outcome in flow.outcomes}
    return wizard_data(flow, "id", TABLES["id"].words, urls, plain_text)


def test_the_wizard_starts_at_the_flows_start_question():
    flow = make_flow()
    assert data_of(flow)["start"] == "bayar"


def test_each_question_carries_plain_text_options_and_how_many_questions_are_left():
    flow = make_flow()
    data = data_of(flow)
    assert data["questions"]["bayar"] == {
        "t": "Sudah dibayar?",
        "h": "Lihat halaman pesanan di Orders.",
        "n": 2,
        "o": [["Belum", "batal-sendiri"], ["Sudah", "kirim"]],
    }
    # No help given: no key, so large flows do not carry empty strings.
    assert "h" not in data["questions"]["kirim"]
    assert data["questions"]["kirim"]["n"] == 1


def test_raw_html_in_a_label_stays_literal_text():
    flow = make_flow()
    data = data_of(flow)
    assert data["questions"]["kirim"]["o"][1][0] == "Sudah <b>ya</b>"


def test_outcomes_carry_title_summary_and_guide_url_but_no_steps():
    flow = make_flow()
    data = data_of(flow, {o: f"../batalkan/{o}/" for o in flow.outcomes})
    assert data["outcomes"]["batal-sendiri"] == {
        "t": "Batalkan sendiri",
        "s": "Bisa dari aplikasi.",
        "u": "../batalkan/batal-sendiri/",
    }
    assert data["outcomes"]["retur"] == {"t": "Ajukan retur", "u": "../batalkan/retur/"}
    assert "Langkah rahasia" not in json.dumps(data)


def test_guide_urls_default_to_the_site_root():
    flow = make_flow()
    assert data_of(flow)["outcomes"]["retur"]["u"] == "batalkan/retur/"


def test_interface_words_come_from_the_language_table():
    flow = make_flow()
    words = data_of(flow)["strings"]
    table = TABLES["id"]
    assert words["start_again"] == table["start_again"] == "Mulai lagi"
    assert words["change"] == "Ubah"
    assert words["at_most_n_more"] == table["at_most_n_more"]
    assert "{n}" in words["at_most_n_more"]
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


def test_our_script_and_styles_stay_within_6_kb_gzipped():
    """Readers on slow connections download both on their first page; the budget is 6 KB."""
    assets = Path(__file__).resolve().parents[1] / "generator" / "assets"
    sizes = {
        name: len(gzip.compress((assets / name).read_bytes(), compresslevel=9))
        for name in ("flows.js", "flows.css")
    }
    assert sum(sizes.values()) <= 6 * 1024, sizes
