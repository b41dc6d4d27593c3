"""A reader answers the "which case am I?" wizard, with and without JavaScript.

The journeys are generated from the project's flows.yaml: every answer path of every flow.
Behaviour that needs a particular tree shape (answers that still apply after a change) uses the
small example site in tests/browser/example.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.format.links import place_of
from generator.format.model import Flow, iter_paths
from generator.format.model import Path as AnswerPath

from .conftest import DESKTOP, PHONE, Site, snapshot
from .site_states import DEFAULT, DOCUMENT, LANGUAGES, WORDS, Language, words


def journey_id(flow: Flow, outcome_id: str, path: AnswerPath) -> str:
    return f"{flow.id}/{outcome_id}[" + ".".join(_numbers(path)) + "]"


def _numbers(path: AnswerPath) -> list[str]:
    return [str(question.options.index(option) + 1) for question, option in path]


# Every journey in every language: the same answers lead to the same guide in each.
JOURNEYS = [
    pytest.param(
        language, flow, outcome_id, path, id=f"{language.code}:{journey_id(flow, outcome_id, path)}"
    )
    for language in LANGUAGES
    for flow in DOCUMENT.flows.values()
    for outcome_id, path in iter_paths(flow)
]
LONGEST = max(JOURNEYS, key=lambda journey: len(journey.values[3])).values[1:]


def state(path: AnswerPath) -> str:
    """The query string that stands for `path`: each question's id and the option's number."""
    if not path:
        return ""
    numbers = _numbers(path)
    return "?a=" + ",".join(
        f"{question.id}.{n}" for (question, _), n in zip(path, numbers, strict=True)
    )


def wizard(page: Page):
    return page.locator("[data-flows-wizard]")


def answer(page: Page, label: str) -> None:
    wizard(page).get_by_role("link", name=label, exact=True).click()


def expect_question(page: Page, text: str) -> None:
    heading = wizard(page).get_by_role("heading", level=2, name=text, exact=True)
    expect(heading).to_be_visible()
    expect(heading).to_be_focused()


def expect_outcome(page: Page, flow: Flow, outcome_id: str, language: Language = DEFAULT) -> None:
    outcome = flow.outcomes[outcome_id]
    name = language.words(outcome.title)
    heading = wizard(page).get_by_role("heading", level=2, name=name, exact=True)
    expect(heading).to_be_visible()
    guide = wizard(page).get_by_role("link", name=language.ui["open_guide"])
    expect(guide).to_be_visible()
    # The resolved address, whatever form (relative or absolute) the page writes it in.
    assert guide.evaluate("link => link.href").endswith(
        f"/{language.prefix}{flow.id}/{outcome_id}/"
    )


def mark_document(page: Page) -> None:
    """Mark the loaded document, so a later check can tell it was never reloaded."""
    page.evaluate("window.flowsTestMark = 'same document'")


def expect_same_document(page: Page) -> None:
    assert page.evaluate("window.flowsTestMark") == "same document", "the page was reloaded"


@pytest.mark.parametrize(("language", "flow", "outcome_id", "path"), JOURNEYS)
def test_answers_each_question_and_reaches_the_right_guide(
    page, site, language, flow, outcome_id, path
):
    say, here = language.words, f"{language.prefix}{flow.id}/"
    page.goto(site.page_url(here))
    mark_document(page)
    for done, (question, option) in enumerate(path):
        if done == 0:
            heading = wizard(page).get_by_role("heading", level=2, name=say(question.text))
            expect(heading).to_be_visible()
        else:
            expect_question(page, say(question.text))
        answer(page, say(option.label))
        expect(page).to_have_url(site.page_url(f"{here}{state(path[: done + 1])}"))
    expect_outcome(page, flow, outcome_id, language)
    expect(
        wizard(page).get_by_role("heading", level=2, name=say(flow.outcomes[outcome_id].title))
    ).to_be_focused()
    expect_same_document(page)  # answered in place, no page loads

    wizard(page).get_by_role("link", name=language.ui["open_guide"]).click()
    expect(page).to_have_url(site.page_url(f"{here}{outcome_id}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(say(flow.outcomes[outcome_id].title))


@pytest.mark.parametrize(("language", "flow", "outcome_id", "path"), JOURNEYS)
def test_answers_through_the_question_pages_without_javascript(
    page_without_js, site, language, flow, outcome_id, path
):
    page = page_without_js
    say, here = language.words, f"{language.prefix}{flow.id}/"
    page.goto(site.page_url(here))
    content = page.locator(".md-content")
    for done, (question, option) in enumerate(path):
        level = 2 if done == 0 else 1  # the flow page shows the first question under its title
        expect(content.get_by_role("heading", level=level, name=say(question.text))).to_be_visible()
        content.get_by_role("link", name=say(option.label), exact=True).click()
        if option.next in flow.questions:
            expect(page).to_have_url(site.page_url(f"{here}{option.next}/"))
    expect(page).to_have_url(site.page_url(f"{here}{outcome_id}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(say(flow.outcomes[outcome_id].title))


def test_steps_back_and_forward_through_the_answers(page, site):
    flow, outcome_id, path = LONGEST
    page.goto(site.page_url(f"{flow.id}/"))
    mark_document(page)
    for _, option in path:
        answer(page, words(option.label))
    expect_outcome(page, flow, outcome_id)

    for done in range(len(path) - 1, -1, -1):
        page.go_back()
        expect(page).to_have_url(site.page_url(f"{flow.id}/{state(path[:done])}"))
        expect_question(page, words(path[done][0].text))
    for done in range(1, len(path) + 1):
        page.go_forward()
        expect(page).to_have_url(site.page_url(f"{flow.id}/{state(path[:done])}"))
    expect_outcome(page, flow, outcome_id)
    expect_same_document(page)


def test_after_going_back_sees_which_answer_they_gave(page, site):
    flow, _, path = LONGEST
    page.goto(site.page_url(f"{flow.id}/"))
    question, option = path[0]
    answer(page, words(option.label))
    page.go_back()
    expect_question(page, words(question.text))
    given = wizard(page).get_by_role(
        "link", name=f"{words(option.label)} ({WORDS['previous_answer']})"
    )
    expect(given).to_be_visible()


@pytest.mark.parametrize(("language", "flow", "outcome_id", "path"), JOURNEYS)
def test_opens_a_shared_link_and_sees_the_same_answers(
    open_page, site, language, flow, outcome_id, path
):
    page = open_page()
    page.goto(site.page_url(f"{language.prefix}{flow.id}/{state(path)}"))
    expect_outcome(page, flow, outcome_id, language)
    answers = wizard(page).locator("dl > div")
    expect(answers).to_have_count(len(path))
    for row, (question, option) in zip(answers.all(), path, strict=True):
        expect(row.locator("dt")).to_have_text(language.words(question.text))
        expect(row.locator("dd").first).to_have_text(language.words(option.label))

    page.reload()
    expect_outcome(page, flow, outcome_id, language)
    expect(answers).to_have_count(len(path))

    other_tab = open_page()
    other_tab.goto(page.url)
    expect_outcome(other_tab, flow, outcome_id, language)


def test_starts_again_from_the_first_question(page, site):
    flow, _, path = LONGEST
    page.goto(site.page_url(f"{flow.id}/"))
    for _, option in path:
        answer(page, words(option.label))
    wizard(page).get_by_role("link", name=WORDS["start_again"], exact=True).click()
    expect(page).to_have_url(site.page_url(f"{flow.id}/"))
    expect_question(page, words(flow.questions[flow.start].text))
    expect(wizard(page).get_by_role("heading", name=WORDS["your_answers"])).to_have_count(0)
    # Starting again forgets the answers: no option is marked as given before.
    expect(wizard(page).get_by_text(WORDS["previous_answer"])).to_have_count(0)


def test_changes_an_answer_and_comes_back_to_the_same_later_answers(page, site):
    flow, outcome_id, path = LONGEST
    page.goto(site.page_url(f"{flow.id}/{state(path)}"))
    first_question, first_option = path[0]
    wizard(page).get_by_role("link", name=f"{WORDS['change']} {words(first_question.text)}").click()
    expect(page).to_have_url(site.page_url(f"{flow.id}/"))
    expect_question(page, words(first_question.text))
    answer(page, f"{words(first_option.label)} ({WORDS['previous_answer']})")
    # The later questions were answered already: their answers still apply.
    expect_outcome(page, flow, outcome_id)
    expect(page).to_have_url(site.page_url(f"{flow.id}/{state(path)}"))


@pytest.mark.parametrize(
    "query",
    [
        "?a=tidak-ada.1",  # no such question
        "?a={start}.99",  # no such option
        "?a={start}.0",
        "?a={start}.x",
        "?a={start}",
        "?a={second}.1",  # a real question, but not the first one asked
        "?a={path},{start}.1",  # answers after the guide is reached
        "?a=%3Cscript%3E.1",
    ],
)
def test_a_link_that_fits_no_question_starts_again_with_a_notice(page, site, query):
    flow, _, path = LONGEST
    full = state(path)[len("?a=") :]
    second = path[1][0].id if len(path) > 1 else "tidak-ada"
    page.goto(
        site.page_url(f"{flow.id}/" + query.format(start=flow.start, second=second, path=full))
    )
    expect(wizard(page).get_by_text(WORDS["unknown_state"], exact=True)).to_be_visible()
    first = wizard(page).get_by_role(
        "heading", level=2, name=words(flow.questions[flow.start].text)
    )
    expect(first).to_be_visible()
    expect(page).to_have_url(site.page_url(f"{flow.id}/"))
    expect(wizard(page).get_by_role("status")).to_contain_text(WORDS["unknown_state"])


def test_uses_the_wizard_after_following_a_link_from_the_home_page(page, site):
    flow, outcome_id, path = LONGEST
    page.goto(site.url)
    mark_document(page)
    page.locator(f'a[href="{site.url}{flow.id}/"]').filter(visible=True).first.click()
    expect(page).to_have_url(site.page_url(f"{flow.id}/"))
    for _, option in path:
        answer(page, words(option.label))
    expect_outcome(page, flow, outcome_id)
    expect_same_document(page)  # Material's instant navigation, not a page load

    page.go_back()  # answers step back first, then the home page returns
    for _ in path[1:]:
        page.go_back()
    expect(page).to_have_url(site.page_url(f"{flow.id}/"))
    page.go_back()
    expect(page).to_have_url(site.url)


def test_answers_with_the_keyboard_only(page, site):
    flow, outcome_id, path = LONGEST
    page.goto(site.page_url(f"{flow.id}/"))
    for _, option in path:
        tab_to(page, words(option.label))
        page.keyboard.press("Enter")
    expect_outcome(page, flow, outcome_id)
    expect(wizard(page).get_by_role("heading", level=2).first).to_be_focused()
    tab_to(page, WORDS["open_guide"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.page_url(f"{flow.id}/{outcome_id}/"))


def tab_to(page: Page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's text is `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with Tab")


def built_pages(site: Site) -> list[str]:
    """Every page of the built site, as a path under the site's URL."""
    return sorted(
        path.parent.relative_to(site.root).as_posix() + "/"
        for path in Path(site.root).rglob("index.html")
    )


