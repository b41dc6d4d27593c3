"""Every page of the built site and every state of its wizard, for the property tests.

The accessibility, validity, privacy, keyboard and phone tests all walk the same list, so a new
page or a new kind of wizard state is checked by all of them at once. The list comes from the
built site (pages) and from flows.yaml (wizard states), never from a hand-written list.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from generator.format.check import check_file
from generator.format.model import Flow, Text, iter_paths
from generator.format.model import Path as AnswerPath
from generator.site.markup import plain_text
from generator.site.plan import language_prefix
from generator.site.words import Words, load_tables

from .conftest import ROOT, Site

DOCUMENT, PROBLEMS = check_file(ROOT / "flows.yaml")
assert DOCUMENT is not None, "\n".join(map(str, PROBLEMS))
TABLES = load_tables()
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
OPTIONS = next(p["flows"] for p in CONFIG["plugins"] if isinstance(p, dict) and "flows" in p)


@dataclass(frozen=True)
class Language:
    """One language of the site as its readers meet it: its words, and where its pages are."""

    code: str
    prefix: str  # "" for the first language, e.g. "en/" for the others
    ui: Words
    site_name: str  # the plugin's `site_name` option names the site in other languages

    def words(self, text: Text | None) -> str:
        """What a reader of this language sees of an editor's text."""
        return plain_text(text.get(self.code)) if text is not None else ""


LANGUAGES = tuple(
    Language(
        code,
        language_prefix(code, DOCUMENT.languages),
        TABLES[code],
        OPTIONS.get("site_name", {}).get(code, CONFIG["site_name"]),
    )
    for code in DOCUMENT.languages
)
DEFAULT = LANGUAGES[0]
WORDS = DEFAULT.ui


def language_of(path: str) -> Language:
    """The language of the page at `path` of the built site, by where it lives."""
    return next((lang for lang in LANGUAGES[1:] if path.startswith(lang.prefix)), DEFAULT)


NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = "/usr/bin/java"

# axe-core's rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def need(path: Path | str, how: str) -> None:
    """Fail in CI, skip elsewhere, when a checker the tests need is not installed."""
    if Path(path).exists():
        return
    message = f"{path} is missing; {how}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def need_node_checkers() -> None:
    need(AXE, "run `make test`, which installs the checkers with `npm ci`")
    need(VNU, "run `make test`, which installs the checkers with `npm ci`")


def words(text) -> str:
    """What a reader of the first language sees of an editor's text."""
    return DEFAULT.words(text)


def query(path: AnswerPath) -> str:
    """The wizard's query string for `path`, e.g. ?a=status-pembayaran.2,metode.1."""
    answers = [f"{question.id}.{question.options.index(option) + 1}" for question, option in path]
    return "?a=" + ",".join(answers) if answers else ""


@dataclass(frozen=True)
class Target:
    """A page as a reader sees it: an address, what they did there, and what they then see."""

    name: str  # used in screenshot file names and failure messages
    path: str  # under the site's URL, e.g. "batalkan-pesanan/?a=status-pembayaran.2"
    heading: str | None = None  # the wizard heading that shows the state is on screen
    then: Callable[[Page], None] | None = field(default=None, compare=False)
    wizard: bool = False
    guide: bool = False  # a guide page with steps to tick


def built_pages(site: Site) -> list[Target]:
    """Every HTML page of the built site."""
    targets = []
    for file in sorted(site.root.rglob("*.html")):
        relative = file.relative_to(site.root).as_posix()
        path = relative.removesuffix("index.html")
        name = path.removesuffix(".html").strip("/").replace("/", "--") or "home"
        # A flow page's <template>s hold its guides' steps for the wizard: not a guide page.
        shown = re.sub(
            r"<template\b.*?</template>", "", file.read_text(encoding="utf-8"), flags=re.S
        )
        guide = '<ol class="flows-steps"' in shown
        targets.append(Target(f"page-{name}", path, guide=guide))
    return targets


def _first_paths(flow: Flow) -> dict[str, AnswerPath]:
    """For each node after the start, the first answer path that reaches it."""
    first: dict[str, AnswerPath] = {}
    for outcome_id, path in iter_paths(flow):
        for done in range(1, len(path)):
            first.setdefault(path[done][0].id, path[:done])
        first.setdefault(outcome_id, path)
    return first


def _change_first_answer(language: Language, path: AnswerPath) -> Callable[[Page], None]:
    question = path[0][0]

    def change(page: Page) -> None:
        name = f"{language.ui['change']} {language.words(question.text)}"
        page.locator("[data-flows-wizard]").get_by_role("link", name=name).click()

    return change


