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
from tests.regen import MESSAGE_PAGES, message_page

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

# The guide's pages in each language (content/panduan-penyunting/ and its English counterpart),
# and the page of messages in each, made from that language's catalogue.
GUIDE = {language: page.parent for language, page in MESSAGE_PAGES.items()}


@pytest.mark.parametrize("language", list(MESSAGE_PAGES))
def test_the_guides_message_page_is_made_from_the_catalogue(language: str) -> None:
    page = MESSAGE_PAGES[language].read_text(encoding="utf-8")
    assert page == message_page(language), (
        f"{MESSAGE_PAGES[language].relative_to(ROOT)} differs from "
        f"generator/format/messages/{language}.yaml: run `python -m tests.regen` and review "
        "the diff"
    )


@pytest.mark.parametrize("language", list(MESSAGE_PAGES))
def test_the_message_page_has_one_anchored_entry_per_code_with_its_message(language: str) -> None:
    page = MESSAGE_PAGES[language].read_text(encoding="utf-8")
    messages = catalogue(language)
    anchors = re.findall(r"^### (FL\d{3}): .* \{#(fl\d{3})\}$", page, re.M)
    assert [code for code, _ in anchors] == sorted(messages.entries)
    assert all(anchor == code.lower() for code, anchor in anchors)
    for code, entry in messages.entries.items():
        # The message as its example makes it, placeholders filled, with the one hint it gets,
        # under the entry's title in that language.
        assert f"### {code}: {entry.title} {{#{code.lower()}}}" in page
        assert f"```text\n{example_message(code, language)}\n```\n" in page


def test_every_link_to_a_message_in_the_pages_leads_to_its_entry() -> None:
    """A link such as [FL204](pesan.md#fl204) leads to the message's entry on the guide's page of
    messages in the page's own language."""
    links = []
    for page in sorted((ROOT / "content").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([^)\s#]*)#(fl\d+)\)", text, re.I):
            links.append((page, (page.parent / target).resolve(), anchor.lower()))
    assert len(links) >= 20, "the guide's task pages link to the messages they mention"
    language_of = {page.resolve(): language for language, page in MESSAGE_PAGES.items()}
    for page, target, anchor in links:
        where = f"{page.relative_to(ROOT)}: #{anchor}"
        assert target in language_of, f"{where} leads to {target}, not to a page of messages"
        page_language = "en" if page.is_relative_to(ROOT / "content" / "en") else "id"
        assert language_of[target] == page_language, f"{where}: the messages in another language"
        assert anchor.upper() in catalogue(page_language).entries, f"{where}: no such code"


@pytest.mark.parametrize("language", list(MESSAGE_PAGES))
def test_each_guide_page_has_its_counterpart_with_the_same_place_in_the_nav(language: str) -> None:
    other = "en" if language == "id" else "id"
    names = sorted(page.name for page in GUIDE[language].glob("*.md"))
    assert names == sorted(page.name for page in GUIDE[other].glob("*.md"))
    assert len(names) == 8  # seven tasks, the messages; the start page is beside the folder
    assert "index.md" not in names  # which would make it the nav section's own page
    pages = [(GUIDE[language] / name, GUIDE[other] / name) for name in names]
    pages.append((GUIDE[language].with_suffix(".md"), GUIDE[other].with_suffix(".md")))
    orders = []
    for page, counterpart in pages:
        front = page.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        (order,) = re.findall(r"^nav_order: (\d+)$", front, re.M)
        assert f"nav_order: {order}\n" in counterpart.read_text(encoding="utf-8")
        assert "search:\n  exclude: true\n" in front
        orders.append(int(order))
    assert sorted(orders) == list(range(1, 10))


def test_the_editing_guide_is_a_part_of_the_site(project_site: Served) -> None:
    guide = project_site.root / "panduan-penyunting"
    page = (guide / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Panduan penyunting</h1>" in page
    # Fenced examples are rendered as code, not as paragraphs of backticks.
    assert '<pre><code class="language-yaml">' in page
    assert "```" not in page
    # The task pages, in the section's order, in the navigation of each.
    check = (guide / "periksa" / "index.html").read_text(encoding="utf-8")
    assert "python -m generator check flows.yaml" in check
    assert (
        check.index("Mengubah langkah")
        < check.index("Menerbitkan")
        < check.index("Daftar pesan pemeriksa")
    )
    messages = (guide / "pesan" / "index.html").read_text(encoding="utf-8")
    assert 'id="fl204"' in messages
    english = (project_site.root / "en" / "panduan-penyunting" / "pesan" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'id="fl204"' in english and "The checker's messages</h1>" in english


def test_the_project_site_has_a_map_and_review_dates(project_site: Served) -> None:
    flow = project_site.root / "batalkan-pesanan"
    page = (flow / "peta" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="flows-map__node flows-map__node--outcome"') == 4
    assert page.count('class="flows-map__node flows-map__node--question"') == 2
    assert '<a href="peta/">Lihat peta alur</a>' in (flow / "index.html").read_text("utf-8")
    guide = (flow / "belum-dibayar" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Terakhir ditinjau <time datetime=\"\d{4}-\d\d-\d\d\">", guide)
