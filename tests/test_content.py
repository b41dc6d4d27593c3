"""Node-by-node tests of the project's own flows.yaml (cancelling a TikTok Shop order).

The site is in Indonesian and English; every check that carries logic runs in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.format.check import check_file
from generator.format.model import (
    Document,
    Flow,
    Outcome,
    Text,
    iter_paths,
    paths_to,
    remaining_questions,
)
from generator.render.renderer import content_lists
from generator.site.plan import SitePlan
from generator.site.words import load_tables

ROOT = Path(__file__).resolve().parent.parent
FLOWS_FILE = ROOT / "flows.yaml"
CONTENT = ROOT / "content"
FLOW_ID = "batalkan-pesanan"
LANGUAGES = ("id", "en")
# Each language's hand-written pages: the default language at the top, the others in a folder.
CONTENT_DIRS = {"id": CONTENT, "en": CONTENT / "en"}

ASKED_SELLER = {
    "id": "Sudah, tetapi pesanan belum dibatalkan",
    "en": "Yes, but the order is still not cancelled",
}
UNPAID = {"id": "Belum dibayar", "en": "Not paid yet"}
PAID = {"id": "Sudah dibayar", "en": "Paid"}
COD = {"id": "Bayar di tempat (COD)", "en": "Cash on delivery (COD)"}
NOT_YET = {"id": "Belum", "en": "Not yet"}

# (question id, option label in each language, node the option must lead to): the tree as a
# reviewer reads it.
ROUTES = [
    ("status-pembayaran", UNPAID, "belum-dibayar"),
    ("status-pembayaran", PAID, "sudah-hubungi-penjual"),
    ("status-pembayaran", COD, "bayar-di-tempat"),
    ("sudah-hubungi-penjual", NOT_YET, "sudah-dibayar-penjual"),
    ("sudah-hubungi-penjual", ASKED_SELLER, "sudah-dibayar-layanan-pelanggan"),
]

# The answers a shopper gives for each of the article's three cases, and the guide they reach.
JOURNEYS = [
    ([UNPAID], "belum-dibayar"),
    ([PAID, NOT_YET], "sudah-dibayar-penjual"),
    ([PAID, ASKED_SELLER], "sudah-dibayar-layanan-pelanggan"),
    ([COD], "bayar-di-tempat"),
]


@dataclass(frozen=True)
class KeyWords:
    """The words that carry each guide's logic, as a guide in one language writes them."""

    login: str
    product: str
    reason: str
    cancelled: str
    seller: str
    contact_seller: str
    ask_seller: str
    customer_service: str
    cancel: str
    refund: str
    then: str
    # Deadlines, fees and refund times: the source states none of them.
    policy_words: tuple[str, ...]


KEY_WORDS = {
    "id": KeyWords(
        login="masuk",
        product="produk",
        reason="alasan",
        cancelled="dibatalkan",
        seller="penjual",
        contact_seller="hubungi penjual",
        ask_seller="ajukan pembatalan",
        customer_service="layanan pelanggan",
        cancel="pembatalan",
        refund="refund",
        then=" lalu ",
        policy_words=("jam", "hari", "minggu", "biaya", "rp"),
    ),
    "en": KeyWords(
        login="logged in",
        product="product",
        reason="reason",
        cancelled="cancelled",
        seller="seller",
        contact_seller="contact the seller",
        ask_seller="ask the seller to cancel",
        customer_service="customer service",
        cancel="cancel",
        refund="refund",
        then=" then ",
        policy_words=("hour", "hours", "day", "days", "week", "weeks", "fee", "fees", "rp"),
    ),
}

# The app's menu names in the unpaid guide, step by step, in the order the article walks through
# them; the English site keeps the article's English names and names the Indonesian one aside.
UNPAID_MENUS = {
    "id": ["Options", "Pengaturan dan privasi", "Orders", "All", "Submit"],
    "en": ["Options", "Setting and privacy", "Orders", "All", "Submit"],
}
OTHER_MENU_NAME = {"id": "Setting and privacy", "en": "Pengaturan dan privasi"}

