"""`diff`: published addresses that would lead nowhere (FL030, FL031), with the likeliest new
page and the line to add; the review of what readers will see change, in every format; the
flows at a git revision (`--since`), read without writing into the repository; and every bad
input as a coded message, never a traceback."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml
from helpers import TABLES

from generator import cli
from generator.format.changes import word_diff
from generator.format.check import check_file
from generator.site.diff import diff_sites

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "flows" / "diff"
BEFORE, AFTER = HERE / "before.yaml", HERE / "after.yaml"

# The guide 'bayar-di-tempat' became 'cod-belum-dikirim' without a line in `moved:`.
BROKEN_EN = """\
before.yaml:26:7: error FL030: outcome 'bayar-di-tempat' of flow 'batalkan-pesanan' is gone, \
and nothing leads readers on from /batalkan-pesanan/bayar-di-tempat/, \
/en/batalkan-pesanan/bayar-di-tempat/
  hint: readers most likely want outcome 'cod-belum-dikirim' of flow 'batalkan-pesanan' \
“Membatalkan pesanan bayar di tempat yang belum dikirim”: add this line under 'moved:' of flow \
'batalkan-pesanan' (after.yaml:38): bayar-di-tempat: cod-belum-dikirim
after.yaml: 1 error
For more about a message: python -m generator explain FL030
"""
BROKEN_ID = """\
before.yaml:26:7: error FL030: panduan 'bayar-di-tempat' dari alur 'batalkan-pesanan' sudah \
tidak ada, dan tidak ada yang mengantar pembaca dari /batalkan-pesanan/bayar-di-tempat/, \
/en/batalkan-pesanan/bayar-di-tempat/
  saran: pembaca kemungkinan besar mencari panduan 'cod-belum-dikirim' dari alur \
'batalkan-pesanan' “Membatalkan pesanan bayar di tempat yang belum dikirim”: tambahkan baris ini \
di bawah 'moved:' alur 'batalkan-pesanan' (after.yaml:38): bayar-di-tempat: cod-belum-dikirim
after.yaml: 1 kesalahan
Penjelasan lengkap sebuah pesan: python -m generator explain FL030
"""


def run(*argv: str, cwd: Path = HERE) -> tuple[int, str, str]:
    """`python -m generator ARGV` in `cwd`, in-process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            status = cli.main(list(argv))
    finally:
        os.chdir(before)
    assert "Traceback" not in err.getvalue()
    return status, out.getvalue(), err.getvalue()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def fixed(text: str) -> str:
    """after.yaml with the line the hint asks for."""
    return text.replace(
        "      sudah-dibayar: minta-penjual\n",
        "      sudah-dibayar: minta-penjual\n      bayar-di-tempat: cod-belum-dikirim\n",
    )


# -- addresses that would break --------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [("en", BROKEN_EN), ("id", BROKEN_ID)])
def test_a_guide_gone_without_moved_is_an_error_with_the_line_to_add(language, expected):
    status, _, err = run("diff", "before.yaml", "after.yaml", "--lang", language)
    assert (status, err) == (1, expected)


def test_with_the_line_added_nothing_breaks(tmp_path: Path) -> None:
    new = write(tmp_path, "after.yaml", fixed(AFTER.read_text(encoding="utf-8")))
    status, out, err = run("diff", str(BEFORE), str(new), "--lang", "en")
    assert (status, err) == (0, "")
    assert "batalkan-pesanan/bayar-di-tempat → batalkan-pesanan/cod-belum-dikirim" in out


FLOW = """\
version: 1
{moved}flows:
  {flow}:
    title: Batalkan pesanan
    start: {start}
    questions:
      status:
        text: Sudah dibayar?
        options:
          - label: Belum
            next: belum-dibayar
          - label: Sudah
            next: {paid}
    outcomes:
      belum-dibayar:
        title: Membatalkan pesanan yang belum dibayar
        steps: [Buka pesanan, lalu ketuk Batalkan.]
      {paid}:
        title: Meminta penjual membatalkan pesanan
        steps: [Kirim pesan ke penjual.]
"""


