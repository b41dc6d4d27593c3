"""The JSON Schema for editors: committed, up to date, and in agreement with the checker."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import run_cli

from generator.format.check import check_file
from generator.format.loader import PureSafeLoader
from generator.format.schema import MAPPINGS, json_schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "flows.schema.json"
FLOWS_FILE = ROOT / "flows.yaml"
VALID = sorted((ROOT / "tests" / "flows" / "valid").glob("*.y*ml"))


class _Yaml12Loader(PureSafeLoader):
    """Reads YAML as editors' language servers do (YAML 1.2 core schema: '?' in brackets is text).

    Dates such as 2026-11-01 stay strings, and only true/false are booleans, so the JSON the
    schema is checked against is the JSON an editor checks while the file is being typed.
    """


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def as_editor_sees(text: str) -> Any:
    return yaml.load(text, Loader=_Yaml12Loader)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_committed_schema_is_what_the_command_prints() -> None:
    result = run_cli("schema")
    assert result.returncode == 0, result.stderr
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == result.stdout, (
        "flows.schema.json is out of date; regenerate it with:\n"
        "    python -m generator schema > flows.schema.json"
    )


def test_flows_yaml_points_editors_at_the_schema() -> None:
    first_line = FLOWS_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=flows.schema.json"


def test_every_key_of_the_format_is_described_with_an_example() -> None:
    schema = json_schema()
    for mapping, keys in MAPPINGS.items():
        node = schema if mapping == "document" else schema["$defs"][mapping]
        if "anyOf" in node:  # a step: plain text or a mapping
            node = next(part for part in node["anyOf"] if "properties" in part)
        assert list(node["properties"]) == [key.name for key in keys]
        assert node["additionalProperties"] is False
        assert node["required"] == [key.name for key in keys if key.required]
        for key in keys:
            prop = node["properties"][key.name]
            assert prop["description"] == key.description
            assert prop["examples"], f"{mapping}.{key.name} has no example"


@pytest.mark.parametrize("path", [FLOWS_FILE, *VALID], ids=lambda p: p.name)
def test_files_the_checker_accepts_match_the_schema(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    document, problems = check_file(path)
    assert document is not None, "\n".join(map(str, problems))
    errors = [error.message for error in validator.iter_errors(as_editor_sees(path.read_text()))]
    assert errors == []


def test_a_review_date_as_the_editor_sees_it_is_a_date(
    validator: jsonschema.Draft202012Validator,
) -> None:
    data = as_editor_sees(MINIMAL)
    assert data["flows"]["f"]["outcomes"]["guide"]["reviewed"] == "2026-11-01"
    assert list(validator.iter_errors(data)) == []


def test_the_minimal_example_is_valid_for_the_checker(tmp_path: Path) -> None:
    path = tmp_path / "flows.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    document, problems = check_file(path)
    assert document is not None, "\n".join(map(str, problems))


MINIMAL = """\
version: 1
flows:
  f:
    title: A flow
    start: q
    questions:
      q:
        text: A question?
        options:
          - label: Yes
            next: guide
          - label: No
            next: guide
    outcomes:
      guide:
        title: A guide
        steps:
          - Do this.
          - text: Then this.
            detail: Carefully.
        notes:
          - {type: tip, text: A tip.}
        reviewed: 2026-11-01
"""

# (what is wrong, the change to MINIMAL): each one a mistake an editor could make while typing.
MISTAKES = [
    ("misspelt next", ("next: guide\n          - label: No", "nxt: guide\n          - label: No")),
    ("unknown top-level key", ("version: 1\n", "version: 1\ntitle: x\n")),
    ("version 2", ("version: 1\n", "version: 2\n")),
    ("one option", ("          - label: No\n            next: guide\n", "")),
    (
        "no steps",
        ("- Do this.\n          - text: Then this.\n            detail: Carefully.", "[]"),
    ),
    ("id with capitals", ("    outcomes:\n      guide:", "    outcomes:\n      Guide:")),
    ("unknown note type", ("type: tip", "type: hint")),
    ("date in another order", ("reviewed: 2026-11-01", "reviewed: 01-11-2026")),
    ("impossible date", ("reviewed: 2026-11-01", "reviewed: 2026-13-01")),
    ("empty text", ("title: A guide", "title: ''")),
    ("missing start", ("    start: q\n", "")),
    ("unknown step key", ("detail: Carefully.", "details: Carefully.")),
    (
        "a guide at the flow's own page",
        ("    outcomes:\n      guide:", "    outcomes:\n      index:"),
    ),
    ("a flow in the scripts' folder", ("flows:\n  f:", "flows:\n  assets:")),
]


@pytest.mark.parametrize("change", [c for _, c in MISTAKES], ids=[name for name, _ in MISTAKES])
def test_the_schema_and_the_checker_reject_a_mistake(
    change: tuple[str, str], validator: jsonschema.Draft202012Validator, tmp_path: Path
) -> None:
    old, new = change
    assert MINIMAL.count(old) == 1
    broken = MINIMAL.replace(old, new)
    assert list(validator.iter_errors(as_editor_sees(broken))), broken
    path = tmp_path / "flows.yaml"
    path.write_text(broken, encoding="utf-8")
    document, problems = check_file(path)
    assert document is None and problems
