"""Settings shared by every test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


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
