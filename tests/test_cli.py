"""`python -m generator check` as an editor runs it: exit codes, stdout and stderr.

Most tests run the command in this process (helpers.run_cli); a few start `python -m generator`
itself, for what only a process shows: that it runs, its exit codes, a reader that stops early.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli, run_in_new_process

from generator.format.check import check_file
from generator.format.model import total_paths

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FLOWS = ROOT / "flows.yaml"

GUIDE = """\
version: 1
flows:
  pesanan:
    title: Batalkan pesanan
    start: status
    questions:
      status:
        text: Sudah dibayar?
        options:
          - label: Belum
            next: belum-dibayar
          - label: Sudah
            next: sudah-dibayar
    outcomes:
      belum-dibayar:
        title: Batalkan sendiri
        steps:
          - Buka pesanan.
        reviewed: {reviewed}
      sudah-dibayar:
        title: Hubungi penjual
        steps:
          - Kirim pesan ke penjual.
"""


def write(folder: Path, text: str, name: str = "flows.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def expected_summary() -> str:
    """The project's flows.yaml counted through the model, not through the command line."""
    document, problems = check_file(PROJECT_FLOWS)
    assert document is not None, problems
    flows = document.flows.values()
    counts = (
        (len(document.flows), "flow"),
        (sum(len(f.questions) for f in flows), "question"),
        (sum(len(f.outcomes) for f in flows), "outcome"),
        (sum(total_paths(f) for f in flows), "path"),
    )
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)


def test_project_flows_pass_from_the_project_root() -> None:
    result = run_in_new_process("check", "flows.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"flows.yaml: ok: {expected_summary()}\n"
    assert re.fullmatch(
        r"flows\.yaml: ok: \d+ flows?, \d+ questions?, \d+ outcomes?, \d+ paths?\n", result.stdout
    )


def test_the_project_flows_name_a_command_that_sets_itself_up() -> None:
    """`python -m generator` fails without the project's environment; `make check` makes it
    first, so that is the command the file's comments tell editors to run."""
    comments = [
        line.lstrip("#").strip()
        for line in PROJECT_FLOWS.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    ]
    assert "make check" in comments
    assert not [line for line in comments if "python -m generator" in line]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command in (line for line in comments if line.startswith("make ")):
        target = command.split()[1]
        assert re.search(rf"^{target}: \$\(VENV\)/\.installed", makefile, re.M), command


def test_check_reads_flows_yaml_by_default() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"flows.yaml: ok: {expected_summary()}\n"


def test_project_flows_pass_from_another_folder(tmp_path: Path) -> None:
    result = run_cli("check", str(PROJECT_FLOWS), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{PROJECT_FLOWS}: ok: {expected_summary()}\n"


def test_a_relative_path_from_a_subfolder() -> None:
    result = run_cli("check", "../flows.yaml", cwd=ROOT / "tests")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"../flows.yaml: ok: {expected_summary()}\n"


def test_problems_go_to_stderr_with_exit_1(tmp_path: Path) -> None:
    text = GUIDE.format(reviewed="2020-01-01").replace("next: sudah-dibayar", "next: sudah-bayar")
    write(tmp_path, text)
    result = run_in_new_process("check", "flows.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    # Errors and warnings together, in file order, then the tally.
    assert result.stderr == (
        "flows.yaml:13:19: error FL204: option 'Sudah' of question 'status' "
        "leads to unknown node 'sudah-bayar'\n"
        "  hint: did you mean 'sudah-dibayar'?\n"
        "flows.yaml:19:19: warning FL304: outcome 'belum-dibayar' was last reviewed on 2020-01-01, "
        "more than 12 months ago\n"
        "  hint: check the steps against the app, then set 'reviewed' to today's date\n"
        "flows.yaml: 1 error, 1 warning\n"
        "For more about a message: python -m generator explain FL204\n"
    )


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", "tidak-ada.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("tidak-ada.yaml: error FL001: cannot read the file")


def test_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    assert str(tmp_path) in result.stderr


def test_no_flows_yaml_in_the_current_folder(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "flows.yaml" in result.stderr


@pytest.mark.parametrize("value", ["x", "0", "-3", "1.5"])
def test_a_bad_max_age_is_a_usage_error(value: str) -> None:
    result = run_cli("check", "flows.yaml", f"--max-age={value}")
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"'{value}'" in result.stderr
    assert "--max-age" in result.stderr


def test_an_unknown_option_is_a_usage_error() -> None:
    result = run_cli("check", "flows.yaml", "--strict-mode")
    assert result.returncode == 2
    assert "--strict-mode" in result.stderr


def test_no_command_is_a_usage_error() -> None:
    result = run_in_new_process()
    assert result.returncode == 2
    assert "check" in result.stderr


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    # As `python -m generator schema | head -1`, when head has gone before the schema is written.
    command = [sys.executable, "-m", "generator", "schema"]
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        process.stdout.close()  # long before the new interpreter has the schema to write
        stderr = process.stderr.read()
    assert (process.returncode, stderr) == (0, "")


def reviewed_days_ago(tmp_path: Path, days: int) -> Path:
    reviewed = dt.date.today() - dt.timedelta(days=days)
    return write(tmp_path, GUIDE.format(reviewed=reviewed.isoformat()))


def test_an_old_review_is_a_warning_that_does_not_fail(tmp_path: Path) -> None:
    path = reviewed_days_ago(tmp_path, 400)
    result = run_cli("check", path.name, cwd=tmp_path)
    assert result.returncode == 0
    reviewed = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    assert result.stderr == (
        f"flows.yaml:19:19: warning FL304: outcome 'belum-dibayar' was last reviewed on "
        f"{reviewed}, more than 12 months ago\n"
        "  hint: check the steps against the app, then set 'reviewed' to today's date\n"
    )
    assert result.stdout == "flows.yaml: ok: 1 flow, 1 question, 2 outcomes, 2 paths\n"


def test_max_age_turns_the_warning_off(tmp_path: Path) -> None:
    path = reviewed_days_ago(tmp_path, 400)
    result = run_cli("check", path.name, "--max-age", "24", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout == "flows.yaml: ok: 1 flow, 1 question, 2 outcomes, 2 paths\n"


def test_max_age_turns_the_warning_on(tmp_path: Path) -> None:
    path = reviewed_days_ago(tmp_path, 100)
    quiet = run_cli("check", path.name, cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = run_cli("check", path.name, "--max-age", "2", cwd=tmp_path)
    assert loud.returncode == 0
    assert "warning FL304: outcome 'belum-dibayar' was last reviewed on" in loud.stderr
    assert "more than 2 months ago" in loud.stderr


def test_a_max_age_longer_than_the_calendar_is_accepted(tmp_path: Path) -> None:
    path = reviewed_days_ago(tmp_path, 400)
    result = run_cli("check", path.name, "--max-age", "99999", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""


def test_a_review_date_in_the_future_is_an_error(tmp_path: Path) -> None:
    path = reviewed_days_ago(tmp_path, -2)
    result = run_cli("check", path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "flows.yaml:19:19: error FL303: 'reviewed' of outcome 'belum-dibayar' is in the future"
        in (result.stderr)
    )


def test_a_review_today_is_fine(tmp_path: Path) -> None:
    path = reviewed_days_ago(tmp_path, 0)
    result = run_cli("check", path.name, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""


def test_a_file_that_is_not_utf8_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "flows.yaml").write_bytes(b"version: 1\nflows:\n  caf\xe9: {}\n")
    result = run_cli("check", "flows.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("flows.yaml:3:6: error FL101: the file is not UTF-8 text")
