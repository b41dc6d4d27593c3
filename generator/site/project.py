"""The project: a site's settings, read once from mkdocs.yml for every command and engine.

`check`, `paths`, `keywords`, `export`, the MkDocs plugin and the Zensical adapter all take a
`Project`, so the same mkdocs.yml means the same thing to each: `!ENV` and `!relative`, both forms
of `plugins:` (a list, or a mapping of names to options), every option of the `flows` plugin
(`file` as a file, a folder, a pattern or a list of them), `docs_dir`, `site_dir`, `site_url`.
A setting that cannot be used is a coded problem at its position, never a traceback.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.format.catalogues import load_catalogues
from generator.format.check import Docs, flows_files
from generator.format.model import Position
from generator.format.problems import Catalogue, Problem, closest, problem
from generator.render.feedback import TemplateError, check_template
from generator.site.words import Tables, load_tables

CONFIG_NAME = "mkdocs.yml"
PLUGIN = "flows"
# Where engines that build from exported files keep them; removed after a successful build.
WORK_DIR = ".flows-build"
# The flows plugin's options, with what each takes (for messages).
OPTIONS = ("file", "templates", "strings", "messages", "site_name", "feedback", "share_image")
# What link previews show everywhere: PNG, JPEG, WebP and GIF pictures.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")


@dataclass(frozen=True)
class Project:
    """A site as its mkdocs.yml describes it: the engine's settings and the `flows` plugin's."""

    config_file: Path  # absolute; may not exist (a flows file checked without a site)
    settings: Mapping[str, Any]  # mkdocs.yml as read: tags resolved, INHERIT merged
    plugins: tuple[tuple[str, Mapping[str, Any]], ...] = ()  # every plugin, with its options
    flows: tuple[str, ...] = ("flows.yaml",)  # the `file` option: files, folders, patterns
    templates: Path | None = None
    strings: Path | None = None  # the site's own tables of interface words
    messages: Path | None = None  # the site's own catalogues of checker messages
    site_names: Mapping[str, str] = field(default_factory=dict)  # per language but the first
    feedback: str | None = None  # the feedback links' URL template
    share_image: Path | None = None  # the picture of every page's link preview
    docs_dir: Path | None = None  # None: no site beside the flows (a bare `check`)
    site_dir: Path | None = None
    site_url: str | None = None
    directory_urls: bool = True

    @property
    def root(self) -> Path:
        """mkdocs.yml's folder: paths in mkdocs.yml and in messages are relative to it."""
        return self.config_file.parent

    @property
    def exists(self) -> bool:
        """Whether the project has a mkdocs.yml (a bare flows file has none)."""
        return self.config_file.is_file()

    @property
    def site_name(self) -> str:
        return str(self.settings.get("site_name") or "")

    @property
    def palette(self) -> Any:
        theme = self.settings.get("theme")
        return theme.get("palette") if isinstance(theme, Mapping) else None

    @property
    def work_dir(self) -> Path:
        """The one folder for intermediate build files, beside mkdocs.yml (git-ignored)."""
        return self.root / WORK_DIR

    def display(self, path: str | os.PathLike[str]) -> str:
        """A path as editors know it: relative to mkdocs.yml's folder, with '/'."""
        return Path(os.path.relpath(path, self.root)).as_posix()

    @property
    def docs_display(self) -> str:
        return self.display(self.docs_dir) if self.docs_dir is not None else ""

    def flows_files(self) -> tuple[list[str], list[Problem]]:
        """The flows files `file` names, relative to mkdocs.yml's folder, and FL001/FL010 for
        items that name none. Found again at each call, so `serve` sees files added."""
        return flows_files(list(self.flows), str(self.root), missing_hint="plugin")

    def tables(self) -> Tables:
        """The interface words of every language: ours, with the site's own laid over them."""
        return load_tables(self.strings)

    def catalogues(self) -> tuple[dict[str, Catalogue], list[Problem]]:
        """The site's own complete catalogues of messages (the `messages` option) by language,
        and what makes the others unusable (errors for `check` and builds). Read again at each
        call, so `serve` sees a catalogue edited."""
        if self.messages is None:
            return {}, []
        return load_catalogues(self.messages, self.display)

    def watched(self) -> list[Path]:
        """What a rebuild depends on: every flows file, each folder named and each pattern's
        folder (new files appear there), mkdocs.yml, hand-written pages, templates, words."""
        paths, _ = self.flows_files()
        watched = [self.root / path for path in paths]
        for item in self.flows:
            if set(item) & set("*?["):
                # The folder part before the first wildcard; the site's own folder is left out,
                # as watching it would watch everything.
                folder = os.path.dirname(re.split(r"[*?[]", item, maxsplit=1)[0])
                if folder and (self.root / folder).is_dir():
                    watched.append(self.root / folder)
            elif (self.root / item).is_dir():
                watched.append(self.root / item)
        watched.append(self.config_file)
        folders = (self.docs_dir, self.templates, self.strings, self.messages)
        watched += [p for p in folders if p is not None]
        return list(dict.fromkeys(watched))

    def engine_settings(self, handled: Sequence[str] = (PLUGIN,)) -> dict[str, Any]:
        """mkdocs.yml's settings without the plugins in `handled` (the ones we do ourselves)."""
        settings = {key: value for key, value in self.settings.items() if key != "plugins"}
        kept = [
            {name: dict(options)} if options else name
            for name, options in self.plugins
            if name not in handled
        ]
        if kept:
            settings["plugins"] = kept
        return settings

    def replace(self, **changes: Any) -> Project:
        """The same project with some settings changed (e.g. an engine's command-line flags)."""
        return dataclasses.replace(self, **changes)


