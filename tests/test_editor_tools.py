"""The editors' command-line tools, run as an editor runs them: `python -m generator …`."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from helpers import run_cli, run_in_new_process
from sites import Served

from generator.format.explain import example_message
from generator.format.problems import catalogue
from tests.regen import guide_section, guide_with_section

ROOT = Path(__file__).resolve().parent.parent

# Two questions share the guides 'tunggu' and 'minta-refund'; 'minta-refund' is reached by
# three paths. Labels carry a comma, quotes and a pipe to exercise each format's quoting.
SHARED = """\
version: 1
flows:
  pengiriman:
    title: Paket belum sampai
    start: status
    questions:
      status:
        text: Apa status paketnya?
        options:
          - label: Dikirim
            next: lama
          - label: Belum dikirim
            next: tunggu
          - label: Hilang, kata kurir
            next: minta-refund
      lama:
        text: Sudah berapa lama?
        options:
          - label: Kurang dari 3 hari
            next: tunggu
          - label: Lebih dari "3 hari" | seminggu
            next: minta-refund
          - label: Tidak tahu
            next: minta-refund
    outcomes:
      tunggu:
        title: Tunggu sebentar lagi
        steps: [Tunggu.]
      minta-refund:
        title: Minta pengembalian dana
        steps: [Hubungi penjual.]
  lain:
    title: Pertanyaan lain
    start: jawaban
    outcomes:
      jawaban:
        title: Jawaban
        steps: [Baca ini.]
