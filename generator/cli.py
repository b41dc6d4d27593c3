"""The command line for editors: `python -m generator check flows.yaml`, and friends.

Exit codes: 0 clean (warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from generator.check import check_file
from generator.model import Document, total_paths
from generator.problems import format_problems

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Check and review flows.yaml, the decision trees of a guided-help site.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check a flows file and report every problem",
        description="Check a flows file: every problem is reported as FILE:LINE:COL.",
    )
    check.add_argument("file", nargs="?", default="flows.yaml", help="default: flows.yaml")
    check.add_argument(
        "--max-age",
        type=_months,
        default=12,
        metavar="MONTHS",
        help="warn about guides reviewed longer ago than this (default: 12)",
    )
    check.set_defaults(run=_check)
    return parser


def _months(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of months (1 or more)")
    return int(value)


def open_checked(path: str, max_age_months: int = 12) -> tuple[Document | None, int]:
    """Check `path`, print its problems; returns the model (if clean) and an exit code."""
    try:
        document, problems = check_file(path, max_age_months=max_age_months)
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"{path}: error: cannot read the file: {reason}", file=sys.stderr)
        print("  hint: give the path of a flows file, e.g. flows.yaml", file=sys.stderr)
        return None, EXIT_USAGE
    if problems:
        print(format_problems(problems), file=sys.stderr)
    if document is None:
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        tally = _plural(errors, "error") + (f", {_plural(warnings, 'warning')}" if warnings else "")
        print(f"{path}: {tally}", file=sys.stderr)
        return None, EXIT_PROBLEMS
    return document, EXIT_OK


def _check(args: argparse.Namespace) -> int:
    document, code = open_checked(args.file, args.max_age)
    if document is not None:
        print(f"{args.file}: ok: {summary(document)}")
    return code


def summary(document: Document) -> str:
    """'1 flow, 2 questions, 4 outcomes, 4 paths': the size of a document in one line."""
    flows = document.flows.values()
    questions = sum(len(flow.questions) for flow in flows)
    outcomes = sum(len(flow.outcomes) for flow in flows)
    paths = sum(total_paths(flow) for flow in flows)
    return ", ".join(
        (
            _plural(len(document.flows), "flow"),
            _plural(questions, "question"),
            _plural(outcomes, "outcome"),
            _plural(paths, "path"),
        )
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
