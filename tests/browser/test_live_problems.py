"""An editor previews with `serve`, on either engine: a broken save shows its problems in every
open page, and the next good save shows the new page, without the editor reloading anything.

`python -m generator serve` runs as the editor runs it, in its own process, on a copy of a small
site; the test only edits flows.yaml and watches the page.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import free_port, serves

from .conftest import DESKTOP, ENGINES, PHONE, Site
from .site_states import run_axe

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "flows" / "valid"
MKDOCS_YML = """\
site_name: Toko
docs_dir: content
theme:
  name: material
  language: id
  font: false
  features:
    - navigation.instant
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/weather-night
        name: Ganti ke mode gelap
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/weather-sunny
        name: Ganti ke mode terang
plugins:
  - flows
markdown_extensions:
  - attr_list
"""
# The editing guide's page of messages, as the project's (content/panduan-penyunting/pesan.md)
# anchors each code.
GUIDE = """\
# Daftar pesan pemeriksa

## File tidak bisa dibaca sebagai YAML

### FL115: kurung kurawal tidak ditutup {#fl115}

Tutup kurung kurawalnya.
"""
GUIDE_PAGE = "panduan-penyunting/pesan/"
FLOW_PAGE = "batalkan-pesanan/"
STEP = "Minta penjual membatalkan pesanan."
# How long a save may take to reach the page: a rebuild of a one-language site, with room for
# a busy machine.
SAVE_S = 30


@pytest.fixture
def served(tmp_path: Path, engine: str) -> Iterator[Site]:
    """A small one-language site served by `python -m generator serve --engine ENGINE`."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Bantuan\n", encoding="utf-8")
    (tmp_path / "content" / "panduan-penyunting").mkdir()
    (tmp_path / "content" / "panduan-penyunting" / "pesan.md").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "flows.yaml").write_bytes((VALID / "minimal.yaml").read_bytes())
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w")
    command = [sys.executable, "-m", "generator", "serve", "--engine", engine, "--lang", "id"]
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not serves(url + FLOW_PAGE):
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the site was never served"
            time.sleep(0.2)
        yield Site(tmp_path, url, ENGINES[engine])
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def save(site: Site, old: str, new: str) -> str:
    """Save flows.yaml with `old` replaced by `new`, as an editor's editor does; returns the
    file as saved."""
    path = site.root / "flows.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def test_a_broken_save_shows_its_problem_and_the_fix_shows_the_new_page(served, open_page):
    page = open_page(site=served, viewport=PHONE)
    page.goto(FLOW_PAGE)
    page.get_by_role("link", name="Sudah dibayar", exact=True).click()
    assert page.get_by_role("alert").count() == 0

    # A brace left open, as an editor who writes a bilingual text on one line may leave it.
    saved = save(served, f"- {STEP}", f"- {{id: {STEP}")
    line = next(n for n, text in enumerate(saved.splitlines(), 1) if STEP in text)
    column = saved.splitlines()[line - 1].index("{") + 1
    panel = page.get_by_role("alert")
    panel.wait_for(timeout=SAVE_S * 1000)
    assert panel.get_attribute("lang") == "id"
    assert panel.get_by_role("heading", name="Simpanan terakhir Anda bermasalah").is_visible()
    assert f"flows.yaml:{line}:{column}" in panel.inner_text()
    assert "error FL115" in panel.inner_text()
    assert "tidak pernah ditutup" in panel.inner_text()  # the message, in the editor's language
    assert "saran: " in panel.inner_text()  # and its hint
    explanation = panel.get_by_role("link", name="Penjelasan FL115")
    assert explanation.get_attribute("href") == f"/{GUIDE_PAGE}#fl115"
    # Readable on a phone: nothing wider than the screen, and no failure axe-core can find.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert run_axe(page) == []
    # The last good page stays underneath, where the editor left it.
    assert page.get_by_role("heading", name="Membatalkan pesanan yang sudah dibayar").count()

    # The fix, with a new text for the step: the page shows it, and the panel has gone.
    save(served, f"- {{id: {STEP}", "- Minta penjual membatalkan pesanan lewat chat.")
    page.get_by_text("Minta penjual membatalkan pesanan lewat chat.").first.wait_for(
        timeout=SAVE_S * 1000
    )
    page.get_by_role("alert").wait_for(state="detached", timeout=5000)

    # The explanation the panel linked to is there.
    page.goto(f"{GUIDE_PAGE}#fl115")
    assert page.locator("#fl115").is_visible()


def test_the_panel_is_dismissed_with_its_button_or_escape(served, open_page):
    page = open_page(site=served, viewport=DESKTOP, scheme="dark")
    page.goto("")
    save(served, "title: Batalkan pesanan", "title: [Batalkan pesanan")
    panel = page.get_by_role("alert")
    panel.wait_for(timeout=SAVE_S * 1000)
    assert run_axe(page) == []  # in the dark scheme too
    close = panel.get_by_role("button", name="Tutup")
    assert close.is_visible()
    page.keyboard.press("Escape")
    panel.wait_for(state="detached", timeout=5000)

    # The same problems stay dismissed in this tab; the next broken save shows its own.
    page.reload()
    page.wait_for_timeout(1500)  # two reads of the problems
    assert page.get_by_role("alert").count() == 0
    saved = save(served, "title: [Batalkan pesanan", "title: {Batalkan pesanan")
    line = saved.splitlines().index("    title: {Batalkan pesanan") + 1
    panel.wait_for(timeout=SAVE_S * 1000)
    assert f"flows.yaml:{line}:12" in panel.inner_text()
    assert "'{'" in panel.inner_text()
    # The close button is in the keyboard's reach: after the page's own controls.
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('flows-live__close')"):
            break
    page.keyboard.press("Enter")
    panel.wait_for(state="detached", timeout=5000)
