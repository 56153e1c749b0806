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

import ahocorasick_rs

MIN_PART = 20
_PLACEHOLDER = re.compile(r"<[^<>]+>")


def is_template(message: str) -> bool:
    return bool(_PLACEHOLDER.search(message))


def literal_parts(message: str) -> list[str]:
    """A message without placeholders is one literal; a template gives its long literal parts."""
    if not is_template(message):
        return [message]
    return [part.strip() for part in _PLACEHOLDER.split(message) if len(part.strip()) >= MIN_PART]


def searchable_text(message: str) -> str:
    """Every literal word of a message, each placeholder shown as "…" (a search result prints the text as the name
    that matched; "…" is no word of any query). Search wants all the words, short ones too:
    a pasted "Expiring 12 record(s) for ..." should match "Expiring" and "record(s)", which
    `literal_parts` leaves out because they are too short to tell errors apart in `explain`."""
    return " ".join(_PLACEHOLDER.sub("…", message).split())


def ambiguous_parts_by_kind(records: Iterable[tuple[str, str, list[str]]]) -> set[str]:
    """`ambiguous_parts` within each group of records (Java exceptions; each client library's own errors): a client
    error that carries a broker's text (KafkaJSProtocolError prints "Not authorized to access topics: [...]") does
    not make that text ambiguous for the Java exception that owns it, nor aiokafka's copy of a kafka-python text for
    kafka-python."""
    kinds: dict[str, list[tuple[str, list[str]]]] = {}
    for kind, record_id, messages in records:
        kinds.setdefault(kind, []).append((record_id, messages))
    return set().union(*(ambiguous_parts(group) for group in kinds.values()))


def ambiguous_parts(records: Iterable[tuple[str, list[str]]]) -> set[str]:
    """Literal parts that the messages of more than one record contain, whole or inside a longer part
    ("... Error: X" inside "... Error: X."). One Aho-Corasick pass keeps this linear in the catalog size."""
    owners: dict[str, set[str]] = {}
    for fqn, messages in records:
        for message in messages:
            for part in literal_parts(message):
                owners.setdefault(part, set()).add(fqn)
    if not owners:
        return set()
    parts = list(owners)
    shared = {p for p in parts if len(owners[p]) > 1}
    automaton = ahocorasick_rs.AhoCorasick(parts)
    for longer in parts:
        for index, _start, _end in automaton.find_matches_as_indexes(longer, overlapping=True):
            inner = parts[index]
            if inner != longer and owners[longer] - owners[inner]:
                shared.add(inner)
    return shared