def _tick_first_steps(page: Page) -> None:
    boxes = page.locator(".flows-steps input[type=checkbox]")
    for box in boxes.all()[:2]:
        box.check()


def wizard_states() -> list[Target]:
    """Each question and outcome of every flow as the wizard shows it, with the answers so far;
    a guide's steps ticked in the wizard; the first question while changing an answer; and the
    notice for a link that fits no state.
    In every language of the site."""
    targets = []
    for language in LANGUAGES:
        # Names keep the first language's as they were: screenshots and reports stay put.
        tag = "" if not language.prefix else f"{language.code}-"
        for flow in DOCUMENT.flows.values():
            first = _first_paths(flow)
            here = f"{language.prefix}{flow.id}/"
            for node_id, path in first.items():
                node = flow.questions.get(node_id)
                kind, text = (
                    ("question", node.text) if node else ("outcome", flow.outcomes[node_id].title)
                )
                targets.append(
                    Target(
                        f"wizard-{tag}{flow.id}-{kind}-{node_id}",
                        f"{here}{query(path)}",
                        language.words(text),
                        wizard=True,
                    )
                )
            # The answer in place, half done: the first guide's steps ticked in the wizard.
            outcome_id = next(node for node in first if node in flow.outcomes)
            targets.append(
                Target(
                    f"wizard-{tag}{flow.id}-outcome-{outcome_id}-ticked",
                    f"{here}{query(first[outcome_id])}",
                    language.words(flow.outcomes[outcome_id].title),
                    then=_tick_first_steps,
                    wizard=True,
                )
            )
            deepest = max(first.values(), key=len)
            start = language.words(flow.questions[flow.start].text)
            targets.append(
                Target(
                    f"wizard-{tag}{flow.id}-change",
                    f"{here}{query(deepest)}",
                    start,
                    then=_change_first_answer(language, deepest),
                    wizard=True,
                )
            )
            targets.append(
                Target(f"wizard-{tag}{flow.id}-notice", f"{here}?a=tidak-ada.1", start, wizard=True)
            )
    return targets


def ticked_guides(site: Site) -> list[Target]:
    """The first guide page with two steps ticked, so the progress line shows."""
    guides = [target for target in built_pages(site) if target.guide]
    if not guides:
        return []
    first = guides[0]
    return [Target(first.name.replace("page-", "steps-", 1), first.path, then=_tick_first_steps)]


def all_targets(site: Site) -> list[Target]:
    return [*built_pages(site), *wizard_states(), *ticked_guides(site)]


SETTLE = """() => {
  // Show the end of each entrance animation, as a reader sees it a moment later; a checker
  // looking mid-fade would measure half-transparent colours.
  for (const animation of document.getAnimations()) {
    try { animation.finish() } catch (error) { /* an endless animation has no end to show */ }
  }
}"""


TOP = """async () => {
  if (scrollY === 0) return
  scrollTo(0, 0)
  // Material answers a scroll on the next frames (the header swaps the page's title for the
  // site's name, fading): let it start its movements, so that SETTLE can end them.
  for (let frame = 0; frame < 2; frame++) await new Promise(done => requestAnimationFrame(done))
  await new Promise(done => setTimeout(done))
}"""


def scroll_to_top(page: Page) -> None:
    """Scroll back to the top, as a reader sees it once the header has followed."""
    page.evaluate(TOP)
    page.evaluate(SETTLE)


def open_target(page: Page, site: Site, target: Target) -> None:
    """Go to `target` and wait until the reader would see it."""
    page.goto(site.page_url(target.path))
    page.wait_for_load_state("load")
    if target.wizard:
        expect(page.locator(".flows-wizard--js")).to_be_visible()
    if target.then is not None:
        target.then(page)
    if target.heading is not None:
        heading = page.locator("[data-flows-wizard]").get_by_role(
            "heading", level=2, name=target.heading, exact=True
        )
        expect(heading).to_be_visible()
    page.evaluate(SETTLE)


def axe_on_every_page(page: Page) -> None:
    """Load axe-core into every page `page`'s context opens from now on, as each page starts:
    Chromium keeps the script and runs it in each new page, which cost half the time of sending
    its half megabyte to every loaded page in a script tag. axe does nothing until it is run."""
    page.context.add_init_script(path=str(AXE))


def run_axe(page: Page) -> list[str]:
    """axe-core's violations on the page, one readable line per rule and element (axe is added
    to the page unless axe_on_every_page has loaded it already)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    found = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(node["failureSummary"].split())
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} "
                f"at {' '.join(map(str, node['target']))}: {summary}"
            )
    return found
