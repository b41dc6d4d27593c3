"""Site search: a Pagefind index over a built site, and the search box's words per language.

Engine-neutral: any site engine builds its pages (each with its `<html lang>`, its main content
marked `data-pagefind-body`), then calls `index_site` once over the whole output folder. Pagefind
writes one index per language into `pagefind/`, and the search box loads its page's language.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.format.model import Position
from generator.format.problems import WARNING, Problem, problem

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
# A page that asks search engines not to index it (the pages at old addresses that send readers
# on) is not indexed by the site's search either, whichever engine built it.
_NOINDEX = re.compile(r"<meta\s+name=[\"']?robots[\"']?\s+content=[\"'][^\"']*\bnoindex", re.I)
# How big a chunk of the index is, in entries: a page per word, and each place of the word on it
# (Pagefind's default is 20,000). A query
# loads the chunk of each of its words, and of the word as typed too when that differs from its
# stem ("pesanan" -> "sanan"): on a large site, smaller chunks keep a first query's download
# small, at the cost of a slightly longer list of chunks in the index's metadata.
CHUNK_SIZE = 2000
# Pagefind reads the chunk size from this variable only (its own tests set it); a Pagefind
# without it builds the same index in larger chunks.
_CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"

# Letters that readers type without their marks and that Pagefind's own folding (it takes off
# what Unicode decomposes into a base letter and marks: "ơ" is "o" and a mark) leaves as they
# are, for the languages we ship words for: the Vietnamese "đ", a letter of its own, typed "d".
# The index is made from copies of the pages with these letters folded (the results still show
# the pages' own text), and the search box folds a query the same way (FOLDED in search.js).
FOLDED = {"đ": "d", "Đ": "D"}
_FOLD = str.maketrans(FOLDED)
# What Pagefind writes before the JSON of a page's fragment, inside its gzip.
_FRAGMENT_SIGNATURE = b"pagefind_dcd"

# The search box's words, one table per language (the keys are the same in each).
# The search box's words are interface words like any other: `search_*` keys of the tables
# in generator/site/i18n/, one per language.
SEARCH_PREFIX = "search_"


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

    def summary(self) -> str:
        """One line for the build's log: pages indexed per language, and the time taken."""
        counts = ", ".join(f"{count} in '{lang}'" for lang, count in self.pages.items())
        return f"search: indexed {counts or 'no pages'} in {self.seconds:.2f} s"


def search_words(words: Mapping[str, str]) -> dict[str, str]:
    """The search box's words (label, placeholder, none, …) from a language's interface words."""
    return {
        key.removeprefix(SEARCH_PREFIX): value
        for key, value in words.items()
        if key.startswith(SEARCH_PREFIX)
    }


def fold(text: str) -> str:
    """`text` with the letters that readers type without their marks folded (FOLDED)."""
    return text.translate(_FOLD)


def pagefind_executable() -> Path:
    """The Pagefind binary that comes with the `pagefind[bin]` package."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:  # pragma: no cover - a dependency of the project
        raise SearchError("Pagefind is not installed: pip install 'pagefind[bin]'") from error
    return get_executable()


def index_site(site_dir: Path | str) -> SearchStats:
    """Index every HTML page under `site_dir` with Pagefind, one index per `<html lang>`; a page
    whose head says `<meta name="robots" content="noindex">` is left out.

    Writes `site_dir/pagefind/` (Pagefind's script and the index). Raises SearchError when
    Pagefind fails.
    """
    site = Path(site_dir)
    started = time.perf_counter()
    output = site / BUNDLE
    shutil.rmtree(output, ignore_errors=True)  # an index of pages that are gone must go too
    with tempfile.TemporaryDirectory(prefix="flows-search-") as temporary:
        copy = Path(temporary) / "pages"
        shown = Path(temporary) / "shown"
        copy.mkdir()
        folds = False
        for page in site.rglob("*.html"):
            relative = page.relative_to(site)
            if relative.parts[0] == BUNDLE:
                continue
            text = page.read_text(encoding="utf-8", errors="replace")
            if _NOINDEX.search(text, 0, text.find("</head>")):
                continue
            text = _LABEL.sub(r"<\1span", text)
            folded = fold(text)
            if folded != text and not folds:  # the pages as they are, for what results show
                folds = True
                shutil.copytree(copy, shown)
            for folder, content in ((copy, folded), (shown, text)):
                if folder is copy or folds:
                    target = folder / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(content, encoding="utf-8")
        _pagefind(site, copy, output)
        if folds:
            _show_unfolded(site, shown, output, Path(temporary) / "shown-index")
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


def _pagefind(site: Path, pages: Path, output: Path) -> None:
    """Run Pagefind over the folder `pages`, writing its index into `output`."""
    command = [
        str(pagefind_executable()),
        "--site",
        str(pages),
        "--output-path",
        str(output.resolve()),
        "--quiet",
    ]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={**os.environ, _CHUNK_SIZE_VARIABLE: str(CHUNK_SIZE)},
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchError(f"{site}: error: Pagefind did not run: {error}") from error
    if result.returncode != 0:
        lines = (result.stderr.strip() or result.stdout.strip()).splitlines()[-5:]
        raise SearchError(f"{site}: error: Pagefind failed: " + "\n".join(lines))


def _fragments(output: Path) -> dict[str, tuple[Path, dict]]:
    """The fragments of an index (a page's text, title and anchors), by the page's address."""
    found = {}
    for path in (output / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        page = json.loads(data[data.index(b"{") :])
        found[page["url"]] = (path, page)
    return found


def _show_unfolded(site: Path, shown: Path, output: Path, work: Path) -> None:
    """Give the fragments of the folded index the pages' own text: indexed as they are, the
    pages have the same words at the same places, only with their letters unfolded."""
    _pagefind(site, shown, work)
    own = _fragments(work)
    for url, (path, page) in _fragments(output).items():
        if url not in own:
            continue
        original = own[url][1]
        for key in ("content", "meta", "anchors"):
            if key in original:
                page[key] = original[key]
        data = json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(_FRAGMENT_SIGNATURE + data))


# The languages whose words Pagefind reduces to their stems (the Snowball stemmers it is built
# with); in any other language the search finds words only as they are written.
STEMMED = frozenset(
    "ar ca da de el en es eu fi fr ga hi hu hy id it lt nb ne nl no pt ro ru sr sv ta tr yi".split()
)


def unstemmed_notices(
    languages: Sequence[str], names: Mapping[str, str], where: str
) -> list[Problem]:
    """A notice (FL040) for each of `languages` whose words the index keeps as written.

    `names` are the languages' own names (`language_name` of their interface words); `where` is
    the file or folder the notices are about."""
    return [
        problem(
            Position(where, 0, 0),
            "FL040",
            severity=WARNING,
            language=names.get(language, language),
            tag=language,
        )
        for language in languages
        if language.split("-")[0].lower() not in STEMMED
    ]