def test_reads_every_page_on_a_phone_without_scrolling_sideways(open_page, site):
    page = open_page(viewport=PHONE)
    states = [
        f"{language.prefix}{flow.id}/{state(path[:done])}"
        for language, flow, _, path in (journey.values for journey in JOURNEYS)
        for done in range(len(path) + 1)
    ]
    wide = []
    for address in [*built_pages(site), *dict.fromkeys(states)]:
        page.goto(site.page_url(address.removeprefix("./")))
        sizes = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if sizes[0] > sizes[1]:
            wide.append((address, sizes))
    assert wide == []


def test_taps_options_that_are_big_enough_on_a_phone(open_page, site):
    page = open_page(viewport=PHONE)
    flow, _, path = LONGEST
    page.goto(site.page_url(f"{flow.id}/{state(path[:1])}"))
    targets = wizard(page).get_by_role("link")
    expect(targets.first).to_be_visible()
    small = []
    for target in targets.all():
        box = target.bounding_box()
        if box["width"] < 44 or box["height"] < 44:
            small.append((target.text_content(), box))
    assert small == []


def test_visits_every_page_and_asks_no_other_host(page, site):
    for address in built_pages(site):
        page.goto(site.page_url(address.removeprefix("./")))
    flow, _, path = LONGEST
    page.goto(site.page_url(f"{flow.id}/"))
    for _, option in path:
        answer(page, words(option.label))
    assert len(page.watch.requests) > len(built_pages(site))
    assert page.watch.foreign_requests() == []
    assert page.context.cookies() == []


