"""Paths through a tree, on the shared-outcomes example; every value below is counted by hand.

status-pesanan ─ Belum dikirim ──▶ status-pembayaran ─ Belum dibayar ─▶ batalkan-sendiri
               │                                     └ Sudah dibayar ─▶ alasan
               ├ Sudah dikirim ──▶ kondisi-paket ─ Rusak ─▶ alasan
               └ Sudah diterima ─▶ kondisi-paket └ Baik ──▶ hubungi-penjual
alasan ─ Salah pesan ─▶ hubungi-penjual
       └ Berubah pikiran ─▶ ajukan-pengembalian
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.format import model
from generator.format.check import check_file
from generator.format.model import (
    Flow,
    count_paths,
    iter_paths,
    parents_of,
    paths_to,
    remaining_questions,
    total_paths,
)

EXAMPLE = Path(__file__).parent / "flows" / "valid" / "shared-outcomes.yaml"


@pytest.fixture(scope="module")
def flow() -> Flow:
    document, problems = check_file(EXAMPLE)
    assert problems == [] and document is not None
    return document.flows["pengembalian"]


def answers(path: model.Path) -> list[str]:
    """A path as the labels a reader picks, in order."""
    return [option.label.get() for _, option in path]


def test_count_paths_counts_every_way_into_each_node(flow: Flow) -> None:
    assert count_paths(flow) == {
        "status-pesanan": 1,
        "status-pembayaran": 1,  # Belum dikirim
        "kondisi-paket": 2,  # Sudah dikirim, Sudah diterima
        "alasan": 3,  # one through status-pembayaran, two through kondisi-paket
        "batalkan-sendiri": 1,
        "hubungi-penjual": 5,  # 2 straight from kondisi-paket + 3 through alasan
        "ajukan-pengembalian": 3,  # 3 through alasan
    }


def test_total_paths_adds_up_the_outcomes(flow: Flow) -> None:
    assert total_paths(flow) == 1 + 5 + 3


def test_iter_paths_walks_depth_first_in_option_order(flow: Flow) -> None:
    walked = [(outcome, answers(path)) for outcome, path in iter_paths(flow)]
    assert walked == [
        ("batalkan-sendiri", ["Belum dikirim", "Belum dibayar"]),
        ("hubungi-penjual", ["Belum dikirim", "Sudah dibayar", "Salah pesan"]),
        ("ajukan-pengembalian", ["Belum dikirim", "Sudah dibayar", "Berubah pikiran"]),
        ("hubungi-penjual", ["Sudah dikirim", "Rusak", "Salah pesan"]),
        ("ajukan-pengembalian", ["Sudah dikirim", "Rusak", "Berubah pikiran"]),
        ("hubungi-penjual", ["Sudah dikirim", "Baik"]),
        ("hubungi-penjual", ["Sudah diterima", "Rusak", "Salah pesan"]),
        ("ajukan-pengembalian", ["Sudah diterima", "Rusak", "Berubah pikiran"]),
        ("hubungi-penjual", ["Sudah diterima", "Baik"]),
    ]


def test_iter_paths_pairs_each_option_with_the_question_it_answers(flow: Flow) -> None:
    _, path = next(iter_paths(flow))
    assert [question.id for question, _ in path] == ["status-pesanan", "status-pembayaran"]


def test_iter_paths_to_one_target_skips_the_others(flow: Flow) -> None:
    ends = [outcome for outcome, _ in iter_paths(flow, "ajukan-pengembalian")]
    assert ends == ["ajukan-pengembalian"] * 3


def test_paths_to_lists_every_path_to_a_shared_outcome(flow: Flow) -> None:
    assert [answers(p) for p in paths_to(flow, "hubungi-penjual")] == [
        ["Belum dikirim", "Sudah dibayar", "Salah pesan"],
        ["Sudah dikirim", "Rusak", "Salah pesan"],
        ["Sudah dikirim", "Baik"],
        ["Sudah diterima", "Rusak", "Salah pesan"],
        ["Sudah diterima", "Baik"],
    ]


def test_paths_to_stops_at_the_limit(flow: Flow) -> None:
    assert [answers(p) for p in paths_to(flow, "hubungi-penjual", limit=2)] == [
        ["Belum dikirim", "Sudah dibayar", "Salah pesan"],
        ["Sudah dikirim", "Rusak", "Salah pesan"],
    ]


def test_paths_to_an_outcome_reached_once(flow: Flow) -> None:
    assert [answers(p) for p in paths_to(flow, "batalkan-sendiri")] == [
        ["Belum dikirim", "Belum dibayar"]
    ]


def test_paths_to_an_unknown_node_is_empty(flow: Flow) -> None:
    assert paths_to(flow, "tidak-ada") == []


def test_parents_of_names_every_question_leading_to_a_node(flow: Flow) -> None:
    parents = parents_of(flow)
    assert parents["alasan"] == ["status-pembayaran", "kondisi-paket"]
    assert parents["kondisi-paket"] == ["status-pesanan", "status-pesanan"]
    assert "status-pesanan" not in parents


def test_paths_to_with_parents_worked_out_once_gives_the_same_paths(flow: Flow) -> None:
    parents = parents_of(flow)
    for outcome_id in flow.outcomes:
        assert paths_to(flow, outcome_id, parents=parents) == paths_to(flow, outcome_id)
    assert [answers(p) for p in paths_to(flow, "ajukan-pengembalian", parents=parents)] == [
        ["Belum dikirim", "Sudah dibayar", "Berubah pikiran"],
        ["Sudah dikirim", "Rusak", "Berubah pikiran"],
        ["Sudah diterima", "Rusak", "Berubah pikiran"],
    ]


def test_remaining_questions_counts_the_longest_way_to_a_guide(flow: Flow) -> None:
    assert remaining_questions(flow) == {
        "alasan": 1,
        "status-pembayaran": 2,  # itself, then alasan
        "kondisi-paket": 2,  # itself, then alasan
        "status-pesanan": 3,  # itself, then status-pembayaran or kondisi-paket, then alasan
    }


def test_a_flow_that_starts_at_a_guide_has_one_empty_path() -> None:
    document, _ = check_file(EXAMPLE.with_name("outcome-as-start.yaml"))
    assert document is not None
    flow = document.flows["ubah-alamat"]
    assert list(iter_paths(flow)) == [("ubah-alamat-pesanan", ())]
    assert total_paths(flow) == 1
    assert remaining_questions(flow) == {}


def test_both_languages_of_a_text_are_kept() -> None:
    document, _ = check_file(EXAMPLE.with_name("two-languages.yaml"))
    assert document is not None
    assert document.languages == ("id", "en")
    question = document.flows["batalkan-pesanan"].questions["status-pembayaran"]
    assert question.text.get("en") == "Have you paid for the order?"
    assert question.text.get() == "Apakah pesanan sudah dibayar?"
    assert [option.label.get("en") for option in question.options] == ["Not paid yet", "Paid"]