def flow(name: str = "batalkan", paid: str = "sudah-dibayar", moved: str = "") -> str:
    return FLOW.format(flow=name, start="status", paid=paid, moved=moved)


def test_a_renamed_flow_is_one_error_suggesting_the_flow_it_became(tmp_path: Path) -> None:
    write(tmp_path, "lama.yaml", flow("batalkan"))
    write(tmp_path, "baru.yaml", flow("batalkan-pesanan"))
    status, out, err = run("diff", "lama.yaml", "baru.yaml", "--lang", "en", cwd=tmp_path)
    assert status == 1
    # One message for the flow: its line takes every question and guide along.
    assert err.count("error FL030") == 1
    assert err.startswith(
        "lama.yaml:3:3: error FL030: flow 'batalkan' is gone, and nothing leads readers on "
        "from /batalkan/, /batalkan/peta/\n"
        "  hint: readers most likely want flow 'batalkan-pesanan' “Batalkan pesanan”: add this "
        "line under 'moved:' of the top level of baru.yaml: batalkan: batalkan-pesanan\n"
    )
    write(
        tmp_path,
        "baru.yaml",
        flow("batalkan-pesanan", moved="moved:\n  batalkan: batalkan-pesanan\n"),
    )
    status, out, err = run("diff", "lama.yaml", "baru.yaml", "--lang", "en", cwd=tmp_path)
    assert (status, err) == (0, "")
    assert (
        "Flows renamed\n"
        "    batalkan → batalkan-pesanan “Batalkan pesanan” /batalkan/: "
        "leads on to /batalkan-pesanan/\n" in out
    )


def test_a_dropped_line_of_moved_is_an_error_pointing_where_it_led(tmp_path: Path) -> None:
    moved = "    moved:\n      dibayar: sudah-dibayar\n"
    write(tmp_path, "lama.yaml", flow().replace("    questions:\n", moved + "    questions:\n"))
    write(tmp_path, "baru.yaml", flow())
    status, _, err = run("diff", "lama.yaml", "baru.yaml", "--lang", "en", cwd=tmp_path)
    assert status == 1
    assert err.startswith(
        "lama.yaml:7:7: error FL030: the page at the old address of 'dibayar' of flow 'batalkan' "
        "(kept by 'moved:') is gone, and nothing leads readers on from /batalkan/dibayar/\n"
        "  hint: readers most likely want outcome 'sudah-dibayar' of flow 'batalkan' “Meminta "
        "penjual membatalkan pesanan”: add this line under 'moved:' of flow 'batalkan' "
        "(baru.yaml:3): dibayar: sudah-dibayar\n"
    )


def test_a_guide_gone_with_nothing_like_it_asks_for_the_id_readers_should_reach(tmp_path):
    write(tmp_path, "lama.yaml", flow())
    new = flow().replace("next: sudah-dibayar", "next: belum-dibayar")
    new = new[: new.index("      sudah-dibayar:")].replace(
        "Membatalkan pesanan yang belum dibayar", "Tunggu sebentar"
    )
    write(tmp_path, "baru.yaml", new)
    status, _, err = run("diff", "lama.yaml", "baru.yaml", "--lang", "en", cwd=tmp_path)
    assert status == 1
    assert err.startswith(
        "lama.yaml:18:7: error FL030: outcome 'sudah-dibayar' of flow 'batalkan' is gone, and "
        "nothing leads readers on from /batalkan/sudah-dibayar/\n"
        "  hint: add a line under 'moved:' of flow 'batalkan' (baru.yaml:3): 'sudah-dibayar:' "
        "and the id of the question or guide readers should reach now\n"
    )


TWO_LANGUAGES = """\
version: 1
languages: [{languages}]
flows:
  batalkan:
    title: {title}
    start: batal
    outcomes:
      batal:
        title: {title}
        steps: [{title}]
"""