def pipeline_docs(project: Project) -> Docs | None:
    """The project's hand-written pages, as the checker takes them (None without a site)."""
    if project.docs_dir is None:
        return None
    return Docs(project.docs_dir, project.docs_display, project.directory_urls)


def read_project(
    config_file: str | os.PathLike[str] = CONFIG_NAME, *, shown: str | None = None
) -> tuple[Project | None, list[Problem]]:
    """Read mkdocs.yml: the site's settings and the `flows` plugin's options.

    Returns the project, or None with the problems (coded, at their positions in mkdocs.yml)
    when it cannot be used. `shown` is the file's name in messages (default: relative to the
    current folder).
    """
    path = Path(config_file).resolve()
    shown = shown if shown is not None else os.path.relpath(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return None, [problem(Position(shown, 0, 0), "FL014", hint="open", reason=reason)]
    try:
        node = yaml.compose(text, Loader=_SettingsLoader)
        loader = _SettingsLoader("")
        loader.config_dir = str(path.parent)
        settings = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = Position(shown, mark.line + 1, mark.column + 1) if mark else Position(shown, 0, 0)
        reason = getattr(error, "problem", None) or str(error)
        return None, [problem(where, "FL014", hint="yaml", reason=reason)]
    if not isinstance(settings, dict):
        return None, [problem(Position(shown, 1, 1), "FL014", hint="mapping", reason="")]
    settings, inherit_problems = _inherit(settings, path, shown)
    if inherit_problems:
        return None, inherit_problems
    return project_from_settings(path, settings, node=node, shown=shown)


def bare_project(folder: str | os.PathLike[str]) -> Project:
    """The project of flows files with no mkdocs.yml: our own words, no pages beside them."""
    return Project(config_file=Path(folder).resolve() / CONFIG_NAME, settings={})


def project_for(
    items: Sequence[str], *, in_current_folder: bool = False
) -> tuple[Project | None, list[Problem]]:
    """The project that flows files named on the command line belong to.

    Its mkdocs.yml is the one beside the first file; with `in_current_folder` (several files, a
    folder or a pattern: `check alur/`, whose first file is alur/a.yaml) else the one in the
    current folder. Without one, a bare project (our words, no docs folder).
    """
    first = items[0] if items else "flows.yaml"
    folder = Path(os.path.dirname(os.path.abspath(first)))
    if in_current_folder and not (folder / CONFIG_NAME).is_file():
        folder = Path.cwd()
    if not (folder / CONFIG_NAME).is_file():
        return bare_project(folder), []
    return read_project(folder / CONFIG_NAME)


def project_from_settings(
    config_file: Path, settings: Mapping[str, Any], *, node: yaml.Node | None, shown: str
) -> tuple[Project | None, list[Problem]]:
    """The project a mapping of settings describes; `node` (the parsed file) gives positions."""
    problems: list[Problem] = []
    root = config_file.parent

    def at(*keys: str | int) -> Position:
        return _position(node, keys, shown)

    plugins, options, options_path = _plugins(settings.get("plugins"), at, problems)

    def option_at(name: str) -> Position:
        return at(*options_path, name) if options_path else at("plugins")

    flows = _file_option(options.get("file", "flows.yaml"), option_at("file"), problems)
    folders: dict[str, Path | None] = {}
    for name in ("templates", "strings", "messages"):
        value = options.get(name)
        folders[name] = None
        if value is None:
            continue
        if not isinstance(value, str) or not value:
            problems.append(problem(option_at(name), "FL015", hint="folder", option=name))
        elif not (root / value).is_dir():
            problems.append(problem(option_at(name), "FL016", option=name, folder=value))
        else:
            folders[name] = root / value
    site_names = options.get("site_name") or {}
    if not isinstance(site_names, Mapping) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in site_names.items()
    ):
        problems.append(
            problem(option_at("site_name"), "FL015", hint="site_name", option="site_name")
        )
        site_names = {}
    feedback = options.get("feedback")
    if feedback is not None:
        if not isinstance(feedback, str):
            problems.append(
                problem(option_at("feedback"), "FL015", hint="feedback", option="feedback")
            )
            feedback = None
        else:
            try:
                feedback = check_template(feedback)
            except TemplateError as error:
                problems.append(
                    problem(option_at("feedback"), "FL017", template=feedback, reason=str(error))
                )
                feedback = None
    share_image = _share_image(options.get("share_image"), root, option_at, problems)
    for name in options:
        if name not in OPTIONS:
            match = closest(str(name), OPTIONS)
            found = problem(
                option_at(name),
                "FL018",
                hint="close" if match else "default",
                option=str(name),
                match=match or "",
                options=", ".join(OPTIONS),
            )
            problems.append(found)
    docs = settings.get("docs_dir", "docs")
    site = settings.get("site_dir", "site")
    for key, value in (("docs_dir", docs), ("site_dir", site)):
        if not isinstance(value, str) or not value:
            problems.append(problem(at(key), "FL015", hint="setting", option=key))
    site_url = settings.get("site_url")
    if site_url is not None and not isinstance(site_url, str):
        problems.append(problem(at("site_url"), "FL015", hint="setting", option="site_url"))
        site_url = None
    if problems:
        return None, problems
    project = Project(
        config_file=config_file,
        settings=dict(settings),
        plugins=tuple(plugins),
        flows=tuple(flows),
        templates=folders["templates"],
        strings=folders["strings"],
        messages=folders["messages"],
        site_names=dict(site_names),
        feedback=feedback,
        share_image=share_image,
        docs_dir=root / docs,
        site_dir=root / site,
        site_url=site_url or None,
        directory_urls=bool(settings.get("use_directory_urls", True)),
    )
    return project, []


