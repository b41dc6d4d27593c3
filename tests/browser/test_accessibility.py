"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA failure and no best-practice failure on any page
or wizard state, in the light and the dark palette, on a desktop and on a phone, in every
language of the site.

Screenshots of everything checked land in test-artifacts/screenshots/ for a person to look at.
No axe rule is switched off.
"""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, snapshot
from .site_states import (
    LANGUAGES,
    all_targets,
    axe_on_every_page,
    language_of,
    need_node_checkers,
    open_target,
    run_axe,
    scroll_to_top,
)

# Material's palettes: "default" is the light one, "slate" the dark one.
SCHEMES = {"light": "default", "dark": "slate"}


# A test per language of the site: the pages and wizard states of each, so that the test
# processes share them.
@pytest.mark.parametrize("language", [language.code for language in LANGUAGES])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_and_wizard_state_passes_axe(
    open_page, site, artifacts, scheme, viewport, language
):
    need_node_checkers()
    # With motion reduced, colours change at once (a hover, a chosen answer): axe measures the
    # colours a reader sees once a change is over, never a blend halfway through a transition.
    page = open_page(viewport=viewport, scheme=scheme, motion="reduce")
    axe_on_every_page(page)
    targets = [t for t in all_targets(site) if language_of(t.path).code == language]
    found = []
    for target in targets:
        open_target(page, site, target)
        palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == SCHEMES[scheme], f"{target.name} shows the {palette} palette"
        # From the top, so the fixed header sits where a person expects it in a full-page shot.
        scroll_to_top(page)
        snapshot(
            page, path=artifacts / f"{target.name}-{viewport['width']}-{scheme}.png", full_page=True
        )
        found += [f"{target.name}: {violation}" for violation in run_axe(page)]
    assert len(targets) >= 10
    assert found == [], "axe-core found problems:\n" + "\n".join(found)
