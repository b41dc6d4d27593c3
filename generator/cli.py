"""The command line for editors: `python -m generator check flows.yaml`, and friends.

Exit codes: 0 clean (warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator.format.check import Docs, check_files, content_problems, flows_files
from generator.format.model import Document, Flow, Position, iter_paths, total_paths
from generator.format.problems import (
    Problem,
    catalogue,
    closest,
    editor_language,
    explain,
    file_languages,
    format_problem,
    format_report,
    languages,
    problem,
    words,
)
from generator.format.schema import json_schema
from generator.site.words import Tables, load_tables

if TYPE_CHECKING:  # Zensical's adapter loads the renderer: only `build` and `serve` need it
    from generator.engines.zensical import Project

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
        help="check flows files and report every problem",
        description="Check the flows files of a site together: every problem is reported as "
        "FILE:LINE:COL.",
    )
    _files_argument(check)
    check.add_argument(
        "--max-age",
        type=_months,
        default=12,
        metavar="MONTHS",
        help="warn about guides reviewed longer ago than this (default: 12)",
    )
    _lang_option(check)
    check.set_defaults(run=_check)

    paths = commands.add_parser(
        "paths",
        help="list every path from the start to a guide, for review",
        description="List every path from a flow's start to a guide: the answers in order and "
        "the guide reached. The file is checked first.",
    )
    _files_argument(paths)
    paths.add_argument("--flow", metavar="ID", help="only this flow (default: every flow)")
    paths.add_argument(
        "--lang",
        metavar="LANG",
        help="the texts, and the messages if they have that language, in this language "
        "(default: the file's first language; messages as for check)",
    )
    paths.add_argument(
        "--format",
        choices=("text", "md", "csv"),
        default="text",
        help="text (aligned columns, the default), md (a Markdown table) or csv",
    )
    paths.set_defaults(run=_paths)

    keywords = commands.add_parser(
        "keywords",
        help="list the search keywords of every flow and guide, for review",
        description="List, per language, each flow and guide with its title and the keywords "
        "that feed search (never shown on the page). The file is checked first.",
    )
    keywords.add_argument("file", nargs="?", default="flows.yaml", help="default: flows.yaml")
    keywords.add_argument(
        "--format",
        choices=("text", "csv"),
        default="text",
        help="text (aligned columns, the default) or csv",
    )
    _lang_option(keywords)
    keywords.set_defaults(run=_keywords)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of flows files, for editors",
        description="Print the JSON Schema (draft 2020-12) of flows files. Editors use it to "
        "complete keys and flag mistakes while typing.",
    )
    schema.set_defaults(run=_schema)

    export = commands.add_parser(
        "export",
        help="write the generated pages and assets as plain files, for review",
        description="Write the site the plugin builds, as plain files: for each language, "
        "DIR/<language>/docs (the hand-written pages, the generated pages, the site's scripts "
        "and styles) and DIR/<language>/flows.yml (the nav and settings that build it). "
        "The file is checked first.",
    )
    export.add_argument("directory", metavar="DIR", help="where to write; created if missing")
    export.add_argument(
        "--file",
        dest="files",
        action="extend",
        nargs="+",
        metavar="FILE",
        help="the flows files, folders or patterns (default: flows.yaml)",
    )
    export.add_argument(
        "--content",
        metavar="DIR",
        help="the hand-written pages (default: docs_dir of the mkdocs.yml beside the file)",
    )
    export.add_argument(
        "--templates", metavar="DIR", help="a folder of templates that replace the packaged ones"
    )
    _lang_option(export)
    export.set_defaults(run=_export)

    explain_ = commands.add_parser(
        "explain",
        help="explain a checker message by its code, with an example and the fix",
        description="Print the long explanation of a checker message, e.g. FL204.",
    )
    explain_.add_argument("code", metavar="CODE", help="the code on the message, e.g. FL204")
    _lang_option(explain_)
    explain_.set_defaults(run=_explain)
    _site_commands(commands)
    return parser


def _files_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="flows files, folders of them (every *.yaml and *.yml inside) or patterns such as "
        "'alur/*.yaml', checked together as one site (default: flows.yaml)",
    )


def _items(args: argparse.Namespace) -> list[str]:
    """The files, folders and patterns named on the command line; flows.yaml when none."""
    return args.files or ["flows.yaml"]


def _lang_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--lang",
        choices=languages(),
        help="the language of messages (default: FLOWS_LANG, the locale, then the file's first "
        "language, then en)",
    )


def _language(args: argparse.Namespace, path: str | None) -> str | None:
    """The editor's language for this run; None (reported) when FLOWS_LANG names none we have.

    `paths --lang` also names the language of the texts, which may have no messages.
    """
    option = args.lang if args.lang in languages() else None
    try:
        return editor_language(
            option, os.environ, lambda: file_languages(path) if path is not None else ()
        )
    except ValueError as error:
        print(
            f"error: FLOWS_LANG is '{error}', which has no messages; "
            f"the languages are: {', '.join(languages())}",
            file=sys.stderr,
        )
        return None


def _report(item: Problem, language: str) -> None:
    print(format_problem(item, language), file=sys.stderr)


def _months(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of months (1 or more)")
    return int(value)


def open_checked(
    items: str | Sequence[str],
    language: str,
    max_age_months: int = 12,
    *,
    content: str | None = None,
) -> tuple[Document | None, int]:
    """Check the flows files `items` name, print their problems in `language`; returns the
    model (if clean) and the exit code.

    The site's settings (see `site_settings`) add its own interface words and its pages;
    `content` names another folder of hand-written pages (`export --content`).
    """
    items = [items] if isinstance(items, str) else list(items)
    paths, missing = flows_files(items)
    if missing:
        for item in missing:
            _report(item, language)
        return None, EXIT_USAGE
    settings = site_settings(paths[0], in_current_folder=not _one_file(items, paths))
    docs = settings.docs
    if content is not None:
        docs = Docs(content, content.rstrip("/"), settings.directory_urls)
    try:
        document, problems = check_files(
            paths, max_age_months=max_age_months, tables=settings.tables, docs=docs
        )
        if document is not None and docs is not None:
            problems += content_problems(document, settings.tables, docs.folder, docs.display)
    except OSError as error:
        reason = error.strerror or str(error)
        where = error.filename or paths[0]
        _report(problem(Position(where, 0, 0), "FL001", reason=reason), language)
        return None, EXIT_USAGE
    sys.stderr.write(format_report(label(items, paths, language), problems, language))
    if document is None:
        return None, EXIT_PROBLEMS
    return document, EXIT_OK


def label(items: Sequence[str], paths: Sequence[str], language: str) -> str:
    """What the summary and tally lines call the files checked: 'flows.yaml', 'alur/ (3 files)'
    or '5 files'."""
    if len(items) > 1:
        return words(language, "files", n=len(paths))
    if _one_file(items, paths):
        return items[0]
    return f"{items[0]} ({words(language, 'files', n=len(paths))})"


def _one_file(items: Sequence[str], paths: Sequence[str]) -> bool:
    """Whether the command names one flows file, rather than several, a folder or a pattern."""
    return len(items) == 1 and list(paths) == list(items)


@dataclass(frozen=True)
class SiteSettings:
    """What the site's mkdocs.yml says that checking needs."""

    tables: Tables
    docs_dir: str | None
    docs_display: str
    directory_urls: bool = True

    @property
    def docs(self) -> Docs | None:
        """The site's hand-written pages, for the checker; None without a site."""
        if self.docs_dir is None:
            return None
        return Docs(self.docs_dir, self.docs_display, self.directory_urls)


