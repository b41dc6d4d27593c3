"""The command line for editors: `python -m generator check flows.yaml`, and friends.

Exit codes: 0 clean (warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from generator.format.check import (
    FLOWS_SUFFIXES,
    Docs,
    check_files,
    content_problems,
    flows_files,
)
from generator.format.explain import explain, message_code
from generator.format.loader import load_bytes
from generator.format.model import Document, Flow, Position, iter_paths, total_paths
from generator.format.problems import (
    Language,
    Phrase,
    Problem,
    catalogue_of,
    choose_messages,
    closest,
    code_of,
    file_languages,
    format_problem,
    format_report,
    languages,
    phrase,
    problem,
    render,
    sort_problems,
    words,
)
from generator.format.schema import json_schema
from generator.site.meta import site_problems
from generator.site.project import Project, pipeline_docs, project_for, read_project

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return args.run(args)


def run() -> None:
    """The `flows` console script: `main` with its exit code."""
    sys.exit(main())


def _program() -> str:
    """How the user called us, for usage lines: `flows` (the console script) or the module."""
    return "flows" if os.path.basename(sys.argv[0] or "") == "flows" else "python -m generator"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_program(),
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
        default="12",
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

    diff = commands.add_parser(
        "diff",
        help="compare two versions of the flows: what readers will see change, and old "
        "addresses that would lead nowhere",
        description="Compare two versions of a site's flows: every address readers could reach "
        "before must still lead to a page (or on through 'moved:'), else an error names it and "
        "the line to add; then, per language, what readers will see change. Give OLD and NEW "
        "(flows files or folders), or --since REV and the flows files as they are now.",
    )
    diff.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="OLD NEW: two flows files or folders; with --since, the flows files, folders or "
        "patterns of the site (default: flows.yaml)",
    )
    diff.add_argument(
        "--since",
        metavar="REV",
        help="compare the flows files as they were at this git revision, e.g. @{upstream} or "
        "origin/main, with the files as they are (nothing is written into the repository)",
    )
    diff.add_argument(
        "--format",
        choices=("text", "md", "json"),
        default="text",
        help="text (the default), md (a pull request's description) or json",
    )
    _lang_option(diff)
    diff.set_defaults(run=_diff)

    explain_ = commands.add_parser(
        "explain",
        help="explain a checker message by its code, with an example and the fix",
        description="Print the long explanation of a checker message, e.g. FL204.",
    )
    explain_.add_argument("code", metavar="CODE", help="the code on the message, e.g. FL204")
    _lang_option(explain_)
    explain_.set_defaults(run=_explain)

    format_ = commands.add_parser(
        "format",
        help="rewrite flows files in their one layout, keeping their comments",
        description="Rewrite flows files in one layout: indentation, quotes, the order of keys "
        "and the form of each text. What the files say, and their comments, stay as they are. "
        "A file that cannot be read is left as it is, and its problems are reported.",
    )
    _files_argument(format_)
    format_.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list the files that would change, and exit 1 if there are any",
    )
    _lang_option(format_)
    format_.set_defaults(run=_format)
    _site_commands(commands)

    new = commands.add_parser(
        "new",
        help="write a new site to start from, in the languages given",
        description="Write a new help centre into DIR (a new or empty folder): mkdocs.yml, a "
        "small flows file that shows every feature, home pages per language, a .gitignore and "
        "a README with the site's commands. It builds at once with `build --strict`.",
    )
    new.add_argument("directory", metavar="DIR", help="a new or empty folder")
    new.add_argument(
        "--languages",
        default="en",
        metavar="LANGS",
        help="the site's languages, the first at the site's root, e.g. id,en (default: en)",
    )
    new.add_argument("--engine", choices=ENGINES, default="mkdocs", help="default: mkdocs")
    _lang_option(new)
    new.set_defaults(run=_new)
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
        metavar="LANG",
        help=f"the language of messages: {', '.join(languages())} or one the site adds with the "
        "'messages' option; any other is shown in English, with a note that says so (default: "
        "FLOWS_LANG, the locale, then the file's first language, then en)",
    )


def _language(
    args: argparse.Namespace,
    path: str | None,
    project: Project | None = None,
    *,
    names_texts: bool = False,
) -> Language:
    """The editor's language for this run: ours, or the `project`'s own catalogue of it. A
    language asked for that has no catalogue prints one notice and gives English.

    With `names_texts` (`paths --lang`), the option names the language of the texts, which may
    have no messages: then the messages are chosen as if it were not given.
    """
    site = project.catalogues()[0] if project is not None else {}
    option = args.lang
    if names_texts and option not in {*languages(), *site}:
        option = None
    language, notice = choose_messages(
        option, os.environ, lambda: file_languages(path) if path is not None else (), site
    )
    if notice is not None:
        print(notice, file=sys.stderr)
    return language


def _project_of(items: Sequence[str]) -> Project | None:
    """The site that the files `items` name belong to, for its catalogues of messages; None
    when its mkdocs.yml cannot be used (`site_project` reports why)."""
    paths, _ = flows_files(items)
    project, _ = project_for(paths or items, in_current_folder=not _one_file(items, paths))
    return project


def _report(item: Problem, language: Language) -> None:
    print(format_problem(item, language), file=sys.stderr)


def _months(value: str, language: Language) -> int | None:
    """The months of `--max-age`; None (reported) when `value` is not a whole number above 0."""
    if not value.isdigit() or int(value) < 1:
        _usage_error(language, phrase("bad-max-age", value=value))
        return None
    return int(value)


def open_checked(
    items: str | Sequence[str],
    language: Language,
    max_age_months: int = 12,
    *,
    content: str | None = None,
    project: Project | None = None,
) -> tuple[Document | None, int]:
    """Check the flows files `items` name, print their problems in `language`; returns the
    model (if clean) and the exit code.

    The site they belong to (`project`, else `site_project`) adds its own interface words, its
    pages and its catalogues of messages, which are checked too; `content` names another folder
    of hand-written pages (`export --content`).
    """
    items = [items] if isinstance(items, str) else list(items)
    paths, missing = flows_files(items)
    if missing:
        for item in missing:
            _report(item, language)
        return None, EXIT_USAGE
    project = project or site_project(items, paths, language)
    if project is None:
        return None, EXIT_PROBLEMS
    docs = pipeline_docs(project)
    if content is not None:
        docs = Docs(content, content.rstrip("/"), project.directory_urls)
    tables = project.tables()
    try:
        document, problems = check_files(
            paths, max_age_months=max_age_months, tables=tables, docs=docs
        )
        if document is not None and docs is not None:
            problems += content_problems(document, tables, docs.folder, docs.display)
        if document is not None and project.exists:
            shown = os.path.relpath(project.config_file)
            problems += site_problems(document.languages, project.site_url, shown)
        unusable = project.catalogues()[1]
        if unusable:
            problems += unusable
            document = None
    except OSError as error:
        reason = error.strerror or str(error)
        where = error.filename or paths[0]
        _report(problem(Position(where, 0, 0), "FL001", reason=reason), language)
        return None, EXIT_USAGE
    sys.stderr.write(format_report(label(items, paths, language), problems, language))
    if document is None:
        return None, EXIT_PROBLEMS
    return document, EXIT_OK


def site_project(items: Sequence[str], paths: Sequence[str], language: Language) -> Project | None:
    """The site that the flows files named on the command line belong to (see
    `generator.site.project.project_for`); None, its problems printed, when its mkdocs.yml
    cannot be used."""
    project, problems = project_for(paths or items, in_current_folder=not _one_file(items, paths))
    if project is None:
        sys.stderr.write(format_report(problems[0].pos.file, problems, language))
    return project


def label(items: Sequence[str], paths: Sequence[str], language: Language) -> str:
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


def _check(args: argparse.Namespace) -> int:
    items = _items(args)
    project = _project_of(items)
    language = _language(args, _first_file(items), project)
    months = _months(args.max_age, language)
    if months is None:
        return EXIT_USAGE
    document, code = open_checked(items, language, months, project=project)
    if document is not None:
        paths, _ = flows_files(items)
        files = label(items, paths, language)
        print(words(language, "checked-ok", files=files, summary=summary(document, language)))
    return code


def _first_file(items: Sequence[str]) -> str | None:
    """The first flows file that `items` name, whose languages choose the messages' language."""
    paths, _ = flows_files(items[:1])
    return paths[0] if paths else None


