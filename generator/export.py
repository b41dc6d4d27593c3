"""Write the generated pages and our assets as plain files, without any site engine.

Useful to review what the generator produces, and as the baseline of the build benchmark: a
plain MkDocs site built from these files has the same pages as the site built with the plugin.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.model import Document
from generator.renderer import Renderer

ASSETS = Path(__file__).parent / "assets"
# Where the site publishes our assets (the plugin uses the same place).
ASSETS_URL = "assets/flows"


def export(
    document: Document,
    directory: str | os.PathLike[str],
    *,
    templates: str | None = None,
    directory_urls: bool = True,
) -> list[str]:
    """Write every page of `document` and our assets under `directory`.

    Returns the paths written, relative to `directory` and with '/' separators: pages at their
    docs-tree paths (`<flow>/index.md`, `<flow>/<node>.md`), assets under `assets/flows/`.
    Existing files at those paths are replaced; nothing else in `directory` is touched.
    """
    root = Path(directory)
    renderer = Renderer(document, templates=templates, directory_urls=directory_urls)
    written: list[str] = []
    for page in renderer.pages():
        target = root / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        # Bytes, so the files are the same on every platform (no CRLF on Windows).
        target.write_bytes(page.text.encode("utf-8"))
        written.append(page.src_uri)
    if ASSETS.is_dir():
        (root / ASSETS_URL).mkdir(parents=True, exist_ok=True)
        for asset in sorted(ASSETS.iterdir()):
            if asset.is_file():
                shutil.copyfile(asset, root / ASSETS_URL / asset.name)
                written.append(f"{ASSETS_URL}/{asset.name}")
    return written
