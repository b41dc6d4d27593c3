"""Settings and sites shared by every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sites import Served, ServedSites

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def english_messages() -> Iterator[None]:
    """Checker messages in English unless a test chooses otherwise, whatever the machine's locale.

    Subprocesses inherit it; tests of the language choice pass their own environment.
    """
    before = os.environ.get("FLOWS_LANG")
    os.environ["FLOWS_LANG"] = "en"
    yield
    if before is None:
        del os.environ["FLOWS_LANG"]
    else:
        os.environ["FLOWS_LANG"] = before


@pytest.fixture(scope="session")
def served_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSites]:
    """Every site the tests build once and serve: `served_sites(project, engine)`."""
    with ExitStack() as stack:
        yield ServedSites(tmp_path_factory.mktemp, stack)


@pytest.fixture(scope="session")
def project_site(served_sites: ServedSites) -> Served:
    """The project's own site, built with MkDocs as `make build` builds it (strict) and served
    locally: the site the browser tests walk, and the export's and the editing guide's tests read.
    """
    return served_sites(ROOT, "mkdocs", strict=True)