# Markdown inline links: [text](target).
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")

by_language = pytest.mark.parametrize("language", LANGUAGES)


@pytest.fixture(scope="module")
def document() -> Document:
    doc, problems = check_file(str(FLOWS_FILE), display_name="flows.yaml")
    assert doc is not None, "\n".join(str(problem) for problem in problems)
    return doc


@pytest.fixture(scope="module")
def flow(document: Document) -> Flow:
    return document.flows[FLOW_ID]


def say(text: Text, language: str) -> str:
    """The text in `language`, failing (unlike `Text.get`) when that language is missing."""
    return text.values[language]


def plain(text: str) -> str:
    """The text without bold marks, so key words can be found across them."""
    return text.replace("**", "")


def answer(flow: Flow, labels: list[str], language: str) -> str:
    """Follow `labels` from the start, one option per question; return the node reached."""
    node_id = flow.start
    for label in labels:
        question = flow.questions[node_id]
        chosen = [option for option in question.options if say(option.label, language) == label]
        assert len(chosen) == 1, f"question {node_id!r} has no single option {label!r}"
        node_id = chosen[0].next
    return node_id


def text_of(outcome: Outcome, language: str) -> str:
    """Everything a reader sees on a guide page, for key-word checks."""
    parts = [say(outcome.title, language)]
    parts += [say(outcome.summary, language)] if outcome.summary else []
    for step in outcome.steps:
        parts.append(say(step.text, language))
        if step.detail is not None:
            parts.append(say(step.detail, language))
    parts += [say(note.text, language) for note in outcome.notes]
    return "\n".join(parts)


def steps_of(outcome: Outcome, language: str) -> list[str]:
    return [say(step.text, language) for step in outcome.steps]


def texts_of(flow: Flow) -> Iterator[tuple[str, Text]]:
    """Every TEXT of the flow, with where it is, as the checker names places."""
    yield "title of the flow", flow.title
    if flow.summary is not None:
        yield "summary of the flow", flow.summary
    for question in flow.questions.values():
        yield f"text of question {question.id}", question.text
        if question.help is not None:
            yield f"help of question {question.id}", question.help
        for number, option in enumerate(question.options, 1):
            yield f"option {number} of question {question.id}", option.label
    for outcome in flow.outcomes.values():
        yield f"title of outcome {outcome.id}", outcome.title
        if outcome.summary is not None:
            yield f"summary of outcome {outcome.id}", outcome.summary
        for number, step in enumerate(outcome.steps, 1):
            yield f"step {number} of outcome {outcome.id}", step.text
            if step.detail is not None:
                yield f"detail of step {number} of outcome {outcome.id}", step.detail
        for number, note in enumerate(outcome.notes, 1):
            yield f"note {number} of outcome {outcome.id}", note.text


def home_page_guides(document: Document, language: str) -> dict[str, str]:
    """The guides a home page links to, as the site shows it: address -> link text."""
    text = (CONTENT_DIRS[language] / "index.md").read_text(encoding="utf-8")
    # Guides are listed by the site, not by hand, so their titles cannot drift from flows.yaml.
    assert [t for _, t in LINK.findall(text) if t.startswith(f"{FLOW_ID}/")] == [
        f"{FLOW_ID}/index.md"
    ]
    tables = load_tables()
    plan = SitePlan(document, {lang: tables[lang] for lang in document.languages})
    shown, problems = content_lists(text, plan, language, "index.md", "index.md")
    assert problems == []
    return dict(re.findall(r'<li><a href="([^"]+)">([^<]*)</a></li>', shown))


