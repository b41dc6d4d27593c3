"""Node-by-node tests of the project's own flows.yaml (cancelling a TikTok Shop order)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check_file
from generator.model import (
    Document,
    Flow,
    Outcome,
    iter_paths,
    paths_to,
    remaining_questions,
)

FLOWS_FILE = Path(__file__).resolve().parent.parent / "flows.yaml"
FLOW_ID = "batalkan-pesanan"
ASKED_SELLER = "Sudah, tetapi pesanan belum dibatalkan"

# (question id, option label, node the option must lead to): the tree as a reviewer reads it.
ROUTES = [
    ("status-pembayaran", "Belum dibayar", "belum-dibayar"),
    ("status-pembayaran", "Sudah dibayar", "sudah-hubungi-penjual"),
    ("status-pembayaran", "Bayar di tempat (COD)", "bayar-di-tempat"),
    ("sudah-hubungi-penjual", "Belum", "sudah-dibayar-penjual"),
    ("sudah-hubungi-penjual", ASKED_SELLER, "sudah-dibayar-layanan-pelanggan"),
]

# The answers a shopper gives for each of the article's three cases, and the guide they reach.
JOURNEYS = [
    (["Belum dibayar"], "belum-dibayar"),
    (["Sudah dibayar", "Belum"], "sudah-dibayar-penjual"),
    (["Sudah dibayar", ASKED_SELLER], "sudah-dibayar-layanan-pelanggan"),
    (["Bayar di tempat (COD)"], "bayar-di-tempat"),
]


@pytest.fixture(scope="module")
def document() -> Document:
    doc, problems = check_file(str(FLOWS_FILE), display_name="flows.yaml")
    assert doc is not None, "\n".join(str(problem) for problem in problems)
    return doc


@pytest.fixture(scope="module")
def flow(document: Document) -> Flow:
    return document.flows[FLOW_ID]


def answer(flow: Flow, labels: list[str]) -> str:
    """Follow `labels` from the start, one option per question; return the node reached."""
    node_id = flow.start
    for label in labels:
        question = flow.questions[node_id]
        chosen = [option for option in question.options if option.label.get() == label]
        assert len(chosen) == 1, f"question {node_id!r} has no single option {label!r}"
        node_id = chosen[0].next
    return node_id


def text_of(outcome: Outcome) -> str:
    """Everything a reader sees on a guide page, for key-word checks."""
    parts = [outcome.title.get()]
    parts += [outcome.summary.get()] if outcome.summary else []
    for step in outcome.steps:
        parts.append(step.text.get())
        if step.detail is not None:
            parts.append(step.detail.get())
    parts += [note.text.get() for note in outcome.notes]
    return "\n".join(parts)


def steps_of(outcome: Outcome) -> list[str]:
    return [step.text.get() for step in outcome.steps]


def test_flows_yaml_passes_the_checker() -> None:
    doc, problems = check_file(str(FLOWS_FILE), display_name="flows.yaml")
    assert [str(problem) for problem in problems if problem.is_error] == []
    # The only warnings allowed are the yearly reminders to review a guide: they are news for
    # editors, and must not break the build of every later change.
    others = [str(p) for p in problems if not p.is_error and "last reviewed" not in p.message]
    assert others == []
    assert doc is not None
    assert list(doc.flows) == [FLOW_ID]


def test_the_wizard_starts_by_asking_about_payment(flow: Flow) -> None:
    assert flow.start == "status-pembayaran"
    start = flow.questions["status-pembayaran"]
    labels = [option.label.get() for option in start.options]
    assert labels == ["Belum dibayar", "Sudah dibayar", "Bayar di tempat (COD)"]


@pytest.mark.parametrize(("question_id", "label", "expected"), ROUTES)
def test_each_option_leads_to_its_node(
    flow: Flow, question_id: str, label: str, expected: str
) -> None:
    question = flow.questions[question_id]
    targets = {option.label.get(): option.next for option in question.options}
    assert targets[label] == expected
    assert flow.node(expected) is not None


def test_the_routes_table_covers_every_option(flow: Flow) -> None:
    in_file = {
        (question.id, option.label.get())
        for question in flow.questions.values()
        for option in question.options
    }
    assert in_file == {(question_id, label) for question_id, label, _ in ROUTES}


@pytest.mark.parametrize(("labels", "expected"), JOURNEYS)
def test_each_case_reaches_its_guide(flow: Flow, labels: list[str], expected: str) -> None:
    assert answer(flow, labels) == expected
    assert expected in flow.outcomes


def test_every_guide_is_at_most_two_answers_away(flow: Flow) -> None:
    assert remaining_questions(flow)[flow.start] <= 2
    reached = set()
    for outcome_id, path in iter_paths(flow):
        assert len(path) <= 2, f"{outcome_id} needs {len(path)} answers"
        reached.add(outcome_id)
    assert reached == set(flow.outcomes)


def test_each_guide_has_exactly_one_way_in(flow: Flow) -> None:
    # One path per guide keeps "Panduan ini untuk Anda jika:" to a single, clear line.
    for outcome_id in flow.outcomes:
        assert len(paths_to(flow, outcome_id)) == 1, outcome_id


def test_every_guide_is_dated(flow: Flow) -> None:
    for outcome in flow.outcomes.values():
        assert outcome.reviewed is not None, outcome.id


def test_unpaid_guide_has_the_nine_steps_in_order(flow: Flow) -> None:
    steps = steps_of(flow.outcomes["belum-dibayar"])
    assert len(steps) == 9
    # The app's menu names, in the order the article walks through them.
    expected_in_order = [
        (0, "masuk"),
        (1, "**Options**"),
        (2, "**Pengaturan dan privasi**"),
        (3, "**Orders**"),
        (4, "**All**"),
        (5, "produk"),
        (6, "alasan pembatalan"),
        (7, "**Submit**"),
        (8, "dibatalkan"),
    ]
    for index, word in expected_in_order:
        assert word in steps[index], f"step {index + 1}: {steps[index]!r} lacks {word!r}"


def test_unpaid_guide_mentions_the_english_menu_name(flow: Flow) -> None:
    step = flow.outcomes["belum-dibayar"].steps[2]
    assert step.detail is not None
    assert "Setting and privacy" in step.detail.get()


def test_each_unpaid_step_is_one_action(flow: Flow) -> None:
    for step in steps_of(flow.outcomes["belum-dibayar"]):
        # A second action would arrive as a second sentence or a "lalu"/"dan ketuk" chain.
        assert step.count(". ") == 0, step
        assert " lalu " not in step, step
        assert step.endswith("."), step


def test_unpaid_guide_warns_to_choose_the_reason_carefully(flow: Flow) -> None:
    notes = flow.outcomes["belum-dibayar"].notes
    assert any("alasan" in note.text.get() for note in notes)


def test_paid_guide_via_seller(flow: Flow) -> None:
    outcome = flow.outcomes["sudah-dibayar-penjual"]
    steps = " ".join(steps_of(outcome)).lower()
    assert "hubungi penjual" in steps
    assert "ajukan pembatalan" in steps
    assert "alasan" in steps
    # The second route stays visible from the first.
    assert "layanan pelanggan" in text_of(outcome)


def test_paid_guide_via_customer_service(flow: Flow) -> None:
    outcome = flow.outcomes["sudah-dibayar-layanan-pelanggan"]
    steps = " ".join(steps_of(outcome)).lower()
    assert "layanan pelanggan" in steps
    assert "customer service" in steps
    assert "pembatalan" in steps
    assert "refund" in steps
    assert "alasan" in steps


def test_cod_guide_covers_seller_customer_service_and_reason(flow: Flow) -> None:
    outcome = flow.outcomes["bayar-di-tempat"]
    steps = [step.lower() for step in steps_of(outcome)]
    seller = next(i for i, step in enumerate(steps) if "penjual" in step)
    service = next(i for i, step in enumerate(steps) if "layanan pelanggan" in step)
    assert seller < service
    assert "tiktok shop" in steps[service]
    assert sum("alasan" in step for step in steps) >= 1
    assert any(note.type == "warning" and "alasan" in note.text.get() for note in outcome.notes)


@pytest.mark.parametrize(
    "typo", ["pesananya", "membatlkan", "artikiel", "pembatalalan", "pesanana ", "silahkan"]
)
def test_no_typos_from_the_source_article(typo: str) -> None:
    assert typo not in FLOWS_FILE.read_text(encoding="utf-8").lower()


def test_no_invented_policy_facts(flow: Flow) -> None:
    # Deadlines, fees and refund times are not in the source: the guides must point to the app
    # or to customer service instead of stating numbers.
    for outcome in flow.outcomes.values():
        text = text_of(outcome).lower()
        assert not any(ch.isdigit() for ch in text), outcome.id
        for word in ("jam", "hari", "biaya", "rp"):
            assert f" {word} " not in f" {text} ", (outcome.id, word)