def _share_image(value: Any, root: Path, at: Any, problems: list[Problem]) -> Path | None:
    """The `share_image` option: a picture file, relative to mkdocs.yml's folder (FL042 if not)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value or not (root / value).is_file():
        problems.append(problem(at("share_image"), "FL042", hint="missing", image=str(value)))
        return None
    if not value.lower().endswith(IMAGE_SUFFIXES):
        problems.append(problem(at("share_image"), "FL042", hint="kind", image=value))
        return None
    return root / value


def _plugins(
    value: Any, at: Any, problems: list[Problem]
) -> tuple[list[tuple[str, Mapping[str, Any]]], Mapping[str, Any], tuple[str | int, ...]]:
    """Every plugin with its options (both forms of `plugins:`), the `flows` plugin's options,
    and where they are in the file."""
    if value is None:
        return [], {}, ()
    entries: list[tuple[str, Any, tuple[str | int, ...]]] = []
    if isinstance(value, Mapping):
        entries = [(str(name), opts, ("plugins", str(name))) for name, opts in value.items()]
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                entries.append((item, {}, ("plugins", index)))
            elif isinstance(item, Mapping) and len(item) == 1:
                name, opts = next(iter(item.items()))
                entries.append((str(name), opts, ("plugins", index, str(name))))
            else:
                problems.append(problem(at("plugins", index), "FL015", hint="plugin", option=""))
    else:
        problems.append(problem(at("plugins"), "FL015", hint="plugins", option="plugins"))
        return [], {}, ()
    plugins: list[tuple[str, Mapping[str, Any]]] = []
    options: Mapping[str, Any] = {}
    where: tuple[str | int, ...] = ()
    for name, opts, path in entries:
        if opts is None:
            opts = {}
        if not isinstance(opts, Mapping):
            problems.append(problem(at(*path), "FL015", hint="options", option=name))
            opts = {}
        plugins.append((name, opts))
        if name == PLUGIN:
            options, where = opts, path
    return plugins, options, where


def _file_option(value: Any, where: Position, problems: list[Problem]) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
        problems.append(problem(where, "FL015", hint="file", option="file"))
        return ["flows.yaml"]
    return list(items)


def _inherit(
    settings: dict[str, Any], path: Path, shown: str
) -> tuple[dict[str, Any], list[Problem]]:
    """MkDocs' `INHERIT: parent.yml`: the parent's settings with this file's laid over them."""
    parent = settings.pop("INHERIT", None)
    if parent is None:
        return settings, []
    base, problems = read_project(path.parent / str(parent), shown=str(parent))
    if base is None:
        return settings, problems
    return _merge(dict(base.settings), settings), []


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        old = base.get(key)
        base[key] = (
            _merge(dict(old), value)
            if isinstance(old, Mapping) and isinstance(value, Mapping)
            else value
        )
    return base


