"""Regenerate what the tests compare against, for review with `git diff`.

    python -m tests.regen

writes, beside each broken example in tests/flows/invalid/ (a file, a folder of files that
make one site, or a folder holding a whole site: mkdocs.yml, flows.yaml and its pages), what
`check` prints for it in English (`NAME.expected`) and in Indonesian (`NAME.expected.id`), and
the editing guide's page of messages in each language from that language's catalogue
(content/panduan-penyunting/pesan.md from id.yaml, content/en/panduan-penyunting/pesan.md from
en.yaml).
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
# Each golden file, by its suffix, and the language it is in.
GOLDEN = {".expected": "en", ".expected.id": "id"}
# The editing guide's message reference: a page per language of the site, made whole from that
# language's catalogue (the Indonesian page from id.yaml, the English one from en.yaml).
GUIDE = ROOT / "content" / "panduan-penyunting"
# Its start page, beside the folder of its other pages (a folder's index.md would be the nav
# section's own page, whose table of contents Material renders with a toggle it leaves out).
START_PAGES = {
    "id": ROOT / "content" / "panduan-penyunting.md",
    "en": ROOT / "content" / "en" / "panduan-penyunting.md",
}
MESSAGE_PAGES = {
    "id": GUIDE / "pesan.md",
    "en": ROOT / "content" / "en" / "panduan-penyunting" / "pesan.md",
}

HEAD = {
    "id": """\
---
# Dibuat dari generator/format/messages/id.yaml dengan `python -m tests.regen`: ubah katalognya,
# bukan halaman ini.
search:
  exclude: true
nav_section: Untuk penyunting
nav_order: 9
---

# Daftar pesan pemeriksa

Setiap pesan yang bisa ditampilkan `make check`, `make serve` dan `make format` ada di bawah
ini, dengan kodenya, contoh yang menimbulkannya, dan cara memperbaikinya. Pesan tampil dalam
bahasa Indonesia jika bahasa pertama `flows.yaml` adalah `id` (atau jika `FLOWS_LANG=id`);
dengan `--lang en` pesan tampil dalam bahasa Inggris. Setiap pesan ditulis seperti yang muncul
untuk contohnya; untuk file Anda, pesan itu menyebut nama dan nilai dari file Anda. Di
terminal, `.venv/bin/python -m generator explain FL204` (atau cukup `explain 204`) menampilkan
penjelasan yang sama. Cari kode atau pesan Anda dengan <kbd>Ctrl</kbd>+<kbd>F</kbd>.

Kata `error` dan `warning` di awal pesan selalu ditulis dalam bahasa Inggris, supaya editor dan
pemeriksaan otomatis mengenalinya. `error` harus diperbaiki; `warning` boleh ditunda.
""",
    "en": """\
---
# Made from generator/format/messages/en.yaml by `python -m tests.regen`: change the catalogue,
# not this page.
search:
  exclude: true
nav_section: For editors
nav_order: 9
---

# The checker's messages

Every message `make check`, `make serve` and `make format` can print is below, with its code,
an example that causes it and how to fix it. The messages are in Indonesian when the first
language of `flows.yaml` is `id` (as on this site), and in English with `--lang en` (or
`FLOWS_LANG=en`). Each message is written as its example makes it; for your file it names the
names and values of your file. In the terminal, `.venv/bin/python -m generator explain FL204`
(or just `explain 204`) prints the same explanation. Find your code or message with
<kbd>Ctrl</kbd>+<kbd>F</kbd>.

The words `error` and `warning` at the start of a message stay in English in every language,
so that editors and automatic checks recognise them. An `error` must be fixed; a `warning` can
wait.
""",
}


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


# Links in the catalogues' explanations to a section of the guide (`[…](#gambaran-singkat)`, as
# when the guide was one page) lead to that section of its start page; a section that has a new
# name there, by its new one.
_SECTION_LINK = re.compile(r"\]\(#(?!fl\d{3}\))([a-z0-9-]+)\)")
SECTIONS = {"teks-dalam-beberapa-bahasa": "gambaran-singkat"}


def guide_links(text: str, start_page: str) -> str:
    """`text` with each link to a section of the guide leading to it on the guide's start page
    (`start_page`, its Markdown), from the page of messages beside the other pages; a section the
    start page does not have is a mistake."""

    def link(match: re.Match[str]) -> str:
        anchor = SECTIONS.get(match[1], match[1])
        if f"{{#{anchor}}}" not in start_page:
            raise ValueError(f"the guide's start page has no section {{#{anchor}}}")
        return f"](../panduan-penyunting.md#{anchor})"

    return _SECTION_LINK.sub(link, text)


def message_page(language: str) -> str:
    """The editing guide's page of messages in `language`: one anchored entry per code, grouped
    by hundreds, each with the message and hint its example makes and the explanation."""
    messages = catalogue(language)
    start_page = START_PAGES[language].read_text(encoding="utf-8")
    out = [HEAD[language]]
    group = None
    for code, entry in sorted(messages.entries.items()):
        if code[2] != group:
            group = code[2]
            out += [f"## {words(language, f'group-{group}')}", ""]
        out += [f"### {code}: {entry.title} {{#{code.lower()}}}", "", "```text"]
        out += [
            example_message(code, language),
            "```",
            "",
            guide_links(entry.explanation.rstrip("\n"), start_page),
            "",
        ]
    return "\n".join(out)


def main() -> None:
    written = 0
    for path in examples():
        for suffix, language in GOLDEN.items():
            target = path.with_name(path.stem + suffix)
            text = report(path, language)
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
                written += 1
    for language, target in MESSAGE_PAGES.items():
        text = message_page(language)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written += 1
    print(f"{written} files rewritten")


if __name__ == "__main__":
    main()