def test_a_language_taken_out_is_one_error_at_languages(tmp_path: Path) -> None:
    both = TWO_LANGUAGES.format(languages="id, en", title="{id: Batal, en: Cancel}")
    write(tmp_path, "lama.yaml", both)
    write(tmp_path, "baru.yaml", TWO_LANGUAGES.format(languages="id", title="Batal"))
    status, _, err = run("diff", "lama.yaml", "baru.yaml", "--lang", "en", cwd=tmp_path)
    assert (status, err) == (
        1,
        "baru.yaml:2:1: error FL031: the site in 'en' was at /en/ and would no longer be there: "
        "its 4 addresses would not show its pages\n"
        "  hint: keep 'en' in 'languages:', so that its pages stay where readers found them\n"
        "baru.yaml: 1 error\n"
        "For more about a message: python -m generator explain FL031\n",
    )
    # English first: the Indonesian pages would leave the site's root for /id/.
    write(
        tmp_path,
        "baru.yaml",
        TWO_LANGUAGES.format(languages="en, id", title="{id: Batal, en: Cancel}"),
    )
    status, _, err = run("diff", "lama.yaml", "baru.yaml", "--lang", "en", cwd=tmp_path)
    assert status == 1
    assert "error FL031: the site in 'id' was at / and would no longer be there" in err
    assert "  hint: keep 'id' first in 'languages:'" in err


# -- what readers will see change ------------------------------------------------------------


def test_the_review_in_text_names_each_change_per_language() -> None:
    _, out, _ = run("diff", "before.yaml", "after.yaml", "--lang", "en")
    indonesian, english = out.split("\nEnglish (/en/)\n")[0], out.split("\nEnglish (/en/)\n")[1]
    assert out.startswith(
        "What readers will see change: before.yaml → after.yaml\n\nIndonesian (/)\n"
    )
    assert (
        "  Guides renamed\n    batalkan-pesanan/sudah-dibayar → batalkan-pesanan/minta-penjual "
        "“Minta penjual membatalkan” /batalkan-pesanan/sudah-dibayar/: leads on to "
        "/batalkan-pesanan/minta-penjual/\n"
    ) in indonesian
    assert (
        "  Guides removed\n    batalkan-pesanan/bayar-di-tempat “Membatalkan pesanan bayar di "
        "tempat” /batalkan-pesanan/bayar-di-tempat/: nothing leads on: the address will break\n"
    ) in indonesian
    assert (
        "  Answer paths of flow 'batalkan-pesanan'\n    answering Bayar di tempat now leads to "
        "cod-belum-dikirim instead of bayar-di-tempat\n"
    ) in indonesian
    assert (
        "    step 2 of outcome 'belum-dibayar' of flow 'batalkan-pesanan': Ketuk [-Batalkan.-] "
        "{+Batalkan pesanan.+}\n"
        "    step 3 of outcome 'belum-dibayar' of flow 'batalkan-pesanan' added: Pilih alasan.\n"
    ) in indonesian
    assert "    outcome 'belum-dibayar' of flow 'batalkan-pesanan': +batalin −batal\n" in indonesian
    # Step 1 changed in Indonesian only: English readers see no change, and a translation to check.
    assert "step 1 of" in indonesian and "step 1 of" not in english.split("\nReview dates")[0]
    assert "Tap [-Cancel.-] {+Cancel order.+}" in english
    assert "Search keywords" not in english  # 'cancel' is the English keyword before and after
    assert (
        "Review dates\n"
        "  outcome 'belum-dibayar' of flow 'batalkan-pesanan': 2025-01-01 → 2026-01-01\n" in out
    )
    assert (
        "Translations to check\n  after.yaml:24: check the English text of step 1 of outcome "
        "'belum-dibayar' of flow 'batalkan-pesanan': only the Indonesian text changed\n"
    ) in out
    assert "Addresses that would break\n  before.yaml:26:7: FL030: " in out


