"""A reader with only a keyboard (Tab, Shift+Tab, Enter, Space) reaches every guide, always
seeing where the focus is; after each answer the focus is on the new question's heading.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from generator.format.model import paths_to

from .conftest import DESKTOP, PHONE
from .site_states import (
    DOCUMENT,
    LANGUAGES,
    built_pages,
    language_of,
    open_target,
    wizard_states,
)

# Whether the reader can see where the focus is: the focused element is on screen, not hidden
# behind something else, and has an outline or a shadow. A visually hidden input shows its focus
# on a label instead (Material's palette switch outlines the label that follows it). The last
# key's handlers run and the page's movements end first (Material opens its search a timer tick
# after the field takes the focus; the navigation drawer slides in): a reader's next key comes a
# moment later. The movements are taken to their end at once rather than waited for (Material's
# header fades and slides for up to 0.6 s after a Tab), then a frame passes so that what runs
# when they end has run.
FOCUS = """async () => {
  await new Promise(done => setTimeout(done, 5))
  const moving = document.getAnimations().filter(motion =>
    motion.effect && motion.effect.getComputedTiming().endTime !== Infinity &&
    !/color|shadow/.test(motion.transitionProperty || ''))
  for (const motion of moving) {
    try { motion.finish() } catch (error) { /* it cannot end: wait for it below */ }
  }
  await Promise.all(moving.map(motion => motion.finished.catch(() => null)))
  if (moving.length) await new Promise(done => requestAnimationFrame(() => setTimeout(done)))

  const focused = document.activeElement
  if (!focused || focused === document.body) return {name: '', shown: false, why: 'no focus'}
  const name = (focused.getAttribute('aria-label') || focused.textContent || '')
    .replace(/\\s+/g, ' ').trim()
  const after = focused.nextElementSibling
  const shows = [focused, ...(focused.labels || [])]
  if (after && after.tagName === 'LABEL') shows.push(after)

  // On screen: some part of it (a link broken over two lines has two) is the topmost thing at
  // a point of it inside the window. Hit-testing skips elements that ignore the pointer, so this
  // one may not while it is tested.
  function onScreen (element) {
    const pointer = element.style.pointerEvents
    element.style.pointerEvents = 'auto'
    try {
      for (const box of element.getClientRects()) {
        const left = Math.max(box.left, 0)
        const right = Math.min(box.right, innerWidth)
        const top = Math.max(box.top, 0)
        const bottom = Math.min(box.bottom, innerHeight)
        if (right - left < 1 || bottom - top < 1) continue
        const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2)
        if (hit !== null && element.contains(hit)) return ''
        if (hit !== null) return ` under <${hit.tagName.toLowerCase()} class="${hit.className}">`
      }
      return ' off screen'
    } finally {
      element.style.pointerEvents = pointer
    }
  }

  const why = []
  for (const element of shows) {
    const style = getComputedStyle(element)
    const hidden = onScreen(element)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 &&
      !/rgba\\(.*, 0\\)$/.test(style.outlineColor)
    const shadow = style.boxShadow !== 'none'
    // A link in an SVG drawing (the flow map) shows its focus as a thick border on its shape.
    const stroke = element instanceof SVGElement &&
      Array.from(element.querySelectorAll('rect, circle, ellipse, polygon, path')).some(shape => {
        const drawn = getComputedStyle(shape)
        return drawn.stroke !== 'none' && parseFloat(drawn.strokeWidth) >= 3
      })
    if (!hidden && (outline || shadow || stroke)) return {name, shown: true, why: ''}
    const box = element.getBoundingClientRect()
    why.push(`<${element.tagName.toLowerCase()} class="${element.getAttribute('class') || ''}"> ` +
      `at ${Math.round(box.left)},${Math.round(box.top)}${hidden} ` +
      `${Math.round(box.width)}x${Math.round(box.height)}, ` +
      `outline ${style.outlineStyle} ${style.outlineWidth}, box-shadow ${style.boxShadow}`)
  }
  return {name, shown: false, why: why.join('; ')}
}"""


SETTLE_MS = 150


class Keyboard:
    """Presses keys and notes every moment the focus could not be seen."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.unseen: list[str] = []

    def focus(self, *, may_leave: bool = False) -> dict:
        focus = self.page.evaluate(FOCUS)
        if not focus["shown"] and focus["why"] != "no focus":
            # The browser may still be scrolling the focus into view (a sidebar's own scroll,
            # on a busy machine): what counts is where it comes to rest, a moment later.
            self.page.wait_for_timeout(SETTLE_MS)
            focus = self.page.evaluate(FOCUS)
        left = focus["why"] == "no focus"  # past the last stop, the browser's own controls
        if not focus["shown"] and not (may_leave and left):
            width = self.page.viewport_size["width"]
            self.unseen.append(f"{width}px {self.page.url} {focus['name']!r}: {focus['why']}")
        return focus

    def press(self, key: str, *, may_leave: bool = False) -> dict:
        self.page.keyboard.press(key)
        return self.focus(may_leave=may_leave)

    def move_to(self, name: str, key: str = "Tab", limit: int = 60) -> None:
        """Press `key` until the focused element is called `name`."""
        seen = []
        for _ in range(limit):
            focus = self.press(key)
            if focus["name"] == name:
                return
            seen.append(focus["name"])
        raise AssertionError(f"{key} never reaches {name!r}; it reaches {seen}")


