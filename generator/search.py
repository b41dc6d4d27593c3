"""Site search: a Pagefind index over a built site, and the search box's words per language.

Engine-neutral: any site engine builds its pages (each with its `<html lang>`, its main content
marked `data-pagefind-body`), then calls `index_site` once over the whole output folder. Pagefind
writes one index per language into `pagefind/`, and the search box loads its page's language.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Where the index and Pagefind's script go, relative to the site's root folder.
BUNDLE = "pagefind"
# Pagefind's ready-made interfaces: the site has its own search box, so they are not kept.
_UNUSED = (
    "pagefind-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-component-ui.*",
    "pagefind-highlight.js",
)
# Pagefind leaves out the text of every <label>, and a guide's steps are the labels of their
# checkboxes: the index is made from copies of the pages in which labels are plain spans.
_LABEL = re.compile(r"<(/?)label\b", re.IGNORECASE)

# The search box's words, one table per language (the keys are the same in each).
WORDS: Mapping[str, Mapping[str, str]] = {
    "id": {
        "label": "Cari panduan",
        "placeholder": "Cari panduan",
        "open": "Buka pencarian",
        "close": "Tutup pencarian",
        "clear": "Hapus kata pencarian",
        "results": "Hasil pencarian",
        "loading": "Mencari …",
        "none": "Tidak ada panduan yang cocok dengan “{query}”. Periksa ejaannya, coba kata "
        "lain yang lebih umum, atau mulai dari halaman utama dan jawab pertanyaannya.",
        "one": "1 panduan cocok",
        "many": "{n} panduan cocok",
        "step": "Langkah {n}",
        "failed": "Pencarian tidak bisa dimuat. Muat ulang halaman, lalu coba lagi.",
    },
    "en": {
        "label": "Search the guides",
        "placeholder": "Search the guides",
        "open": "Open search",
        "close": "Close search",
        "clear": "Clear the search words",
        "results": "Search results",
        "loading": "Searching …",
        "none": "No guide matches “{query}”. Check the spelling, try a more general word, or "
        "start from the home page and answer its questions.",
        "one": "1 guide matches",
        "many": "{n} guides match",
        "step": "Step {n}",
        "failed": "Search could not be loaded. Reload the page and try again.",
    },
}


class SearchError(Exception):
    """Pagefind could not index the site; the message says why, for the build's log."""


@dataclass(frozen=True, slots=True)
class SearchStats:
    """What one indexing run did: pages indexed per language, and how long it took."""

    pages: Mapping[str, int]
    seconds: float

    @property
    def total(self) -> int:
        """Pages indexed in all languages."""
        return sum(self.pages.values())


def words_for(language: str) -> Mapping[str, str]:
    """The search box's words in `language` (a code such as 'id', 'en' or 'en-GB')."""
    base = language.split("-")[0].lower()
    if base not in WORDS:
        known = ", ".join(WORDS)
        raise KeyError(f"the search box has no words in '{language}' (it has: {known})")
    return WORDS[base]


def pagefind_executable() -> Path:
    """The Pagefind binary that comes with the `pagefind[bin]` package."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:  # pragma: no cover - a dependency of the project
        raise SearchError("Pagefind is not installed: pip install 'pagefind[bin]'") from error
    return get_executable()


def index_site(site_dir: Path | str) -> SearchStats:
    """Index every HTML page under `site_dir` with Pagefind, one index per `<html lang>`.

    Writes `site_dir/pagefind/` (Pagefind's script and the index). Raises SearchError when
    Pagefind fails.
    """
    site = Path(site_dir)
    started = time.perf_counter()
    output = site / BUNDLE
    shutil.rmtree(output, ignore_errors=True)  # an index of pages that are gone must go too
    with tempfile.TemporaryDirectory(prefix="flows-search-") as temporary:
        copy = Path(temporary)
        for page in site.rglob("*.html"):
            relative = page.relative_to(site)
            if relative.parts[0] == BUNDLE:
                continue
            target = copy / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            text = page.read_text(encoding="utf-8", errors="replace")
            target.write_text(_LABEL.sub(r"<\1span", text), encoding="utf-8")
        command = [
            str(pagefind_executable()),
            "--site",
            str(copy),
            "--output-path",
            str(output.resolve()),
            "--quiet",
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=600, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SearchError(f"{site}: error: Pagefind did not run: {error}") from error
    if result.returncode != 0:
        lines = (result.stderr.strip() or result.stdout.strip()).splitlines()[-5:]
        raise SearchError(f"{site}: error: Pagefind failed: " + "\n".join(lines))
    for pattern in _UNUSED:
        for unused in output.glob(pattern):
            unused.unlink()
    seconds = time.perf_counter() - started
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SearchError(f"{site}: error: Pagefind wrote no index: {error}") from error
    pages = {lang: info.get("page_count", 0) for lang, info in entry["languages"].items()}
    return SearchStats(pages=pages, seconds=seconds)
