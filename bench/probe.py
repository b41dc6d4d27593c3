"""One measurement in a fresh process: `python -m bench.probe check|load|load-nogc FILE`.

Prints one JSON line: wall and CPU seconds of the operation alone (imports excluded), and the
process's peak resident memory. A fresh process per run keeps one run's heap out of the next.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time


def main(argv: list[str]) -> int:
    kind, path = argv
    import yaml

    from generator.check import check_file
    from generator.model import total_paths

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
        # Linux reports kilobytes.
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
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


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
