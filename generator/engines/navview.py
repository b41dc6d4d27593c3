"""One page's view of an MkDocs navigation: the entries the site plan's `page_nav` gives it.

MkDocs hands every page the whole nav, so a site of 10,000 guides put 10,000 links on each
page. The view is made of the whole nav's own page and section objects (sections copied, with
fewer children), so the theme marks the current page as usual. Imports nothing from MkDocs: an
exported site uses this very file as a MkDocs hook (`hooks:`), with the views beside it.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# Where an exported site keeps the views, beside this file: {"views": {scope: nav entries},
# "scopes": {src_uri: scope}}. Entries are written as MkDocs' `nav:` setting writes them.
DATA_SUFFIX = ".json"


def pages_of(nav: Any) -> dict[str, Any]:
    """The nav's pages by their path in the docs tree."""
    return {page.file.src_uri: page for page in nav.pages}


def view(nav: Any, entries: Sequence[Any], pages: Mapping[str, Any]) -> Any:
    """A copy of `nav` whose items are `entries` (MkDocs `nav:` entries) made of its objects.

    `pages` is `pages_of(nav)`, worked out once per build. Entries of pages that are not in the
    nav are left out.
    """
    shown = copy.copy(nav)
    shown.items = [item for item in (_item(entry, pages) for entry in entries) if item is not None]
    return shown


def _item(entry: Any, pages: Mapping[str, Any]) -> Any:
    if isinstance(entry, str):
        return pages.get(entry)
    ((title, value),) = entry.items()
    if isinstance(value, str):
        return pages.get(value)
    children = [item for item in (_item(child, pages) for child in value) if item is not None]
    original = _section(children, title)
    if original is None:
        return None
    section = copy.copy(original)
    # Detached, so that marking it active leaves the whole nav's section alone.
    section.parent = None
    section.children = children
    section.active = any(child.active for child in children)
    return section


def _section(children: list[Any], title: str) -> Any:
    """The whole nav's section titled `title` that holds the first of `children`."""
    for child in children:
        parent = child.parent
        while parent is not None:
            if parent.title == title:
                return parent
            parent = parent.parent
    return None


@functools.lru_cache(maxsize=1)
def _data(path: str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _pages(nav: Any) -> dict[str, Any]:
    return pages_of(nav)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """The MkDocs hook of an exported site: give the page its view of the nav."""
    data = _data(str(Path(__file__).with_suffix(DATA_SUFFIX)))
    scope = data["scopes"].get(page.file.src_uri, "")
    context["nav"] = view(nav, data["views"][scope], _pages(nav))
    return context