# --- Behaviour that needs a particular tree: the example site --------------------------------


def test_changes_an_early_answer_and_keeps_the_later_ones_that_still_apply(open_page, example_site):
    page = open_page(site=example_site)
    page.goto(example_site.page_url("kirim-paket/"))
    for label in ("Kecil", "Dalam negeri", "Ya"):
        answer(page, label)
    expect(
        wizard(page).get_by_role("heading", level=2, name="Kirim dengan asuransi")
    ).to_be_focused()

    wizard(page).get_by_role("link", name="Ubah Seberapa besar paket Anda?").click()
    expect_question(page, "Seberapa besar paket Anda?")
    answer(page, "Sedang")
    # Both later questions follow from "Sedang" too, so their answers are kept.
    expect(
        wizard(page).get_by_role("heading", level=2, name="Kirim dengan asuransi")
    ).to_be_focused()
    expect(wizard(page).locator("dl dd:first-of-type")).to_have_text(
        ["Sedang", "Dalam negeri", "Ya"]
    )
    expect(page).to_have_url(example_site.page_url("kirim-paket/?a=ukuran.2,tujuan.1,asuransi.1"))


def test_changes_to_a_branch_where_later_answers_do_not_apply(open_page, example_site):
    page = open_page(site=example_site)
    page.goto(example_site.page_url("kirim-paket/?a=ukuran.1,tujuan.1,asuransi.2"))
    wizard(page).get_by_role("link", name="Ubah Ke mana paket dikirim?").click()
    answer(page, "Luar negeri")
    expect(
        wizard(page).get_by_role("heading", level=2, name="Kirim ke luar negeri")
    ).to_be_visible()
    expect(wizard(page).locator("dl dd:first-of-type")).to_have_text(["Kecil", "Luar negeri"])

    # Changing back brings the insurance answer back: it was remembered, not thrown away.
    wizard(page).get_by_role("link", name="Ubah Ke mana paket dikirim?").click()
    answer(page, "Dalam negeri")
    expect(
        wizard(page).get_by_role("heading", level=2, name="Kirim tanpa asuransi")
    ).to_be_visible()
    expect(wizard(page).locator("dl dd:first-of-type")).to_have_text(
        ["Kecil", "Dalam negeri", "Tidak"]
    )


