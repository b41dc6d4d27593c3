"""The flows.yaml format as data: which keys each mapping takes, what they mean, examples.

The loader reads these definitions to recognise keys (and to suggest the closest one for a typo);
`python -m generator schema` turns the same definitions into a JSON Schema for editors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model import NOTE_TYPES

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
KNOWN_VERSIONS = (1,)


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a mapping in flows.yaml."""

    name: str
    kind: str  # a name in KINDS, or a mapping name in MAPPINGS
    required: bool
    description: str
    example: Any = None


# What each kind of value is, in an editor's words (used in messages and in the JSON Schema).
KINDS = {
    "version": "the number 1",
    "languages": "a list of language codes",
    "text": "text",
    "id": "an id",
    "date": "a date like 2026-11-01",
    "note-type": "one of " + ", ".join(NOTE_TYPES),
    "flows": "a mapping of flow ids to flows",
    "questions": "a mapping of question ids to questions",
    "outcomes": "a mapping of outcome ids to outcomes",
    "options": "a list of options",
    "steps": "a list of steps",
    "notes": "a list of notes",
}

MAPPINGS: dict[str, tuple[Key, ...]] = {
    "document": (
        Key("version", "version", True, "Version of the file format; only 1 is known.", 1),
        Key(
            "languages",
            "languages",
            False,
            "Languages of the texts; the first is the default. Default: [id].",
            ["id"],
        ),
        Key("flows", "flows", True, "The decision trees, by id. The id becomes the URL.", None),
    ),
    "flow": (
        Key("title", "text", True, "Title of the flow, shown on its page.", "Batalkan pesanan"),
        Key("summary", "text", False, "One or two sentences under the title.", None),
        Key(
            "start",
            "id",
            True,
            "Id of the first question (or outcome) of this flow.",
            "status-pembayaran",
        ),
        Key("questions", "questions", False, "The questions of this flow, by id.", None),
        Key("outcomes", "outcomes", True, "The step-by-step guides of this flow, by id.", None),
    ),
    "question": (
        Key("text", "text", True, "The question as the reader sees it.", "Apakah sudah dibayar?"),
        Key("help", "text", False, "A hint shown under the question.", None),
        Key("options", "options", True, "The answers to choose from; at least 2.", None),
    ),
    "option": (
        Key("label", "text", True, "The answer as the reader sees it.", "Belum dibayar"),
        Key(
            "next",
            "id",
            True,
            "Id of the question or outcome this answer leads to.",
            "belum-dibayar",
        ),
    ),
    "outcome": (
        Key("title", "text", True, "Title of the guide.", "Membatalkan pesanan yang belum dibayar"),
        Key("summary", "text", False, "One or two sentences under the title.", None),
        Key("steps", "steps", True, "The numbered steps of the guide; at least 1.", None),
        Key("notes", "notes", False, "Remarks shown beside the steps.", None),
        Key("reviewed", "date", False, "When the guidance was last checked.", "2026-11-01"),
    ),
    "step": (
        Key("text", "text", True, "What the reader does in this step.", "Buka aplikasi TikTok."),
        Key("detail", "text", False, "More detail, shown under the step.", None),
    ),
    "note": (
        Key("type", "note-type", True, "How the note looks: " + ", ".join(NOTE_TYPES) + ".", "tip"),
        Key("text", "text", True, "The note itself.", "Pilih alasan yang paling sesuai."),
    ),
}

# The editor-facing name of each mapping, used in "did you mean" hints and messages.
NAMES = {
    "document": "the top level",
    "flow": "flow",
    "question": "question",
    "option": "option",
    "outcome": "outcome",
    "step": "step",
    "note": "note",
}


def keys_of(mapping: str) -> dict[str, Key]:
    """The keys a mapping of kind `mapping` accepts, by name."""
    return {key.name: key for key in MAPPINGS[mapping]}
