"""The Nu Html Checker (vnu) finds no error in any built page, nor in the wizard's pages as
flows.js leaves them.

The only errors allowed come from Material's own base template, each listed below by its exact
message, with the markup it is allowed in and the reason. Anything else fails.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import DESKTOP, Watch, _open
from .site_states import JAVA, VNU, need, need_node_checkers, open_target, wizard_states

# (exact message, text the reported markup must contain, why it is Material's and harmless)
MATERIAL_ERRORS = [
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
        "“tel”, “text”, “time”, “url”, or “week”.",
        'class="md-toggle"',
        # Material's base.html puts autocomplete="off" on the hidden checkboxes that open the
        # drawer and the search, so that Firefox does not restore them ticked after a reload
        # (which would leave the drawer or search open). Browsers ignore it on checkboxes.
    ),
]


def vnu(files: list[Path]) -> list[dict]:
    """vnu's error messages for `files`, checked in one run of the checker."""
    need(JAVA, "install Java: sudo apt-get install default-jre-headless")
    need_node_checkers()
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stderr)["messages"]


def unexplained(messages: list[dict], root: Path, allowed: list[tuple[str, str]]) -> list[str]:
    found = []
    for message in messages:
        extract = message.get("extract", "")
        if any(message["message"] == text and markup in extract for text, markup in allowed):
            continue
        where = message.get("url", "").removeprefix("file:").removeprefix(str(root) + "/")
        found.append(
            f"{where}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: "
            f"{message['type']}: {message['message']}\n    {' '.join(extract.split())}"
        )
    return found


@dataclass
class Report:
    """vnu's messages on the built pages and on the wizard's states, kept apart."""

    pages: list[Path]
    on_pages: list[dict]
    states: Path  # the folder of the wizard states' files
    on_states: list[dict]
    watch: Watch  # what the page that showed the states did


@pytest.fixture(scope="module")
def report(browser, site, tmp_path_factory) -> Report:
    """Every built page and each wizard state as flows.js leaves it, checked in one run of vnu:
    the checker is Java, and starting it takes seconds."""
    states = tmp_path_factory.mktemp(f"wizard-states-{site.engine.name}")
    context, page = _open(browser, site, javascript=True, viewport=DESKTOP)
    files = []
    for target in wizard_states():
        open_target(page, site, target)
        file = states / f"{target.name}.html"
        file.write_text(page.content(), encoding="utf-8")  # with its doctype
        files.append(file)
    context.close()
    pages = sorted(site.root.rglob("*.html"))
    on_pages, on_states = [], []
    for message in vnu([*pages, *files]):
        where = message.get("url", "").removeprefix("file:")
        (on_states if where.startswith(f"{states}/") else on_pages).append(message)
    return Report(pages, on_pages, states, on_states, page.watch)


def test_every_built_page_is_valid_html(site, report):
    assert len(report.pages) >= 10
    messages = report.on_pages
    allowed = [*MATERIAL_ERRORS, *site.engine.html_errors]
    problems = unexplained(messages, site.root, allowed)
    assert problems == [], "vnu found errors:\n" + "\n".join(problems)
    # The allowed errors are still there: when Material stops making them, drop them from the list.
    assert {message["message"] for message in messages} == {text for text, _ in allowed}


def test_every_wizard_state_is_valid_html(site, report):
    allowed = [*MATERIAL_ERRORS, *site.engine.html_errors]
    problems = unexplained(report.on_states, report.states, allowed)
    assert problems == [], "vnu found errors in the wizard's markup:\n" + "\n".join(problems)
    report.watch.check()
