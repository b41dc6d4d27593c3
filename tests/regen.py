"""Regenerate what the tests compare against, for review with `git diff`.

    python -m tests.regen

writes, beside each broken example in tests/flows/invalid/ (a file, a folder of files that
make one site, or a folder holding a whole site: mkdocs.yml, flows.yaml and its pages), what
`check` prints for it in English (`NAME.expected`) and in Indonesian (`NAME.expected.id`), and
rewrites the message section of the editing guide from the Indonesian catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import label
from generator.format.check import check_file, check_files, content_problems, flows_files
from generator.format.explain import example_message
from generator.format.problems import Problem, catalogue, format_report, words
from generator.site.project import pipeline_docs, read_project

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "flows" / "invalid"
GUIDE = ROOT / "content" / "panduan-penyunting.md"
GUIDE_LANGUAGE = "id"
# Each golden file, by its suffix, and the language it is in.
GOLDEN = {".expected": "en", ".expected.id": "id"}
SECTION = "## Daftar pesan pemeriksa"

INTRO = """\
Setiap pesan yang bisa ditampilkan `make check` (dan `make serve`) ada di bawah ini, dengan
kodenya, contoh yang menimbulkannya, dan cara memperbaikinya. Pesan tampil dalam bahasa
Indonesia jika bahasa pertama `flows.yaml` adalah `id` (atau jika `FLOWS_LANG=id`); dengan
`--lang en` pesan tampil dalam bahasa Inggris. Setiap pesan ditulis seperti yang muncul untuk
contohnya; untuk file Anda, pesan itu menyebut nama dan nilai dari file Anda. Di terminal,
`.venv/bin/python -m generator explain FL204` (atau cukup `explain 204`) menampilkan penjelasan
yang sama. Cari kode atau pesan Anda dengan <kbd>Ctrl</kbd>+<kbd>F</kbd>.

<!-- Dibuat dari generator/format/messages/id.yaml dengan `python -m tests.regen`: ubah katalognya,
     bukan bagian ini. -->
"""


SITE_CONFIG = "mkdocs.yml"
SITE_FLOWS = "flows.yaml"


def is_site(path: Path) -> bool:
    """Whether the example is a whole site, checked with its pages as `check` is run in it."""
    return (path / SITE_CONFIG).is_file()


def checked(path: Path, language: str = "en") -> tuple[str, list[Problem]]:
    """What `check` calls the example in `language`, and its problems: `check NAME.yaml` (or
    `check NAME` of a folder) run from the example's folder, or `check flows.yaml` run inside
    a whole site."""
    if is_site(path):
        project, problems = read_project(path / SITE_CONFIG)
        assert project is not None, problems
        docs = pipeline_docs(project)
        tables = project.tables()
        document, problems = check_file(path / SITE_FLOWS, SITE_FLOWS, tables=tables, docs=docs)
        if document is not None and docs is not None:
            problems += content_problems(document, tables, docs.folder, docs.display)
        return SITE_FLOWS, problems
    if path.is_dir():
        names, _ = flows_files([path.name], str(path.parent))
        _, problems = check_files([path.parent / name for name in names], names)
        return label([path.name], names, language), problems
    _, problems = check_file(path, path.name)
    return path.name, problems


def report(path: Path, language: str) -> str:
    """What `check` prints on stderr for the example at `path` (see `checked`)."""
    return format_report(*checked(path, language), language)


def examples() -> list[Path]:
    """The broken examples: single files, then folders of files."""
    files = sorted(INVALID.glob("*.yaml"))
    return files + sorted(path for path in INVALID.iterdir() if path.is_dir())


def guide_section(language: str = GUIDE_LANGUAGE) -> str:
    """The editing guide's list of messages: one anchored entry per code, grouped by hundreds."""
    messages = catalogue(language)
    out = [SECTION, "", INTRO]
    group = None
    for code, entry in sorted(messages.entries.items()):
        if code[2] != group:
            group = code[2]
            out += [f"### {words(language, f'group-{group}')}", ""]
        out += [f"#### {code}: {entry.title} {{#{code.lower()}}}", "", "```text"]
        out += [example_message(code, language), "```", "", entry.explanation, ""]
    return "\n".join(out)


def guide_with_section(text: str, section: str) -> str:
    """The guide `text` with its message section (its last section) replaced by `section`."""
    start = text.index(SECTION)
    following = re.search(r"^## ", text[start + len(SECTION) :], re.M)
    end = len(text) if following is None else start + len(SECTION) + following.start()
    return text[:start] + section + ("\n" + text[end:] if following else "")


def main() -> None:
    written = 0
    for path in examples():
        for suffix, language in GOLDEN.items():
            target = path.with_name(path.stem + suffix)
            text = report(path, language)
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
                written += 1
    guide = GUIDE.read_text(encoding="utf-8")
    updated = guide_with_section(guide, guide_section())
    if updated != guide:
        GUIDE.write_text(updated, encoding="utf-8")
        written += 1
    print(f"{written} files rewritten")


if __name__ == "__main__":
    main()
