"""`check` of a site's flows split over many files, beside a bare C YAML load of the same files.

    .venv/bin/python -m bench.many_files [--files 100] [--nodes 100] [--runs 5]

Writes FILES flows files of about NODES nodes each (one flow per file) into a temporary folder,
then times, each in a fresh process and interleaved: finding and checking the folder
(`flows_files` + `check_files`), `yaml.load(text, Loader=yaml.CSafeLoader)` of every file, and
the same load with the cyclic garbage collector off. Prints medians of CPU time (steady on a
busy machine) and of wall time, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import run_json, synth

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
GOAL = 1.5
KINDS = ("check", "load", "load-nogc")


def write_site(folder: Path, files: int, nodes: int) -> None:
    for number in range(files):
        flow_id = f"alur-{number:03d}"
        shape = synth.SHAPES["tree" if number % 2 else "dag"](nodes)
        text = synth.render(shape, flow_id)
        (folder / f"{flow_id}.yaml").write_text(text, encoding="utf-8")


def probe(kind: str, folder: Path) -> dict:
    """One run of `kind` in a fresh process: wall seconds of the operation alone, and counts."""
    command = [sys.executable, "-m", "bench.many_files", "--probe", kind, str(folder)]
    return run_json(command, ROOT, ENV, kind)


def run_probe(kind: str, folder: str) -> dict:
    import gc

    import yaml

    from generator.format.check import check_files, flows_files

    if kind == "load-nogc":
        gc.disable()
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "check":
        paths, missing = flows_files([folder])
        document, problems = check_files(paths)
        if document is None or missing:
            raise SystemExit("\n".join(str(p) for p in [*missing, *problems][:5]))
        nodes = sum(len(f.questions) + len(f.outcomes) for f in document.flows.values())
    else:
        paths = sorted(str(path) for path in Path(folder).glob("*.yaml"))
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                yaml.load(handle.read(), Loader=yaml.CSafeLoader)
        nodes = 0
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"wall": wall, "cpu": cpu, "files": len(paths), "nodes": nodes}


def measure(files: int, nodes: int, runs: int) -> tuple[dict, dict[str, dict[str, float]]]:
    """Medians of `runs` interleaved runs of each kind, per measure ("cpu", "wall"), and what
    was measured (files, nodes, MB)."""
    with tempfile.TemporaryDirectory(prefix="flows-many-") as work:
        folder = Path(work)
        write_site(folder, files, nodes)
        size = sum(path.stat().st_size for path in folder.iterdir())
        samples: dict[str, list[dict]] = {kind: [] for kind in KINDS}
        for _ in range(runs):
            for kind in KINDS:  # interleaved: a slow spell of the machine hits all alike
                samples[kind].append(probe(kind, folder))
    site = {"files": files, "nodes": samples["check"][0]["nodes"], "mb": size / 2**20}
    took = {
        measure: {
            kind: statistics.median(run[measure] for run in kind_runs)
            for kind, kind_runs in samples.items()
        }
        for measure in ("cpu", "wall")
    }
    return site, took


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.many_files")
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--nodes", type=int, default=100, help="nodes per file")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--probe", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(run_probe(*args.probe)))
        return 0
    site, medians = measure(args.files, args.nodes, args.runs)
    print(
        f"{site['files']} files, {site['nodes']:,} nodes, {site['mb']:.1f} MB; "
        f"medians of {args.runs} runs"
    )
    for name, took in medians.items():
        ratio = took["check"] / took["load"]
        verdict = "met" if ratio <= GOAL else "not met"
        print(
            f"  {name}: check (find + load + validate) {took['check']:.3f} s, "
            f"yaml.load {took['load']:.3f} s, GC off {took['load-nogc']:.3f} s; "
            f"check/yaml.load {ratio:.2f} (goal <= {GOAL}: {verdict}), "
            f"check/GC off {took['check'] / took['load-nogc']:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
