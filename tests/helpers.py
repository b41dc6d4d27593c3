"""Helpers the test modules share: the command line run in this process, plans and renderers for
models made in a test, a way to read the words a built page shows in its own language, and what
a built site's search holds."""

from __future__ import annotations

import functools
import gzip
import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from contextlib import redirect_stderr, redirect_stdout
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

from babel.dates import get_month_names
from hypothesis import HealthCheck, settings

from generator import cli
from generator.format import cldr
from generator.format.model import Document
from generator.render.renderer import Renderer
from generator.site.plan import SitePlan
from generator.site.search import BUNDLE
from generator.site.words import Words, load_tables

TABLES = load_tables()
ROOT = Path(__file__).resolve().parent.parent


class Ran(NamedTuple):
    """What a run of the command line left: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(
    *args: str | os.PathLike[str],
    cwd: str | os.PathLike[str] = ROOT,
    env: Mapping[str, str] | None = None,
) -> Ran:
    """`python -m generator ARGS` in `cwd` as an editor runs it, but in this process: starting an
    interpreter for each of a few hundred runs was most of the command-line tests' time.

    `env` (default: this process's) is the run's whole environment: the command reads its
    language settings from os.environ, and its files from the current folder, as it runs. An
    editor never sees a traceback: an exception out of the command fails the test.
    """
    out, err = io.StringIO(), io.StringIO()
    # As in a fresh interpreter, where no logging is set up, warnings (Zensical's report) go to
    # stderr; pytest's own handlers would otherwise take them.
    warnings = logging.StreamHandler(err)
    warnings.setLevel(logging.WARNING)
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        os.chdir(cwd)
        logging.getLogger().addHandler(warnings)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = cli.main([os.fspath(arg) for arg in args])
            except SystemExit as usage:  # argparse's: the message is on stderr already
                code = int(usage.code or 0)
    finally:
        logging.getLogger().removeHandler(warnings)
        os.chdir(saved_cwd)
        os.environ.clear()  # with whatever the command set in it
        os.environ.update(saved_env)
    ran = Ran(code, out.getvalue(), err.getvalue())
    assert "Traceback" not in ran.stdout + ran.stderr
    return ran


def run_in_new_process(
    *args: str | os.PathLike[str],
    cwd: str | os.PathLike[str] = ROOT,
    env: Mapping[str, str] | None = None,
) -> Ran:
    """`python -m generator ARGS` in a new interpreter: for what only a process shows (that the
    module runs, its exit status, output order across runs with their own hash seeds)."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", *map(os.fspath, args)],
        cwd=cwd,
        env={**(os.environ if env is None else env), "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    ran = Ran(result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in ran.stdout + ran.stderr
    return ran


def run_in_language(*args: str, cwd: Path, **env: str) -> Ran:
    """`python -m generator ARGS` in `cwd` with only the given language settings (FLOWS_LANG,
    LANG, …) in its environment, in this process."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FLOWS_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
    }
    return run_cli(*args, cwd=cwd, env={**clean, **env})


def plan_for(document: Document, **options: object) -> SitePlan:
    """The plan of `document`'s site with our own interface words (options as SitePlan's)."""
    return SitePlan(document, TABLES.words, **options)  # type: ignore[arg-type]


def renderer_for(
    document: Document,
    language: str | None = None,
    *,
    templates: str | None = None,
    site_name: str = "",
    feedback: str | None = None,
    **options,
) -> Renderer:
    """A renderer of one language (default: the first) of `document`'s site; `options` go to
    the plan (site_url, directory_urls, content)."""
    plan = plan_for(document, **options)
    return Renderer(
        plan,
        language or document.language,
        templates=templates,
        site_name=site_name,
        feedback=feedback,
    )


def render_page(document: Document, kind: str, flow_id: str, node_id: str | None = None):
    """The page of that kind, flow and node in `document`'s first language."""
    renderer = renderer_for(document)
    return renderer.render(renderer.plan.page(document.language, kind, flow_id, node_id))


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


# The attributes whose words a reader hears or sees (a label, a tooltip, a placeholder).
_SAID = {"aria-label", "title", "placeholder", "alt"}


