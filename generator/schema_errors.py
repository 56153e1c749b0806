"""Schema errors in words a contributor can act on: jsonschema-rs's errors turned into messages and key paths.

One validator (jsonschema-rs, draft 2020-12) decides whether a record is valid and, when it is not, lists
the errors. Each error names its keyword by its schema path (``["properties", "summary", "maxLength"]``);
`SchemaError` pairs it with the keyword's value in the schema, so a message can say "at most 159 allowed" or
list the allowed choices. For a ``oneOf``/``anyOf`` over objects, the most specific error of an alternative
says more than "not valid under any of them" (`leaves`).

To word a keyword's message better: add a branch to `message`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SchemaError:
    keyword: str  # the JSON Schema keyword that failed: required, type, maxLength, oneOf, ...
    where: tuple[str | int, ...]  # key path in the record
    instance: Any  # the value that failed
    value: Any  # the keyword's value in the schema (the required names, the limit, the alternatives)
    parent: dict[str, Any]  # the schema object holding the keyword (its `properties` for unknown fields)
    text: str  # the validator's own message, for keywords `message` does not word
    context: tuple[SchemaError, ...] = field(default=(), compare=False)


def from_rs(error: Any, document: dict[str, Any]) -> SchemaError:
    """A jsonschema-rs `ValidationError` with the schema values it refers to."""
    path = list(error.schema_path)
    parent: Any = document
    for key in path[:-1]:
        parent = parent[key]
    keyword = str(path[-1]) if path else ""
    context = getattr(error.kind, "context", None) or []
    return SchemaError(
        keyword,
        tuple(error.instance_path),
        error.instance,
        parent.get(keyword) if isinstance(parent, dict) else None,
        parent if isinstance(parent, dict) else {},
        str(error.message),
        tuple(from_rs(sub, document) for alternative in context for sub in alternative),
    )


def leaves(error: SchemaError) -> list[SchemaError]:
    """For oneOf/anyOf over objects, the most specific sub-error says more than 'not valid under any'."""
    if error.keyword in {"oneOf", "anyOf"} and error.context and not _all_const(error.value):
        deepest = max(len(e.where) for e in error.context)
        if deepest > len(error.where):
            return [e for e in error.context if len(e.where) == deepest]
    return [error]


def unknown_keys(error: SchemaError) -> list[str]:
    allowed = error.parent.get("properties", {})
    return [str(k) for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []


def message(error: SchemaError, at: str) -> str:
    keyword, value, instance = error.keyword, error.value, error.instance
    if keyword == "required":
        missing = [name for name in value if name not in (instance or {})]
        return f"{at}: missing required field {', '.join(repr(m) for m in missing)}"
    if keyword == "additionalProperties":
        allowed = list(error.parent.get("properties", {}))
        hints = []
        for name in unknown_keys(error):
            close = difflib.get_close_matches(name, allowed, n=1)
            hints.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        return f"{at}: unknown field {', '.join(hints)}; allowed: {', '.join(allowed)}"
    if keyword == "type":
        return f"{at}: expected {value}, found {_type_name(instance)} {short(instance)}"
    if keyword in {"minItems", "maxItems"}:
        count = len(instance)
        return f"{at}: has {count} item{'s' * (count != 1)}; {'at least' if keyword == 'minItems' else 'at most'} {value} needed"
    if keyword in {"minLength", "maxLength"}:
        return f"{at}: is {len(instance)} characters; {'at least' if keyword == 'minLength' else 'at most'} {value} allowed"
    if keyword == "enum":
        return f"{at}: {short(instance)} is not one of {', '.join(map(str, value))}"
    if keyword == "oneOf" and _all_const(value):
        return f"{at}: {short(instance)} is not one of {', '.join(o['const'] for o in value)}"
    if keyword == "oneOf":
        return f"{at}: give exactly one of the alternatives ({error.text})"
    if keyword == "pattern":
        return f"{at}: {short(instance)} does not match the expected format {value}"
    if keyword == "uniqueItems":
        return f"{at}: has duplicate items"
    return f"{at}: {error.text}"


def _all_const(alternatives: Any) -> bool:
    return isinstance(alternatives, list) and all(isinstance(o, dict) and "const" in o for o in alternatives)


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


def short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