def _explain(args: argparse.Namespace) -> int:
    language = _language(args, "flows.yaml", _project_of(["flows.yaml"]))
    code = message_code(args.code)
    try:
        text = explain(code, language)
    except KeyError:
        known = sorted(catalogue_of(language).entries)
        match = closest(code, known)
        hint = (
            phrase("explain-close", match=match)
            if match
            else phrase("explain-range", first=known[0], last=known[-1])
        )
        _usage_error(language, phrase("explain-unknown", code=args.code), hint)
        return EXIT_USAGE
    _write(text)
    return EXIT_OK


def _usage_error(
    language: Language, message: Phrase, hint: Phrase | None = None, where: str | None = None
) -> None:
    """`WHERE: error: …` and its `  hint: …` line, for a mistake on the command line itself.

    The words `error` and `hint` as problem lines have them, for the editors' problem matchers.
    """
    prefix = f"{where}: " if where is not None else ""
    print(f"{prefix}error: {render(message, language)}", file=sys.stderr)
    if hint is not None:
        print(f"  {words(language, 'hint')}: {render(hint, language)}", file=sys.stderr)


def summary(document: Document, language: Language = "en") -> str:
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


def _schema(args: argparse.Namespace) -> int:
    _write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    items = _items(args)
    project = _project_of(items)
    language = _language(args, _first_file(items), project)
    if args.templates is not None and not os.path.isdir(args.templates):
        _report(problem(Position(args.templates, 0, 0), "FL003"), language)
        return EXIT_USAGE
    document, code = open_checked(items, language, content=args.content, project=project)
    if document is None or project is None:
        return code
    # Imported here: the renderer's libraries would slow down every 'check'.
    from generator.engines.export import ContentProblems, export_site

    paths, _ = flows_files(items)
    content = args.content if args.content is not None else project.docs_dir
    if args.content is not None and not os.path.isdir(args.content):
        _usage_error(language, phrase("no-pages-folder"), where=args.content)
        return EXIT_USAGE
    tables = project.tables()
    site_words = {language: tables[language] for language in document.languages}
    try:
        sites = export_site(
            document,
            args.directory,
            words=site_words,
            content_dir=content,
            templates=args.templates,
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
    pages_written = phrase("pages", n=pages)
    print(words(language, "exported", folder=args.directory, pages=pages_written, languages=names))
    return EXIT_OK


# -- format: one layout for every flows file --------------------------------------------------


def _format(args: argparse.Namespace) -> int:
    items = _items(args)
    language = _language(args, _first_file(items), _project_of(items))
    paths, missing = flows_files(items)
    for item in missing:
        _report(item, language)
    if missing:
        return EXIT_USAGE
    changed, unchanged, failed = [], [], False
    for path in paths:
        outcome = _format_file(path, language, write=not args.check)
        failed |= outcome is None
        if outcome is not None:
            (changed if outcome else unchanged).append(path)
    done = "would-format" if args.check else "formatted"
    for path in changed:
        print(words(language, done, file=path))
    if changed or unchanged:
        print(
            words(
                language,
                f"{done}-summary",
                changed=phrase("files", n=len(changed)),
                unchanged=phrase("files", n=len(unchanged)),
            )
        )
    return EXIT_PROBLEMS if failed or (args.check and changed) else EXIT_OK


def _format_file(path: str, language: Language, *, write: bool) -> bool | None:
    """Lay out one flows file; whether it changed (or would), None when it cannot be laid out
    (its problems printed, the file left as it was)."""
    from generator.format.layout import LayoutError, formatted

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        _report(
            problem(Position(path, 0, 0), "FL001", reason=error.strerror or str(error)), language
        )
        return None
    document, problems = load_bytes(data, path)
    if document is None:
        # The checker's own words for what stops the file being read.
        sys.stderr.write(format_report(path, sort_problems(problems), language))
        return None
    text = data.decode("utf-8-sig")
    try:
        result = formatted(text)
    except LayoutError as error:
        # What ruamel.yaml cannot read is most often a mistake the checker names better, such
        # as a key written twice (FL404).
        _, problems = check_files([path], [path])
        if error.kind != "read" or not any(found.is_error for found in problems):
            where = Position(path, error.line, error.column)
            problems = [problem(where, "FL026", hint=error.kind, reason=error.reason)]
        sys.stderr.write(format_report(path, problems, language))
        return None
    if result == text:
        return False
    if write:
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        # Written beside it and then moved over it: an interrupted run leaves the file whole.
        replacement = f"{path}.format-tmp"
        try:
            with open(replacement, "w", encoding="utf-8", newline="") as handle:
                handle.write(bom + result)
            shutil.copymode(path, replacement)
            os.replace(replacement, path)
        except OSError as error:
            if os.path.exists(replacement):
                os.remove(replacement)
            reason = error.strerror or str(error)
            _usage_error(language, phrase("cannot-write", reason=reason), where=path)
            return None
    return True


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


# The module each engine needs, and how a site installs it.
ENGINE_PACKAGES = {
    "mkdocs": ("material", "pip install flows-generator"),
    "zensical": ("zensical", "pip install 'flows-generator[zensical]'"),
}


def _engine_project(args: argparse.Namespace) -> tuple[Project | None, Language, int]:
    """The site's settings, the editor's language and an exit code for `build` and `serve`:
    a project of None means its problems (or the missing engine) are printed."""
    project, problems = read_project(args.config_file)
    if project is None:
        language = _language(args, None)
        sys.stderr.write(format_report(args.config_file, problems, language))
        opened = all(item.hint == "open" for item in problems)
        return None, language, EXIT_USAGE if opened else EXIT_PROBLEMS
    paths, _ = project.flows_files()
    language = _language(args, str(project.root / paths[0]) if paths else None, project)
    module, command = ENGINE_PACKAGES[args.engine]
    if importlib.util.find_spec(module) is None:
        where = Position(args.config_file, 0, 0)
        _report(problem(where, "FL019", engine=args.engine, command=command), language)
        return None, language, EXIT_USAGE
    return project, language, EXIT_OK


def _mkdocs(command: str, args: argparse.Namespace, language: Language, *options: str) -> int:
    """MkDocs with our plugin, run exactly as an editor would run it: its own process, stopped
    with this one (SIGTERM and Ctrl-C reach it as Ctrl-C, so it cleans up after itself).

    It tells problems in `language`, the one this command chose (and said so if it fell back).
    """
    argv = [sys.executable, "-m", "mkdocs", command, "--config-file", args.config_file]
    environ = {**os.environ, "FLOWS_LANG": code_of(language)}
    child = subprocess.Popen([*argv, *options], env=environ)

    def stop(signum: int, frame: object) -> None:
        child.send_signal(signal.SIGINT)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:
                continue  # the child got Ctrl-C too, and is shutting down: wait for it
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child.poll() is None:
            child.kill()
            child.wait()


def _build(args: argparse.Namespace) -> int:
    project, language, code = _engine_project(args)
    if project is None:
        return code
    if args.engine == "mkdocs":
        site_dir = ("--site-dir", args.site_dir) if args.site_dir else ()
        strict = ("--strict",) if args.strict else ()
        return _mkdocs("build", args, language, *site_dir, *strict)
    from generator.engines import pipeline, zensical

    steps = pipeline.Pipeline(project, language)
    document, problems = steps.check()
    paths, _ = project.flows_files()
    shown = label(list(project.flows), paths, language)
    sys.stderr.write(format_report(shown, problems, language))
    if document is None:
        return EXIT_PROBLEMS  # before anything is written: the last good site stays in place
    for item in steps.notices(document):
        _report(item, language)
    site_dir = Path(args.site_dir) if args.site_dir else project.site_dir
    assert site_dir is not None
    started = time.perf_counter()
    try:
        languages = zensical.build_site(project, document, site_dir.resolve(), strict=args.strict)
    except pipeline.EngineError as error:
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS
    took = f"{time.perf_counter() - started:.2f}".replace(".", words(language, "decimal-point"))
    shown = args.site_dir or os.path.relpath(site_dir)
    count = phrase("language-count", n=len(languages))
    names = ", ".join(languages)
    print(words(language, "built", folder=shown, languages=count, names=names, seconds=took))
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    project, language, code = _engine_project(args)
    if project is None:
        return code
    if args.engine == "mkdocs":
        return _mkdocs("serve", args, language, "--dev-addr", args.dev_addr)
    import logging
    import tempfile

    from generator.engines import zensical

    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # so the server, a running build and the temporary files end

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with tempfile.TemporaryDirectory(prefix="flows-serve-") as folder:
            zensical.serve(
                project,
                messages=language,
                dev_addr=args.dev_addr,
                work_dir=Path(folder) / "work",
                site_dir=Path(folder) / "site",
            )
    except KeyboardInterrupt:
        pass
    except OSError as error:
        reason = error.strerror or str(error)
        _usage_error(language, phrase("cannot-serve", reason=reason), where=args.dev_addr)
        return EXIT_USAGE
    finally:
        signal.signal(signal.SIGTERM, previous)
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from generator.starter import new_site

    language = _language(args, None)
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    written, problems = new_site(args.directory, languages, engine=args.engine)
    if not written:
        for item in problems:
            _report(item, language)
        return EXIT_USAGE
    files = words(language, "files", n=len(written))
    print(
        words(
            language,
            "new-written",
            folder=args.directory,
            languages=", ".join(languages),
            files=files,
        )
    )
    sys.stdout.flush()
    for item in problems:  # notices: languages the site search cannot stem
        _report(item, language)
    command = "flows serve" + ("" if args.engine == "mkdocs" else f" --engine {args.engine}")
    print(words(language, "new-next", folder=args.directory, command=command))
    return EXIT_OK


def _write(text: str) -> None:
    """Write to stdout; a reader that stops early (`| head`) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when flushing at exit: point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# -- diff: what readers will see change ---------------------------------------------------------


def _diff(args: argparse.Namespace) -> int:
    new_items = args.files[1:] if args.since is None else _items(args)
    language = _language(args, _first_file(new_items), _project_of(new_items or ["flows.yaml"]))
    if args.since is None and len(args.files) != 2:
        _usage_error(language, phrase("diff-usage"), where=f"{_program()} diff")
        return EXIT_USAGE
    # Imported here: `check` needs none of the site's diff.
    from generator.format.check import check_sources
    from generator.format.revision import RevisionProblem, files_at
    from generator.site.diff import diff_sites
    from generator.site.diff_report import report

    sides = [args.files[:1], new_items] if args.since is None else [new_items]
    found: list[list[str]] = []
    for items in sides:
        paths, problems = _diff_files(items)
        if problems:
            for item in problems:
                _report(item, language)
            return EXIT_USAGE
        found.append(paths)
    project = site_project(new_items, found[-1], language)
    if project is None:
        return EXIT_PROBLEMS
    tables = project.tables()
    sources: list[tuple[str, bytes]] = []
    try:
        if args.since is None:
            old, old_problems = check_files(found[0], tables=tables)
            old_name = label(args.files[:1], found[0], language)
        else:
            sources = files_at(args.since, new_items)
            old, old_problems = check_sources(sources, tables=tables)
            old_name = f"{args.since}:{label(new_items, found[-1], language)}"
        new, new_problems = check_files(found[-1], tables=tables)
    except RevisionProblem as error:
        _report(error.problem, language)
        return EXIT_USAGE
    except OSError as error:
        where = error.filename or found[-1][0]
        reason = error.strerror or str(error)
        _report(problem(Position(where, 0, 0), "FL001", reason=reason), language)
        return EXIT_USAGE
    if args.since is not None and not sources and new is not None:
        # None of the files was there then: the site starts now, and nothing can break.
        old, old_problems = Document(old_name, new.version, new.languages), []
    new_name = label(new_items, found[-1], language)
    for document, problems, side, name in (
        (old, old_problems, "old", old_name),
        (new, new_problems, "new", new_name),
    ):
        if document is None:
            sys.stderr.write(format_report(name, problems, language))
            where = Position(name, 0, 0)
            what = phrase(f"diff-{side}", name=name)
            _report(problem(where, "FL035", hint=side, side=what), language)
            return EXIT_PROBLEMS
    assert old is not None and new is not None
    # Both versions checked clean, so every language of each has its interface words.
    words = {lang: tables[lang] for lang in {*old.languages, *new.languages}}
    compared = diff_sites(old, new, words, directory_urls=project.directory_urls)
    sys.stderr.write(format_report(new_name, compared.problems, language))
    _write(report(compared, language, (old_name, new_name), args.format))
    return EXIT_PROBLEMS if any(item.is_error for item in compared.problems) else EXIT_OK


def _diff_files(items: Sequence[str]) -> tuple[list[str], list[Problem]]:
    """The flows files `items` name (see `flows_files`); a file that is not YAML is FL034."""
    paths, problems = flows_files(items)
    for path in paths:
        if not path.endswith(FLOWS_SUFFIXES):
            problems.append(problem(Position(path, 0, 0), "FL034", name=path))
    return paths, problems


# -- paths: the review table ------------------------------------------------------------------

PATHS_COLUMNS = ("column-number", "column-answers", "column-outcome", "column-title")


def _paths(args: argparse.Namespace) -> int:
    items = _items(args)
    project = _project_of(items)
    language = _language(args, _first_file(items), project, names_texts=True)
    document, code = open_checked(items, language, project=project)
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
        known = phrase("text-languages", languages=", ".join(document.languages))
        _usage_error(language, phrase("no-text-language", language=texts), known, items[0])
        return EXIT_USAGE
    tables = [(flow, flow.title.get(texts), path_rows(flow, texts)) for flow in flows]
    write = {"text": _paths_text, "md": _paths_markdown, "csv": _paths_csv}[args.format]
    _write(write(tables, language))
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


def _paths_text(tables: Table, language: Language) -> str:
    out: list[str] = []
    header = tuple(words(language, column) for column in PATHS_COLUMNS)
    for flow, title, rows in tables:
        if out:
            out.append("")
        count = phrase("paths", n=len(rows))
        out.append(words(language, "paths-flow", flow=flow.id, title=_one_line(title), paths=count))
        out.append("")
        cells = [header] + [
            (number, ARROW.join(answers) or words(language, "no-questions"), outcome, title)
            for number, answers, outcome, title in rows
        ]
        # The number is right-aligned, the rest left-aligned.
        out += _aligned(cells, right=1)
    return "\n".join(out) + "\n"


def _paths_markdown(tables: Table, language: Language) -> str:
    out: list[str] = []
    header = [words(language, column) for column in PATHS_COLUMNS]
    for flow, flow_title, rows in tables:
        if out:
            out.append("")
        out.append(f"## {_md_cell(flow_title)} (`{flow.id}`)")
        out.append("")
        out.append("| " + " | ".join(_md_cell(cell) for cell in header) + " |")
        out.append("| --: | --- | --- | --- |")
        for number, answers, outcome, title in rows:
            shown = ARROW.join(_md_cell(answer) for answer in answers)
            shown = shown or _md_cell(words(language, "no-questions"))
            out.append(f"| {number} | {shown} | `{outcome}` | {_md_cell(title)} |")
    return "\n".join(out) + "\n"


def _paths_csv(tables: Table, language: Language) -> str:
    # One column per answer, so a spreadsheet can sort and filter by any step.
    depth = max((len(answers) for _, _, rows in tables for _, answers, _, _ in rows), default=0)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = ("column-flow", "column-path", "column-outcome", "column-title")
    answers = [words(language, "column-answer", n=i) for i in range(1, depth + 1)]
    writer.writerow([words(language, column).lower() for column in columns] + answers)
    for flow, _, rows in tables:
        for number, answers, outcome, title in rows:
            writer.writerow(
                [flow.id, number, outcome, title, *answers, *[""] * (depth - len(answers))]
            )
    return buffer.getvalue()


# -- keywords: what feeds search ---------------------------------------------------------------

KEYWORDS_COLUMNS = (
    "column-language",
    "column-flow",
    "column-guide",
    "column-title",
    "column-keywords",
)


def keyword_rows(document: Document, none: str = "(none)") -> list[tuple[str, str, str, str, str]]:
    """Per language, a row for each flow (guide '-') and each of its guides, in file order;
    `none` stands where there are no keywords."""
    rows = []
    for language in document.languages:
        for flow in document.flows.values():
            nodes = [("-", flow.title, flow.keywords)]
            nodes += [(o.id, o.title, o.keywords) for o in flow.outcomes.values()]
            for node_id, title, keywords in nodes:
                found = ", ".join(_one_line(k.get(language)) for k in keywords) or none
                rows.append((language, flow.id, node_id, _one_line(title.get(language)), found))
    return rows


def _keywords(args: argparse.Namespace) -> int:
    project = _project_of([args.file])
    language = _language(args, args.file, project)
    document, code = open_checked(args.file, language, project=project)
    if document is None:
        return code
    rows = keyword_rows(document, words(language, "no-keywords"))
    header = tuple(words(language, column) for column in KEYWORDS_COLUMNS)
    if args.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([name.lower() for name in header])
        writer.writerows(rows)
        _write(buffer.getvalue())
        return EXIT_OK
    _write("\n".join(_aligned([header, *rows])) + "\n")
    return EXIT_OK


def _aligned(rows: Sequence[Sequence[str]], right: int = 0) -> list[str]:
    """The rows as columns two spaces apart, the first `right` of them right-aligned, the rest
    left-aligned; no trailing spaces."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            " " * (widths[i] - _width(cell)) + cell
            if i < right
            else cell + " " * (widths[i] - _width(cell))
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _md_cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _width(text: str) -> int:
    """Columns the text takes in a terminal: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