"""


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "flows.yaml"
    path.write_text(SHARED, encoding="utf-8")
    return path


def test_paths_lists_every_path_in_option_order_as_aligned_text(shared: Path) -> None:
    result = run_cli("paths", str(shared))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "pengiriman: Paket belum sampai (5 paths)\n"
        "\n"
        "#  Answers                                   Outcome       Title\n"
        "1  Dikirim → Kurang dari 3 hari              tunggu        Tunggu sebentar lagi\n"
        '2  Dikirim → Lebih dari "3 hari" | seminggu  minta-refund  Minta pengembalian dana\n'
        "3  Dikirim → Tidak tahu                      minta-refund  Minta pengembalian dana\n"
        "4  Belum dikirim                             tunggu        Tunggu sebentar lagi\n"
        "5  Hilang, kata kurir                        minta-refund  Minta pengembalian dana\n"
        "\n"
        "lain: Pertanyaan lain (1 path)\n"
        "\n"
        "#  Answers         Outcome  Title\n"
        "1  (no questions)  jawaban  Jawaban\n"
    )


def test_paths_of_one_flow_as_a_markdown_table(shared: Path) -> None:
    result = run_cli("paths", str(shared), "--flow", "pengiriman", "--format", "md")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "## Paket belum sampai (`pengiriman`)\n"
        "\n"
        "| # | Answers | Outcome | Title |\n"
        "| --: | --- | --- | --- |\n"
        "| 1 | Dikirim → Kurang dari 3 hari | `tunggu` | Tunggu sebentar lagi |\n"
        '| 2 | Dikirim → Lebih dari "3 hari" \\| seminggu | `minta-refund` '
        "| Minta pengembalian dana |\n"
        "| 3 | Dikirim → Tidak tahu | `minta-refund` | Minta pengembalian dana |\n"
        "| 4 | Belum dikirim | `tunggu` | Tunggu sebentar lagi |\n"
        "| 5 | Hilang, kata kurir | `minta-refund` | Minta pengembalian dana |\n"
    )


def test_paths_as_csv_with_one_column_per_answer(shared: Path) -> None:
    result = run_cli("paths", str(shared), "--format", "csv")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "flow,path,outcome,title,answer 1,answer 2\n"
        "pengiriman,1,tunggu,Tunggu sebentar lagi,Dikirim,Kurang dari 3 hari\n"
        'pengiriman,2,minta-refund,Minta pengembalian dana,Dikirim,"Lebih dari ""3 hari"" '
        '| seminggu"\n'
        "pengiriman,3,minta-refund,Minta pengembalian dana,Dikirim,Tidak tahu\n"
        "pengiriman,4,tunggu,Tunggu sebentar lagi,Belum dikirim,\n"
        'pengiriman,5,minta-refund,Minta pengembalian dana,"Hilang, kata kurir",\n'
        "lain,1,jawaban,Jawaban,,\n"
    )
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[2][5] == 'Lebih dari "3 hari" | seminggu'
    assert rows[5][4] == "Hilang, kata kurir"


def test_paths_is_the_same_every_run(shared: Path) -> None:
    # Each run a process of its own, with its own hash seed: no order may come from a set.
    outputs = {run_in_new_process("paths", str(shared)).stdout for _ in range(3)}
    assert len(outputs) == 1


def test_paths_of_an_unknown_flow_suggests_the_closest(shared: Path) -> None:
    result = run_cli("paths", str(shared), "--flow", "pengirman")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{shared}: error FL002: there is no flow 'pengirman'\n  hint: did you mean 'pengiriman'?\n"
    )


def test_paths_of_an_unknown_flow_lists_the_flows(shared: Path) -> None:
    result = run_cli("paths", str(shared), "--flow", "zzz")
    assert result.returncode == 2
    assert result.stderr.endswith("  hint: the flows are: pengiriman, lain\n")


def test_paths_of_a_broken_file_prints_its_problems(tmp_path: Path) -> None:
    broken = tmp_path / "flows.yaml"
    broken.write_text(
        SHARED.replace(
            "next: tunggu\n          - label: Lebih", "next: tungu\n          - label: Lebih"
        ),
        encoding="utf-8",
    )
    result = run_cli("paths", str(broken))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "leads to unknown node 'tungu'" in result.stderr
    assert "hint: did you mean 'tunggu'?" in result.stderr


def test_paths_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("paths", str(tmp_path / "nothing.yaml"))
    assert result.returncode == 2
    assert "cannot read the file" in result.stderr


def test_paths_rejects_an_unknown_format(shared: Path) -> None:
    result = run_cli("paths", str(shared), "--format", "html")
    assert result.returncode == 2
    assert "invalid choice: 'html'" in result.stderr


def test_paths_defaults_to_flows_yaml_in_the_current_folder(shared: Path) -> None:
    result = run_cli("paths", "--flow", "lain", cwd=shared.parent)
    assert result.returncode == 0
    assert "1  (no questions)  jawaban  Jawaban" in result.stdout


def test_schema_prints_json_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in result.stdout


def test_pre_commit_hook_runs_check_on_flows_files() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [hook for hook in hooks if hook["id"] == "flows-check"]
    files = re.compile(hook["files"])
    assert files.search("flows.yaml") and files.search("docs/flows.yml")
    assert not files.search("mkdocs.yml") and not files.search("flows.yaml.bak")
    command = hook["entry"].split()
    assert command[:3] == ["python", "-m", "generator"]
    result = run_cli(*command[3:], "flows.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("flows.yaml: ok: ")


# -- the editing guide -------------------------------------------------------------------------

GUIDE = ROOT / "content" / "panduan-penyunting.md"


def test_the_guides_message_section_is_made_from_the_catalogue() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert guide_with_section(guide, guide_section()) == guide, (
        "the message section of content/panduan-penyunting.md differs from "
        "generator/format/messages/id.yaml: run `python -m tests.regen` and review the diff"
    )


def test_the_guide_has_one_anchored_entry_per_code_with_its_message() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    messages = catalogue("id")
    anchors = re.findall(r"^#### (FL\d{3}): .* \{#(fl\d{3})\}$", guide, re.M)
    assert [code for code, _ in anchors] == sorted(messages.entries)
    assert all(anchor == code.lower() for code, anchor in anchors)
    for code in messages.entries:
        # The message as its example makes it, placeholders filled, with the one hint it gets.
        assert f"```text\n{example_message(code, 'id')}\n```\n" in guide


def test_every_link_to_a_message_in_the_pages_names_a_code() -> None:
    """A link such as [FL012](#fl012) leads to the message's entry in the editing guide."""
    codes = {code.lower() for code in catalogue("id").entries}
    links = [
        (page.relative_to(ROOT).as_posix(), anchor.lower())
        for page in sorted((ROOT / "content").rglob("*.md"))
        for anchor in re.findall(r"\]\([^)\s]*#(fl\d+)\)", page.read_text(encoding="utf-8"), re.I)
    ]
    assert len(links) >= 4, "the editing guide links to the messages it mentions"
    assert [link for link in links if link[1] not in codes] == []


def test_the_guides_other_sections_are_kept() -> None:
    text = "# Panduan\n\nAwal.\n\n## Daftar pesan pemeriksa\n\nlama\n\n## Sesudah\n\nAkhir.\n"
    updated = guide_with_section(text, "## Daftar pesan pemeriksa\n\nbaru\n")
    assert (
        updated
        == "# Panduan\n\nAwal.\n\n## Daftar pesan pemeriksa\n\nbaru\n\n## Sesudah\n\nAkhir.\n"
    )


def test_the_editing_guide_is_a_page_of_the_site(project_site: Served) -> None:
    page = (project_site.root / "panduan-penyunting" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Panduan penyunting</h1>" in page
    assert "python -m generator check flows.yaml" in page
    # Fenced examples are rendered as code, not as paragraphs of backticks.
    assert '<pre><code class="language-yaml">' in page
    assert "```" not in page


def test_the_project_site_has_a_map_and_review_dates(project_site: Served) -> None:
    flow = project_site.root / "batalkan-pesanan"
    page = (flow / "peta" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="flows-map__node flows-map__node--outcome"') == 4
    assert page.count('class="flows-map__node flows-map__node--question"') == 2
    assert '<a href="peta/">Lihat peta alur</a>' in (flow / "index.html").read_text("utf-8")
    guide = (flow / "belum-dibayar" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Terakhir ditinjau <time datetime=\"\d{4}-\d\d-\d\d\">", guide)