def _position(node: yaml.Node | None, keys: Sequence[str | int], shown: str) -> Position:
    """Where `keys` lead in the parsed file: the deepest key found (line 1 if none)."""
    found = (0, 0)
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            match = next((pair for pair in node.value if pair[0].value == key), None)
            if match is None:
                break
            found = (match[0].start_mark.line + 1, match[0].start_mark.column + 1)
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            found = (node.start_mark.line + 1, node.start_mark.column + 1)
        else:
            break
    return Position(shown, *found) if found[0] else Position(shown, 1, 1)


class _SettingsLoader(yaml.SafeLoader):
    """YAML as MkDocs reads mkdocs.yml: `!ENV`, `!relative`; other tags (`!!python/name:` of
    Markdown extensions) are left to the engine and read as nothing here."""

    config_dir = ""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # `!ENV NAME` and `!ENV [NAME, OTHER, default]`: the first variable set, else the default.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1] or items, items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _relative_tag(loader: _SettingsLoader, node: yaml.Node) -> str:
    # MkDocs' `!relative` (the config's folder) and `!relative $config_dir/sub`.
    value = loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else ""
    value = str(value).replace("$config_dir", loader.config_dir) if value else loader.config_dir
    return value


_SettingsLoader.add_constructor("!ENV", _env_tag)
_SettingsLoader.add_constructor("!relative", _relative_tag)
_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)
