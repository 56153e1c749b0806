"""The coded lint rules that run after the schema: identity, facts, links, safety, content, accuracy, clients.

Each check is a function ``(record, context) -> Iterable[Problem]`` in the module of its topic, marked with
`@check(kinds)` (see `base`) and declaring the codes it reports with `@rule(...)` (see `generator.rule_codes`).
Importing this package imports every module that declares rules, so `RULES` is complete here.

To add a rule: write the decorated check in the module of its topic and add a fixture under
``tests/fixtures/lint/<CODE>/`` that triggers only that code (two files); then ``python -m generator refresh``
regenerates CONTRIBUTING's rule table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import loader  # noqa: F401 - it declares the reading rules (KEI0xx); the schema check's are KEI1xx
from ..facts import Facts
from ..parallel import pmap
from ..problems import Problem
from ..rule_codes import RULES_BY_CODE, Rule
from ..schema import RecordSchema
from . import accuracy, clients, commands, content, identity, settings, style  # noqa: F401 - their checks register
from . import facts as _facts  # noqa: F401 - (named apart from the parameter `facts` below)
from .base import CHECKS, Context
from .content import check_generic_messages, prose
from .identity import check_published, check_redirects, duplicate

if TYPE_CHECKING:
    from ..model import Record

__all__ = ["CHECKS", "RULES", "check_all", "check_published", "duplicate", "prose"]

# Every rule, by code: the table CONTRIBUTING, `lint --rules` and the fixture tests are generated from.
RULES: tuple[Rule, ...] = tuple(sorted(RULES_BY_CODE.values()))


def check_all(records: list[Record], facts: Facts, schema: RecordSchema, *, serial: bool = False) -> list[Problem]:
    ctx = Context(facts, schema, frozenset(r.id for r in records))
    found: list[Problem] = list(check_redirects(records))
    found.extend(check_generic_messages(records))
    # Retired records, and texts quoted from the previous release, are checked against that release's tables.
    previous = any(r.get("retired") or any(m["origin"] for m in r.messages) for r in records)
    indexes = lambda: facts.load_indexes(previous=previous)  # noqa: E731
    for record_problems in pmap(_check_record, records, ctx, indexes, serial=serial):
        found.extend(record_problems)
    return found


def _check_record(ctx: Context, record: Record) -> list[Problem]:
    return [found for check in CHECKS[record.kind] for found in check(record, ctx)]
