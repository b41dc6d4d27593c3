"""The Zensical engine: the site plan exported as plain files, then one Zensical build per language.

The only module that imports or runs Zensical. Zensical reads mkdocs.yml but skips MkDocs plugins
it does not know, our `flows` plugin among them; so the flows are exported first, and Zensical
builds a plain site from them with settings taken from mkdocs.yml.
"""

from __future__ import annotations

import functools
import http.server
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.engines import export, live, pipeline
from generator.engines.export import LanguageSite
from generator.engines.pipeline import EngineError
from generator.format.model import Document
from generator.format.problems import Language, Problem, code_of, format_problems, words
from generator.site.content import scan_content
from generator.site.plan import ASSETS_URL
from generator.site.project import Project, read_project

log = logging.getLogger("generator.engines.zensical")

# Material for MkDocs' look. Zensical's default, "modern", changes fonts, icons and spacing, so
# the same mkdocs.yml would give a site that no longer looks like the MkDocs one.
VARIANT = "classic"
# MkDocs plugins the adapter does itself: `flows` through the export, `search` is our Pagefind.
HANDLED_PLUGINS = ("flows", "search")
# Each language is its own Zensical project: config, docs and output side by side.
CONFIG_NAME = "zensical.yml"
# Material's search styles for our search box, which Zensical's stylesheet lacks. The templates
# are the export's (engines/theme/), the same files as on MkDocs.
SEARCH_STYLES = Path(__file__).parent / "zensical_search.css"
OUTPUT_NAME = "site"


def engine_settings(project: Project) -> dict[str, Any]:
    """mkdocs.yml's settings as Zensical should see them: without the plugins we do ourselves."""
    return project.engine_settings(HANDLED_PLUGINS)


def engine_config(project: Project, site: LanguageSite, *, site_url: str | None) -> dict[str, Any]:
    """The Zensical settings for one language: mkdocs.yml's, merged with the language's own."""
    config = _merge(engine_settings(project), site.config)
    theme = dict(config.get("theme") or {})
    theme.setdefault("variant", VARIANT)
    if theme.get("custom_dir") and not site.config.get("theme", {}).get("custom_dir"):
        # Relative to mkdocs.yml, which is not where the engine's config is written.
        theme["custom_dir"] = str((project.root / theme["custom_dir"]).resolve())
    config["theme"] = theme
    extensions = list(config.get("markdown_extensions") or [])
    if not any(_extension_name(item) in _HIGHLIGHT for item in extensions):
        # Zensical always adds SuperFences, which colours code with Pygments; MkDocs' plain
        # fenced_code does not, and Pygments' comment grey fails WCAG contrast on Material's
        # code background. Plain code blocks, as on the MkDocs site.
        extensions.append({"pymdownx.highlight": {"use_pygments": False}})
    config["markdown_extensions"] = extensions
    # The site's search is ours (generator/site/search.py) on both engines: Zensical's own is off.
    config["plugins"] = [*config.get("plugins", []), {"search": {"enabled": False}}]
    config["docs_dir"] = site.docs_dir.name
    config["site_dir"] = OUTPUT_NAME
    base = site_url if site_url is not None else config.get("site_url")
    if base:
        config["site_url"] = base.rstrip("/") + "/" + site.prefix
    return config


_HIGHLIGHT = ("pymdownx.highlight", "codehilite")


def _extension_name(item: Any) -> str:
    return item if isinstance(item, str) else next(iter(item), "") if isinstance(item, dict) else ""


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """`extra` over `base`: mappings merged key by key, the site's own assets kept before ours;
    any other value (nav, palette, alternates) is the language's."""
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = _merge(old, value)
        elif key in _JOINED and isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [item for item in value if item not in old]
        else:
            merged[key] = value
    return merged


_JOINED = ("extra_css", "extra_javascript")


