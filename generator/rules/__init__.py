"""The coded lint rules that run after the schema: identity, facts, links, safety and content.

Each check is a function ``(record, context) -> Iterable[Problem]`` listed in `CHECKS`; rule codes, names
and fix hints live in `problems.RULES`. Checks must tolerate records that failed the schema (a wrong type
somewhere), so they read lists through `base.items`.

To add a rule: register its code in `problems.RULES`, write a check in the module of its topic
(`identity`, `facts`, `content`, `accuracy`, `clients`), append it to the tuple of the record kinds it applies
to (`COMMON_CHECKS`, `EXCEPTION_CHECKS`, `CLIENT_CHECKS`), and add a fixture under
``tests/fixtures/lint/<CODE>/`` that triggers only that code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..facts import Facts
from ..parallel import pmap
from ..problems import Problem
from ..schema import RecordSchema
from .accuracy import (
    check_evidence,
    check_frames,
    check_hedges,
    check_sources,
    check_stack_trace,
    check_texts,
)
from .base import Context
from .clients import (
    check_client_error,
    check_client_examples,
    check_client_settings,
    check_client_texts,
    check_corresponds_to,
)
from .content import (
    check_config_mentions,
    check_draft,
    check_examples,
    check_filler,
    check_generic_messages,
    check_placeholders,
    check_prose_safety,
    check_related,
    prose,
)
from .facts import check_class, check_client_names, check_commands, check_configs, check_protocol, check_retriable
from .identity import check_filename, check_published, check_redirects, duplicate
from .settings import check_settings

if TYPE_CHECKING:
    from ..catalog import Record

__all__ = ["CHECKS", "check_all", "check_published", "duplicate", "prose"]

Check = Callable[["Record", Context], Iterable[Problem]]

# Checks every record gets, whatever its kind.
COMMON_CHECKS: tuple[Check, ...] = (
    check_filename,
    check_related,
    check_prose_safety,
    check_placeholders,
    check_draft,
    check_filler,
    check_config_mentions,
    check_frames,
    check_hedges,
)
# A Java exception class: its Kafka facts, texts, evidence and settings.
EXCEPTION_CHECKS: tuple[Check, ...] = (
    check_class,
    check_protocol,
    check_retriable,
    check_configs,
    check_commands,
    check_client_names,
    check_examples,
    check_texts,
    check_sources,
    check_evidence,
    check_stack_trace,
    check_settings,
)
# A client library's own error: checked against that client's facts (`rules.clients`).
CLIENT_CHECKS: tuple[Check, ...] = (
    check_client_error,
    check_client_texts,
    check_client_settings,
    check_client_examples,
    check_corresponds_to,
    check_commands,
)
CHECKS: tuple[Check, ...] = COMMON_CHECKS + EXCEPTION_CHECKS + CLIENT_CHECKS


def check_all(records: list[Record], facts: Facts, schema: RecordSchema) -> list[Problem]:
    ctx = Context(facts, schema, frozenset(r.fqn for r in records))
    found: list[Problem] = list(check_redirects(records))
    found.extend(check_generic_messages(records))
    for record_problems in pmap(_check_record, records, ctx):
        found.extend(record_problems)
    return found


def _check_record(ctx: Context, record: Record) -> list[Problem]:
    own = CLIENT_CHECKS if record.kind == "client" else EXCEPTION_CHECKS
    return [found for check in COMMON_CHECKS + own for found in check(record, ctx)]
