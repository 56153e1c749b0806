"""Names to look for: every name of the JSON export, compiled into one Aho-Corasick automaton over bytes.

`Matcher` maps each searchable name to the entries (records, or protocol codes without a record) that go
by it. Names too generic to mean anything on their own are left out, and so are fragments of message
templates that several entries share (they are logged for many errors).

To recognise a new kind of name: add it to the catalog's names (`Catalog.names`), not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import ahocorasick_rs

from ..messages import ambiguous_parts_by_kind, is_template, literal_parts
from ..model import Catalog
from ..render.export import export_document

# Wrappers: they say that something failed, and their cause says what. Ranked after what they wrap.
WRAPPERS = frozenset(
    {
        "org.apache.kafka.common.KafkaException",
        "org.apache.kafka.streams.errors.StreamsException",
        "org.apache.kafka.connect.errors.ConnectException",
        "org.apache.kafka.common.errors.ApiException",
        # KafkaJS's carriers: a protocol code's error, the retrier's give-up, the validation wrapper
        "kafkajs/KafkaJSProtocolError",
        "kafkajs/KafkaJSNumberOfRetriesExceeded",
        "kafkajs/KafkaJSNonRetriableError",
    }
)

CAUSED_BY = b"Caused by:"
# What starts a line that names the cause of the error above it: the JVM's "Caused by:", Node's "[cause]:"
# (an Error's `cause` as util.inspect prints it, e.g. KafkaJSNumberOfRetriesExceeded wrapping KafkaJSConnectionError).
CAUSE_PREFIXES = (CAUSED_BY, b"[cause]:")
CODE_MARKERS = (b"error code", b"Error code", b"errorCode", b"error_code", b"ErrorCode", b"[Error ")
# Only exception class names nest on one line ("KafkaException: ...TimeoutException: ..."); two texts on a
# log line are two mentions, not a cause chain.
_CLASS_KINDS = frozenset({"class", "fqn", "former-class"})


@dataclass
class Target:
    """Something explain can point at: a record, or a protocol code that has no record yet."""

    id: str
    title: str
    names: list[str]
    url: str
    status: str
    retriable: bool | None
    summary: str
    protocol: str = ""
    causes: list[str] = field(default_factory=list)
    solutions: list[str] = field(default_factory=list)
    client: str = ""  # the client library whose own error this is ("librdkafka"); empty for Kafka's errors
    retired: bool = False  # a class Kafka 4.0 removed: ranked after a current entry found by the same text

    @property
    def is_wrapper(self) -> bool:
        return self.id in WRAPPERS


def _strong(name: str) -> bool:
    """Names too generic to mean a Kafka error on their own ("UNKNOWN", "Error") are not searched for."""
    if len(name) < 8:
        return False
    return not re.fullmatch(r"[A-Z][a-z]+|[A-Z]+|[a-z]+", name)


@dataclass
class _Names:
    """The names being collected, with what is known of each (see `Matcher`)."""

    ambiguous: AbstractSet[str]
    targets: dict[str, set[int]] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)  # parts of message templates: evidence, but less than a name
    kafka: set[str] = field(default_factory=set)  # names a Java exception record goes by as Kafka prints them
    java: set[str] = field(default_factory=set)
    clients: dict[str, set[str]] = field(default_factory=dict)  # a client library's name or text -> its clients
    client_targets: set[int] = field(default_factory=set)

    def add(self, index: int, details: Iterable[dict[str, str]], *, client: bool) -> None:
        if client:
            self.client_targets.add(index)
        for detail in details:
            kind, who = detail["kind"], detail["client"]
            template = kind == "message" and is_template(detail["value"])
            for literal in literal_parts(detail["value"]):
                if not _strong(literal) or (kind == "message" and literal in self.ambiguous):
                    continue
                self.targets.setdefault(literal, set()).add(index)
                if who == "java":
                    self.java.add(literal)
                    if not client and kind in (*_CLASS_KINDS, "message"):
                        self.kafka.add(literal)
                else:
                    self.clients.setdefault(literal, set()).add(who)
                if kind in _CLASS_KINDS:
                    self.classes.add(literal)
                if template:
                    self.weak.add(literal)


def _error_target(entry: dict[str, Any], site_url: str) -> Target:
    protocol = entry["protocol"]
    return Target(
        entry["id"],
        entry["title"],
        [entry["class"], entry["fqn"]] + ([protocol["name"]] if protocol else []),
        site_url + entry["url"],
        entry["status"],
        entry["retriable"],
        entry["summary"],
        f"{protocol['name']} ({protocol['code']})" if protocol else "",
        entry["causes"],
        entry["solutions"],
        retired=bool(entry["retired"]),
    )


def _client_target(entry: dict[str, Any], site_url: str) -> Target:
    """A client's own error (librdkafka/_MSG_TIMED_OUT)."""
    return Target(
        entry["id"],
        entry["title"],
        [entry["name"]] + [b["name"] for b in entry["bindings"]],
        site_url + entry["url"],
        entry["status"],
        entry["retriable"],
        entry["summary"],
        "",
        entry["causes"],
        entry["solutions"],
        entry["client"],
    )