def build_site(
    project: Project,
    document: Document,
    site_dir: Path,
    *,
    work_dir: Path | None = None,
    site_url: str | None = None,
    strict: bool = False,
    live_extra: Mapping[str, Any] | None = None,
) -> list[str]:
    """Export every language into `work_dir`, build each with Zensical, then swap into `site_dir`.

    The default language lands in `site_dir`, each other one in `site_dir/<lang>/`. `site_dir` is
    replaced only once every language has built and the search is indexed, so a failed build
    leaves the last site in place. `work_dir` (default: the project's) is removed after a
    successful build and kept after a failed one, to look into. Returns the languages built.
    Raises EngineError when Zensical fails, export.ContentProblems when a hand-written page asks
    for a list that cannot be made. `live_extra` (only while serving) is `extra.flows_live`,
    which puts the problems panel's script on every page (engines/live.py).
    """
    work_dir = work_dir if work_dir is not None else project.work_dir / "zensical"
    if work_dir.exists():
        shutil.rmtree(work_dir)  # pages removed from flows.yaml or content/ must not linger
    work_dir.mkdir(parents=True)
    site_url = site_url if site_url is not None else project.site_url
    tables = project.tables()
    words = {language: tables[language] for language in document.languages}
    sites = export.export_site(
        document,
        work_dir,
        words=words,
        palette=project.palette,
        content_dir=project.docs_dir,
        templates=str(project.templates) if project.templates is not None else None,
        site_url=site_url,
        directory_urls=project.directory_urls,
        site_name=project.site_name,
        site_names=project.site_names,
        feedback=project.feedback,
        share_image=project.share_image,
    )
    staging = pipeline.staging_dir(site_dir)
    content = scan_content(project.docs_dir, document.languages)
    for site in sites:
        hand_written = {page.src_uri for page in content.get(site.language, ())}
        generated = _generated_pages(site, hand_written)
        if project.directory_urls:
            for page in generated:
                _make_links_source_relative(site.docs_dir, page)
        config = _write_config(project, site, site_url=site_url, live_extra=live_extra)
        output = run_zensical(config, strict=strict)
        shutil.copytree(output, staging / site.prefix, dirs_exist_ok=True)
        # Zensical writes its search index even with its search off; no page asks for it.
        (staging / site.prefix / "search.json").unlink(missing_ok=True)
    pipeline.finish(staging, site_dir, [site.prefix for site in sites])
    shutil.rmtree(work_dir, ignore_errors=True)
    if not any(work_dir.parent.iterdir()):
        work_dir.parent.rmdir()
    return [site.language for site in sites]


def _generated_pages(site: LanguageSite, hand_written: set[str]) -> list[str]:
    """The pages of `site` that the export made: every page not copied from content/."""
    return [
        src_uri
        for src_uri in (path.relative_to(site.docs_dir).as_posix() for path in _pages(site))
        if src_uri not in hand_written
    ]


def _pages(site: LanguageSite) -> list[Path]:
    return sorted(site.docs_dir.rglob("*.md"))


# An address in an HTML attribute that Zensical rewrites (it leaves SVG's xlink:href alone): the
# path, then what follows it (query, fragment, or a scheme's colon).
_LINK = re.compile(r'(?<![\w:-])(href|src)="([^"#?:]*)([^"]*)"')


def _make_links_source_relative(docs_dir: Path, src_uri: str) -> None:
    """Turn the page's links from relative-to-its-address into relative-to-its-file.

    The renderer writes links in HTML relative to the page's address, as MkDocs leaves them;
    Zensical reads links in HTML as relative to the Markdown file, like Markdown links, and
    rewrites them. For `a/b.md`, served at `a/b/`, `../c/` must therefore become `c.md`.
    """
    if posixpath.basename(src_uri) == "index.md":
        return  # served from its own folder: both readings agree
    address = src_uri.removesuffix(".md")
    folder = posixpath.dirname(src_uri) or "."

    def source_relative(match: re.Match[str]) -> str:
        attribute, path, rest = match.groups()
        if not path or path.startswith("/") or rest.startswith(":"):
            return match[0]  # on the same page, from the site's root, or another site
        target = posixpath.normpath(posixpath.join(address, path))
        # A link to a page goes to its Markdown file, which Zensical also checks exists.
        for source in (f"{target}.md", posixpath.join(target, "index.md")):
            if path.endswith("/") and (docs_dir / source).is_file():
                return f'{attribute}="{posixpath.relpath(source, folder)}{rest}"'
        relative = posixpath.relpath(target, folder)
        if path.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return f'{attribute}="{relative}{rest}"'

    file = docs_dir / src_uri
    text = file.read_text(encoding="utf-8")
    file.write_bytes(_LINK.sub(source_relative, text).encode("utf-8"))