def test_the_review_in_indonesian_says_it_in_indonesian() -> None:
    _, out, _ = run("diff", "before.yaml", "after.yaml", "--lang", "id")
    assert out.startswith(
        "Perubahan yang akan dilihat pembaca: before.yaml → after.yaml\n\nBahasa Indonesia (/)\n"
    )
    assert "\nBahasa Inggris (/en/)\n" in out
    assert (
        "  after.yaml:24: periksa teks bahasa Inggris langkah 1 dari panduan 'belum-dibayar' dari "
        "alur 'batalkan-pesanan': hanya teks bahasa Indonesia yang berubah\n"
    ) in out


def test_the_review_in_markdown_is_a_pull_requests_description() -> None:
    _, out, _ = run("diff", "before.yaml", "after.yaml", "--lang", "en", "--format", "md")
    assert out.startswith(
        "## What readers will see change: `before.yaml` → `after.yaml`\n"
        "\n"
        "### Indonesian (/)\n"
        "\n"
        "#### Guides added\n"
        "\n"
        "- `batalkan-pesanan/cod-belum-dikirim`"
    )
    assert (
        "- step 2 of outcome 'belum-dibayar' of flow 'batalkan-pesanan': "
        "Ketuk ~~Batalkan.~~ **Batalkan pesanan.**\n" in out
    )
    assert "\n### Addresses that would break\n\n- `before.yaml:26:7`: FL030: " in out
    assert "\n\n\n" not in out


def test_the_review_in_json_holds_every_change() -> None:
    status, out, _ = run("diff", "before.yaml", "after.yaml", "--lang", "en", "--format", "json")
    data = json.loads(out)
    assert status == 1
    assert [section["language"] for section in data["languages"]] == ["id", "en"]
    english = data["languages"][1]
    renamed = next(node for node in english["nodes"] if node["change"] == "renamed")
    assert renamed == {
        "kind": "outcome",
        "change": "renamed",
        "old": "batalkan-pesanan/sudah-dibayar",
        "new": "batalkan-pesanan/minta-penjual",
        "title": "Ask the seller to cancel",
        "old_address": "/en/batalkan-pesanan/sudah-dibayar/",
        "new_address": "/en/batalkan-pesanan/minta-penjual/",
    }
    assert english["paths"] == [
        {
            "flow": "batalkan-pesanan",
            "changes": [
                {
                    "change": "changed",
                    "answers": ["Cash on delivery"],
                    "old": "bayar-di-tempat",
                    "new": "cod-belum-dikirim",
                }
            ],
        }
    ]
    assert data["drift"] == [
        {
            "what": "step 1 of outcome 'belum-dibayar' of flow 'batalkan-pesanan'",
            "changed": ["id"],
            "check": ["en"],
            "at": "after.yaml:24",
        }
    ]
    assert [p["code"] for p in data["problems"]] == ["FL030"]
    assert data["reviews"] == [
        {
            "what": "outcome 'belum-dibayar' of flow 'batalkan-pesanan'",
            "old": "2025-01-01",
            "new": "2026-01-01",
        }
    ]


def test_paths_added_removed_and_leading_elsewhere(tmp_path: Path) -> None:
    old, _ = check_file(write(tmp_path, "lama.yaml", flow()))
    changed = (
        flow()
        .replace(
            "          - label: Sudah\n            next: sudah-dibayar\n",
            "          - label: Sudah\n            next: belum-dibayar\n"
            "          - label: Belum tahu\n            next: sudah-dibayar\n",
        )
        .replace("          - label: Belum\n            next: belum-dibayar\n", "")
    )
    changed = changed.replace(
        "options:\n", "options:\n          - label: Lupa\n            next: belum-dibayar\n"
    )
    new, problems = check_file(write(tmp_path, "baru.yaml", changed))
    assert old is not None and new is not None, problems
    compared = diff_sites(old, new, TABLES.words)
    paths = list(compared.changes.paths("id"))
    assert paths == [
        (
            "batalkan",
            [
                _path("removed", ("Belum",), "belum-dibayar", None),
                _path("changed", ("Sudah",), "sudah-dibayar", "belum-dibayar"),
                _path("added", ("Lupa",), None, "belum-dibayar"),
                _path("added", ("Belum tahu",), None, "sudah-dibayar"),
            ],
        )
    ]


