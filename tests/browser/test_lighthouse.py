"""Lighthouse (12.2.3, pinned in package-lock.json) scores every kind of page 100 for
accessibility, best practices and SEO, in both languages, on the site of each engine.

One run of tests/lighthouse.mjs per engine and language: one Chromium for all its pages, and
only those three categories, whose audits need no waiting for the page to settle. Performance
is measured apart, by `make bench` (bench/run.py), over gzipped pages and simulated slow 4G.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

import pytest

from .conftest import CHROMIUM, ROOT, Site
from .page_kinds import page_types
from .site_states import NODE_MODULES, need

LIGHTHOUSE = NODE_MODULES / "lighthouse" / "package.json"
SCRIPT = ROOT / "tests" / "lighthouse.mjs"
CATEGORIES = ("accessibility", "best-practices", "seo")


def lighthouse(urls: list[str], categories: tuple[str, ...]) -> list[dict]:
    """tests/lighthouse.mjs's report on `urls`, in order."""
    need(CHROMIUM, "install Chromium: sudo apt-get install chromium")
    need(LIGHTHOUSE, "run `make test`, which installs Lighthouse with `npm ci`")
    node = shutil.which("node")
    assert node is not None, "Node.js is missing: sudo apt-get install nodejs"
    result = subprocess.run(
        [node, str(SCRIPT), ",".join(categories), *urls],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


KINDS = page_types()
LANGUAGES = sorted({name.rsplit("(", 1)[1].rstrip(")") for name in KINDS})


# A run per language, so that the runs of both languages and engines share the test processes.
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_of_page_scores_100_in_both_languages(site: Site, language: str) -> None:
    assert len(KINDS) == 16 and len(LANGUAGES) == 2
    pages = {
        name: site.page_url(path) for name, path in KINDS.items() if name.endswith(f"({language})")
    }
    assert len(pages) == 8
    started = time.perf_counter()
    reports = lighthouse(list(pages.values()), CATEGORIES)
    took = time.perf_counter() - started
    below = []
    for name, report in zip(pages, reports, strict=True):
        assert "error" not in report, f"{name}: {report['error']}"
        for category in CATEGORIES:
            if report["scores"][category] != 100:
                audits = "; ".join(
                    f"{audit['id']} ({audit['title']})"
                    for audit in report["failed"]
                    if audit["category"] == category
                )
                below.append(f"{name}: {category} {report['scores'][category]}: {audits}")
    print(f"Lighthouse on {len(pages)} pages ({site.engine.name}): {took:.0f} s")
    assert not below, "\n".join(below)
