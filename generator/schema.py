"""Check records against the JSON Schema and turn its errors into coded, fixable problems.

The schema (``schema/record.schema.json``) is the single definition of the record fields; this module
turns jsonschema-rs's errors into `Problem`s with a rule code (the wording is in `schema_errors`). It also
exposes what the schema defines so the code never repeats it: enumerations (components, clients, scopes,
frequencies), list fields, Markdown fields (``x-markdown``) and other ``x-`` annotations.

To map a new JSON Schema keyword to a rule: add it to `_CODE_BY_KEYWORD`; word its message in
`schema_errors.message` if the validator's own is unclear.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema_rs

from .problems import Problem, problem
from .rule_codes import define, rule
from .schema_errors import SchemaError, from_rs, leaves, message, unknown_keys

define(
    "KEI101",
    "schema-required",
    "A required field is missing.",
    "Add the field; see the annotated template in CONTRIBUTING.md for what it holds.",
)
define(
    "KEI102",
    "schema-unknown-field",
    "A field is not part of the record schema.",
    "Remove it or fix its spelling; the schema lists every allowed field.",
)
define(
    "KEI103",
    "schema-type",
    "A value has the wrong type.",
    'Use the type the schema asks for; quote versions such as "4.0" so they stay strings.',
)
define(
    "KEI105",
    "schema-length",
    "A text or list is too short or too long.",
    "Shorten or extend it to the limit shown; complete entries need at least two causes, two solutions, two related entries.",
)
_CODE_BY_KEYWORD = {
    "required": "KEI101",
    "additionalProperties": "KEI102",
    "propertyNames": "KEI102",
    "type": "KEI103",
    "minLength": "KEI105",
    "maxLength": "KEI105",
    "minItems": "KEI105",
    "maxItems": "KEI105",
}


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumeration in the schema, with its title and description."""

    value: str
    title: str
    description: str


class RecordSchema:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        # One validator: jsonschema-rs (draft 2020-12) checks the schema itself here, decides validity fast, and
        # lists the errors of an invalid record, which `schema_errors` words for contributors.
        self._validator = jsonschema_rs.Draft202012Validator(self.document, validate_formats=False)

    def choices(self, definition: str) -> tuple[Choice, ...]:
        """The `oneOf`/`const` choices of a definition in `$defs` (components, clients)."""
        return tuple(
            Choice(o["const"], o.get("title", o["const"]), o.get("description", ""))
            for o in self.document["$defs"][definition]["oneOf"]
        )

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.document["properties"])

    def values_with(self, definition: str, annotation: str) -> frozenset[str]:
        """The choices of a `$defs` enumeration the schema annotates with `annotation` (``x-...: true``)."""
        return frozenset(o["const"] for o in self.document["$defs"][definition]["oneOf"] if o.get(annotation) is True)

    @property
    def client_ids(self) -> tuple[str, ...]:
        """The client libraries other than Kafka's own Java client, in the order pages list them."""
        return tuple(c.value for c in self.choices("client") if c.value != "java")

    @property
    def frequencies(self) -> tuple[str, ...]:
        return tuple(self.document["properties"]["frequency"]["enum"])

    @cached_property
    def markdown_fields(self) -> tuple[tuple[str, ...], ...]:
        """Key paths of the fields rendered as Markdown (annotated ``x-markdown`` in the schema: "block" prose or
        an "inline" line), with "*" for every item of a list or every value of a map: ``("causes", "*", "title")``."""
        return tuple(_annotated(self.document, self.document, (), "x-markdown"))

    @cached_property
    def list_fields(self) -> tuple[str, ...]:
        """Top-level fields whose value is a list (the rules read them as lists, so a record must have lists there)."""
        return tuple(k for k, v in self.document["properties"].items() if self._resolve(v).get("type") == "array")

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        return _resolve(self.document, node)

    @property
    def config_scopes(self) -> tuple[str, ...]:
        return tuple(self.document["$defs"]["config"]["properties"]["scope"]["enum"])

    def is_valid(self, data: Any) -> bool:
        return bool(self._validator.is_valid(data))

    def validate(self, path: Path, data: Any) -> list[Problem]:
        if self.is_valid(data):
            return []
        found = []
        for error in self._validator.iter_errors(data):
            for leaf in leaves(from_rs(error, self.document)):
                found.append(self._problem(path, leaf))
        return sorted(set(found), key=lambda p: (p.where.__repr__(), p.code, p.message))

    @rule(
        "KEI104",
        "schema-value",
        "A value is not one of the allowed values or does not match the expected format.",
        "Use one of the allowed values listed in the message.",
    )
    def _problem(self, path: Path, error: SchemaError) -> Problem:
        where = error.where
        extra = unknown_keys(error) if error.keyword == "additionalProperties" else []
        at = _dotted(where) or "the record"
        if extra:
            where = (*where, extra[0])  # point at the unknown key itself
        code = _CODE_BY_KEYWORD.get(error.keyword, "KEI104")
        return problem(path, code, message(error, at), where=where)


def _dotted(where: tuple[str | int, ...]) -> str:
    out = ""
    for key in where:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


@cache
def load_schema(path: Path) -> RecordSchema:
    return RecordSchema(path)


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A node with its local ``$ref`` (``#/$defs/name``) merged in; the node's own keywords win."""
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return node
    target = _resolve(document, document["$defs"][ref.rsplit("/", 1)[-1]])
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}


def _annotated(
    document: dict[str, Any], node: dict[str, Any], path: tuple[str, ...], keyword: str
) -> Iterator[tuple[str, ...]]:
    """Key paths, below `node`, of the nodes that carry `keyword` (depth-first, in the schema's order)."""
    node = _resolve(document, node)
    if keyword in node:
        yield path
        return
    for key, child in node.get("properties", {}).items():
        yield from _annotated(document, child, (*path, key), keyword)
    for wildcard in ("items", "additionalProperties"):
        if isinstance(node.get(wildcard), dict):
            yield from _annotated(document, node[wildcard], (*path, "*"), keyword)
