"""Everything the command line prints is in the editor's language: headers, counts, summary
lines and the usage errors it words itself. Only `error` and `warning` stay as they are, for
the problem matchers of editors and CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.test_editor_tools import SHARED

FLOWS = Path(__file__).parent / "flows"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "flows.yaml").write_text(SHARED, encoding="utf-8")
    return tmp_path


def run(folder: Path, language: str, *argv: str) -> tuple[int, str, str]:
    """The command in `folder`, in `language` as FLOWS_LANG chooses it."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FLOWS_LANG", language)
        return run_cli(*argv, cwd=folder)


# In English: tests/test_editor_tools.py, test_paths_lists_every_path_in_option_order_….
PATHS_ID = (
    "pengiriman: Paket belum sampai (5 jalur)\n"
    "\n"
    "#  Jawaban                                   Panduan       Judul\n"
    "1  Dikirim → Kurang dari 3 hari              tunggu        Tunggu sebentar lagi\n"
    '2  Dikirim → Lebih dari "3 hari" | seminggu  minta-refund  Minta pengembalian dana\n'
    "3  Dikirim → Tidak tahu                      minta-refund  Minta pengembalian dana\n"
    "4  Belum dikirim                             tunggu        Tunggu sebentar lagi\n"
    "5  Hilang, kata kurir                        minta-refund  Minta pengembalian dana\n"
    "\n"
    "lain: Pertanyaan lain (1 jalur)\n"
    "\n"
    "#  Jawaban             Panduan  Judul\n"
    "1  (tanpa pertanyaan)  jawaban  Jawaban\n"
)


def test_paths_heads_and_counts_in_indonesian(site: Path) -> None:
    assert run(site, "id", "paths") == (0, PATHS_ID, "")


@pytest.mark.parametrize(
    ("language", "markdown", "csv"),
    [
        ("en", "| # | Answers | Outcome | Title |", "flow,path,outcome,title,answer 1,answer 2"),
        ("id", "| # | Jawaban | Panduan | Judul |", "alur,jalur,panduan,judul,jawaban 1,jawaban 2"),
    ],
)
def test_paths_tables_head_their_columns_in_the_editors_language(
    site: Path, language: str, markdown: str, csv: str
) -> None:
    _, out, _ = run(site, language, "paths", "--format", "md", "--flow", "lain")
    assert out.splitlines()[2] == markdown
    no_questions = "(no questions)" if language == "en" else "(tanpa pertanyaan)"
    assert out.splitlines()[4] == f"| 1 | {no_questions} | `jawaban` | Jawaban |"
    _, out, _ = run(site, language, "paths", "--format", "csv")
    assert out.splitlines()[0] == csv


@pytest.mark.parametrize(
    ("language", "header", "none", "csv"),
    [
        ("en", ["Language", "Flow", "Guide", "Title", "Keywords"], "(none)", "language,flow,"),
        ("id", ["Bahasa", "Alur", "Panduan", "Judul", "Kata", "kunci"], "(tidak ada)", "bahasa,"),
    ],
)
def test_keywords_heads_its_columns_in_the_editors_language(
    language: str, header: list[str], none: str, csv: str
) -> None:
    status, out, err = run(FLOWS / "valid", language, "keywords", "keywords.yaml")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == header
    assert lines[2].endswith(none)  # a guide without keywords
    _, out, _ = run(FLOWS / "valid", language, "keywords", "keywords.yaml", "--format", "csv")
    assert out.startswith(csv)


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "flows.yaml: ok: 2 flows, 2 questions, 3 outcomes, 6 paths\n"),
        ("id", "flows.yaml: ok: 2 alur, 2 pertanyaan, 3 panduan, 6 jalur\n"),
    ],
)
def test_check_sums_up_in_the_editors_language(site: Path, language: str, line: str) -> None:
    assert run(site, language, "check") == (0, line, "")


@pytest.mark.parametrize(
    ("language", "line"),
    [("en", "out: wrote {} pages in id\n"), ("id", "out: {} halaman ditulis dalam bahasa id\n")],
)
def test_export_says_what_it_wrote_in_the_editors_language(
    site: Path, language: str, line: str
) -> None:
    status, out, err = run(site, language, "export", "out")
    pages = len(list((site / "out").rglob("*.md")))
    assert pages > 1 and (status, out, err) == (0, line.format(pages), "")


USAGE = {
    ("check", "--max-age", "0"): {
        "en": "error: --max-age: '0' is not a number of months (1 or more)\n",
        "id": "error: --max-age: '0' bukan jumlah bulan (1 atau lebih)\n",
    },
    ("paths", "--lang", "fr"): {
        "en": "flows.yaml: error: the file has no language 'fr'\n  hint: its languages are id\n",
        "id": "flows.yaml: error: file ini tidak punya bahasa 'fr'\n  saran: bahasa file ini: id\n",
    },
    ("export", "out", "--content", "tidak-ada"): {
        "en": "tidak-ada: error: no such folder of pages\n",
        "id": "tidak-ada: error: folder halaman itu tidak ada\n",
    },
    ("diff", "flows.yaml"): {
        "en": "python -m generator diff: error: give OLD and NEW (two flows files or folders), "
        "or --since REV\n",
        "id": "python -m generator diff: error: berikan OLD dan NEW (dua file atau folder alur), "
        "atau --since REV\n",
    },
}


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("argv", list(USAGE), ids=[" ".join(argv) for argv in USAGE])
def test_usage_errors_in_the_editors_language(
    site: Path, argv: tuple[str, ...], language: str
) -> None:
    assert run(site, language, *argv) == (2, "", USAGE[argv][language])


@pytest.mark.parametrize(
    ("language", "page", "argv"),
    [
        ("id", "panduan-penyunting/periksa.md", ("paths",)),
        # The English editor asks for the English texts too, not only the English words.
        ("en", "en/panduan-penyunting/periksa.md", ("paths", "--lang", "en")),
    ],
)
def test_the_editing_guide_shows_paths_as_it_prints_for_the_project(
    language: str, page: str, argv: tuple[str, ...]
) -> None:
    root = Path(__file__).resolve().parent.parent
    guide = (root / "content" / page).read_text(encoding="utf-8")
    command = " ".join(argv)
    shown = guide.split(f".venv/bin/python -m generator {command}\n```\n\n```text\n", 1)[1]
    status, out, _ = run(root, language, *argv)
    assert status == 0 and shown.startswith(out + "```\n")


@pytest.mark.parametrize(
    ("language", "title", "section"),
    [
        ("en", "What readers will see change: flows.yaml → baru.yaml", "Texts"),
        ("id", "Perubahan yang akan dilihat pembaca: flows.yaml → baru.yaml", "Teks"),
    ],
)
def test_diff_heads_its_review_in_the_editors_language(
    site: Path, language: str, title: str, section: str
) -> None:
    old = (site / "flows.yaml").read_text(encoding="utf-8")
    assert "steps: [Baca ini.]" in old
    (site / "baru.yaml").write_text(old.replace("Baca ini.", "Baca ini dulu."), encoding="utf-8")
    status, out, err = run(site, language, "diff", "flows.yaml", "baru.yaml")
    assert (status, err) == (0, "")
    assert title in out and section in out


@pytest.mark.parametrize(
    ("language", "line"),
    [("en", "baru: wrote a new site in en ("), ("id", "baru: situs baru ditulis dalam en (")],
)
def test_new_says_what_it_wrote_in_the_editors_language(
    tmp_path: Path, language: str, line: str
) -> None:
    status, out, err = run(tmp_path, language, "new", "baru", "--languages", "en")
    assert (status, err) == (0, "")
    assert out.startswith(line)
