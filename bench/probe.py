"""One measurement in a fresh process: `python -m bench.probe check|load|load-nogc|build FILE`,
or `python -m bench.probe diff|check-both OLD NEW`.

`build` takes a mkdocs.yml and builds its site into `site/` beside it, imports included;
`build-indexed` then indexes that site for search (`generator.site.search.index_site`), as the flows
plugin does at the end of its builds.

Prints one JSON line: wall and CPU seconds of the operation alone (imports excluded), and the
process's peak resident memory. A fresh process per run keeps one run's heap out of the next.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path


def peak_memory_mb() -> float:
    """This process's peak resident memory (VmHWM).

    Not getrusage's ru_maxrss: after fork and exec it still counts the parent's memory.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str]) -> int:
    kind, path, *more = argv
    if kind in ("build", "build-indexed"):
        return build(path, index=kind == "build-indexed")
    if kind in ("diff", "check-both"):
        return diff(kind, path, more[0])
    import yaml

    from generator.format.check import check_file
    from generator.format.model import total_paths

    if kind == "load-nogc":
        gc.disable()
    wall, cpu = time.perf_counter(), time.process_time()
    if kind == "check":
        document, problems = check_file(path)
    else:
        with open(path, encoding="utf-8") as handle:
            yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    result = {
        "wall": wall,
        "cpu": cpu,
        "peak_mb": peak_memory_mb(),
    }
    if kind == "check":
        if document is None:
            print("\n".join(str(problem) for problem in problems[:5]), file=sys.stderr)
            return 1
        flows = document.flows.values()
        result["nodes"] = sum(len(f.questions) + len(f.outcomes) for f in flows)
        result["paths"] = sum(total_paths(f) for f in flows)
    print(json.dumps(result))
    return 0


def diff(kind: str, old: str, new: str) -> int:
    """`diff OLD NEW` as an editor runs it (the review as JSON, thrown away), or `check` of both
    files; its exit status is 1 when an address breaks, which the edited file makes happen."""
    import contextlib
    import io

    from generator import cli
    from generator.format.check import check_file

    wall, cpu = time.perf_counter(), time.process_time()
    if kind == "diff":
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            status = cli.main(["diff", old, new, "--format", "json", "--lang", "en"])
        if status not in (0, 1):
            print(f"diff exited {status}", file=sys.stderr)
            return 1
    else:
        for path in (old, new):
            document, problems = check_file(path)
            if document is None:
                print("\n".join(str(problem) for problem in problems[:5]), file=sys.stderr)
                return 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mb": peak_memory_mb()}))
    return 0


def build(config_file: str, *, index: bool = False) -> int:
    """Build a MkDocs site as `mkdocs build -q` does, and print its times and peak memory.

    With `index`, the built site is then indexed for search, as the flows plugin's builds are.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    site = str(Path(config_file).parent / "site")
    mkdocs_build(load_config(config_file, site_dir=site))
    if index:
        from generator.site.search import index_site

        index_site(site)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mb": peak_memory_mb()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
