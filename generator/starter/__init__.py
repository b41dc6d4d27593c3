"""A new site to start from: `flows new DIR --languages vi,en` writes a help centre that builds.

It writes mkdocs.yml with the `flows` plugin, a small flows file in the site's languages that
shows every feature once (a question with help, options leading to a question and to guides,
steps with a detail, a note of each kind, a link to another guide by its id, keywords, a review
date), a home page per language with the generated lists, a hand-written page per language, a
.gitignore for what builds leave and a README with the site's commands. The texts come from a
table per language (`texts/`), so a new site never mixes languages.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.format.model import Position
from generator.format.problems import Problem, problem
from generator.format.schema import json_schema
from generator.site.search import unstemmed_notices
from generator.site.words import load_tables

TEXTS = Path(__file__).parent / "texts"
ENGINES = ("mkdocs", "zensical")
FLOW = "return-item"


def starter_languages() -> tuple[str, ...]:
    """The languages a new site can be made in: those with interface words and starter texts."""
    words = set(load_tables().words)
    return tuple(sorted(path.stem for path in TEXTS.glob("*.yaml") if path.stem in words))


def new_site(
    folder: str | os.PathLike[str],
    languages: Sequence[str],
    *,
    engine: str = "mkdocs",
    today: dt.date | None = None,
) -> tuple[list[Path], list[Problem]]:
    """Write a new site into `folder` (created if missing; it must be empty).

    Returns the files written, or none and the problems (FL021 a folder that is not empty,
    FL022 a language we have no words for) when nothing could be written. With the files, the
    notices of languages that the site search cannot stem (FL040).
    """
    target = Path(folder)
    shown = str(folder)
    problems: list[Problem] = []
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        problems.append(problem(Position(shown, 0, 0), "FL021", folder=shown))
    known = starter_languages()
    for language in languages:
        if language not in known:
            found = problem(
                Position(shown, 0, 0), "FL022", language=language, languages=", ".join(known)
            )
            problems.append(found)
    if not languages:
        problems.append(
            problem(Position(shown, 0, 0), "FL022", language="", languages=", ".join(known))
        )
    if problems:
        return [], problems
    texts = {language: _texts(language) for language in languages}
    reviewed = (today or dt.date.today()).isoformat()
    files = {
        "mkdocs.yml": _mkdocs_yml(texts, languages),
        "flows.yaml": _flows_yaml(texts, languages, reviewed),
        ".gitignore": "# What builds and previews leave behind.\nsite/\n.flows-build/\n.venv/\n",
        "README.md": _readme(texts[languages[0]]["site_name"], engine),
        # Editors' YAML extensions complete keys and flag mistakes with it while typing.
        "flows.schema.json": json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n",
    }
    for index, language in enumerate(languages):
        prefix = "" if index == 0 else f"{language}/"
        files[f"docs/{prefix}index.md"] = _home(texts[language])
        files[f"docs/{prefix}about.md"] = _about(texts[language])
    written = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    names = {language: load_tables()[language]["language_name"] for language in languages}
    return written, unstemmed_notices(languages, names, shown)


def _texts(language: str) -> dict[str, Any]:
    return yaml.safe_load((TEXTS / f"{language}.yaml").read_text(encoding="utf-8"))


def _scalar(value: str) -> str:
    """`value` as a YAML scalar: plain where YAML reads it back unchanged, quoted otherwise."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1000, default_style=None)
    return dumped.split("\n...")[0].strip() if dumped.rstrip().endswith("...") else dumped.strip()


def _text(key: str, texts: Mapping[str, Mapping[str, Any]], languages: Sequence[str]) -> str:
    """A TEXT of the flows file: plain in a one-language site, else one line per language."""
    if len(languages) == 1:
        return " " + _scalar(texts[languages[0]][key])
    return "".join(f"\n  {language}: {_scalar(texts[language][key])}" for language in languages)