def _path(change: str, answers: tuple[str, ...], old: str | None, new: str | None):
    from generator.format.changes import PathChange

    return PathChange("batalkan", change, answers, old, new)


def test_a_text_changed_in_every_language_is_no_translation_to_check(tmp_path: Path) -> None:
    old, _ = check_file(BEFORE)
    text = BEFORE.read_text(encoding="utf-8").replace(
        "{id: Kirim pesan ke penjual., en: Message the seller.}",
        "{id: Kirim pesan ke penjual lewat chat., en: Message the seller in the chat.}",
    )
    new, _ = check_file(write(tmp_path, "baru.yaml", text))
    assert old is not None and new is not None
    changes = diff_sites(old, new, TABLES.words).changes
    assert [render(t.what) for t in changes.texts] == [
        "step 1 of outcome 'sudah-dibayar' of flow 'batalkan-pesanan'"
    ]
    assert changes.drift == []
    only_english = text.replace("Message the seller in the chat.", "Message the seller.")
    new, _ = check_file(write(tmp_path, "baru.yaml", only_english))
    assert new is not None
    drift = diff_sites(old, new, TABLES.words).changes.drift
    assert [(d.changed, d.same) for d in drift] == [(("id",), ("en",))]


def render(what) -> str:
    from generator.format.problems import render as render_phrase

    return render_phrase(what, "en")


def test_nothing_changed_says_so(tmp_path: Path) -> None:
    status, out, err = run("diff", "before.yaml", "before.yaml", "--lang", "en")
    assert (status, out, err) == (
        0,
        "What readers will see change: before.yaml → before.yaml\n"
        "Nothing readers see has changed.\n",
        "",
    )


def test_lines_moved_in_the_file_are_no_change(tmp_path: Path) -> None:
    text = BEFORE.read_text(encoding="utf-8")
    moved = write(tmp_path, "baru.yaml", "# Diperiksa ulang.\n\n" + text.replace(": ", ":  "))
    status, out, err = run("diff", str(BEFORE), str(moved), "--lang", "en", cwd=tmp_path)
    assert (status, err) == (0, "")
    assert out.endswith("\nNothing readers see has changed.\n")


def test_words_are_compared_word_by_word() -> None:
    assert word_diff("Ketuk Batalkan di sini.", "Ketuk tombol Batalkan di atas.") == [
        ("=", "Ketuk"),
        ("+", "tombol"),
        ("=", "Batalkan di"),
        ("-", "sini."),
        ("+", "atas."),
    ]


# -- since a git revision --------------------------------------------------------------------


