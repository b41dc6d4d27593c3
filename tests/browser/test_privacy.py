"""The site asks no other host for anything, sets no cookie and keeps nothing in the browser but
ticked steps; it works served from a folder with no network at all.

The browser's requests to any host but the local server are refused and recorded, so a page that
needs the network shows it here. The built files are also read for addresses of other hosts that
something could load.
"""

from __future__ import annotations

import fnmatch
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from playwright.sync_api import expect

from generator.format.model import iter_paths

from .search_box import RESULTS, search
from .site_states import DOCUMENT, LANGUAGES, WORDS, all_targets, open_target, words

# Identifiers that look like addresses but are never fetched: XML namespaces and the sitemap
# schema.
NAMESPACES = (
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.sitemaps.org/schemas/sitemap/0.9",
)

# Other hosts named in Material's own files, with why the site never asks them for anything.
# Any other host, or one of these in another file, fails the test.
MATERIAL_HOSTS = {
    "assets/javascripts/bundle.*.min.js": {
        # Loaded on demand: a polyfill for browsers without ResizeObserver (none since 2020),
        # and Mermaid on pages with a diagram (the site has none). The walk below proves neither
        # is requested.
        "unpkg.com": "on-demand scripts for old browsers and Mermaid diagrams",
        # Repository facts, fetched only when mkdocs.yml sets repo_url (it does not).
        "api.github.com": "repository facts, only with repo_url",
        "${e}": "GitLab repository facts, only with repo_url",
        "clipboardjs.com": "licence comment",
    },
    "assets/javascripts/workers/search.*.min.js": {
        "lunrjs.com": "licence comment",
        "tartarus.org": "licence comment",
        "bit.ly": "a link in an error message",
    },
    # lunr's stemmers and segmenters for other languages: licence and documentation links in
    # comments. Material loads one only for a search language that needs it; Indonesian has none.
    "assets/javascripts/lunr/*": {"*": "licence and documentation comments"},
    "assets/stylesheets/main.*.min.css": {"fontawesome.com": "licence comment"},
    # Pagefind's search script and its worker parse result addresses against a placeholder host.
    "pagefind/pagefind*.js": {
        "example.com${anchored_url}": "a placeholder base for parsing addresses",
        "example.com${normalized}": "a placeholder base for parsing addresses",
    },
}

URL = re.compile(r"https?://[^\s\"'`<>()\\]+")
LOADS = {"src", "srcset", "href", "poster", "data", "action", "xlink:href", "content", "style"}


class _Addresses(HTMLParser):
    """Every absolute address in a page that a browser could load, i.e. not an `<a href>`."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.data_only = False  # inside a <script> of data (JSON-LD), which nothing loads

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.data_only = dict(attrs).get("type") == "application/ld+json"
        for name, value in attrs:
            if value is None or (tag == "a" and name in ("href", "xlink:href")):
                continue  # a link to another site is fine: the reader chooses to follow it
            if name in LOADS or name.startswith("data-"):
                self.found += [match[0] for match in URL.finditer(value)]

    def handle_data(self, data: str) -> None:
        # Text inside <script> and <style> could load something too; structured data
        # (JSON-LD: its vocabulary's name, the page's own addresses) is read, never run or loaded.
        if self.lasttag == "script" and self.data_only:
            return
        if self.lasttag in ("script", "style"):
            self.found += [match[0] for match in URL.finditer(data)]


def _other_host(address: str, site_host: str) -> str | None:
    if address.startswith(NAMESPACES):
        return None
    host = urlsplit(address).netloc
    return None if host == site_host else host


def test_built_files_name_no_other_host_to_load_from(site):
    site_host = urlsplit(site.url).netloc
    unexplained = []
    checked = 0
    for file in sorted(site.root.rglob("*")):
        relative = file.relative_to(site.root).as_posix()
        # Each language's site has the theme's files of its own.
        for language in LANGUAGES[1:]:
            relative = relative.removeprefix(language.prefix)
        if file.suffix not in (".html", ".css", ".js", ".json", ".xml"):
            continue
        checked += 1
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".html":
            parser = _Addresses()
            parser.feed(text)
            addresses = parser.found
        else:
            addresses = [match[0] for match in URL.finditer(text)]
        # Each other language's build has a copy of the theme's files in its own folder.
        first, _, rest = relative.partition("/")
        theme_file = rest if first in DOCUMENT.languages[1:] else relative
        allowed = {
            host: why
            for pattern, hosts in [*MATERIAL_HOSTS.items(), *site.engine.hosts.items()]
            if fnmatch.fnmatch(theme_file, pattern)
            for host, why in hosts.items()
        }
        for address in addresses:
            host = _other_host(address, site_host)
            if host is not None and host not in allowed and "*" not in allowed:
                unexplained.append(f"{relative}: {address}")
    assert checked > 10
    assert unexplained == [], "addresses of other hosts:\n" + "\n".join(sorted(set(unexplained)))


def test_reads_every_page_and_answers_every_path_offline(open_page, site):
    """Walk the whole site with every other host unreachable; nothing is asked of them, no
    cookie is set, and only ticked steps (and Material's palette choice) are kept."""
    page = open_page()
    refused: list[str] = []
    local = site.url.rstrip("/")

    def only_local(route):
        if route.request.url.startswith(local):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("internetdisconnected")

    page.context.route("**/*", only_local)

    for target in all_targets(site):
        open_target(page, site, target)
    for flow in DOCUMENT.flows.values():
        for outcome_id, path in iter_paths(flow):
            page.goto(site.page_url(f"{flow.id}/"))
            for _, option in path:
                page.locator("[data-flows-wizard]").get_by_role(
                    "link", name=words(option.label), exact=True
                ).click()
            guide = page.locator("[data-flows-wizard]").get_by_role(
                "link", name=WORDS["open_guide"]
            )
            guide.click()
            title = words(flow.outcomes[outcome_id].title)
            expect(page.get_by_role("heading", level=1)).to_have_text(title)
            page.locator(".flows-steps input[type=checkbox]").first.check()
    # Searching runs in the browser too: Pagefind's script, its worker and the index come from
    # the site itself, and a result opens the guide.
    page.goto(site.url)
    assert search(page, "penjual")
    assert search(page, "pembatalam cod")  # a misspelt word, looked up again in other spellings
    page.locator(RESULTS).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert any("/pagefind/" in url for url in page.watch.requests)

    assert refused == [], "asked other hosts:\n" + "\n".join(refused)
    assert page.watch.foreign_requests() == []
    assert len(page.watch.requests) > 50  # the recording works
    assert page.context.cookies() == []
    kept = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    stored = json.loads(kept)
    steps = {key for key in stored if key.startswith("flows-steps:")}
    expected = {
        f"flows-steps:{flow.id}/{outcome_id}"
        for flow in DOCUMENT.flows.values()
        for outcome_id in flow.outcomes
    }
    assert steps == expected
    others = set(stored) - steps
    # Material remembers the palette the reader chose (light or dark) under its own key.
    assert {key.rsplit(".", 1)[-1] for key in others} <= {"__palette"}, others
    for key in others:
        assert set(json.loads(stored[key])) <= {"index", "color"}, stored[key]
    assert page.evaluate("sessionStorage.length") == 0
