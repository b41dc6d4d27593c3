"""Problems in the page while serving: what a broken save says, shown on every page that is open.

Both engines' `serve` keep the last good pages on screen when a save breaks the site. They also
keep a small JSON file of the problems the last save has (`state.json`) in a hidden folder at the
served site's root, with a script and a stylesheet of its own; pages built while serving load that
script (the theme's `partials/flows-live.html`, given `extra.flows_live`), which reads the file and
shows its problems in a panel. A build for publishing has neither the folder nor the script.

The script reads the file when a page loads and then every second or so: MkDocs' live reload
reloads the page after every rebuild; Zensical's serve has none of its own, so the script reloads
the page itself when the state names a newer build than the page's. No engine is imported here.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.format.problems import (
    Language,
    Problem,
    code_of,
    render_hint,
    render_message,
    sort_problems,
    words,
)
from generator.site.plan import SitePlan
from generator.site.words import REFERENCE, Tables

# A hidden folder: `mkdocs serve` empties the site's folder before each build but leaves hidden
# files, so the state outlives a build that stops halfway.
FOLDER = ".flows-live"
STATE = "state.json"
# The panel's script and styles, served from FOLDER beside the state.
ASSETS = Path(__file__).parent / "live"
ASSET_NAMES = ("live.js", "live.css")
# The anchor of a message's explanation in a hand-written page: `#### FL204: … {#fl204}`.
_ANCHOR = re.compile(r"\{#(fl\d{3})\}")


def folder_url(root: str) -> str:
    """The folder's address on the server, from the path the site is served at ("/", "/help/")."""
    return "/" + f"{root.strip('/')}/{FOLDER}/".lstrip("/")


def template_extra(root: str, build: int | None = None) -> dict[str, Any]:
    """`extra.flows_live` for pages built while serving: where the panel's files are, and (for an
    engine without live reload of its own) the build the page belongs to."""
    extra: dict[str, Any] = {"folder": folder_url(root)}
    if build is not None:
        extra["build"] = build
    return extra


def explanations(
    plan: SitePlan, docs_dir: str | os.PathLike[str] | None, language: str, root: str
) -> dict[str, str]:
    """Each message code's explanation in the site's hand-written pages (the editing guide's list
    of messages), as an address on the server: in `language`'s pages when they have it, else in
    the default language's, else in any."""
    if docs_dir is None or not os.path.isdir(docs_dir):
        return {}
    base = "/" + f"{root.strip('/')}/".lstrip("/")
    found: dict[str, str] = {}
    pages = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        page_language, src_uri = plan.language_of(path.relative_to(docs_dir).as_posix())
        order = 0 if page_language == language else 1 if page_language == plan.default else 2
        pages.append((order, path, page_language, src_uri))
    for _, path, page_language, src_uri in sorted(pages, key=lambda page: page[0]):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        address = base + plan.prefix(page_language) + plan.url(src_uri)
        for anchor in _ANCHOR.findall(text):
            found.setdefault(anchor.upper(), f"{address}#{anchor}")
    return found


def state(
    problems: Sequence[Problem],
    messages: Language,
    tables: Tables,
    links: Mapping[str, str],
    *,
    build: int | None = None,
) -> dict[str, Any]:
    """What the panel shows: every problem in the editor's language `messages`, with its
    explanation's address from `links`, and the panel's own words from the interface table of
    that language (English when the site has none). No problems: no panel."""
    language = code_of(messages)
    table = tables[language if language in tables else REFERENCE]
    shown = []
    for item in sort_problems(problems):
        shown.append(
            {
                "where": str(item.pos) if item.pos.line else item.pos.file,
                "severity": item.severity,
                "code": item.code,
                "message": render_message(item, messages),
                "hint": render_hint(item, messages),
                "explain": links.get(item.code),
                "explain_text": table.format("live_explain", code=item.code),
            }
        )
    return {
        "build": build,
        "lang": table.language,
        "title": table["live_title"],
        "intro": table["live_intro"],
        "close": table["live_close"],
        "hint": words(messages, "hint"),
        "problems": shown,
    }


def write(site_dir: str | os.PathLike[str], current: Mapping[str, Any]) -> None:
    """Put the panel's files and the state `current` into the served site's hidden folder; the
    state is replaced whole, so the script never reads half of it."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in assets().items():
        target = folder / name
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
    staged = folder / f".{STATE}.new"
    staged.write_bytes(encode(current))
    staged.replace(folder / STATE)


def assets() -> dict[str, bytes]:
    """The panel's script and stylesheet, by file name."""
    return {name: (ASSETS / name).read_bytes() for name in ASSET_NAMES}


def encode(current: Mapping[str, Any]) -> bytes:
    return json.dumps(current, ensure_ascii=False).encode("utf-8")
