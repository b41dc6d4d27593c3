"""A reader whose app no longer matches a guide's steps tells the editors: on every guide, and at
every outcome of the wizard, a link leads to the site's feedback address filled with the guide's
id, title, language, review date and page address. Sites without a feedback address show none.

The site in tests/browser/feedback/ has guide titles with everything a URL must escape.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import expect
from sites import ServedSites

from generator.format.check import check_file
from generator.format.model import iter_paths
from generator.site.markup import plain_text

from .conftest import DESKTOP, PHONE, Site, built_site, snapshot
from .site_states import (
    WORDS,
    Target,
    axe_on_every_page,
    built_pages,
    need_node_checkers,
    open_target,
    query,
    run_axe,
    scroll_to_top,
    wizard_states,
)

HERE = Path(__file__).parent / "feedback"
FEEDBACK_DOC, _ = check_file(HERE / "flows.yaml")
assert FEEDBACK_DOC is not None
LANGUAGE = FEEDBACK_DOC.language
PLUGINS = yaml.safe_load((HERE / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
TEMPLATE = next(p["flows"]["feedback"] for p in PLUGINS if isinstance(p, dict) and "flows" in p)
LINK_TEXT = WORDS["feedback"]
SMALLEST_TARGET = 44


@pytest.fixture(scope="module")
def feedback_site(engine: str, served_sites: ServedSites) -> Site:
    """The small site with a feedback address, built with `engine` and served locally."""
    return built_site(served_sites, HERE, engine)


def guides() -> list[tuple[str, str, object]]:
    """(flow id, outcome id, outcome) for every guide of the feedback site."""
    return [
        (flow.id, outcome.id, outcome)
        for flow in FEEDBACK_DOC.flows.values()
        for outcome in flow.outcomes.values()
    ]


def expected_fields(site: Site, flow_id: str, outcome) -> dict[str, str]:
    """What each placeholder of the template should carry for this guide."""
    return {
        "id": outcome.id,
        "title": plain_text(outcome.title.get(LANGUAGE)),
        "language": LANGUAGE,
        "reviewed": outcome.reviewed.isoformat() if outcome.reviewed else "",
        "url": site.page_url(f"{flow_id}/{outcome.id}/"),
    }


def read_link(href: str) -> dict[str, str]:
    """The values a feedback address carries, found where the template put each placeholder."""
    template, link = urlsplit(TEMPLATE), urlsplit(href)
    assert (link.scheme, link.netloc) == (template.scheme, template.netloc)
    found: dict[str, str] = {}
    template_path, link_path = template.path.split("/"), link.path.split("/")
    assert len(link_path) == len(template_path), href
    for pattern, value in zip(template_path, link_path, strict=True):
        name = re.fullmatch(r"\{(\w+)\}", pattern)
        if name:
            found[name[1]] = unquote(value)
        else:
            assert value == pattern
    template_query = parse_qs(template.query, keep_blank_values=True)
    link_query = parse_qs(link.query, keep_blank_values=True)
    assert sorted(link_query) == sorted(template_query), href
    for key, [pattern] in template_query.items():
        name = re.fullmatch(r"\{(\w+)\}", pattern)
        assert name, f"the test reads one placeholder per query field, not {pattern!r}"
        assert len(link_query[key]) == 1, href
        found[name[1]] = link_query[key][0]
    return found


def feedback_link(page):
    return page.locator("article").get_by_role("link", name=LINK_TEXT, exact=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_guide_ends_with_a_feedback_link_carrying_its_details(
    open_page, feedback_site, javascript
):
    page = open_page(site=feedback_site, javascript=javascript)
    seen = 0
    for flow_id, outcome_id, outcome in guides():
        page.goto(feedback_site.page_url(f"{flow_id}/{outcome_id}/"))
        link = feedback_link(page)
        expect(link).to_have_count(1)
        values = read_link(link.evaluate("a => a.href"))
        assert values == expected_fields(feedback_site, flow_id, outcome)
        # The title in the address is the one the reader sees on the page.
        assert values["title"] == " ".join(page.locator("h1").inner_text().split())
        seen += 1
    assert seen == len(guides()) >= 2
    # Nothing was sent anywhere, and nothing was kept.
    assert page.context.cookies() == []


def wizard_outcomes(site_document) -> list[Target]:
    targets = []
    for flow in site_document.flows.values():
        for outcome_id, path in iter_paths(flow):
            title = plain_text(flow.outcomes[outcome_id].title.get(site_document.language))
            targets.append(
                Target(
                    f"feedback-wizard-{outcome_id}", f"{flow.id}/{query(path)}", title, wizard=True
                )
            )
    return targets


def test_the_wizard_outcome_offers_the_same_feedback_link_as_the_guide(open_page, feedback_site):
    page = open_page(site=feedback_site)
    outcomes = {outcome_id: (flow_id, outcome) for flow_id, outcome_id, outcome in guides()}
    targets = wizard_outcomes(FEEDBACK_DOC)
    assert len(targets) == len(outcomes)
    for target in targets:
        open_target(page, feedback_site, target)
        flow_id, outcome = outcomes[target.name.removeprefix("feedback-wizard-")]
        link = page.locator("[data-flows-wizard]").get_by_role("link", name=LINK_TEXT, exact=True)
        expect(link).to_have_count(1)
        values = read_link(link.evaluate("a => a.href"))
        assert values == expected_fields(feedback_site, flow_id, outcome)


def test_the_feedback_link_stays_off_paper(open_page, feedback_site):
    page = open_page(site=feedback_site)
    for target in [
        *(t for t in built_pages(feedback_site) if t.guide),
        *wizard_outcomes(FEEDBACK_DOC),
    ]:
        open_target(page, feedback_site, target)
        expect(page.get_by_role("link", name=LINK_TEXT, exact=True)).to_be_visible()
        page.emulate_media(media="print")
        expect(page.get_by_role("link", name=LINK_TEXT, exact=True)).to_be_hidden()
        page.emulate_media(media="screen")


def test_the_feedback_link_is_big_enough_to_tap(open_page, feedback_site):
    page = open_page(site=feedback_site, viewport=PHONE)
    small = []
    targets = [
        *(t for t in built_pages(feedback_site) if t.guide),
        *wizard_outcomes(FEEDBACK_DOC),
    ]
    for target in targets:
        open_target(page, feedback_site, target)
        box = page.get_by_role("link", name=LINK_TEXT, exact=True).bounding_box()
        if box["width"] < SMALLEST_TARGET or box["height"] < SMALLEST_TARGET:
            small.append(f"{target.name}: {box['width']:.0f}x{box['height']:.0f} px")
    assert len(targets) >= 4
    assert small == []


def test_a_site_without_a_feedback_address_shows_no_link(open_page, site):
    page = open_page()
    targets = [
        *(t for t in built_pages(site) if t.guide),
        *(t for t in wizard_states() if "-outcome-" in t.name),
    ]
    assert len(targets) >= 2
    for target in targets:
        open_target(page, site, target)
        expect(page.get_by_text(LINK_TEXT)).to_have_count(0)
        expect(page.locator(".flows-feedback")).to_have_count(0)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_guides_and_wizard_outcomes_with_a_feedback_link_pass_axe(
    open_page, feedback_site, artifacts, scheme, viewport
):
    need_node_checkers()
    page = open_page(site=feedback_site, viewport=viewport, scheme=scheme, motion="reduce")
    axe_on_every_page(page)
    targets = [*built_pages(feedback_site), *wizard_outcomes(FEEDBACK_DOC)]
    found = []
    for target in targets:
        open_target(page, feedback_site, target)
        scroll_to_top(page)
        name = target.name if target.wizard else f"feedback-{target.name}"
        snapshot(page, path=artifacts / f"{name}-{viewport['width']}-{scheme}.png", full_page=True)
        found += [f"{target.name}: {violation}" for violation in run_axe(page)]
    assert sum(target.guide for target in targets) >= 2
    assert found == [], "axe-core found problems:\n" + "\n".join(found)
