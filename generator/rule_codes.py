"""The registry of coded lint rules: code, name, severity, what each checks and how to fix what it reports.

A rule is declared where it is checked: the `@rule(...)` decorator on the function that emits its code
(`generator/rules/*.py`, the loader, the schema check), or `define(...)` next to a table that maps to codes
(the schema's validator keywords). Declaring registers the rule here; `generator.rules.RULES` is the complete,
sorted table, from which CONTRIBUTING's rule table, the fixture tests and ``lint --rules`` are generated.

To add a rule: decorate its check with `@rule(code, name, description, fix)` (and, for a check of records,
`@check(...)` from `generator.rules.base`), and add one fixture under ``tests/fixtures/lint/<CODE>/`` that
triggers only that code; ``python -m generator refresh`` rewrites the rule table. Hundreds: 0xx reading the
file, 1xx schema, 2xx identity, 3xx facts, 4xx links, 5xx safety, 6xx content, 9xx suggestions. Codes are never
reused: a retired rule stays declared with "(retired)" in its description.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])


class Severity(enum.Enum):
    """Errors fail the lint and the build; suggestions are printed and never fail anything."""

    ERROR = "error"
    SUGGESTION = "suggestion"


@dataclass(frozen=True, order=True)
class Rule:
    code: str
    name: str
    severity: Severity
    description: str
    fix: str


# Every declared rule by code; filled as the modules that declare rules are imported.
RULES_BY_CODE: dict[str, Rule] = {}


def define(code: str, name: str, description: str, fix: str, *, severity: Severity = Severity.ERROR) -> Rule:
    """Declare a rule; a code or name declared twice is a programming error."""
    declared = Rule(code, name, severity, description, fix)
    if code in RULES_BY_CODE or any(r.name == name for r in RULES_BY_CODE.values()):
        raise ValueError(f"rule {code} {name} is declared twice")
    RULES_BY_CODE[code] = declared
    return declared


def rule(code: str, name: str, description: str, fix: str, *, severity: Severity = Severity.ERROR) -> Callable[[F], F]:
    """Declare a rule on the function that reports it (the function itself is unchanged)."""
    define(code, name, description, fix, severity=severity)

    def mark(func: F) -> F:
        return func

    return mark