def _code_target(code: dict[str, Any], site_url: str) -> Target:
    """A protocol code without a record."""
    return Target(
        code["fqn"],
        code["class"],
        [code["class"], code["fqn"], code["name"]],
        site_url + code["url"],
        "undocumented",
        code["retriable"],
        code["message"],
        f"{code['name']} ({code['code']})",
    )


class Matcher:
    def __init__(self, catalog: Catalog, site_url: str, document: dict[str, Any] | None = None) -> None:
        """`document`: the catalog's `export_document`, when the caller has it already (a build writes it too)."""
        doc = document if document is not None else export_document(catalog)
        self.targets: list[Target] = []
        self.by_code: dict[int, int] = {}
        found = _Names(ambiguous_parts_by_kind((r.kind + r.client, r.id, r.message_texts) for r in catalog.entries))

        def add(target: Target, details: Iterable[dict[str, str]], *, client: bool = False) -> int:
            self.targets.append(target)
            found.add(len(self.targets) - 1, details, client=client)
            return len(self.targets) - 1

        for entry in doc["errors"]:
            index = add(_error_target(entry, site_url), entry["name_details"])
            if entry["protocol"]:
                self.by_code[entry["protocol"]["code"]] = index
        for entry in doc["client_errors"]:
            add(_client_target(entry, site_url), entry["name_details"], client=True)
        for code in doc["codes"]:
            if not code["entry"]:
                self.by_code[code["code"]] = add(_code_target(code, site_url), code["name_details"])
        # A text Kafka itself prints (kafka-python's CommitFailedError quotes the Java client's message) is evidence
        # for the Java exception; a client's own error needs a name or text of its own.
        for name in found.kafka:
            if found.targets[name] - found.client_targets:
                found.targets[name] -= found.client_targets
        self.names = sorted(found.targets)
        self.name_targets = [tuple(sorted(found.targets[n])) for n in self.names]
        self.is_class = [n in found.classes for n in self.names]
        self.is_weak = [n in found.weak and n not in found.classes for n in self.names]
        # whose name it is, when only client libraries use it ("librdkafka" for "Broker: Not leader for partition")
        self.client_of = ["" if n in found.java else ", ".join(sorted(found.clients.get(n, ()))) for n in self.names]
        self.first_marker = len(self.names)

    @cached_property
    def automaton(self) -> ahocorasick_rs.BytesAhoCorasick:
        """Every name, then the markers, in one automaton (built when first scanned: the site's index needs none)."""
        return ahocorasick_rs.BytesAhoCorasick(
            [n.encode("utf-8") for n in self.names] + [CAUSED_BY, *CODE_MARKERS],
            matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
            implementation=ahocorasick_rs.Implementation.DFA,
        )

    def recognised_names(self) -> list[str]:
        return list(self.names)
