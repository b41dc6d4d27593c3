"""The flows.yaml format as data: which keys each mapping takes, what they mean, examples.

The loader reads these definitions to recognise keys (and to suggest the closest one for a typo);
`python -m generator schema` turns the same definitions into a JSON Schema for editors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.format.model import NOTE_TYPES

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# A place in `moved:`: an id, or a flow's id and a node's id, e.g. batalkan-pesanan/belum-dibayar.
PLACE_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?$"
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
    "keywords": "a list of keywords",
    "moved": "a mapping of old ids to where readers go now",
    "moved-flows": "a mapping of old flow ids (or flow/id) to where readers go now",
}

# Flows and outcomes both take keywords, described alike.
KEYWORDS = Key(
    "keywords",
    "keywords",
    False,
    "Words readers search for that the text does not use; for search only, never shown.",
    None,
)

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
        # Before the flows, as the editing guide writes it: what became of the old addresses.
        Key(
            "moved",
            "moved-flows",
            False,
            "Flows that are gone, and their questions and guides as flow/id, each leading on to "
            "a flow or a flow/id: links to their old addresses keep working.",
            {"batalkan": "batalkan-pesanan"},
        ),
        Key("flows", "flows", True, "The decision trees, by id. The id becomes the URL.", None),
    ),
    "flow": (
        Key("title", "text", True, "Title of the flow, shown on its page.", "Batalkan pesanan"),
        Key(
            "summary",
            "text",
            False,
            "One or two sentences under the title.",
            "Jawab satu atau dua pertanyaan, lalu ikuti langkah-langkahnya.",
        ),
        Key(
            "start",
            "id",
            True,
            "Id of the first question (or outcome) of this flow.",
            "status-pembayaran",
        ),
        # Before the questions, near the title: what the flow as a whole is found by.
        KEYWORDS,
        # After start, before the questions, as the editing guide writes it: where old ids lead.
        Key(
            "moved",
            "moved",
            False,
            "Ids this flow no longer has, each leading on to the question or guide readers "
            "should reach now (an id of this flow, or flow/id of another): links to their old "
            "addresses keep working.",
            {"bayar-di-tempat": "cod-belum-dikirim"},
        ),
        Key("questions", "questions", False, "The questions of this flow, by id.", None),
        Key("outcomes", "outcomes", True, "The step-by-step guides of this flow, by id.", None),
    ),
    "question": (
        Key("text", "text", True, "The question as the reader sees it.", "Apakah sudah dibayar?"),
        Key(
            "help",
            "text",
            False,
            "A hint shown under the question.",
            "Jika ragu, lihat halaman pesanan Anda.",
        ),
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
        Key(
            "summary",
            "text",
            False,
            "One or two sentences under the title.",
            "Pesanan yang belum dibayar bisa Anda batalkan sendiri.",
        ),
        Key("steps", "steps", True, "The numbered steps of the guide; at least 1.", None),
        Key("notes", "notes", False, "Remarks shown beside the steps.", None),
        Key("reviewed", "date", False, "When the guidance was last checked.", "2026-11-01"),
        KEYWORDS,
    ),
    "step": (
        Key("text", "text", True, "What the reader does in this step.", "Buka aplikasi TikTok."),
        Key(
            "detail",
            "text",
            False,
            "More detail, shown under the step.",
            "Menu ini ada di pojok kanan atas.",
        ),
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


# -- JSON Schema for editors ----------------------------------------------------------------

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_MESSAGE = "Ids use lowercase letters, digits and single hyphens, e.g. belum-dibayar."
LANGUAGE_MESSAGE = "Use a language code such as id (Indonesian) or en (English)."

# The containers of the format: kind -> (shape, item mapping, fewest items). The loader enforces
# the same minimums ("'flows' is empty", "needs at least 2", "has no steps").
CONTAINERS: dict[str, tuple[str, str, int]] = {
    "flows": ("ids", "flow", 1),
    "questions": ("ids", "question", 0),
    "outcomes": ("ids", "outcome", 1),
    "options": ("list", "option", 2),
    "steps": ("list", "step", 1),
    "notes": ("list", "note", 0),
}


# Examples of the containers, shown by editors when a key itself has no one-line example.
CONTAINER_EXAMPLES: dict[str, Any] = {
    "flows": {
        "batalkan-pesanan": {
            "title": "Batalkan pesanan",
            "start": "status-pembayaran",
            "questions": {},
            "outcomes": {},
        }
    },
    "questions": {
        "status-pembayaran": {
            "text": "Apakah pesanan sudah dibayar?",
            "options": [
                {"label": "Belum dibayar", "next": "belum-dibayar"},
                {"label": "Sudah dibayar", "next": "sudah-dibayar"},
            ],
        }
    },
    "outcomes": {
        "belum-dibayar": {
            "title": "Membatalkan pesanan yang belum dibayar",
            "steps": ["Buka aplikasi TikTok."],
            "reviewed": "2026-11-01",
        }
    },
    "options": [
        {"label": "Belum dibayar", "next": "belum-dibayar"},
        {"label": "Sudah dibayar", "next": "sudah-dibayar"},
    ],
    "steps": [
        "Buka aplikasi TikTok.",
        {
            "text": "Ketuk **Pengaturan dan privasi**.",
            "detail": "Menu ini ada di pojok kanan atas.",
        },
    ],
    "notes": [{"type": "tip", "text": "Pilih alasan yang paling sesuai."}],
    "keywords": ["refund", "uang kembali", "cancel"],
}


def json_schema() -> dict[str, Any]:
    """The flows.yaml format as a JSON Schema (draft 2020-12), for editors' completion and checks.

    Built from MAPPINGS, KINDS and CONTAINERS, so it cannot disagree with the loader about keys.
    """
    defs: dict[str, Any] = {
        "text": {
            "description": (
                "Text (inline Markdown allowed; [](guide:id) links a question or guide by its"
                " id and shows its title), or a mapping of language code to text."
            ),
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "propertyNames": {
                        "pattern": LANGUAGE_PATTERN,
                        "patternErrorMessage": LANGUAGE_MESSAGE,
                    },
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ],
        },
        "id": {
            "description": "An id: lowercase letters, digits and single hyphens.",
            "type": "string",
            "pattern": ID_PATTERN,
            # Editors based on vscode-json-languageservice show this instead of the pattern.
            "patternErrorMessage": ID_MESSAGE,
        },
        "date": {
            "description": "A date like 2026-11-01 (year-month-day).",
            "type": "string",
            "format": "date",
            "errorMessage": "Write a real date as year-month-day, e.g. 2026-11-01.",
        },
        "note-type": {"description": KINDS["note-type"], "enum": list(NOTE_TYPES)},
        "version": {"description": KINDS["version"], "enum": list(KNOWN_VERSIONS)},
        "languages": {
            "description": KINDS["languages"],
            "type": "array",
            "items": {
                "type": "string",
                "pattern": LANGUAGE_PATTERN,
                "patternErrorMessage": LANGUAGE_MESSAGE,
            },
            "minItems": 1,
            "uniqueItems": True,
        },
    }
    # Ids that every site keeps for its own pages, as the site plan defines them; the ids a
    # site's languages keep too (its map, its all-guides page) are for `check` to say.
    from generator.site.plan import reserved_ids

    kept = reserved_ids((), {})
    for kind, (shape, item, fewest) in CONTAINERS.items():
        container: dict[str, Any] = {"description": KINDS[kind]}
        if shape == "ids":
            names: dict[str, Any] = {"$ref": "#/$defs/id"}
            taken = [reserved.id for reserved in kept if reserved.of_flow == (item == "flow")]
            if taken:
                names["not"] = {"enum": taken}
            container |= {
                "type": "object",
                "propertyNames": names,
                "additionalProperties": {"$ref": f"#/$defs/{item}"},
            }
            if fewest:
                container["minProperties"] = fewest
        else:
            container |= {"type": "array", "items": {"$ref": f"#/$defs/{item}"}}
            if fewest:
                container["minItems"] = fewest
        defs[kind] = container
    for name in MAPPINGS:
        if name != "document":
            defs[name] = _object_schema(name)
    for kind, old in (("moved", ID_PATTERN), ("moved-flows", PLACE_PATTERN)):
        defs[kind] = {
            "description": KINDS[kind],
            "type": "object",
            "propertyNames": {"pattern": old, "patternErrorMessage": ID_MESSAGE},
            "additionalProperties": {
                "type": "string",
                "pattern": PLACE_PATTERN,
                "patternErrorMessage": ID_MESSAGE,
            },
        }
    defs["keywords"] = {
        "description": KINDS["keywords"],
        "type": "array",
        "items": {"$ref": "#/$defs/text"},
        "minItems": 1,
    }
    # A step is either plain text or a mapping with 'text' and 'detail'.
    defs["step"] = {"anyOf": [{"$ref": "#/$defs/text"}, defs["step"]]}
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "flows.yaml",
        "description": "Decision trees of a guided-help site: questions, options and guides.",
        **_object_schema("document"),
        "$defs": defs,
    }


def _object_schema(mapping: str) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for key in MAPPINGS[mapping]:
        prop: dict[str, Any] = {"$ref": f"#/$defs/{key.kind}", "description": key.description}
        example = key.example if key.example is not None else CONTAINER_EXAMPLES.get(key.kind)
        if example is not None:
            prop["examples"] = [example]
        properties[key.name] = prop
    required = [key.name for key in MAPPINGS[mapping] if key.required]
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
