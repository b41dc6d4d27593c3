"""A reader ticks off a guide's steps; the ticks and the count survive a reload."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from generator.site.words import load_tables

from .conftest import PHONE

WORDS = load_tables()["id"]
GUIDE = "kirim-paket/dengan-asuransi/"
STEPS = ("Timbang paket.", "Pilih asuransi.", "Bayar ongkos kirim dan premi.")


def done(count: int) -> str:
    return WORDS.format("steps_done", done=count, n=len(STEPS))


def step(page: Page, number: int):
    return page.get_by_role("checkbox", name=STEPS[number - 1])


def progress(page: Page):
    return page.locator("[data-flows-progress]")


def test_ticks_steps_and_finds_them_ticked_after_a_reload(open_page, example_site):
    page = open_page(site=example_site)
    page.goto(example_site.page_url(GUIDE))
    expect(progress(page)).to_have_text(done(0))
    expect(progress(page)).to_be_visible()

    page.get_by_text(STEPS[0]).click()  # the label is part of the tap target
    step(page, 3).check()
    expect(progress(page)).to_have_text(done(2))

    page.reload()
    expect(step(page, 1)).to_be_checked()
    expect(step(page, 2)).not_to_be_checked()
    expect(step(page, 3)).to_be_checked()
    expect(progress(page)).to_have_text(done(2))

    step(page, 1).uncheck()
    expect(progress(page)).to_have_text(done(1))
    page.reload()
    expect(step(page, 1)).not_to_be_checked()
    expect(progress(page)).to_have_text(done(1))


def test_announces_the_count_politely(open_page, example_site):
    page = open_page(site=example_site)
    page.goto(example_site.page_url(GUIDE))
    expect(progress(page)).to_have_attribute("aria-live", "polite")


def test_keeps_ticks_apart_per_guide_and_only_in_local_storage(open_page, example_site):
    page = open_page(site=example_site)
    page.goto(example_site.page_url(GUIDE))
    step(page, 2).check()
    page.goto(example_site.page_url("kirim-paket/tanpa-asuransi/"))
    expect(page.get_by_role("checkbox").first).not_to_be_checked()
    expect(progress(page)).to_have_text(WORDS.format("steps_done", done=0, n=2))

    stored = page.evaluate("Object.keys(localStorage)")
    ours = [key for key in stored if key.startswith("flows")]
    assert ours == ["flows-steps:kirim-paket/dengan-asuransi"]
    # Besides the ticks, only Material's remembered palette choice.
    assert [key for key in stored if key not in ours] in ([], ["/.__palette"])
    assert page.evaluate("sessionStorage.length") == 0
    assert page.context.cookies() == []


def test_ticks_steps_when_the_browser_refuses_storage(open_page, example_site):
    page = open_page(site=example_site)
    # As in private modes that allow reading but refuse every write.
    page.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('storage is full', 'QuotaExceededError') }"
    )
    page.goto(example_site.page_url(GUIDE))
    step(page, 1).check()
    expect(progress(page)).to_have_text(done(1))
    step(page, 3).check()
    expect(progress(page)).to_have_text(done(2))


def test_ticks_steps_with_the_keyboard(open_page, example_site):
    page = open_page(site=example_site)
    page.goto(example_site.page_url(GUIDE))
    step(page, 2).focus()
    page.keyboard.press("Space")
    expect(step(page, 2)).to_be_checked()
    expect(progress(page)).to_have_text(done(1))


def test_step_checkboxes_are_big_enough_to_tap_on_a_phone(open_page, example_site):
    page = open_page(site=example_site, viewport=PHONE)
    page.goto(example_site.page_url(GUIDE))
    boxes = page.get_by_role("checkbox")
    expect(boxes).to_have_count(len(STEPS))
    for box in boxes.all():
        size = box.bounding_box()
        assert size["width"] >= 44 and size["height"] >= 44, size
