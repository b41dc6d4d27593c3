"""On a 375x667 phone, with JavaScript and without: no page scrolls sideways, every wizard answer
and step checkbox is a target of at least 44x44 CSS pixels; and a reader who asks for reduced
motion gets none from our components.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, Watch, _open, snapshot
from .site_states import DOCUMENT, all_targets, built_pages, open_target, wizard_states

SMALLEST_TARGET = 44  # CSS px: WCAG 2.5.5, Apple's and Android's guidance for touch


# Without JavaScript there is no wizard state, only pages; Material's header then stays as built.
# Module-wide, so that one walk of the pages serves the tests that only measure them.
JAVASCRIPT = pytest.mark.parametrize(
    "javascript", [True, False], ids=["js", "no-js"], scope="module"
)


def _targets(site, javascript: bool):
    return all_targets(site) if javascript else built_pages(site)


TARGETS = """selector => Array.from(document.querySelectorAll(selector)).map(element => {
  const box = element.getBoundingClientRect()
  const name = (element.textContent || element.id).replace(/\\s+/g, ' ').trim()
  return {name, width: box.width, height: box.height}
})"""


def _small(page, selector: str) -> list[str]:
    return [
        f"{target['name']!r} is {target['width']:.0f}x{target['height']:.0f} px"
        for target in page.evaluate(TARGETS, selector)
        if target["width"] < SMALLEST_TARGET or target["height"] < SMALLEST_TARGET
    ]


@dataclass
class Walk:
    """What one walk through every page and wizard state on a phone measured."""

    watch: Watch
    pages: int = 0
    wide: list[str] = field(default_factory=list)
    links: int = 0  # the wizard's links measured
    small_links: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def phone_walk(browser, site, artifacts, javascript) -> Iterator[Walk]:
    """Each page and wizard state opened once on a phone, for the two tests that follow: how
    wide it is, and how big the wizard's links are."""
    context, page = _open(browser, site, javascript=javascript, viewport=PHONE)
    walk = Walk(page.watch)
    for target in _targets(site, javascript):
        open_target(page, site, target)
        walk.pages += 1
        if not javascript:
            snapshot(page, path=artifacts / f"no-js-{target.name}-375.png")
        widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if widths[0] > widths[1]:
            walk.wide.append(f"{target.name}: {widths[0]} px wide in a {widths[1]} px window")
        # The wizard's own links: answers, "start again", the way to the guide. A link in an
        # editor's sentence (a guide's step or note shown in place) is exempt, as WCAG 2.5.8
        # exempts targets inside a sentence, whose size the line height sets.
        links = ".flows-wizard a:not(.flows-guide a, .flows-summary a)"
        walk.links += page.locator(links).count()
        walk.small_links += [f"{target.name}: {problem}" for problem in _small(page, links)]
    context.close()
    yield walk


@JAVASCRIPT
def test_no_page_or_wizard_state_scrolls_sideways(phone_walk):
    assert phone_walk.pages > 10
    assert phone_walk.wide == []
    phone_walk.watch.check()


@JAVASCRIPT
def test_wizard_answers_and_links_are_big_enough_to_tap(phone_walk):
    # At least each question page's answers and its link to start again were measured.
    assert phone_walk.links >= sum(
        len(q.options) + 1 for f in DOCUMENT.flows.values() for q in f.questions.values()
    )
    assert phone_walk.small_links == []
    phone_walk.watch.check()


@JAVASCRIPT
def test_step_checkboxes_are_big_enough_to_tap_and_their_text_ticks_them(
    open_page, site, javascript
):
    page = open_page(viewport=PHONE, javascript=javascript)
    guides = [target for target in built_pages(site) if target.guide]
    assert guides
    # With JavaScript, the wizard shows the same steps at each outcome.
    outcomes = [t for t in wizard_states() if "-outcome-" in t.name] if javascript else []
    small = []
    for target in [*guides, *outcomes]:
        open_target(page, site, target)
        boxes = page.locator(".flows-steps input[type=checkbox]")
        expect(boxes.first).to_be_visible()
        small += [f"{target.name}: {problem}" for problem in _small(page, ".flows-steps input")]
        # The step's text is its label: tapping the words ticks the box too.
        last = boxes.last
        label = page.locator(f"label[for='{last.get_attribute('id')}']")
        label.click()
        expect(last).to_be_checked()
        label.click()
        expect(last).not_to_be_checked()
    assert small == []


# Our components: the wizard, the step list and its progress line.
OURS = ".flows-wizard, .flows-wizard *, .flows-steps, .flows-steps *, .flows-progress"

MOTION = """selector => Array.from(document.querySelectorAll(selector)).flatMap(element => {
  const style = getComputedStyle(element)
  const longest = value => Math.max(...value.split(',').map(part => parseFloat(part) *
    (part.trim().endsWith('ms') ? 0.001 : 1)))
  const moving = []
  if (style.animationName !== 'none' && longest(style.animationDuration) > 0.01) {
    moving.push(`animation ${style.animationName} ${style.animationDuration}`)
  }
  if (longest(style.transitionDuration) > 0.01) {
    moving.push(`transition ${style.transitionProperty} ${style.transitionDuration}`)
  }
  const tag = `<${element.tagName.toLowerCase()} class="${element.className}">`
  return moving.map(what => `${tag}: ${what}`)
})"""


def test_reduced_motion_stops_our_animations(open_page, site):
    page = open_page(viewport=PHONE)
    page.emulate_media(reduced_motion="reduce")
    moving = []
    for target in [*wizard_states(), *(t for t in built_pages(site) if t.guide)]:
        open_target(page, site, target)
        moving += [f"{target.name}: {what}" for what in page.evaluate(MOTION, OURS)]
    assert moving == []
    # The check does see motion where there is some.
    page.emulate_media(reduced_motion="no-preference")
    page.evaluate(
        """() => document.querySelector('.flows-wizard, .flows-steps')
            .style.transition = 'opacity 0.2s'"""
    )
    assert page.evaluate(MOTION, OURS) != []
