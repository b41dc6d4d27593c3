"""Where each language of a site lives: the site plan's one rule, which the engines ask."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import plan_for

from generator.engines.export import scan_content
from generator.format.check import check_file
from generator.format.model import Document
from generator.site.plan import docs_language, other_language_folders

ROOT = Path(__file__).resolve().parent.parent


def document() -> Document:
    """The project's own site, in Indonesian and English."""
    doc, problems = check_file(ROOT / "flows.yaml")
    assert doc is not None, problems
    return doc


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("tentang.md", ("id", "tentang.md")),
        ("en/tentang.md", ("en", "tentang.md")),
        ("en/toko/index.md", ("en", "toko/index.md")),
        ("en.md", ("id", "en.md")),  # a page beside the folder, not in it
        ("english/tentang.md", ("id", "english/tentang.md")),
    ],
)
def test_a_page_of_the_docs_folder_belongs_to_a_language_by_its_folder(
    path: str, expected: tuple[str, str]
) -> None:
    assert docs_language(path, ("id", "en")) == expected
    assert plan_for(document()).language_of(path) == expected


def test_the_other_languages_have_a_folder_each_and_the_first_none() -> None:
    assert other_language_folders(("id", "en", "ms")) == ("en/", "ms/")
    assert other_language_folders(("en",)) == ()
    plan = plan_for(document())
    assert [plan.prefix(language) for language in plan.languages] == ["", "en/"]


def test_hand_written_pages_are_found_in_the_language_their_folder_says(tmp_path: Path) -> None:
    for path in ("index.md", "en.md", "en/index.md", "en/toko/catatan.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("# Halaman\n", encoding="utf-8")
    content = scan_content(tmp_path, ("id", "en"))
    assert [page.src_uri for page in content["id"]] == ["en.md", "index.md"]
    assert [page.src_uri for page in content["en"]] == ["index.md", "toko/catatan.md"]
