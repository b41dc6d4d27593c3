"""A stand-in for `generator.export.export_site` while the site plan is being written on main.

It follows the agreed contract for a one-language site: the generated pages, content/ and our
assets in `<out_dir>/<language>/docs`, and the MkDocs keys that language needs. Tests install it
only when the real function is missing; delete this file once main has `export_site`.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator import export
from generator.model import Document
from generator.renderer import Renderer


@dataclass(frozen=True)
class LanguageSite:
    """One language of the site as plain files, and the settings to build them with."""

    language: str
    prefix: str
    docs_dir: Path
    config: dict[str, Any]


def export_site(
    document: Document,
    out_dir: Path,
    *,
    content_dir: Path | None,
    templates: str | None,
    site_url: str | None,
    directory_urls: bool = True,
) -> list[LanguageSite]:
    """Write the default language's docs tree under `out_dir`; returns it as the only language."""
    language = document.language
    docs = Path(out_dir) / language / "docs"
    if content_dir is not None:
        shutil.copytree(content_dir, docs, dirs_exist_ok=True)
    docs.mkdir(parents=True, exist_ok=True)
    written = export.export(document, docs, templates=templates, directory_urls=directory_urls)
    pages = Renderer(document, templates=templates, directory_urls=directory_urls).pages()
    hand_written = sorted(
        path.relative_to(docs).as_posix()
        for path in docs.rglob("*.md")
        if path.relative_to(docs).as_posix() not in written
    )
    nav: list[Any] = ["index.md"] if "index.md" in hand_written else []
    for flow in document.flows.values():
        children = [p.src_uri for p in pages if p.flow is flow and p.in_nav]
        nav.append({flow.title.get(language): children})
    nav += [path for path in hand_written if path != "index.md"]
    config = {
        "nav": nav,
        "extra_css": [f"{export.ASSETS_URL}/flows.css"],
        "extra_javascript": [f"{export.ASSETS_URL}/flows.js"],
        "theme": {"language": language},
    }
    return [LanguageSite(language, "", docs, config)]


@contextlib.contextmanager
def installed() -> Iterator[None]:
    """Let `generator.export.export_site` be this stand-in while main does not have it yet."""
    with pytest.MonkeyPatch.context() as patch:
        if not hasattr(export, "export_site"):
            patch.setattr(export, "export_site", export_site, raising=False)
        yield