def heading(page: Page, text: str):
    return page.locator("[data-flows-wizard]").get_by_role(
        "heading", level=2, name=text, exact=True
    )


JOURNEYS = [
    pytest.param(
        language,
        flow,
        outcome_id,
        paths_to(flow, outcome_id, 1)[0],
        id=f"{language.code}:{flow.id}/{outcome_id}",
    )
    for language in LANGUAGES
    for flow in DOCUMENT.flows.values()
    for outcome_id in flow.outcomes
    if paths_to(flow, outcome_id, 1)
]


@pytest.mark.parametrize(("language", "flow", "outcome_id", "path"), JOURNEYS)
def test_reaches_each_guide_with_the_keyboard_alone(
    open_page, site, language, flow, outcome_id, path
):
    say, ui, here = language.words, language.ui, f"{language.prefix}{flow.id}/"
    page = open_page(viewport=DESKTOP)
    keys = Keyboard(page)
    page.goto(site.page_url(here))
    expect(page.locator(".flows-wizard--js")).to_be_visible()

    for _, option in path:
        keys.move_to(say(option.label))
        keys.press("Enter")  # answers in place
        nxt = flow.questions.get(option.next)
        text = say(nxt.text) if nxt else say(flow.outcomes[option.next].title)
        expect(heading(page, text)).to_be_focused()
        keys.focus()  # the heading shows its focus too

    # Every answer can be changed, and the wizard started again, from the keyboard.
    for question, _ in path:
        keys.move_to(f"{ui['change']} {say(question.text)}")
    keys.move_to(ui["start_again"])
    keys.move_to(f"{ui['change']} {say(path[-1][0].text)}", key="Shift+Tab")
    keys.move_to(ui["open_guide"], key="Shift+Tab")
    page.keyboard.press("Enter")  # a new page: the old focus is gone
    expect(page).to_have_url(site.page_url(f"{here}{outcome_id}/"))
    title = say(flow.outcomes[outcome_id].title)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    # On the guide, Space ticks a step.
    first_step = page.locator(".flows-steps input[type=checkbox]").first
    for _ in range(60):
        keys.press("Tab")
        if first_step.evaluate("box => box === document.activeElement"):
            break
    expect(first_step).to_be_focused()
    keys.press("Space")
    expect(first_step).to_be_checked()
    expect(page.locator("[data-flows-progress]")).to_contain_text("1")
    keys.move_to(ui["start_again"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.page_url(here))

    assert keys.unseen == [], "the focus could not be seen:\n" + "\n".join(keys.unseen)


# A test per language of the site, so that the test processes share the walk.
@pytest.mark.parametrize("language", [language.code for language in LANGUAGES])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_every_tab_stop_of_every_page_shows_its_focus(open_page, site, viewport, language):
    """Tab through each page, and the wizard with answers, on a desktop and on a phone."""
    targets = [
        target
        for target in [*built_pages(site), wizard_states()[0]]
        if language_of(target.path).code == language
    ]
    stops = 0
    unseen = []
    page = open_page(viewport=viewport)
    keys = Keyboard(page)
    keys.unseen = unseen
    for target in targets:
        open_target(page, site, target)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        # More presses than the page has focusable elements (the editing guide has over 200):
        # only a trap keeps Tab inside.
        focusable = page.evaluate(
            "document.querySelectorAll('a[href], button, input, select, textarea, summary, "
            "[tabindex]').length"
        )
        for _ in range(max(200, focusable + 20)):
            if keys.press("Tab", may_leave=True)["why"] == "no focus":
                break  # past the last stop of the page
            stops += 1
        else:
            raise AssertionError(f"{target.name}: Tab never leaves the page")
    assert stops > 100
    assert unseen == [], "the focus could not be seen:\n" + "\n".join(unseen)