def site_settings(flows_path: str, *, in_current_folder: bool = False) -> SiteSettings:
    """The interface words and the docs folder of the site a flows file belongs to.

    The site's mkdocs.yml is the one beside the file; with `in_current_folder` (for several
    files, a folder or a pattern: `check alur/`, whose first file is alur/a.yaml), else the one
    in the current folder. Without one (or when it cannot be read) the packaged words and no
    docs folder are used.
    """
    folder = os.path.dirname(os.path.abspath(flows_path))
    if in_current_folder and not os.path.isfile(os.path.join(folder, "mkdocs.yml")):
        folder = os.getcwd()
    config = _read_config(os.path.join(folder, "mkdocs.yml"))
    options: dict = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("flows"), dict):
            options = plugin["flows"]
    strings = options.get("strings")
    tables = load_tables(os.path.join(folder, strings) if isinstance(strings, str) else None)
    if not config:
        return SiteSettings(tables, None, "")
    docs = config.get("docs_dir", "docs")
    docs = docs if isinstance(docs, str) else "docs"
    directory_urls = config.get("use_directory_urls", True) is not False
    return SiteSettings(tables, os.path.join(folder, docs), docs.rstrip("/"), directory_urls)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, taking tags such as !!python/name: as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _read_config(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _check(args: argparse.Namespace) -> int:
    items = _items(args)
    language = _language(args, _first_file(items))
    if language is None:
        return EXIT_USAGE
    document, code = open_checked(items, language, args.max_age)
    if document is not None:
        paths, _ = flows_files(items)
        print(f"{label(items, paths, language)}: ok: {summary(document, language)}")
    return code


def _first_file(items: Sequence[str]) -> str | None:
    """The first flows file that `items` name, whose languages choose the messages' language."""
    paths, _ = flows_files(items[:1])
    return paths[0] if paths else None


def _explain(args: argparse.Namespace) -> int:
    language = _language(args, "flows.yaml")
    if language is None:
        return EXIT_USAGE
    code = args.code.strip().upper()
    try:
        text = explain(code, language)
    except KeyError:
        known = sorted(catalogue(language).entries)
        print(f"error: there is no message with the code '{args.code}'", file=sys.stderr)
        match = closest(code, known)
        hint = f"did you mean {match}?" if match else f"the codes are {known[0]} to {known[-1]}"
        print(f"  hint: {hint}", file=sys.stderr)
        return EXIT_USAGE
    _write(text)
    return EXIT_OK


def summary(document: Document, language: str = "en") -> str:
    """'1 flow, 2 questions, 4 outcomes, 4 paths': the size of a document in one line."""
    flows = document.flows.values()
    questions = sum(len(flow.questions) for flow in flows)
    outcomes = sum(len(flow.outcomes) for flow in flows)
    paths = sum(total_paths(flow) for flow in flows)
    return ", ".join(
        (
            words(language, "flows", n=len(document.flows)),
            words(language, "questions", n=questions),
            words(language, "outcomes", n=outcomes),
            words(language, "paths", n=paths),
        )
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _schema(args: argparse.Namespace) -> int:
    _write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    items = _items(args)
    language = _language(args, _first_file(items))
    if language is None:
        return EXIT_USAGE
    if args.templates is not None and not os.path.isdir(args.templates):
        _report(problem(Position(args.templates, 0, 0), "FL003"), language)
        return EXIT_USAGE
    document, code = open_checked(items, language, content=args.content)
    if document is None:
        return code
    # Imported here: the renderer's libraries would slow down every 'check'.
    from generator.engines.export import ContentProblems, export_site

    paths, _ = flows_files(items)
    settings = site_settings(paths[0], in_current_folder=not _one_file(items, paths))
    content = args.content if args.content is not None else settings.docs_dir
    if args.content is not None and not os.path.isdir(args.content):
        print(f"{args.content}: error: no such folder of pages", file=sys.stderr)
        return EXIT_USAGE
    words = {language: settings.tables[language] for language in document.languages}
    try:
        sites = export_site(
            document, args.directory, words=words, content_dir=content, templates=args.templates
        )
    except ContentProblems as error:
        # A hand-written page asks for a list the plan cannot make: the editor's to fix.
        sys.stderr.write(format_report(label(items, paths, language), error.problems, language))
        return EXIT_PROBLEMS
    except OSError as error:
        where = error.filename or args.directory
        reason = error.strerror or str(error)
        _report(problem(Position(where, 0, 0), "FL004", reason=reason), language)
        return EXIT_USAGE
    pages = sum(1 for site in sites for _ in site.docs_dir.rglob("*.md"))
    names = ", ".join(site.language for site in sites)
    print(f"{args.directory}: wrote {_plural(pages, 'page')} in {names}")
    return EXIT_OK


# -- build and serve: the site with either engine -----------------------------------------------

ENGINES = ("mkdocs", "zensical")


def _site_commands(commands: argparse._SubParsersAction) -> None:
    for name, run, what in (
        ("build", _build, "build the site into site_dir"),
        ("serve", _serve, "serve the site and rebuild it when a file changes"),
    ):
        command = commands.add_parser(
            name,
            help=f"{what} (MkDocs, or Zensical with --engine zensical)",
            description=f"{what[0].upper()}{what[1:]}, with MkDocs (the default) or with "
            "Zensical. Zensical builds the flows exported as plain pages, one language at a time.",
        )
        command.add_argument("--engine", choices=ENGINES, default="mkdocs", help="default: mkdocs")
        _lang_option(command)
        command.add_argument(
            "-f", "--config-file", default="mkdocs.yml", help="the site's settings (mkdocs.yml)"
        )
        if name == "build":
            command.add_argument("-d", "--site-dir", metavar="DIR", help="default: site_dir")
            command.add_argument(
                "--strict", action="store_true", help="fail on the engine's warnings too"
            )
        else:
            command.add_argument(
                "-a",
                "--dev-addr",
                default="127.0.0.1:8000",
                metavar="IP:PORT",
                help="default: 127.0.0.1:8000",
            )
        command.set_defaults(run=run)


def _mkdocs(command: str, args: argparse.Namespace, *options: str) -> int:
    # MkDocs with our plugin stays the reference engine: run it exactly as an editor would.
    argv = [sys.executable, "-m", "mkdocs", command, "--config-file", args.config_file]
    return subprocess.run([*argv, *options], check=False).returncode


def _zensical_project(args: argparse.Namespace) -> Project | None:
    """The site's settings for Zensical, or None (the problem printed) when they are unusable."""
    from generator.engines import zensical

    try:
        return zensical.read_project(args.config_file)
    except zensical.ProjectError as error:
        print(error, file=sys.stderr)
        return None


def _build(args: argparse.Namespace) -> int:
    if args.engine == "mkdocs":
        site_dir = ("--site-dir", args.site_dir) if args.site_dir else ()
        return _mkdocs("build", args, *site_dir, *(("--strict",) if args.strict else ()))
    from generator.engines import zensical

    project = _zensical_project(args)
    if project is None:
        return EXIT_USAGE
    flows_file = os.path.relpath(project.flows_file)
    language = _language(args, flows_file)
    if language is None:
        return EXIT_USAGE
    content = os.path.relpath(project.content_dir)
    document, code = open_checked(flows_file, language, content=content)
    if document is None:
        return code  # before anything is written: the last good site stays in place
    site_dir = Path(args.site_dir) if args.site_dir else project.site_dir
    started = time.perf_counter()
    try:
        languages = zensical.build_site(
            project,
            document,
            site_dir.resolve(),
            work_dir=project.root / "build" / "zensical",
            strict=args.strict,
        )
    except zensical.EngineError as error:
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS
    took = time.perf_counter() - started
    shown = args.site_dir or os.path.relpath(site_dir)
    print(
        f"{shown}: built {_plural(len(languages), 'language')} "
        f"({', '.join(languages)}) with Zensical in {took:.2f} s"
    )
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    if args.engine == "mkdocs":
        return _mkdocs("serve", args, "--dev-addr", args.dev_addr)
    import logging
    import tempfile

    from generator.engines import zensical

    project = _zensical_project(args)
    if project is None:
        return EXIT_USAGE
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    with tempfile.TemporaryDirectory(prefix="flows-serve-") as folder:
        try:
            zensical.serve(
                project,
                dev_addr=args.dev_addr,
                work_dir=project.root / "build" / "zensical-serve",
                site_dir=Path(folder) / "site",
            )
        except KeyboardInterrupt:
            pass
        except OSError as error:
            print(
                f"{args.dev_addr}: error: cannot serve: {error.strerror or error}", file=sys.stderr
            )
            return EXIT_USAGE
    return EXIT_OK


def _write(text: str) -> None:
    """Write to stdout; a reader that stops early (`| head`) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when flushing at exit: point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# -- paths: the review table ------------------------------------------------------------------

PATHS_HEADER = ("#", "Answers", "Outcome", "Title")


def _paths(args: argparse.Namespace) -> int:
    items = _items(args)
    language = _language(args, _first_file(items))
    if language is None:
        return EXIT_USAGE
    document, code = open_checked(items, language)
    if document is None:
        return code
    flows = list(document.flows.values())
    if args.flow is not None:
        if args.flow not in document.flows:
            match = closest(args.flow, document.flows)
            found = problem(
                Position(document.path if len(items) > 1 else items[0], 0, 0),
                "FL002",
                hint="close" if match else "list",
                flow=args.flow,
                match=match or "",
                flows=", ".join(document.flows),
            )
            _report(found, language)
            return EXIT_USAGE
        flows = [document.flows[args.flow]]
    texts = args.lang or document.language
    if texts not in document.languages:
        print(f"{items[0]}: error: the file has no language '{texts}'", file=sys.stderr)
        print(f"  hint: its languages are {', '.join(document.languages)}", file=sys.stderr)
        return EXIT_USAGE
    tables = [(flow, flow.title.get(texts), path_rows(flow, texts)) for flow in flows]
    render = {"text": _paths_text, "md": _paths_markdown, "csv": _paths_csv}[args.format]
    _write(render(tables))
    return EXIT_OK


def path_rows(flow: Flow, language: str) -> list[tuple[str, list[str], str, str]]:
    """One row per path, in `iter_paths` order: number, answer labels, outcome id and title."""
    rows = []
    for number, (outcome_id, path) in enumerate(iter_paths(flow), start=1):
        answers = [_one_line(option.label.get(language)) for _, option in path]
        title = _one_line(flow.outcomes[outcome_id].title.get(language))
        rows.append((str(number), answers, outcome_id, title))
    return rows


Table = list[tuple[Flow, str, list[tuple[str, list[str], str, str]]]]
ARROW = " → "


def _paths_text(tables: Table) -> str:
    out: list[str] = []
    for flow, title, rows in tables:
        if out:
            out.append("")
        out.append(f"{flow.id}: {_one_line(title)} ({_plural(len(rows), 'path')})")
        out.append("")
        cells = [PATHS_HEADER] + [
            (number, ARROW.join(answers) or "(no questions)", outcome, title)
            for number, answers, outcome, title in rows
        ]
        widths = [max(_width(row[i]) for row in cells) for i in range(len(PATHS_HEADER))]
        for row in cells:
            # The number is right-aligned, the rest left-aligned; no trailing spaces.
            padded = [" " * (widths[0] - _width(row[0])) + row[0]]
            padded += [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row) if i]
            out.append("  ".join(padded).rstrip())
    return "\n".join(out) + "\n"


def _paths_markdown(tables: Table) -> str:
    out: list[str] = []
    for flow, flow_title, rows in tables:
        if out:
            out.append("")
        out.append(f"## {_md_cell(flow_title)} (`{flow.id}`)")
        out.append("")
        out.append("| " + " | ".join(PATHS_HEADER) + " |")
        out.append("| --: | --- | --- | --- |")
        for number, answers, outcome, title in rows:
            shown = ARROW.join(_md_cell(answer) for answer in answers) or "(no questions)"
            out.append(f"| {number} | {shown} | `{outcome}` | {_md_cell(title)} |")
    return "\n".join(out) + "\n"


def _paths_csv(tables: Table) -> str:
    # One column per answer, so a spreadsheet can sort and filter by any step.
    depth = max((len(answers) for _, _, rows in tables for _, answers, _, _ in rows), default=0)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["flow", "path", "outcome", "title", *(f"answer {i}" for i in range(1, depth + 1))]
    )
    for flow, _, rows in tables:
        for number, answers, outcome, title in rows:
            writer.writerow(
                [flow.id, number, outcome, title, *answers, *[""] * (depth - len(answers))]
            )
    return buffer.getvalue()


# -- keywords: what feeds search ---------------------------------------------------------------

KEYWORDS_HEADER = ("Language", "Flow", "Guide", "Title", "Keywords")


def keyword_rows(document: Document) -> list[tuple[str, str, str, str, str]]:
    """Per language, a row for each flow (guide '-') and each of its guides, in file order."""
    rows = []
    for language in document.languages:
        for flow in document.flows.values():
            nodes = [("-", flow.title, flow.keywords)]
            nodes += [(o.id, o.title, o.keywords) for o in flow.outcomes.values()]
            for node_id, title, keywords in nodes:
                words = ", ".join(_one_line(k.get(language)) for k in keywords) or "(none)"
                rows.append((language, flow.id, node_id, _one_line(title.get(language)), words))
    return rows


def _keywords(args: argparse.Namespace) -> int:
    language = _language(args, args.file)
    if language is None:
        return EXIT_USAGE
    document, code = open_checked(args.file, language)
    if document is None:
        return code
    rows = keyword_rows(document)
    if args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([name.lower() for name in KEYWORDS_HEADER])
        writer.writerows(rows)
        _write(buffer.getvalue())
        return EXIT_OK
    cells = [KEYWORDS_HEADER, *rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(KEYWORDS_HEADER))]
    lines = [
        "  ".join(c + " " * (widths[i] - _width(c)) for i, c in enumerate(row)).rstrip()
        for row in cells
    ]
    _write("\n".join(lines) + "\n")
    return EXIT_OK


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _md_cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _width(text: str) -> int:
    """Columns the text takes in a terminal: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
