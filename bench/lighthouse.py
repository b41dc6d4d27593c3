"""Lighthouse's performance figures for every kind of page, served gzipped as static hosts serve.

The project's own site is built with each engine and served on 127.0.0.1 with gzip and
`Cache-Control: max-age=600`; tests/lighthouse.mjs (Lighthouse 12.2.3, one Chromium) measures each
page as a first visit on a phone over Lighthouse's simulated slow 4G: the performance score, first
and largest contentful paint, total blocking time and the bytes transferred.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bench.server import StaticHost, serve

if TYPE_CHECKING:
    from bench.run import Plan, Report

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "lighthouse.mjs"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "package.json"
CHROMIUM = "/usr/bin/chromium"
ENGINES = ("mkdocs", "zensical")
PERFORMANCE_GOAL = 98
GUIDE_BYTES_GOAL = 80 * 1024
# Files a static host sends gzipped (Pagefind's index files are gzipped already).
GZIPPED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


@contextlib.contextmanager
def serve_gzipped(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 as a static host would: text gzipped, kept 10 minutes."""

    class Handler(StaticHost):
        def send_head(self):  # noqa: ANN202 - the standard library's own signature
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            if not accepts or path.suffix not in GZIPPED or not path.is_file():
                return super().send_head()  # and a folder's redirect to its address with a slash
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    with serve(folder, Handler) as url:
        yield url


def lighthouse(urls: list[str]) -> list[dict]:
    node = shutil.which("node")
    result = subprocess.run(
        [node or "node", str(SCRIPT), "performance", *urls],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout)


def bench_lighthouse(work: Path, plan: Plan, report: Report) -> None:
    """Performance per kind of page and engine, each figure beside its goal."""
    if not LIGHTHOUSE.is_file() or not Path(CHROMIUM).exists() or shutil.which("node") is None:
        print("lighthouse: skipped (needs node_modules/lighthouse, node and Chromium)")
        return
    from tests.browser.page_kinds import page_types

    pages = page_types()
    rows: list[list[str]] = []
    worst: dict[str, int] = {}
    guide_bytes: dict[str, int] = {}
    transfers: dict[str, list[dict]] = {}
    for engine in ENGINES:
        site = work / f"lighthouse-{engine}"
        build = [sys.executable, "-m", "generator", "build", "--engine", engine, "-d", str(site)]
        subprocess.run(build, cwd=ROOT, capture_output=True, check=True)
        with serve_gzipped(site) as url:
            reports = lighthouse([url + path for path in pages.values()])
        for name, found in zip(pages, reports, strict=True):
            metrics = found.get("metrics") or {}
            score = found["scores"].get("performance")
            worst[engine] = min(worst.get(engine, 100), score if score is not None else 0)
            if name.startswith("guide"):
                size = int(metrics.get("bytes") or 0)
                guide_bytes[engine] = max(guide_bytes.get(engine, 0), size)
                transfers.setdefault(engine, found.get("transfers", []))
            blocking = ", ".join(Path(item["url"]).name for item in found.get("blocking", []))
            rows.append(
                [
                    engine,
                    name,
                    f"**{score}**",
                    f"{(metrics.get('fcp') or 0) / 1000:.2f}",
                    f"{(metrics.get('lcp') or 0) / 1000:.2f}",
                    f"{metrics.get('tbt') or 0:.0f}",
                    f"{(metrics.get('bytes') or 0) / 1024:.1f}",
                    blocking or "none",
                ]
            )
    report.table(
        "Lighthouse performance (first visit, phone, simulated slow 4G, gzipped)",
        ["Engine", "Page", "Score", "FCP s", "LCP s", "TBT ms", "KB", "render-blocking"],
        rows,
        "Lighthouse 12.2.3 (tests/lighthouse.mjs), one run per page: scores move by a point or "
        "two between runs. KB is what the first visit transfers (Lighthouse's total byte weight).",
    )
    files = sorted(
        {item["url"].split("/", 3)[-1] for items in transfers.values() for item in items}
    )
    sizes = {
        engine: {item["url"].split("/", 3)[-1]: item["bytes"] for item in items}
        for engine, items in transfers.items()
    }
    report.table(
        "What a guide's first visit transfers (KB, with headers)",
        ["File", *ENGINES],
        [
            [file, *(f"{sizes.get(e, {}).get(file, 0) / 1024:.1f}" for e in ENGINES)]
            for file in files
            if any(sizes.get(e, {}).get(file) for e in ENGINES)
        ],
    )
    for engine, score in worst.items():
        report.goal(
            f"Lighthouse performance on every kind of page ({engine}) >= {PERFORMANCE_GOAL}",
            f"lowest {score}",
            score >= PERFORMANCE_GOAL,
        )
    for engine, size in guide_bytes.items():
        report.goal(
            f"a guide's first visit <= {GUIDE_BYTES_GOAL // 1024} KB, gzipped ({engine})",
            f"{size / 1024:.1f} KB",
            size <= GUIDE_BYTES_GOAL,
        )