class _PageText(HTMLParser):
    """Text a reader sees in a page's own language: not scripts or code, not parts marked
    `lang`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.page_language: str | None = None
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        if tag == "html":
            self.page_language = lang
        if tag not in _VOID:
            self.stack.append((tag, lang))
        # What screen readers and tooltips say is text a reader meets too.
        marked = [lang for _, lang in self.stack if lang] if tag not in _VOID else [lang]
        marked = [lang for lang in marked if lang]
        if tag != "html" and (not marked or marked[-1] == self.page_language):
            self.parts += [value for name, value in attrs if name in _SAID and value]

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        # Not scripts, and not code: a key, a command or another program's message is written
        # as it is, whatever the page's language.
        if any(tag in ("script", "style", "code", "pre", "kbd", "samp") for tag, _ in self.stack):
            return
        marked = [lang for _, lang in self.stack if lang]
        if not marked or marked[-1] == self.page_language:
            self.parts.append(data)


def page_text(page_html: str) -> tuple[str | None, str]:
    """The page's `<html lang>` and the text in that language, whitespace collapsed."""
    parser = _PageText()
    parser.feed(page_html)
    return parser.page_language, " ".join(" ".join(parser.parts).split())


def interface_words(words: Words) -> set[str]:
    """The fixed pieces of a table's words (between placeholders), long enough to tell apart.

    Not the language's own name: pages name the languages they can be read in. Of a sentence
    with placeholders, only pieces of two words or more: one word beside a count ("guides" of
    "{n} guides") is a word any text may use. With the language's month names, which pages
    write in dates.
    """
    sentences = [
        sentence
        for key, value in words.words.items()
        if key != "language_name"
        for sentence in ([value] if isinstance(value, str) else value.values())
    ]
    pieces = set()
    for sentence in sentences:
        parts = [part.strip(" .:,") for part in re.split(r"\{\w+\}", sentence)]
        pieces |= {part for part in parts if len(parts) == 1 or " " in part}
    months = set(get_month_names("wide", locale=cldr.locale(words.language)).values())
    own = theme_words(words.language)
    return {piece for piece in pieces | months | own if len(piece) >= 4}


# What both themes write in English whatever the language (404 page, footer), which our theme
# replaces with the interface words (generator/engines/theme/404.html, partials/copyright.html).
THEME_ENGLISH = {"404 - Not found", "Made with"}
THEME_PACKAGES = ("material", "zensical_ui")


@functools.cache
def theme_words(language: str) -> frozenset[str]:
    """The words of the page's frame that Material and Zensical take from their own language
    files (partials/languages/<language>.html: "Skip to content", "Table of contents", …), and
    for English the words both write in English in every language. Read once per language:
    the scans ask for them on every page."""
    import importlib.util

    found = set(THEME_ENGLISH) if language == "en" else set()
    for package in THEME_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        path = Path(spec.origin).parent / "templates/partials/languages" / f"{language}.html"
        if not path.is_file():
            continue
        for key, value in re.findall(r'"([\w.]+)": "((?:[^"\\]|\\.)*)"', path.read_text("utf-8")):
            if key.split(".")[0] not in ("language", "direction", "readtime") and (
                not key.startswith("search.config")
            ):
                found.add(value)
    return frozenset(found)


def foreign_words(page_html: str, own: Words, other: Words) -> list[str]:
    """`other`'s interface words that the page shows in its own language's text."""
    _, text = page_text(page_html)
    candidates = interface_words(other) - interface_words(own)
    return sorted(
        word for word in candidates if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    )


def search_index(site: Path) -> dict[str, dict]:
    """The pages in a built site's search index, by address ("/", "/en/tentang/").

    Pagefind writes a fragment per page: gzip around a short signature ("pagefind_dcd") and the
    JSON of the page: its `url`, its `content` (the text that is searched, from which a result's
    excerpt is cut), its `meta` (`title` among them), `anchors` and `word_count`.
    """
    found = {}
    for path in sorted((site / BUNDLE / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        page = json.loads(data[data.index(b"{") :])
        found[page["url"]] = page
    return found


def same_examples(count: int) -> settings:
    """Hypothesis settings for `count` examples, the same ones on every run (so CI sees what
    the last run saw), however long each takes."""
    return settings(
        max_examples=count,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def free_port() -> int:
    """A TCP port of this machine that nothing listens on now, for a server a test starts."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serves(url: str) -> bool:
    """Whether a server answers `url` with 200 OK now."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