def test_sees_html_in_an_answer_as_text(open_page, example_site):
    page = open_page(site=example_site)
    page.goto(example_site.page_url("kirim-paket/"))
    answer(page, "Sangat besar <b>berat</b>")
    expect(wizard(page).get_by_role("heading", level=2, name="Kirim lewat kargo")).to_be_visible()
    expect(wizard(page).locator("b")).to_have_count(0)
    expect(wizard(page).locator("dl dd").first).to_have_text("Sangat besar <b>berat</b>")


def test_still_answers_through_links_when_the_wizard_data_is_broken(open_page, example_site):
    page = open_page(site=example_site)
    flow_page = example_site.page_url("kirim-paket/")

    def break_data(route):
        body = route.fetch().text()
        route.fulfill(
            body=re.sub(r"data-flows-wizard='[^']*'", "data-flows-wizard='{'", body),
            content_type="text/html",
        )

    page.route(flow_page, break_data)
    page.goto(flow_page)
    page.locator(".md-content").get_by_role("link", name="Kecil", exact=True).click()
    expect(page).to_have_url(example_site.page_url("kirim-paket/tujuan/"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_wizard_fit_the_screen(
    open_page, example_site, artifacts, viewport, scheme
):
    page = open_page(site=example_site, viewport=viewport, scheme=scheme)
    shots = {
        "start": "",
        "question": "?a=ukuran.1",
        "outcome": "?a=ukuran.1,tujuan.1,asuransi.1",
        "notice": "?a=rusak.1",
    }
    for name, query in shots.items():
        page.goto(example_site.page_url(f"kirim-paket/{query}"))
        expect(wizard(page).get_by_role("heading", level=2).first).to_be_visible()
        snapshot(
            page, path=artifacts / f"wizard-{name}-{viewport['width']}-{scheme}.png", full_page=True
        )
        sizes = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert sizes[0] <= sizes[1], f"{name} scrolls sideways at {viewport['width']} px"


@pytest.mark.parametrize(
    ("motion", "animation"), [("reduce", "none"), ("no-preference", "flows-in")]
)
def test_answers_without_animation_when_motion_is_reduced(
    open_page, example_site, motion, animation
):
    page = open_page(site=example_site)
    page.emulate_media(reduced_motion=motion)
    page.goto(example_site.page_url("kirim-paket/"))
    answer(page, "Kecil")
    card = wizard(page).locator(".flows-wizard__card")
    expect(card).to_have_css("animation-name", animation)


def test_hears_how_many_questions_are_left_after_answering(open_page, example_site):
    page = open_page(site=example_site)
    page.goto(example_site.page_url("kirim-paket/"))
    status = wizard(page).get_by_role("status")
    expect(status).to_have_text("")  # nothing said before the reader does anything
    answer(page, "Kecil")
    expect(status).to_have_text(WORDS.format("at_most_n_more", n=2))
    answer(page, "Luar negeri")
    expect(status).to_have_text(f"{WORDS['your_case']}: Kirim ke luar negeri")


def test_comes_back_from_the_guide_and_finds_the_answers_still_there(page, site):
    flow, outcome_id, path = LONGEST
    page.goto(site.page_url(f"{flow.id}/"))
    mark_document(page)
    for _, option in path:
        answer(page, words(option.label))
    wizard(page).get_by_role("link", name=WORDS["open_guide"]).click()
    expect(page).to_have_url(site.page_url(f"{flow.id}/{outcome_id}/"))
    page.go_back()
    expect(page).to_have_url(site.page_url(f"{flow.id}/{state(path)}"))
    expect_outcome(page, flow, outcome_id)
    expect(wizard(page).locator("dl > div")).to_have_count(len(path))
    expect_same_document(page)


# Every link by id (`[](guide:…)`) in a guide's notes, in each language: where the guide is.
LINKED = [
    pytest.param(language, flow, outcome_id, path, place, id=f"{language.code}:{link.target}")
    for language in LANGUAGES
    for flow in DOCUMENT.flows.values()
    for outcome_id, path in iter_paths(flow)
    for note in flow.outcomes[outcome_id].notes
    for link in note.text.links
    if link.language == language.code
    for place in [place_of(DOCUMENT, link.target, flow.id)]
]


def linked_title(language: Language, place) -> str:
    flow = DOCUMENT.flows[place[0]]
    return language.words(flow.outcomes[place[1]].title if place[1] else flow.title)


def linked_page(language: Language, place) -> str:
    return f"{language.prefix}{place[0]}/" + (f"{place[1]}/" if place[1] else "")


@pytest.mark.parametrize(("language", "flow", "outcome_id", "path", "place"), LINKED)
def test_follows_a_notes_link_to_another_guide_from_the_answer_in_place(
    page, site, language, flow, outcome_id, path, place
):
    page.goto(site.page_url(f"{language.prefix}{flow.id}/"))
    for _, option in path:
        answer(page, language.words(option.label))
    expect_outcome(page, flow, outcome_id, language)
    # The link shows the other guide's title as it is now, in the page's language.
    wizard(page).get_by_role("link", name=linked_title(language, place), exact=True).click()
    expect(page).to_have_url(site.page_url(linked_page(language, place)))
    expect(page.get_by_role("heading", level=1)).to_have_text(linked_title(language, place))


@pytest.mark.parametrize(("language", "flow", "outcome_id", "path", "place"), LINKED)
def test_follows_a_notes_link_to_another_guide_from_the_guide_page_without_javascript(
    page_without_js, site, language, flow, outcome_id, path, place
):
    page = page_without_js
    page.goto(site.page_url(f"{language.prefix}{flow.id}/{outcome_id}/"))
    content = page.locator(".md-content")
    content.get_by_role("link", name=linked_title(language, place), exact=True).click()
    expect(page).to_have_url(site.page_url(linked_page(language, place)))
    expect(page.get_by_role("heading", level=1)).to_have_text(linked_title(language, place))
