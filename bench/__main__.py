"""`python -m bench`: run every benchmark and print the table (see bench/run.py)."""

from __future__ import annotations

import sys

from bench.run import main

raise SystemExit(main(sys.argv[1:]))
