"""The theme's stylesheet, cut to what the site uses, styles every element as the whole one did.

Each kind of page is opened, put in the states a reader puts it in (the menu open on a phone;
results of a search shown on a wide screen, in the dark scheme), and
every element's computed style, with its ::before and ::after, is read; then, in the same page, the
cut stylesheet is swapped for the theme's whole one and everything is read again. Any property of
any element that differs fails the test, with where and how.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.engines.styles import THEME_STYLES

from .conftest import DESKTOP, PHONE
from .page_kinds import page_types

# The theme's own files, where each engine installed them.
THEMES = {"mkdocs": "material", "zensical": "zensical_ui"}
CUT = re.compile(r"assets/stylesheets/(?:[a-z]+/)?[a-z]+\.[0-9a-f]{8}\.min\.css$")
SHOWN = 20  # differences shown when a test fails

# Every computed property of every element and of its ::before and ::after, as text: kept in the
# page the first time, compared with it the second (a page's styles are too many to send out).
SNAPSHOT = """(shown) => {
  const out = []
  const elements = document.querySelectorAll('*')
  for (let i = 0; i < elements.length; i++) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(elements[i], pseudo)
      const values = new Map()
      // A ::before or ::after without content draws nothing: only that it has none is compared.
      const drawn = !pseudo || !['none', 'normal'].includes(style.content)
      if (!drawn) values.set('content', style.content)
      for (let j = 0; drawn && j < style.length; j++) {
        values.set(style[j], style.getPropertyValue(style[j]))
      }
      const el = elements[i]
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.classList.length ? '.' + [...el.classList].join('.') : '') + (pseudo || '')
      out.push([name, values])
    }
  }
  const before = window.flowsStyles
  if (!before) {
    window.flowsStyles = out
    return null
  }
  if (before.length !== out.length) return [`${before.length} elements, then ${out.length}`]
  const found = []
  for (let i = 0; i < out.length; i++) {
    const [name, cut] = before[i]
    const whole = out[i][1]
    for (const prop of new Set([...cut.keys(), ...whole.keys()])) {
      if (cut.get(prop) !== whole.get(prop)) {
        found.push(`${name} ${prop}: '${cut.get(prop)}' cut, '${whole.get(prop)}' whole`)
      }
    }
  }
  return found
}"""

# Swap the cut stylesheet at `cut` for the whole one at `whole`, once it has loaded.
SWAP = """async ([cut, whole]) => {
  const link = [...document.querySelectorAll('link[rel=stylesheet]')]
    .find((link) => link.href.endsWith(cut))
  await new Promise((loaded, failed) => {
    link.onload = loaded
    link.onerror = failed
    link.href = whole
  })
}"""

# Transitions would let a snapshot catch a colour halfway; both snapshots are taken without them.
STILL = "*,*::before,*::after{transition:none!important;animation:none!important}"


def whole_stylesheet(engine: str, cut: str) -> str:
    """The theme's stylesheet that `cut` (assets/stylesheets/…/main.1a2b3c4d.min.css) came from."""
    module = __import__(THEMES[engine])
    folder, _, name = cut[len(THEME_STYLES) :].rpartition("/")
    styles = Path(module.__file__).parent / "templates" / "assets" / "stylesheets" / folder
    found = sorted(styles.glob(f"{name.split('.')[0]}.*.min.css"))
    assert len(found) == 1, found
    return found[0].read_text(encoding="utf-8")


def compare(page, engine: str) -> list[str]:
    """The computed styles of every element with the cut stylesheets, then with the whole ones."""
    links = page.eval_on_selector_all(
        "link[rel=stylesheet]", "links => links.map((link) => link.href)"
    )
    cuts = [href for href in links if CUT.search(href)]
    assert cuts, f"no cut theme stylesheet is linked: {links}"
    page.add_style_tag(content=STILL)
    assert page.evaluate(SNAPSHOT) is None
    for href in cuts:
        tail = href[href.index(THEME_STYLES) :]
        whole = href.replace(".min.css", ".whole.min.css")
        body = whole_stylesheet(engine, tail)
        page.route(
            whole, lambda route, _, body=body: route.fulfill(body=body, content_type="text/css")
        )
        page.evaluate(SWAP, [tail, whole])
    return page.evaluate(SNAPSHOT)


PAGES = {kind: path for kind, path in page_types().items() if kind.endswith("(id)")}


@pytest.mark.parametrize("kind", PAGES)
def test_a_phone_with_the_menu_open_looks_as_with_the_whole_stylesheet(open_page, engine, kind):
    page = open_page(viewport=PHONE, motion="reduce")
    page.goto(PAGES[kind])
    page.locator(".md-header label[for=__drawer]").click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    found = compare(page, engine)
    assert found == [], f"{len(found)} differences:\n" + "\n".join(found[:SHOWN])


@pytest.mark.parametrize("kind", PAGES)
def test_a_wide_dark_screen_with_results_shown_looks_as_with_the_whole_stylesheet(
    open_page, engine, kind
):
    page = open_page(viewport=DESKTOP, scheme="dark", motion="reduce")
    page.goto(PAGES[kind])
    page.locator(".flows-search .md-search__input").fill("batal")
    page.wait_for_selector("#flows-search-results li")
    found = compare(page, engine)
    assert found == [], f"{len(found)} differences:\n" + "\n".join(found[:SHOWN])