def _write_config(
    project: Project,
    site: LanguageSite,
    *,
    site_url: str | None,
    live_extra: Mapping[str, Any] | None = None,
) -> Path:
    config = engine_config(project, site, site_url=site_url)
    if live_extra is not None:
        config["extra"] = {**(config.get("extra") or {}), "flows_live": dict(live_extra)}
    own = (project.settings.get("theme") or {}).get("custom_dir")
    ours = site.config.get("theme", {}).get("custom_dir")
    if own and ours:
        # Zensical takes one folder of overrides: the site's own files laid over ours (which the
        # export wrote there), as MkDocs looks in the site's folder before ours.
        shutil.copytree(project.root / own, site.docs_dir.parent / ours, dirs_exist_ok=True)
    # Material's search styles, which Zensical's stylesheet lacks: for this site alone.
    styles = f"{ASSETS_URL}/zensical-search.css"
    (site.docs_dir / styles).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEARCH_STYLES, site.docs_dir / styles)
    config["extra_css"] = [*config.get("extra_css", []), styles]
    path = site.docs_dir.parent / CONFIG_NAME
    if path.exists():
        raise EngineError(f"{path}: error: two languages were exported into one folder")
    path.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    return path


def run_zensical(config_file: Path, *, strict: bool = False) -> Path:
    """Build one Zensical project; returns its output folder. Raises EngineError on failure.

    Zensical runs in its own process: it keeps its configuration in module state, and a panic in
    its native code must not take our process down.
    """
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file)]
    result = subprocess.run(
        [*command, *(["--strict"] if strict else [])],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    report = _without_traceback(result.stderr).removesuffix("No issues found").strip()
    if result.returncode != 0:
        raise EngineError(report or f"{config_file}: error: Zensical stopped the build")
    if report:
        log.warning(report)
    return config_file.parent / OUTPUT_NAME


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A Python warning as the interpreter prints it (Zensical 0.1 warns so of settings it does not
# know): where in Zensical's source it was raised, then that source line, indented.
_PYTHON_WARNING = re.compile(r"^\S.*:\d+: \w*Warning: (?P<message>.*)$")


def _without_traceback(text: str) -> str:
    """Zensical's report as an editor should see it: no colour codes, no Python traceback, and
    Python warnings as `warning: <message>`, without the place in Zensical's source."""
    lines: list[str] = []
    in_traceback = in_warning = False
    for line in _ANSI.sub("", text).splitlines():
        warning = _PYTHON_WARNING.match(line)
        if in_warning and line.startswith(" "):
            continue  # the source line that raised the warning
        in_warning = False
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
        elif in_traceback and not line.startswith(" "):
            # The exception line ends the traceback: keep its message, drop the class name.
            lines.append("error: " + line.split(": ", 1)[-1])
            in_traceback = False
        elif warning is not None and not in_traceback:
            lines.append("warning: " + warning["message"])
            in_warning = True
        elif not in_traceback:
            lines.append(line)
    return "\n".join(lines).strip()


# -- serve ------------------------------------------------------------------------------------


class _LiveFiles:
    """The problems panel's files (engines/live.py), kept in memory: the state changes with every
    save, while the site's folder is swapped whole by each build."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.files = {
            name: (data, _TYPES[name.rpartition(".")[2]]) for name, data in live.assets().items()
        }

    def put_state(self, data: bytes) -> None:
        with self.lock:
            self.files[live.STATE] = (data, _TYPES["json"])

    def get(self, name: str) -> tuple[bytes, str] | None:
        with self.lock:
            return self.files.get(name)


_TYPES = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, live_files: _LiveFiles, **kwargs: Any) -> None:
        self.live_files = live_files
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        folder = f"/{live.FOLDER}/"
        path = self.path.split("?", 1)[0]
        if not path.startswith(folder):
            super().do_GET()
            return
        found = self.live_files.get(path[len(folder) :])
        if found is None:
            self.send_error(404)
            return
        data, kind = found
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A reader who leaves mid-page (a reload, a closed tab) is no error of the editor's.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            log.warning(f"could not answer {client_address}: {sys.exc_info()[1]}")


def serve(
    project: Project,
    *,
    messages: Language | None = None,
    dev_addr: str,
    work_dir: Path,
    site_dir: Path,
    poll: float = 0.5,
    stop: threading.Event | None = None,
) -> None:
    """Build, serve `site_dir` on `dev_addr` and rebuild whenever a watched file changes.

    Like `mkdocs serve`, a broken save is logged and the pages of the last good version stay on
    screen; every open page also shows its problems, and reloads once a save builds again
    (engines/live.py). Problems are told in `messages` (default: as `mkdocs serve` chooses).
    Runs until `stop` is set (or the process is interrupted).
    """
    host, _, port = dev_addr.rpartition(":")
    site_dir.mkdir(parents=True, exist_ok=True)
    files = _LiveFiles()
    handler = functools.partial(_QuietHandler, directory=str(site_dir), live_files=files)
    server = _Server((host or "127.0.0.1", int(port)), handler)
    url = f"http://{dev_addr}/"
    session = _Session(project, files, site_dir=site_dir, work_dir=work_dir, site_url=url)
    session.messages = messages
    session.rebuild(None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    log.info(f"Serving on {url}")
    stop = stop or threading.Event()
    seen = _snapshot(session.project.watched())
    try:
        while not stop.wait(poll):
            now = _snapshot(session.project.watched())
            if now != seen:
                changed = {
                    name for name in now.keys() | seen.keys() if now.get(name) != seen.get(name)
                }
                seen = now
                log.info("Detected file changes: rebuilding")
                session.rebuild(changed)
    finally:
        server.shutdown()
        server.server_close()


class _Session:
    """What `serve` keeps between rebuilds: the settings, the last good flows, the build the
    pages on screen come from, and the problems every page shows."""

    def __init__(
        self, project: Project, files: _LiveFiles, *, site_dir: Path, work_dir: Path, site_url: str
    ) -> None:
        self.project = project
        self.files = files
        self.site_dir = site_dir
        self.work_dir = work_dir
        self.site_url = site_url
        self.messages: Language | None = None
        self.last_good: Document | None = None
        self.build = 0  # the build on screen: pages of another reload themselves
        self.built_from: Document | None = None  # the flows that build was made of

    def rebuild(self, changed: set[str] | None) -> None:
        """Check, build (unless only a flows file changed and it is broken: the pages on screen
        are the last good ones already) and tell every open page the problems."""
        if changed is not None and str(self.project.config_file) in changed:
            fresh, unusable = read_project(self.project.config_file)
            if fresh is None:
                # mkdocs.yml cannot be used: the last good settings and pages stay.
                language = self.messages or pipeline.messages_language(self.project)[0]
                log.error(format_problems(unusable, language))
                self._publish(unusable, language, self.built_from)
                return
            self.project = fresh
        project = self.project
        # The command that serves has said once if the messages fall back to English.
        language = self.messages or pipeline.messages_language(project)[0]
        steps = pipeline.Pipeline(project, language)
        document, problems = steps.check()
        if document is not None:
            steps.report(problems)
            self.last_good = document
            problems = []  # warnings are news in the terminal, not a broken save
        else:
            if problems:
                log.error(format_problems(problems, language))
            if self.last_good is None:
                self._publish(problems, language, None)
                return
            paths, _ = project.flows_files()
            shown = ", ".join(paths) or ", ".join(project.flows)
            log.warning(words(language, "last-good", file=shown))
            document = self.last_good
            flows = {str(project.root / path) for path in paths}
            if changed is not None and changed <= flows and self.built_from is document:
                self._publish(problems, language, document)
                return
        started = time.perf_counter()
        try:
            build_site(
                project,
                document,
                self.site_dir,
                work_dir=self.work_dir,
                site_url=self.site_url,
                live_extra=live.template_extra("/", self.build + 1),
            )
        except export.ContentProblems as error:
            log.error(format_problems(error.problems, language))
            self._publish([*problems, *error.problems], language, document)
            return
        except (EngineError, OSError) as error:
            log.error(str(error))
            self._publish(problems, language, document)
            return
        self.build += 1
        self.built_from = document
        log.info(f"Documentation built in {time.perf_counter() - started:.2f} seconds")
        self._publish(problems, language, document)

    def _publish(
        self, problems: list[Problem], language: Language, document: Document | None
    ) -> None:
        """Tell every open page the problems of the last save (none: no panel), and the build
        on screen."""
        links: dict[str, str] = {}
        if problems and document is not None:
            plan = pipeline.Pipeline(self.project, language).plan(document)
            links = live.explanations(plan, self.project.docs_dir, code_of(language), "/")
        current = live.state(problems, language, self.project.tables(), links, build=self.build)
        self.files.put_state(live.encode(current))


def _snapshot(paths: list[Path]) -> dict[str, float]:
    """Every file under `paths` with its modification time: a change in the dict is a change."""
    return {str(file): file.stat().st_mtime for file in _files(paths)}


def _files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from (file for file in sorted(path.rglob("*")) if file.is_file())
