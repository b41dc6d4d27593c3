"""The flows files of a site as they were at a revision of its git repository.

Read with git's plumbing (`rev-parse`, `ls-tree`, `cat-file`), which never writes into the
repository: no index refresh, no lock files (GIT_OPTIONAL_LOCKS=0 besides).
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
from collections.abc import Sequence
from pathlib import PurePosixPath

from generator.format.check import FLOWS_SUFFIXES
from generator.format.model import Position
from generator.format.problems import Problem, problem

_GLOB = frozenset("*?[")


class RevisionProblem(Exception):
    """The files at a revision cannot be read; `problem` says why, in the editor's words."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.message)
        self.problem = found


def files_at(revision: str, items: Sequence[str]) -> list[tuple[str, bytes]]:
    """(name, content) of each flows file that `items` (files, folders, patterns, relative to
    the current folder) named at `revision`, in the order `flows_files` gives them now.

    Names read `REVISION:path`, git's own way of naming a file at a revision. A file that did
    not exist then is left out. Raises RevisionProblem (FL032, FL033) when git cannot say.
    """
    # The repository the files are in, wherever the command is run from.
    here = _folder(items[0] if items else ".")
    top = _git(["rev-parse", "--show-toplevel"], revision, items, cwd=here).decode().strip()
    commit = _commit(revision, items, top)
    listed = _git(["ls-tree", "-r", "-z", "--name-only", commit], revision, items, cwd=top)
    everything = [name for name in listed.decode("utf-8", "replace").split("\0") if name]
    chosen: dict[str, str] = {}  # path in the repository -> name as the editor gave it
    for item in items:
        relative = PurePosixPath(os.path.relpath(os.path.abspath(item), top)).as_posix()
        for path in _matching(relative, item, everything):
            if path == relative:
                shown = item
            elif _GLOB & set(item):
                shown = os.path.relpath(os.path.join(top, path))
            else:
                inside = path if relative == "." else path[len(relative.rstrip("/")) + 1 :]
                shown = os.path.join(item, inside)
            chosen.setdefault(path, shown)
    contents = _contents(commit, list(chosen), top, revision, items)
    return [
        (f"{revision}:{shown}", data) for shown, data in zip(chosen.values(), contents, strict=True)
    ]


def _matching(relative: str, item: str, everything: list[str]) -> list[str]:
    """The files of the revision that one item names: itself, a folder's flows files, or those
    a pattern matches."""
    if _GLOB & set(item):
        return sorted(path for path in everything if fnmatch.fnmatchcase(path, relative))
    if relative in everything:
        return [relative]
    folder = "" if relative == "." else relative.rstrip("/") + "/"
    inside = [
        path
        for path in everything
        if path.startswith(folder)
        and path.endswith(FLOWS_SUFFIXES)
        and not any(part.startswith(".") for part in path[len(folder) :].split("/"))
    ]
    return sorted(inside, key=lambda path: path.split("/"))


def _folder(item: str) -> str:
    """The nearest folder that exists at or above `item`."""
    folder = os.path.abspath(item)
    while not os.path.isdir(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    return folder


def _commit(revision: str, items: Sequence[str], top: str) -> str:
    try:
        found = _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
            revision,
            items,
            cwd=top,
        )
    except RevisionProblem as error:
        if error.problem.code != "FL033":
            raise
        hint = "upstream" if "@{" in revision else "default"
        where = Position(revision, 0, 0)
        raise RevisionProblem(problem(where, "FL032", hint=hint, revision=revision)) from None
    return found.decode().strip()


def _contents(
    commit: str, paths: list[str], top: str, revision: str, items: Sequence[str]
) -> list[bytes | None]:
    """The bytes of each file at `commit`, read by one `git cat-file --batch`; None for a path
    that is no file there (a submodule, say)."""
    if not paths:
        return []
    request = "".join(f"{commit}:{path}\n" for path in paths).encode()
    output = _git(["cat-file", "--batch"], revision, items, cwd=top, given=request)
    contents: list[bytes | None] = []
    at = 0
    for _ in paths:
        end = output.index(b"\n", at)
        header = output[at:end].split()
        if len(header) < 3 or header[1] != b"blob":
            # "<name> missing", or an object that is not a file: a header line alone.
            contents.append(None)
            at = end + 1
            if len(header) >= 3:
                at += int(header[2]) + 1
            continue
        size = int(header[2])
        contents.append(output[end + 1 : end + 1 + size])
        at = end + 1 + size + 1  # the content, then a newline
    return contents


def _git(
    arguments: list[str],
    revision: str,
    items: Sequence[str],
    *,
    cwd: str | None = None,
    given: bytes | None = None,
) -> bytes:
    where = Position(items[0] if items else ".", 0, 0)
    try:
        result = subprocess.run(
            ["git", *arguments],
            cwd=cwd,
            input=given,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except OSError as error:
        reason = error.strerror or str(error)
        raise RevisionProblem(
            problem(where, "FL033", hint="git", revision=revision, reason=reason)
        ) from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[0].removeprefix("fatal: ") if lines else f"git {arguments[0]} failed"
        raise RevisionProblem(
            problem(where, "FL033", hint="repository", revision=revision, reason=reason)
        )
    return result.stdout
