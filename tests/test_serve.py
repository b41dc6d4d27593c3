"""`python -m generator serve` on either engine: it serves, and it stops whole, leaving no child
serving, when it is told to stop (SIGTERM, as a service manager does; Ctrl-C, as an editor does).

A subprocess test: what is under test is the processes themselves."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import free_port, serves

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "flows" / "valid"

MKDOCS_YML = """\
site_name: Toko
docs_dir: content
theme:
  name: material
  language: id
  font: false
plugins:
  - flows
"""


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_serve_stops_whole_and_leaves_nothing_serving(tmp_path: Path, engine: str, how: str):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Bantuan\n", encoding="utf-8")
    shutil.copyfile(VALID / "minimal.yaml", tmp_path / "flows.yaml")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/batalkan-pesanan/"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--engine", engine, "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    try:
        deadline = time.monotonic() + 120
        while not serves(url):
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the site was never served"
            time.sleep(0.2)
        if how == "SIGTERM":
            server.send_signal(signal.SIGTERM)  # to the command alone, as `kill` does
        else:
            os.killpg(server.pid, signal.SIGINT)  # to the whole group, as a terminal does
        assert server.wait(timeout=60) in (0, -signal.SIGINT, 130), (
            tmp_path / "serve.log"
        ).read_text()
        deadline = time.monotonic() + 10
        while group_alive(server.pid):
            assert time.monotonic() < deadline, "a child of serve is still running"
            time.sleep(0.1)
        assert not serves(url)
        assert "Traceback" not in (tmp_path / "serve.log").read_text()
    finally:
        if group_alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
