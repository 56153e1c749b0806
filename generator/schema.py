"""Check records against the JSON Schema and turn its errors into coded, fixable problems.

The schema (``schema/record.schema.json``) is the single definition of the record fields; this module
only translates `jsonschema` errors into `Problem`s with a rule code and a message a contributor can act
on. It also exposes the schema's enumerations (components, clients, scopes) so the code never repeats them.

To map a new JSON Schema keyword to a rule: add it to `_CODE_BY_KEYWORD`; give it a friendlier message in
`_message` if the default one is unclear.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .problems import Problem, problem
from .rule_codes import define, rule

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
        Draft202012Validator.check_schema(self.document)
        self._validator = Draft202012Validator(self.document)
        # The Rust validator answers "is it valid?" about 100x faster; the Python one explains what is wrong.
        # Both implement draft 2020-12 (a test checks they agree on every fixture and real record).
        self._fast = jsonschema_rs.validator_for(self.document)

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
        return bool(self._fast.is_valid(data))

    def validate(self, path: Path, data: Any) -> list[Problem]:
        if self.is_valid(data):
            return []
        found = []
        for error in sorted(self._validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
            for leaf in _leaves(error):
                found.append(self._problem(path, leaf))
        return sorted(set(found), key=lambda p: (p.where.__repr__(), p.code, p.message))

    @rule(
        "KEI104",
        "schema-value",
        "A value is not one of the allowed values or does not match the expected format.",
        "Use one of the allowed values listed in the message.",
    )
    def _problem(self, path: Path, error: ValidationError) -> Problem:
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            extra = [k for k in error.instance if k not in allowed]
            if extra:
                where = (*where, extra[0])  # point at the unknown key itself
        code = _CODE_BY_KEYWORD.get(str(error.validator), "KEI104")
        return problem(path, code, self._message(error, where), where=where)

    def _message(self, error: ValidationError, where: tuple[str | int, ...]) -> str:
        at = _dotted(where[:-1] if error.validator == "additionalProperties" else where) or "the record"
        keyword = str(error.validator)
        if keyword == "required":
            missing = [name for name in error.validator_value if name not in (error.instance or {})]
            return f"{at}: missing required field {', '.join(repr(m) for m in missing)}"
        if keyword == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            extra = [k for k in error.instance if k not in allowed]
            hints = []
            for name in extra:
                close = difflib.get_close_matches(str(name), allowed, n=1)
                hints.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
            return f"{at}: unknown field {', '.join(hints)}; allowed: {', '.join(allowed)}"
        if keyword == "type":
            return (
                f"{at}: expected {error.validator_value}, found {_type_name(error.instance)} {_short(error.instance)}"
            )
        if keyword in {"minItems", "maxItems"}:
            count = len(error.instance)
            return f"{at}: has {count} item{'s' * (count != 1)}; {'at least' if keyword == 'minItems' else 'at most'} {error.validator_value} needed"
        if keyword in {"minLength", "maxLength"}:
            return f"{at}: is {len(error.instance)} characters; {'at least' if keyword == 'minLength' else 'at most'} {error.validator_value} allowed"
        if keyword == "enum":
            return f"{at}: {_short(error.instance)} is not one of {', '.join(map(str, error.validator_value))}"
        if keyword == "oneOf" and all("const" in o for o in error.validator_value):
            return (
                f"{at}: {_short(error.instance)} is not one of {', '.join(o['const'] for o in error.validator_value)}"
            )
        if keyword == "oneOf":
            return f"{at}: give exactly one of the alternatives ({error.message})"
        if keyword == "pattern":
            return f"{at}: {_short(error.instance)} does not match the expected format {error.validator_value}"
        if keyword == "uniqueItems":
            return f"{at}: has duplicate items"
        return f"{at}: {error.message}"


def _leaves(error: ValidationError) -> list[ValidationError]:
    """For oneOf/anyOf over objects, the most specific sub-error says more than 'not valid under any'."""
    if (
        error.validator in {"oneOf", "anyOf"}
        and error.context
        and not all("const" in o for o in error.validator_value if isinstance(o, dict))
    ):
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):
            return [e for e in error.context if len(e.absolute_path) == deepest]
    return [error]


def _dotted(where: tuple[str | int, ...]) -> str:
    out = ""
    for key in where:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _type_name(value: Any) -> str:
    return {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "list",
        dict: "mapping",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
