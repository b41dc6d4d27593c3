"""Shared fixtures for browser tests: the project's site, built once and served locally, and
pages in Debian's Chromium that fail the test on console errors or requests to other hosts.

Playwright's own browser download does not work on our machines, so tests drive
/usr/bin/chromium. Outside CI they skip when it is missing; in CI (CI=true) they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sites import Served, ServedSites

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}


# Modules whose tests share what is set up for them alone, once: the phone walk and vnu's report
# (module fixtures), the feedback site and the help centre. Run in parallel (`make test`, with
# --dist loadgroup), a module's tests for one engine go to one process, which sets it up once.
ONE_WORKER = {
    "test_phone",
    "test_validity",
    "test_feedback_in_browser",
    "test_help_centre",
    # Each test serves a site of its own: one engine's in one process at a time.
    "test_live_problems",
}


# Tests that compare another engine's site with MkDocs', the reference: not run on MkDocs itself.
AGAINST_MKDOCS = ("test_holds_what_the_mkdocs_sites_index_holds",)


# First: xdist reads the groups in a hook of its own, which would otherwise come before this one.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    reference = [
        item
        for item in items
        if item.name.startswith(AGAINST_MKDOCS)
        and getattr(item, "callspec", None) is not None
        and item.callspec.params.get("engine") == "mkdocs"
    ]
    if reference:
        config.hook.pytest_deselected(items=reference)
        items[:] = [item for item in items if item not in reference]
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            engine = getattr(item, "callspec", None) and item.callspec.params.get("engine")
            module = Path(str(item.fspath)).stem
            if module in ONE_WORKER:
                item.add_marker(pytest.mark.xdist_group(f"{module}-{engine or 'mkdocs'}"))
            test_id = item.nodeid.rpartition("/")[2]
            for gap, why in ENGINES[engine].known_gaps.items() if engine else ():
                if test_id.startswith(gap):
                    item.add_marker(pytest.mark.xfail(reason=f"{engine}: {why}", strict=True))


@dataclass(frozen=True)
class Site(Served):
    """The built site, the local server that serves it, and the engine that built it."""

    engine: Engine  # what differs because of the engine

    def page_url(self, path: str = "") -> str:
        return self.url + path.lstrip("/")


EXAMPLE = Path(__file__).parent / "example"


@dataclass(frozen=True)
class Engine:
    """What the reader-facing tests must know of the engine that built a site, where engines
    differ; everything else is expected of both alike."""

    name: str
    # Other hosts named in the engine's own files, beyond Material's (test_privacy.py), with why
    # the site never asks them for anything.
    hosts: dict[str, dict[str, str]] = field(default_factory=dict)
    # Errors the Nu Html Checker finds in the engine's own templates, beyond Material's
    # (test_validity.py): (exact message, markup it is allowed in), why it is harmless beside.
    html_errors: tuple[tuple[str, str], ...] = ()
    # Tests that fail on this engine today (test id, or its start), each with why: marked as
    # expected failures that must fail, so a fix shows as a test to take off this list.
    known_gaps: dict[str, str] = field(default_factory=dict)


ENGINES = {
    "mkdocs": Engine("mkdocs"),
    "zensical": Engine(
        "zensical",
        hosts={
            "assets/javascripts/bundle.*.min.js": {
                # Pyodide, for runnable Python code blocks, loaded only on a page that has one
                # (the site has none); the offline walk proves it is never requested.
                "cdn.jsdelivr.net": "Pyodide for runnable code blocks, only on such pages",
                # Beside Material's on-demand scripts (see test_privacy.py), Zensical's bundle
                # loads the Ace editor for runnable code blocks and GLightbox for images that
                # zoom, each only on a page that has such a thing (the site has none).
                "unpkg.com": "on-demand scripts: Material's, the Ace editor and GLightbox",
            },
            # Zensical ships both of its looks; the site uses "classic" (Material's).
            "assets/stylesheets/*/main.*.min.css": {"fontawesome.com": "licence comment"},
        },
        html_errors=(
            (
                "The “aria-hidden” attribute must not be used on any “label” element that is "
                "associated with a labelable element.",
                '<label class="md-overlay" for="__drawer" aria-hidden="true">',
                # Zensical's base.html hides the dark overlay behind the open drawer from screen
                # readers; the overlay only closes the drawer on a click, and the drawer has its
                # own labelled button, so nothing a screen reader needs is hidden.
            ),
        ),
    ),
}


# The reader-facing checks that run on the site of every engine: every journey with and without
# JavaScript, axe, the Nu Html Checker, the privacy walk, the phone checks, the search box,
# which each engine styles in its own way, and old links that lead on to their new pages. The
# other browser tests exercise our own pages and scripts, which are the same files whichever
# engine built the site: they run on MkDocs' only, so that `make test` stays within its time.
EVERY_ENGINE = {
    "test_wizard_in_browser",
    "test_accessibility",
    "test_validity",
    "test_privacy",
    "test_phone",
    "test_search",
    "test_search_index",
    "test_page_titles",
    "test_moved_in_browser",
    "test_live_problems",
    "test_lighthouse",
    "test_trimmed_styles",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        module = metafunc.module.__name__.rpartition(".")[2]
        engines = list(ENGINES) if module in EVERY_ENGINE else ["mkdocs"]
        metafunc.parametrize("engine", engines, scope="session")


def built_site(sites: ServedSites, project: Path, engine: str = "mkdocs") -> Site:
    """`project`'s site, built with `engine` and served locally (once per test process)."""
    built = sites(project, engine)
    return Site(built.root, built.url, ENGINES[engine])


