"""Shared pieces of the lint rules: the `@check` registry, the context every check receives, helpers to emit problems.

A check is a function ``(record, context) -> Iterable[Problem]`` marked with `@check(kinds)` (the record kinds it
applies to) and `@rule(...)` (the codes it reports, see `generator.rule_codes`). Checks must tolerate records that
failed the schema (a wrong type somewhere), so they read lists through `items`.

To add a helper used by several checks, put it here; keep checks in the module of their topic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..facts import Facts
from ..problems import Problem, problem
from ..schema import RecordSchema

if TYPE_CHECKING:
    from ..model import Record

Where = tuple[str | int, ...]
Check = Callable[["Record", "Context"], Iterable[Problem]]

# The record kinds (`Record.kind`) and the checks each gets, in declaration order; filled by `@check`.
KINDS = ("exception", "client")
CHECKS: dict[str, list[Check]] = {kind: [] for kind in KINDS}


def check(*kinds: str) -> Callable[[Check], Check]:
    """Run the decorated function on every record of these kinds (an exception class, a client's own error)."""
    unknown = set(kinds) - set(KINDS)
    if unknown or not kinds:
        raise ValueError(f"@check needs record kinds among {KINDS}, got {kinds}")

    def register(func: Check) -> Check:
        for kind in kinds:
            CHECKS[kind].append(func)
        return func

    return register


@dataclass(frozen=True)
class Context:
    facts: Facts
    schema: RecordSchema
    ids: frozenset[str]
    # Each record's prose fields, found once: five checks read them (see `content.prose`).
    prose_by_id: dict[str, list[tuple[Where, str]]] = field(default_factory=dict, compare=False, repr=False)


def items(record: Record, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = record.data.get(key)
    for index, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield index, item


def emit(record: Record, code: str, message: str, where: Where = (), value_line: int = -1) -> Problem:
    return problem(record.path, code, message, where=where, value_line=value_line)


def line_of(text: str, needle: str) -> int:
    """0-based line of `needle` inside a text value (for pointing at the exact line of a long block)."""
    index = text.find(needle)
    return text.count("\n", 0, index) if index >= 0 else -1
