"""At an outcome, the wizard shows the guide itself: its steps, tickable, and its notes, sharing
the ticks with the guide page; help, summaries and steps keep the pages' formatting.

Bigger flows do not carry their guides: the wizard then fetches the guide's own page once, and
keeps the link when it cannot.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from .conftest import DESKTOP, PHONE, snapshot
from .site_states import DOCUMENT, LANGUAGES, Language, _first_paths, query, wizard_states

FLOWS = list(DOCUMENT.flows.values())
STATES = [
    (language, flow, outcome_id, path)
    for language in LANGUAGES
    for flow in FLOWS
    for outcome_id, path in _first_paths(flow).items()
    if outcome_id in flow.outcomes
]
WIZARD = "[data-flows-wizard]"


def state_id(state) -> str:
    language, flow, outcome_id, _ = state
    return f"{language.code}:{flow.id}:{outcome_id}"


def guide_page(language: Language, flow, outcome_id: str) -> str:
    return f"{language.prefix}{flow.id}/{outcome_id}/"


def done(language: Language, count: int, total: int) -> str:
    return language.ui.format("steps_done", done=count, n=total)


def boxes(page: Page, scope: str = "main"):
    return page.locator(f"{scope} .flows-steps input[type=checkbox]")


@pytest.mark.parametrize("state", STATES, ids=map(state_id, STATES))
def test_ticks_steps_in_the_wizard_and_finds_them_on_the_guide_page_and_back(
    open_page, site, state
):
    language, flow, outcome_id, path = state
    outcome = flow.outcomes[outcome_id]
    total = len(outcome.steps)
    page = open_page(viewport=PHONE)
    page.goto(site.page_url(f"{language.prefix}{flow.id}/{query(path)}"))
    wizard = page.locator(WIZARD)
    expect(wizard.get_by_role("heading", name=language.words(outcome.title))).to_be_visible()
    steps = boxes(page, WIZARD)
    expect(steps).to_have_count(total)
    progress = wizard.locator("[data-flows-progress]")
    expect(progress).to_have_text(done(language, 0, total))
    # The notes come along, and the guide page stays a tap away (to share or print it).
    expect(wizard.locator(".admonition")).to_have_count(len(outcome.notes))
    label = language.words(outcome.steps[0].text)
    wizard.get_by_text(label, exact=True).click()  # the label is the tap target
    expect(steps.first).to_be_checked()
    expect(progress).to_have_text(done(language, 1, total))

    wizard.get_by_role("link", name=language.ui["open_guide"]).click()
    expect(page).to_have_url(site.page_url(guide_page(language, flow, outcome_id)))
    expect(boxes(page).first).to_be_checked()
    expect(page.locator("[data-flows-progress]")).to_have_text(done(language, 1, total))
    boxes(page).last.check()

    page.go_back()
    expect(page.locator(".flows-wizard--js")).to_be_visible()
    expect(boxes(page, WIZARD).first).to_be_checked()
    expect(boxes(page, WIZARD).last).to_be_checked()
    expect(page.locator(f"{WIZARD} [data-flows-progress]")).to_have_text(
        done(language, min(2, total), total)
    )


def test_ticks_are_the_same_in_every_language(open_page, site):
    first, other = LANGUAGES[0], LANGUAGES[-1]
    _, flow, outcome_id, path = next(s for s in STATES if s[0] is first)
    page = open_page()
    page.goto(site.page_url(f"{first.prefix}{flow.id}/{query(path)}"))
    boxes(page, WIZARD).nth(1).check()
    page.goto(site.page_url(guide_page(other, flow, outcome_id)))
    expect(boxes(page).nth(1)).to_be_checked()
    expect(boxes(page).first).not_to_be_checked()


# A node's markup with each link's address resolved: the same link is written relative to the
# page it is on ("x/" in the flow's wizard, "../x/" on a guide page).
RESOLVED = """nodes => nodes.map(node => {
  const copy = node.cloneNode(true)
  for (const link of copy.querySelectorAll("a[href]")) {
    link.setAttribute("href", new URL(link.getAttribute("href"), document.baseURI).href)
  }
  return copy.innerHTML
})"""


def inner_html(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all(RESOLVED)


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.code for lang in LANGUAGES])
def test_questions_in_the_wizard_are_formatted_as_on_their_pages(open_page, site, language):
    page = open_page()
    compared = 0
    for flow in FLOWS:
        for question_id, path in _first_paths(flow).items():
            if question_id not in flow.questions:
                continue
            page.goto(site.page_url(f"{language.prefix}{flow.id}/{query(path)}"))
            expect(page.locator(".flows-wizard--js")).to_be_visible()
            card = f"{WIZARD} .flows-wizard__card"
            wizard = {
                part: inner_html(page, f"{card} .flows-wizard__{part}")
                for part in ("help", "heading")
            }
            labels = page.locator(f"{card} .flows-wizard__option").all_inner_texts()
            page.goto(site.page_url(f"{language.prefix}{flow.id}/{question_id}/"))
            own = {
                part: inner_html(page, f"main .flows-wizard__{part}")
                for part in ("help", "heading")
            }
            assert wizard == own, question_id
            # Options carry a note of the earlier answer in the wizard, nothing else.
            assert [re.sub(r"\s*\(.*\)$", "", label) for label in labels] == (
                page.locator("main .flows-wizard__option").all_inner_texts()
            )
            compared += bool(own["help"])
    # The project's first question explains the payment states in bold.
    assert compared >= 1


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.code for lang in LANGUAGES])
def test_guides_in_the_wizard_are_the_guide_pages_own_markup(open_page, site, language):
    page = open_page()
    for _, flow, outcome_id, path in (s for s in STATES if s[0] is language):
        page.goto(site.page_url(f"{language.prefix}{flow.id}/{query(path)}"))
        expect(boxes(page, WIZARD).first).to_be_visible()
        summary = inner_html(page, f"{WIZARD} .flows-wizard__summary")
        body = inner_html(page, f"{WIZARD} .flows-guide")
        page.goto(site.page_url(guide_page(language, flow, outcome_id)))
        expect(page.locator("[data-flows-progress]")).to_be_visible()
        assert summary == inner_html(page, "main .flows-summary"), outcome_id
        assert body == inner_html(page, "main .flows-guide"), outcome_id
        assert "<strong>" in "".join(body)  # the steps' bold menu names came along


def without_carried_guides(route: Route) -> None:
    """The flow page as a flow too big to carry its guides would have it."""
    response = route.fetch()
    text = re.sub(r"<template data-flows-guide=.*?</template>\n", "", response.text(), flags=re.S)
    route.fulfill(response=response, body=text)


def open_as_big_flow(open_page, site):
    """The first state's flow page, served as a flow too big to carry its guides, its wizard
    started: (page, language, flow, outcome id)."""
    language, flow, outcome_id, _ = STATES[0]
    page = open_page()
    flow_page = site.page_url(f"{language.prefix}{flow.id}/")
    page.route(flow_page + "*", without_carried_guides)
    page.goto(flow_page)
    expect(page.locator(".flows-wizard--js")).to_be_visible()
    return page, language, flow, outcome_id


def test_a_big_flow_fetches_the_guide_page_once_for_its_steps(open_page, site, artifacts):
    page, language, flow, outcome_id = open_as_big_flow(open_page, site)
    assert page.locator("template[data-flows-guide]").count() == 0
    first = flow.questions[flow.start]
    option = next(option for option in first.options if option.next == outcome_id)
    page.locator(WIZARD).get_by_role("link", name=language.words(option.label)).click()
    steps = boxes(page, WIZARD)
    expect(steps).to_have_count(len(flow.outcomes[outcome_id].steps))
    steps.first.check()
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        name = f"wizard-{flow.id}-outcome-{outcome_id}-fetched-{viewport['width']}.png"
        snapshot(page, path=artifacts / name, full_page=True)
    # Back to the question and again: the page fetched once serves both visits.
    page.go_back()
    page.locator(WIZARD).get_by_role("link", name=language.words(option.label)).click()
    expect(boxes(page, WIZARD).first).to_be_checked()
    guide = site.page_url(guide_page(language, flow, outcome_id))
    assert page.watch.requests.count(guide) == 1, page.watch.requests


def test_a_big_flow_offline_keeps_the_link_to_the_guide(open_page, site):
    page, language, flow, outcome_id = open_as_big_flow(open_page, site)
    page.context.set_offline(True)
    option = next(o for o in flow.questions[flow.start].options if o.next == outcome_id)
    page.locator(WIZARD).get_by_role("link", name=language.words(option.label)).click()
    link = page.locator(WIZARD).get_by_role("link", name=language.ui["open_guide"])
    expect(link).to_be_visible()
    page.wait_for_timeout(300)
    expect(boxes(page, WIZARD)).to_have_count(0)
    # The browser reports the refused request itself; the page and script add nothing.
    page.watch.errors[:] = [e for e in page.watch.errors if "ERR_INTERNET_DISCONNECTED" not in e]


def test_a_small_flow_answers_with_its_steps_offline_once_loaded(open_page, site):
    language, flow, outcome_id, path = STATES[-1]
    page = open_page()
    page.goto(site.page_url(f"{language.prefix}{flow.id}/"))
    expect(page.locator(".flows-wizard--js")).to_be_visible()
    # What the page fetches on its own (the search index, say) is done before the link drops.
    page.wait_for_load_state("networkidle")
    page.context.set_offline(True)
    for _, option in path:
        page.locator(WIZARD).get_by_role("link", name=language.words(option.label)).click()
    expect(boxes(page, WIZARD)).to_have_count(len(flow.outcomes[outcome_id].steps))


def test_the_ticked_wizard_state_is_among_the_states_every_checker_walks():
    names = [target.name for target in wizard_states()]
    for language in LANGUAGES:
        tag = "" if not language.prefix else f"{language.code}-"
        assert any(name.startswith(f"wizard-{tag}") and name.endswith("-ticked") for name in names)
