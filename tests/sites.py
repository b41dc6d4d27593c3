"""Sites the tests build and serve: a project folder (its mkdocs.yml, flows and pages) built with
either engine, in this process, and a local server for the built folder.

The browser tests' sites and the sites of the plugin's, the languages' and the export's tests are
all built here, so that every test sees a site built the same way as `make build` builds it.
"""

from __future__ import annotations

import http.server
import io
import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from helpers import Ran

from bench.server import serve


@dataclass(frozen=True)
class Served:
    """A built site and the address a local server serves it at."""

    root: Path
    url: str  # with a trailing slash, e.g. http://127.0.0.1:41234/


def build_site(
    project: Path,
    site_dir: Path | None = None,
    engine: str = "mkdocs",
    *,
    site_url: str | None = None,
    strict: bool = False,
    work_dir: Path | None = None,
) -> Path:
    """Build `project`'s site with `engine` into `site_dir` (default: the project's site_dir), as
    `python -m generator build [--strict]` does; returns the site's folder.

    `site_url` replaces mkdocs.yml's; Zensical's export goes to `work_dir` (default: beside the
    site). A failed build raises: MkDocs' Abort (its messages logged), Zensical's EngineError.
    """
    if engine == "mkdocs":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        options = {"site_url": site_url} if site_url is not None else {}
        if site_dir is not None:
            options["site_dir"] = str(site_dir)
        config = load_config(str(project / "mkdocs.yml"), strict=strict, **options)
        # The plugins' start and end of a command, around the build, as `mkdocs build` has them.
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return Path(config.site_dir)
    from generator.engines import pipeline, zensical
    from generator.site.project import read_project

    settings, problems = read_project(project / "mkdocs.yml")
    assert settings is not None, problems
    document, problems = pipeline.Pipeline(settings).check()
    assert document is not None, "\n".join(map(str, problems))
    site_dir = site_dir or settings.site_dir
    work_dir = work_dir or site_dir.with_name(f"{site_dir.name}-work")
    zensical.build_site(
        settings, document, site_dir, work_dir=work_dir, site_url=site_url, strict=strict
    )
    return site_dir


def run_mkdocs_build(project: Path, *, strict: bool = True) -> Ran:
    """`mkdocs build [--strict]` in `project` as a user runs it, but in this process: the exit code
    (1 when MkDocs aborts) and, as stderr, what MkDocs prints: a `LEVEL    -  message` per record.
    """
    from mkdocs.exceptions import Abort

    log, err = logging.getLogger("mkdocs"), io.StringIO()
    printed = logging.StreamHandler(err)
    printed.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    level = log.level
    log.setLevel(logging.INFO)  # as the command line sets it
    log.addHandler(printed)
    try:
        build_site(project, strict=strict)
        ran = Ran(0, "", "")
    except Abort as abort:  # a configuration error, a failed plugin, a warning in strict mode
        ran = Ran(1, f"\n{abort.format_message()}\n", "")
    finally:
        log.removeHandler(printed)
        log.setLevel(level)
    return ran._replace(stderr=err.getvalue())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@contextmanager
def served(root: Path) -> Iterator[str]:
    """Serve the folder `root` on a free local port while the block runs; yields the URL, with
    a trailing slash (http://127.0.0.1:41234/).

    The URL is known before anything is built: a site must be built with the very URL it is
    served from, because instant navigation only follows the links of sitemap.xml, by host.
    """
    with serve(root, _QuietHandler) as url:
        yield url


class ServedSites:
    """Sites built and served once per test process, whichever tests ask for them and in whatever
    order: `sites(project, engine)` builds the project's site the first time it is asked for, and
    serves it until the process ends.

    Tests run in parallel take their turns in any order, so a site must outlive a change of engine
    between two tests (a parametrized fixture would build it again each time).
    """

    def __init__(self, folder: Callable[[str], Path], stack: ExitStack) -> None:
        self._folder = folder  # a new empty folder, named after its argument
        self._stack = stack  # what ends with the process: the servers
        self._built: dict[tuple[Path, str, bool], Served] = {}

    def __call__(self, project: Path, engine: str = "mkdocs", *, strict: bool = False) -> Served:
        key = (project.resolve(), engine, strict)
        if key not in self._built:
            root = self._folder(f"{project.name}-{engine}")
            url = self._stack.enter_context(served(root))
            build_site(project, root, engine, site_url=url, strict=strict)
            self._built[key] = Served(root, url)
        return self._built[key]
