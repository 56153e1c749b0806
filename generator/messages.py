"""Message templates in records: their literal parts, and which parts cannot tell errors apart.

A record's ``messages`` may hold templates with ``<placeholders>``. Search and ``explain`` look for their
literal parts (20 characters or more). A part is *ambiguous* when another record's messages contain it
too ("Got error produce response with correlation id <id> ..." is how the producer logs any produce
error): `explain` ignores ambiguous parts, and the lint flags a message made only of them (KEI904).

To change what counts as evidence: adjust `MIN_PART` or `ambiguous_parts`; both users follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MIN_PART = 20
_PLACEHOLDER = re.compile(r"<[^<>]+>")


def is_template(message: str) -> bool:
    return bool(_PLACEHOLDER.search(message))


def literal_parts(message: str) -> list[str]:
    """A message without placeholders is one literal; a template gives its long literal parts."""
    if not is_template(message):
        return [message]
    return [part.strip() for part in _PLACEHOLDER.split(message) if len(part.strip()) >= MIN_PART]


def ambiguous_parts(records: Iterable[tuple[str, list[str]]]) -> set[str]:
    """Literal parts of templates that the messages of more than one record contain."""
    owners: dict[str, set[str]] = {}
    for fqn, messages in records:
        for message in messages:
            for part in literal_parts(message):
                owners.setdefault(part, set()).add(fqn)
    parts = list(owners)
    shared = {p for p in parts if len(owners[p]) > 1}
    # A part can also be contained in a longer part of another record ("... Error: X" inside "... Error: X.").
    for part in parts:
        if part not in shared and any(
            part in other and owners[other] - owners[part] for other in parts if other != part
        ):
            shared.add(part)
    return shared
