"""Benchmarks of the checker, the site build, our assets, the wizard and `mkdocs serve`."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from pathlib import Path


def run_json(command: list[str], cwd: Path, env: Mapping[str, str], what: str) -> dict:
    """Run a probe in a fresh process and return the JSON it prints; stop the benchmark with
    its error output, named `what`, if it fails."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{what} failed:\n{result.stderr}")
    return json.loads(result.stdout)