def _flows_yaml(
    texts: Mapping[str, Mapping[str, Any]], languages: Sequence[str], reviewed: str
) -> str:
    def text(key: str, indent: int) -> str:
        return _text(key, texts, languages).replace("\n", "\n" + " " * indent)

    keywords = "".join(
        f"\n      - {_keyword(texts, languages, index)}"
        for index in range(len(texts[languages[0]]["flow_keywords"]))
    )
    return f"""\
# yaml-language-server: $schema=flows.schema.json
# The help centre's decision trees: questions, the options that answer them, and the guides
# they lead to. Check it with `flows check`; see the site at once with `flows serve`.
version: 1
languages: [{", ".join(languages)}]
flows:
  {FLOW}:
    title:{text("flow_title", 4)}
    summary:{text("flow_summary", 4)}
    keywords:{keywords}
    start: received
    questions:
      received:
        text:{text("question_text", 8)}
        help:{text("question_help", 8)}
        options:
          - label:{text("option_yes", 12)}
            next: damaged
          - label:{text("option_no", 12)}
            next: waiting
      damaged:
        text:{text("question2_text", 8)}
        options:
          - label:{text("option2_yes", 12)}
            next: return-damaged
          - label:{text("option2_no", 12)}
            next: return-unwanted
    outcomes:
      return-damaged:
        title:{text("outcome_damaged_title", 8)}
        summary:{text("outcome_damaged_summary", 8)}
        steps:
          - text:{text("outcome_damaged_step1", 12)}
          - text:{text("outcome_damaged_step2", 12)}
            detail:{text("outcome_damaged_step2_detail", 12)}
        notes:
          - type: tip
            text:{text("outcome_damaged_tip", 12)}
        reviewed: {reviewed}
      return-unwanted:
        title:{text("outcome_changed_title", 8)}
        steps:
          - text:{text("outcome_changed_step1", 12)}
          - text:{text("outcome_changed_step2", 12)}
        notes:
          - type: info
            text:{text("outcome_changed_info", 12)}
        reviewed: {reviewed}
      waiting:
        title:{text("outcome_waiting_title", 8)}
        steps:
          - text:{text("outcome_waiting_step1", 12)}
        notes:
          - type: warning
            text:{text("outcome_waiting_warning", 12)}
        reviewed: {reviewed}
"""


def _keyword(texts: Mapping[str, Mapping[str, Any]], languages: Sequence[str], index: int) -> str:
    """Keyword `index` of the flow, on one line: plain, or `{id: …, en: …}` quoted as needed."""
    if len(languages) == 1:
        return _scalar(texts[languages[0]]["flow_keywords"][index])
    item = {language: texts[language]["flow_keywords"][index] for language in languages}
    dumped = yaml.safe_dump(
        item, allow_unicode=True, default_flow_style=True, width=1000, sort_keys=False
    )
    return dumped.strip()


def _mkdocs_yml(texts: Mapping[str, Mapping[str, Any]], languages: Sequence[str]) -> str:
    first = languages[0]
    names = "".join(
        f"\n        {language}: {_scalar(texts[language]['site_name'])}"
        for language in languages[1:]
    )
    site_name = f"\n      site_name:{names}" if names else ""
    return f"""\
# The site's settings. `flows` is the plugin that makes the pages from flows.yaml.
site_name: {_scalar(texts[first]["site_name"])}
# The site's address once published: links in previews and the sitemap need it.
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme:
  name: material
  language: {first}
  font: false
  features:
    - navigation.instant
    - navigation.indexes
plugins:
  - flows:
      file: flows.yaml{site_name}
markdown_extensions:
  - attr_list
  - admonition
  - toc
"""


def _home(texts: Mapping[str, Any]) -> str:
    return f"""\
# {texts["home_title"]}

{texts["home_intro"]}

[{texts["home_start"]}]({FLOW}/index.md){{ .md-button .md-button--primary }}

## {texts["home_guides"]}

<!-- flows: guides {FLOW} -->

## {texts["home_flows"]}

<!-- flows: flows -->

[{texts["about_title"]}](about.md)
"""


def _about(texts: Mapping[str, Any]) -> str:
    return f"# {texts['about_title']}\n\n{texts['about_text']}\n"


def _readme(name: str, engine: str) -> str:
    option = "" if engine == "mkdocs" else f" --engine {engine}"
    extra = "flows-generator" if engine == "mkdocs" else f"'flows-generator[{engine}]'"
    return f"""\
# {name}

A guided-help site made with flows-generator: `flows.yaml` holds the questions and guides,
`docs/` the hand-written pages (`docs/<language>/` for each language but the first).

```sh
flows serve{option}          # preview on http://127.0.0.1:8000, rebuilt on every save
flows build{option} --strict # check, then build the site into site/
```

Install the generator first, in a virtual environment: `pip install {extra}` (from the
generator's repository, a git URL or a wheel; see its README). `flows check` checks the flows
files alone, with every problem at its line; `site/` is plain files for any static host.
"""