GIT = ["git", "-c", "user.name=Penyunting", "-c", "user.email=penyunting@example.org"]


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository whose one commit holds before.yaml as alur/flows.yaml; the working
    tree holds after.yaml there."""
    write(tmp_path, "alur/flows.yaml", BEFORE.read_text(encoding="utf-8"))
    subprocess.run([*GIT, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-qm", "Alur"], cwd=tmp_path, check=True)
    write(tmp_path, "alur/flows.yaml", AFTER.read_text(encoding="utf-8"))
    return tmp_path


def git_state(folder: Path) -> tuple[str, bytes, float]:
    """What git says of the working tree, and its index as stored (asked without letting git
    refresh the index, which `git status` otherwise may)."""
    status = subprocess.run(
        ["git", "--no-optional-locks", "status", "--porcelain"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    index = folder / ".git" / "index"
    return status, index.read_bytes(), index.stat().st_mtime


def test_since_compares_the_files_at_a_revision_and_writes_nothing(repository: Path) -> None:
    before = git_state(repository)
    status, out, err = run("diff", "--since", "HEAD", "alur/", "--lang", "en", cwd=repository)
    assert status == 1
    assert err.startswith("HEAD:alur/flows.yaml:26:7: error FL030: outcome 'bayar-di-tempat'")
    assert out.startswith("What readers will see change: HEAD:alur/ (1 file) → alur/ (1 file)\n")
    assert git_state(repository) == before
    # From another folder, the file's own repository is asked.
    status, _, err = run(
        "diff",
        "--since",
        "HEAD",
        str(repository / "alur" / "flows.yaml"),
        "--lang",
        "en",
        cwd=repository.parent,
    )
    assert status == 1 and f"HEAD:{repository}/alur/flows.yaml:26:7: error FL030" in err


def test_since_a_revision_before_the_file_everything_is_new(repository: Path) -> None:
    write(repository, "lain/flows.yaml", flow())
    status, out, err = run(
        "diff", "--since", "HEAD", "lain/flows.yaml", "--lang", "en", cwd=repository
    )
    assert (status, err) == (0, "")
    assert "Flows added\n    batalkan “Batalkan pesanan” /batalkan/\n" in out


def test_since_a_revision_that_does_not_exist(repository: Path) -> None:
    status, out, err = run(
        "diff", "--since", "origin/mian", "alur/", "--lang", "en", cwd=repository
    )
    assert (status, out) == (2, "")
    assert err == (
        "origin/mian: error FL032: there is no revision 'origin/mian' in this repository\n"
        "  hint: give a branch, a tag or a commit, e.g. origin/main or HEAD~1\n"
    )
    status, _, err = run("diff", "--since", "@{upstream}", "alur/", "--lang", "id", cwd=repository)
    assert status == 2
    assert err.startswith("@{upstream}: error FL032: tidak ada revisi '@{upstream}'")
    assert (
        "\n  saran: cabang ini belum punya upstream: sebutkan satu, misalnya --since origin/main"
        in err
    )


def test_since_outside_a_repository(tmp_path: Path) -> None:
    write(tmp_path, "flows.yaml", flow())
    status, out, err = run("diff", "--since", "HEAD", "--lang", "en", cwd=tmp_path)
    assert (status, out) == (2, "")
    assert err.startswith(
        "flows.yaml: error FL033: cannot read the flows files at revision 'HEAD': "
        "not a git repository"
    )
    assert err.endswith(
        "  hint: run the command inside the site's git repository, or compare two files: "
        "diff OLD NEW\n"
    )


def test_since_a_revision_whose_flows_had_errors(repository: Path) -> None:
    write(repository, "alur/flows.yaml", "version: 1\nflows: {}\n")
    subprocess.run([*GIT, "commit", "-qam", "Rusak"], cwd=repository, check=True)
    write(repository, "alur/flows.yaml", AFTER.read_text(encoding="utf-8"))
    status, out, err = run("diff", "--since", "HEAD", "alur/", "--lang", "en", cwd=repository)
    assert (status, out) == (1, "")
    assert err.startswith("HEAD:alur/flows.yaml:2:8: error FL415: ")
    assert err.endswith(
        "HEAD:alur/ (1 file): error FL035: the older version (HEAD:alur/ (1 file)) has errors, "
        "so the two versions cannot be compared\n"
        "  hint: compare with a version whose flows check clean\n"
    )


# -- bad input -------------------------------------------------------------------------------


def test_a_file_that_is_not_a_flows_file(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# Situs\n")
    status, out, err = run("diff", "README.md", str(AFTER), "--lang", "en", cwd=tmp_path)
    assert (status, out) == (2, "")
    assert err.startswith("README.md: error FL034: 'README.md' is not a flows file")


def test_a_file_that_is_not_there(tmp_path: Path) -> None:
    status, out, err = run("diff", "lama.yaml", str(AFTER), "--lang", "en", cwd=tmp_path)
    assert (status, out) == (2, "")
    assert err.startswith("lama.yaml: error FL001: cannot read the file: No such file or directory")


def test_a_newer_version_with_errors_is_reported_first(tmp_path: Path) -> None:
    write(tmp_path, "rusak.yaml", flow().replace("next: sudah-dibayar", "next: sudah-dibyar"))
    status, out, err = run("diff", str(BEFORE), "rusak.yaml", "--lang", "en", cwd=tmp_path)
    assert (status, out) == (1, "")
    assert err.startswith("rusak.yaml:13:19: error FL204: ")
    assert err.endswith(
        "rusak.yaml: error FL035: the newer version (rusak.yaml) has errors, so the two versions "
        "cannot be compared\n"
        "  hint: fix each message above (python -m generator check), then compare again\n"
    )


def test_one_version_alone_is_a_usage_error() -> None:
    status, out, err = run("diff", "after.yaml")
    assert (status, out) == (2, "")
    assert "give OLD and NEW (two flows files or folders), or --since REV" in err


# -- the pre-commit hook ---------------------------------------------------------------------


def test_the_pre_commit_hook_compares_with_the_upstream_branch(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [hook for hook in hooks if hook["id"] == "flows-diff"]
    assert hook["pass_filenames"] is False and hook["require_serial"]
    assert re.compile(hook["files"]).search("flows.yaml")
    origin = tmp_path / "origin"
    write(origin, "flows.yaml", BEFORE.read_text(encoding="utf-8"))
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=origin, check=True)
    subprocess.run([*GIT, "add", "."], cwd=origin, check=True)
    subprocess.run([*GIT, "commit", "-qm", "Alur"], cwd=origin, check=True)
    subprocess.run([*GIT, "clone", "-q", str(origin), "kerja"], cwd=tmp_path, check=True)
    work = tmp_path / "kerja"
    write(work, "flows.yaml", AFTER.read_text(encoding="utf-8"))

    def commit_hook() -> subprocess.CompletedProcess[str]:
        # pre-commit runs the entry in the repository's root, with no file names.
        return subprocess.run(
            [sys.executable, *hook["entry"].split()[1:]],
            cwd=work,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "FLOWS_LANG": "en"},
            timeout=120,
        )

    result = commit_hook()
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("@{upstream}:flows.yaml:26:7: error FL030: ")
    write(work, "flows.yaml", fixed(AFTER.read_text(encoding="utf-8")))
    result = commit_hook()
    assert (result.returncode, result.stderr) == (0, "")


def test_details_notes_summaries_questions_and_answers_are_compared(tmp_path: Path) -> None:
    text = flow().replace(
        "        steps: [Kirim pesan ke penjual.]\n",
        "        summary: Penjual yang membatalkan.\n"
        "        steps:\n"
        "          - {text: Kirim pesan ke penjual., detail: Lewat chat toko.}\n"
        "        notes:\n"
        "          - {type: tip, text: Sertakan nomor pesanan.}\n",
    )
    old, _ = check_file(write(tmp_path, "lama.yaml", text))
    changed = (
        text.replace("Lewat chat toko.", "Lewat tombol chat di halaman toko.")
        .replace("Sertakan nomor pesanan.", "Sertakan nomor pesanan dan alasannya.")
        .replace("Penjual yang membatalkan.", "Penjual yang membatalkan pesanan.")
        .replace("Sudah dibayar?", "Apakah sudah dibayar?")
        .replace("label: Belum\n", "label: Belum dibayar\n")
    )
    new, problems = check_file(write(tmp_path, "baru.yaml", changed))
    assert old is not None and new is not None, problems
    texts = diff_sites(old, new, TABLES.words).changes.texts
    assert [(render(t.what), t.change) for t in texts] == [
        ("'text' of question 'status' of flow 'batalkan'", "changed"),
        ("'label' of option 1 of question 'status' of flow 'batalkan'", "changed"),
        ("'summary' of outcome 'sudah-dibayar' of flow 'batalkan'", "changed"),
        ("'detail' of step 1 of outcome 'sudah-dibayar' of flow 'batalkan'", "changed"),
        ("note 1 of outcome 'sudah-dibayar' of flow 'batalkan'", "changed"),
    ]