@pytest.fixture(scope="session")
def site(engine: str, request: pytest.FixtureRequest, served_sites: ServedSites) -> Site:
    """The project's own site, built with `engine` and served locally (MkDocs' is the one the
    other tests read too, built strict)."""
    if engine == "mkdocs":
        shared = request.getfixturevalue("project_site")
        return Site(shared.root, shared.url, ENGINES[engine])
    return built_site(served_sites, ROOT, engine)


@pytest.fixture(scope="session")
def example_site(engine: str, served_sites: ServedSites) -> Site:
    """A small site (tests/browser/example) whose flow has shared and raw-HTML branches."""
    return built_site(served_sites, EXAMPLE, engine)


# A help centre of many flows, made by bench/synth.py, and its first flow on a site of its own.
CENTRE_FLOWS = 30
CENTRE_NODES_PER_FLOW = 13  # a tree of 4 questions and 9 guides


def _synthetic_project(folder: Path, flows: int) -> Path:
    """A project of `flows` synthetic flows with the project's theme and Markdown settings."""
    import yaml

    from bench import synth

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = "Pusat bantuan"
    config["plugins"] = ["search", "flows"]
    (folder / "content").mkdir(parents=True)
    (folder / "content" / "index.md").write_text("# Pusat bantuan\n\nSelamat datang.\n")
    (folder / "content" / "tentang.md").write_text("# Tentang\n\nSitus contoh.\n")
    text = synth.site("tree", flows * CENTRE_NODES_PER_FLOW, flows)
    (folder / "flows.yaml").write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    return folder


@pytest.fixture(scope="session")
def help_centre(tmp_path_factory: pytest.TempPathFactory, served_sites: ServedSites) -> Site:
    """A generated help centre of 30 flows, built with the plugin and served locally."""
    project = _synthetic_project(tmp_path_factory.mktemp("centre"), CENTRE_FLOWS)
    return built_site(served_sites, project)


@pytest.fixture(scope="session")
def one_flow_centre(tmp_path_factory: pytest.TempPathFactory, served_sites: ServedSites) -> Site:
    """The help centre's first flow alone, built the same way."""
    project = _synthetic_project(tmp_path_factory.mktemp("one-flow"), 1)
    return built_site(served_sites, project)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, shared by the whole session."""
    if not os.path.exists(CHROMIUM):
        message = "install Chromium: sudo apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI; {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What a page did: console errors, uncaught exceptions and every URL it requested."""

    origin: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list, repr=False)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.origin)]

    def check(self) -> None:
        assert self.errors == [], "the page logged errors"
        assert self.foreign_requests() == [], "the page asked another host for something"


def _open(
    browser,
    site: Site,
    *,
    javascript: bool,
    viewport: dict,
    scheme: str = "light",
    motion: str = "no-preference",
):
    context = browser.new_context(
        java_script_enabled=javascript,
        viewport=viewport,
        color_scheme=scheme,
        reduced_motion=motion,
        base_url=site.url,
        service_workers="block",
    )
    watch = Watch(site.url)
    context.on("request", lambda request: watch.requests.append(request.url))
    context.on("weberror", lambda error: watch.errors.append(f"uncaught: {error.error}"))
    page = context.new_page()
    page.on(
        "console",
        lambda message: message.type == "error" and watch.errors.append(message.text),
    )
    page.watch = watch
    return context, page


@pytest.fixture
def open_page(browser, request: pytest.FixtureRequest, engine: str):
    """A factory for pages: open_page(javascript=True, viewport=PHONE, scheme="dark", site=...,
    motion="reduce").

    Pages open on the project's site unless another `site` is given. Every page opened is checked
    when the test ends: no console errors, no uncaught exceptions and no request to any host but
    the local server.
    """
    opened = []

    def factory(
        *,
        javascript: bool = True,
        viewport: dict | None = None,
        scheme: str = "light",
        site: Site | None = None,
        motion: str = "no-preference",
    ):
        site = site or request.getfixturevalue("site")
        context, page = _open(
            browser,
            site,
            javascript=javascript,
            viewport=viewport or DESKTOP,
            scheme=scheme,
            motion=motion,
        )
        opened.append((context, page))
        return page

    yield factory
    for context, _ in opened:
        context.close()
    for _, page in opened:
        page.watch.check()


@pytest.fixture
def page(open_page):
    """A desktop-sized page with JavaScript, checked for errors and foreign requests."""
    return open_page()


@pytest.fixture
def page_without_js(open_page):
    """A desktop-sized page with JavaScript switched off."""
    return open_page(javascript=False)


# Screenshots are for a person to look at after a run; CI keeps none, so it takes none there
# (SCREENSHOTS=1 takes them in CI too). What a test asserts never depends on one.
TAKE_SCREENSHOTS = os.environ.get("CI") != "true" or os.environ.get("SCREENSHOTS") == "1"


def snapshot(page, *, path: Path, **options) -> None:
    """A screenshot of `page` into `path` for a person to look at (see TAKE_SCREENSHOTS)."""
    if TAKE_SCREENSHOTS:
        page.screenshot(path=path, **options)


@pytest.fixture(scope="session")
def artifacts(engine: str) -> Path:
    """A git-ignored folder for screenshots a person can look at after the run; the Zensical
    site's go into a folder of their own, beside the MkDocs site's."""
    folder = ROOT / "test-artifacts" / "screenshots"
    folder = folder if engine == "mkdocs" else folder / engine
    folder.mkdir(parents=True, exist_ok=True)
    return folder