def test_flows_yaml_passes_the_checker() -> None:
    doc, problems = check_file(str(FLOWS_FILE), display_name="flows.yaml")
    assert [str(problem) for problem in problems if problem.is_error] == []
    # The only warnings allowed are the yearly reminders to review a guide: they are news for
    # editors, and must not break the build of every later change.
    others = [str(p) for p in problems if not p.is_error and "last reviewed" not in p.message]
    assert others == []
    assert doc is not None
    assert list(doc.flows) == [FLOW_ID]


def test_the_site_is_indonesian_first_then_english(document: Document) -> None:
    assert document.languages == LANGUAGES


def test_every_text_is_written_in_both_languages(flow: Flow) -> None:
    places = list(texts_of(flow))
    assert len(places) > 50  # the walk above reaches every kind of text
    for where, text in places:
        assert tuple(text.values) == LANGUAGES, where
        assert all(value.strip() for value in text.values.values()), where
        # The same words in both usually mean a line copied and never translated.
        assert text.values["id"] != text.values["en"], where


def test_indonesian_comes_before_english_in_the_file() -> None:
    # Editors find a text by its Indonesian line first; the model orders by `languages`, so
    # only the file itself shows the order an editor sees.
    def walk(node: yaml.Node) -> Iterator[list[str]]:
        if isinstance(node, yaml.MappingNode):
            keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
            if set(keys) == set(LANGUAGES):
                yield keys
            for _, value in node.value:
                yield from walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item)

    root = yaml.compose(FLOWS_FILE.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    orders = list(walk(root))
    assert orders
    assert all(keys == list(LANGUAGES) for keys in orders)


def test_the_wizard_starts_by_asking_about_payment(flow: Flow) -> None:
    assert flow.start == "status-pembayaran"
    start = flow.questions["status-pembayaran"]
    for language in LANGUAGES:
        labels = [say(option.label, language) for option in start.options]
        assert labels == [UNPAID[language], PAID[language], COD[language]]


@by_language
@pytest.mark.parametrize(("question_id", "label", "expected"), ROUTES)
def test_each_option_leads_to_its_node(
    flow: Flow, language: str, question_id: str, label: dict[str, str], expected: str
) -> None:
    question = flow.questions[question_id]
    targets = {say(option.label, language): option.next for option in question.options}
    assert targets[label[language]] == expected
    assert flow.node(expected) is not None


@by_language
def test_the_routes_table_covers_every_option(flow: Flow, language: str) -> None:
    in_file = {
        (question.id, say(option.label, language))
        for question in flow.questions.values()
        for option in question.options
    }
    assert in_file == {(question_id, label[language]) for question_id, label, _ in ROUTES}


@by_language
@pytest.mark.parametrize(("labels", "expected"), JOURNEYS)
def test_each_case_reaches_its_guide(
    flow: Flow, language: str, labels: list[dict[str, str]], expected: str
) -> None:
    assert answer(flow, [label[language] for label in labels], language) == expected
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


@by_language
def test_unpaid_guide_has_the_nine_steps_in_order(flow: Flow, language: str) -> None:
    steps = steps_of(flow.outcomes["belum-dibayar"], language)
    assert len(steps) == 9
    words = KEY_WORDS[language]
    options, settings, orders, everything, submit = (f"**{m}**" for m in UNPAID_MENUS[language])
    expected_in_order = [
        (0, words.login),
        (1, options),
        (2, settings),
        (3, orders),
        (4, everything),
        (5, words.product),
        (6, words.reason),
        (7, submit),
        (8, words.cancelled),
    ]
    for index, word in expected_in_order:
        assert word in steps[index], f"step {index + 1}: {steps[index]!r} lacks {word!r}"


@by_language
def test_unpaid_guide_names_the_settings_menu_in_the_other_app_language(
    flow: Flow, language: str
) -> None:
    step = flow.outcomes["belum-dibayar"].steps[2]
    assert step.detail is not None
    assert f"**{OTHER_MENU_NAME[language]}**" in say(step.detail, language)


@by_language
def test_each_unpaid_step_is_one_action(flow: Flow, language: str) -> None:
    then = KEY_WORDS[language].then
    for step in steps_of(flow.outcomes["belum-dibayar"], language):
        # A second action would arrive as a second sentence or a "then"/"and tap" chain.
        assert step.count(". ") == 0, step
        assert then not in step, step
        assert step.endswith("."), step


@by_language
def test_unpaid_guide_warns_to_choose_the_reason_carefully(flow: Flow, language: str) -> None:
    notes = flow.outcomes["belum-dibayar"].notes
    assert any(KEY_WORDS[language].reason in say(note.text, language) for note in notes)


@by_language
def test_paid_guide_via_seller(flow: Flow, language: str) -> None:
    words = KEY_WORDS[language]
    outcome = flow.outcomes["sudah-dibayar-penjual"]
    steps = plain(" ".join(steps_of(outcome, language))).lower()
    assert words.contact_seller in steps
    assert words.ask_seller in steps
    assert words.reason in steps
    # The second route stays visible from the first.
    assert words.customer_service in text_of(outcome, language)


@by_language
def test_paid_guide_via_customer_service(flow: Flow, language: str) -> None:
    words = KEY_WORDS[language]
    outcome = flow.outcomes["sudah-dibayar-layanan-pelanggan"]
    steps = plain(" ".join(steps_of(outcome, language))).lower()
    # The Indonesian steps also give the English words the shopper may meet in the app.
    for word in (words.customer_service, "customer service", words.cancel, words.refund):
        assert word in steps, word
    assert words.reason in steps


@by_language
def test_cod_guide_covers_seller_customer_service_and_reason(flow: Flow, language: str) -> None:
    words = KEY_WORDS[language]
    outcome = flow.outcomes["bayar-di-tempat"]
    steps = [plain(step).lower() for step in steps_of(outcome, language)]
    seller = next(i for i, step in enumerate(steps) if words.seller in step)
    service = next(i for i, step in enumerate(steps) if words.customer_service in step)
    assert seller < service
    assert "tiktok shop" in steps[service]
    assert sum(words.reason in step for step in steps) >= 1
    assert any(
        note.type == "warning" and words.reason in say(note.text, language)
        for note in outcome.notes
    )


@pytest.mark.parametrize(
    "typo",
    [
        "pesananya",
        "membatlkan",
        "artikiel",
        "pembatalalan",
        "pesanana ",
        "silahkan",
        "diantaranya",
        "kebagian",
        "cara nya",
        "me refund",
    ],
)
def test_no_typos_from_the_source_article(typo: str) -> None:
    # The whole file, so both languages and the editors' comments are covered.
    assert typo not in FLOWS_FILE.read_text(encoding="utf-8").lower()


@by_language
def test_no_invented_policy_facts(flow: Flow, language: str) -> None:
    # Deadlines, fees and refund times are not in the source: the guides must point to the app
    # or to customer service instead of stating numbers.
    for outcome in flow.outcomes.values():
        text = text_of(outcome, language).lower()
        assert not any(ch.isdigit() for ch in text), outcome.id
        words = re.findall(r"\w+", text)
        for word in KEY_WORDS[language].policy_words:
            assert word not in words, (outcome.id, word)


@by_language
def test_home_page_lists_exactly_the_guides_by_their_titles(
    document: Document, flow: Flow, language: str
) -> None:
    expected = {
        f"{FLOW_ID}/{outcome_id}/": say(outcome.title, language)
        for outcome_id, outcome in flow.outcomes.items()
    }
    assert home_page_guides(document, language) == expected


def test_every_indonesian_page_has_an_english_page_of_the_same_name() -> None:
    # The language selector leads to the same address in the other language.
    indonesian = sorted(page.name for page in CONTENT_DIRS["id"].glob("*.md"))
    english = sorted(page.name for page in CONTENT_DIRS["en"].glob("*.md"))
    assert indonesian
    assert english == indonesian
