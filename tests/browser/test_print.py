"""A reader prints a guide, or saves it as a PDF to share: the paper shows the title, who the guide
is for, the numbered steps with empty boxes to tick by pen, each step kept with its detail, the
notes, the review date, and the site's name and the page's address to find it again. Nothing that
only works on screen is printed: the site's header, navigation and footer, the tick count, the
link to start again, the wizard.

PDFs are turned into PNGs with poppler's pdftoppm and land in test-artifacts/screenshots/ beside
the print-emulation screenshots, for a person to look at.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, snapshot
from .site_states import DOCUMENT, LANGUAGES, Language, built_pages, need, open_target

PDFTOPPM = "/usr/bin/pdftoppm"
PDFTOTEXT = "/usr/bin/pdftotext"
OUTCOMES: dict[str, tuple[Language, object]] = {
    f"{language.prefix}{flow.id}/{outcome.id}/": (language, outcome)
    for language in LANGUAGES
    for flow in DOCUMENT.flows.values()
    for outcome in flow.outcomes.values()
}

# Elements of the page a reader can see: laid out, and not made invisible.
SHOWN = """selector => Array.from(document.querySelectorAll(selector)).filter(element =>
  element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden'
).map(element => element.className || element.tagName)"""

SCREEN_ONLY = {
    "Material's header": ".md-header",
    "the navigation": "nav, .md-sidebar",
    "Material's footer": ".md-footer, footer",
    "the tick count": ".flows-progress",
    "the link to start again": ".flows-restart",
    "the feedback link": ".flows-feedback",
    "the wizard": "[data-flows-wizard]",
}


def need_poppler() -> None:
    how = "run `make test`, which installs Debian's poppler-utils with apt-get"
    need(PDFTOPPM, how)
    need(PDFTOTEXT, how)


def guides(site):
    targets = [target for target in built_pages(site) if target.guide]
    assert targets and all(target.path in OUTCOMES for target in targets)
    return targets


def printed_text(pdf: Path) -> list[str]:
    """The words on each page of `pdf`, whitespace collapsed."""
    text = subprocess.run(
        [PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def test_on_screen_the_guide_does_not_show_its_print_line(open_page, site):
    page = open_page()
    for target in guides(site):
        open_target(page, site, target)
        assert page.evaluate(SHOWN, ".flows-source") == []
        assert page.evaluate(SHOWN, ".md-header, .flows-restart") != []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_printed_guide_hides_the_screen_and_names_its_site_and_address(
    open_page, site, artifacts, viewport
):
    page = open_page(viewport=viewport)
    shown_on_paper = []
    for target in guides(site):
        language, outcome = OUTCOMES[target.path]
        open_target(page, site, target)
        page.emulate_media(media="print")
        snapshot(
            page, path=artifacts / f"print-{target.name}-{viewport['width']}.png", full_page=True
        )
        for what, selector in SCREEN_ONLY.items():
            if page.evaluate(SHOWN, selector):
                shown_on_paper.append(f"{target.name}: {what}")
        article = page.locator("article")
        expect(article.get_by_role("heading", level=1)).to_have_text(language.words(outcome.title))
        expect(article.get_by_text(language.ui["guide_is_for_you_if"])).to_be_visible()
        boxes = article.locator(".flows-steps input[type=checkbox]")
        expect(boxes).to_have_count(len(outcome.steps))
        for box in boxes.all():
            expect(box).to_be_visible()
        source = article.locator(".flows-source")
        expect(source).to_be_visible()
        expect(source).to_have_text(f"{language.site_name}{site.page_url(target.path)}")
        page.emulate_media(media="screen")
    assert shown_on_paper == []


def test_a_printed_flow_page_leaves_the_wizard_off_and_lists_the_guides(open_page, site, artifacts):
    page = open_page()
    for language in LANGUAGES:
        for flow in DOCUMENT.flows.values():
            page.goto(site.page_url(f"{language.prefix}{flow.id}/"))
            expect(page.locator(".flows-wizard--js")).to_be_visible()
            page.emulate_media(media="print")
            name = f"print-{language.code}-flow-{flow.id}-1280.png"
            snapshot(page, path=artifacts / name, full_page=True)
            assert page.evaluate(SHOWN, "[data-flows-wizard], .md-header, nav, .md-footer") == []
            guides_list = page.locator(".flows-guides")
            for outcome in flow.outcomes.values():
                expect(guides_list.get_by_text(language.words(outcome.title))).to_be_visible()
            page.emulate_media(media="screen")


def test_a_ticked_step_prints_as_an_empty_box(open_page, site):
    page = open_page()
    target = guides(site)[0]
    open_target(page, site, target)
    box = page.locator(".flows-steps input[type=checkbox]").first
    on_screen = box.screenshot()
    box.check()
    assert box.screenshot() != on_screen, "the tick shows on screen"
    page.emulate_media(media="print")
    ticked = box.screenshot()
    box.uncheck()
    assert box.screenshot() == ticked


def test_every_guide_prints_on_paper_with_its_address_and_no_screen_words(
    open_page, site, artifacts, tmp_path
):
    need_poppler()
    page = open_page()
    problems = []
    for target in guides(site):
        language, outcome = OUTCOMES[target.path]
        screen_words = [
            language.ui["not_your_case"],
            language.ui["start_again"],
            # "{done} dari {n} langkah selesai": the words after the numbers.
            language.ui.sentence("steps_done", 2).rsplit("}", 1)[1].strip(),
        ]
        open_target(page, site, target)
        pdf = tmp_path / f"{target.name}.pdf"
        page.pdf(path=str(pdf), format="A4")
        prefix = artifacts / f"pdf-{target.name}"
        for old in artifacts.glob(f"{prefix.name}-*.png"):
            old.unlink()
        subprocess.run([PDFTOPPM, "-png", "-r", "80", str(pdf), str(prefix)], check=True)
        pages = printed_text(pdf)
        text = " ".join(pages)
        problems += [f"{target.name}: page {n} is blank" for n, t in enumerate(pages, 1) if not t]
        wanted_words = (language.words(outcome.title), language.site_name)
        for wanted in (*wanted_words, site.page_url(target.path)):
            if wanted not in text:
                problems.append(f"{target.name}: {wanted!r} is not on paper")
        for step in outcome.steps:
            if language.words(step.text) not in text:
                step_words = language.words(step.text)
                problems.append(f"{target.name}: step {step_words!r} is not on paper")
        problems += [f"{target.name}: {w!r} is on paper" for w in screen_words if w in text]
    assert problems == []


def test_on_small_paper_each_step_stays_on_one_sheet_with_its_detail(
    open_page, site, artifacts, tmp_path
):
    need_poppler()
    page = open_page()
    # The guide with the most steps, on paper small enough that it needs several sheets.
    target = max(guides(site), key=lambda target: len(OUTCOMES[target.path][1].steps))
    language, outcome = OUTCOMES[target.path]
    open_target(page, site, target)
    pdf = tmp_path / "small.pdf"
    page.pdf(path=str(pdf), width="90mm", height="110mm")
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "60", str(pdf), str(artifacts / f"pdf-small-{target.name}")],
        check=True,
    )
    pages = printed_text(pdf)
    assert len(pages) >= 3
    split = []
    for step in outcome.steps:
        text = re.sub(r"\s+", " ", language.words(step.text))
        detail = " ".join(language.words(step.detail).split()) if step.detail else ""
        holding = [n for n, words_on_page in enumerate(pages, 1) if text in words_on_page]
        if len(holding) != 1 or (detail and detail not in pages[holding[0] - 1]):
            split.append(f"step {text!r}: on pages {holding}, detail elsewhere")
    assert split == []
