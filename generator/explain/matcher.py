"""Names to look for: every name of the JSON export, compiled into one Aho-Corasick automaton over bytes.

`Matcher` maps each searchable name to the entries (records, or protocol codes without a record) that go
by it. Names too generic to mean anything on their own are left out, and so are fragments of message
templates that several entries share (they are logged for many errors).

To recognise a new kind of name: add it to the catalog's names (`Catalog.names`), not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick_rs

from ..catalog import Catalog
from ..messages import ambiguous_parts_by_kind, is_template, literal_parts
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


class Matcher:
    def __init__(self, catalog: Catalog, site_url: str) -> None:
        doc = export_document(catalog)
        self.targets: list[Target] = []
        self.by_code: dict[int, int] = {}
        names: dict[str, set[int]] = {}
        class_names: set[str] = set()
        weak_names: set[str] = set()  # parts of message templates: evidence, but less than a name
        ambiguous = ambiguous_parts_by_kind((r.kind + r.client, r.fqn, r.message_texts) for r in catalog.entries)

        kafka_names: set[str] = set()  # names a Java exception record goes by as Kafka prints them
        java_names: set[str] = set()
        client_names: dict[str, set[str]] = {}  # a client library's name or text -> the clients that use it
        client_targets: set[int] = set()

        def add(target: Target, details: Iterable[dict[str, str]], *, client: bool = False) -> int:
            index = len(self.targets)
            self.targets.append(target)
            if client:
                client_targets.add(index)
            for detail in details:
                template = detail["kind"] == "message" and is_template(detail["value"])
                for literal in literal_parts(detail["value"]):
                    if not _strong(literal) or (detail["kind"] == "message" and literal in ambiguous):
                        continue
                    names.setdefault(literal, set()).add(index)
                    if detail["client"] == "java":
                        java_names.add(literal)
                    else:
                        client_names.setdefault(literal, set()).add(detail["client"])
                    if not client and detail["client"] == "java" and detail["kind"] in (*_CLASS_KINDS, "message"):
                        kafka_names.add(literal)
                    if detail["kind"] in _CLASS_KINDS:
                        class_names.add(literal)
                    if template:
                        weak_names.add(literal)
            return index

        for entry in doc["errors"]:
            index = add(
                Target(
                    entry["id"],
                    entry["title"],
                    [entry["class"], entry["fqn"]] + ([entry["protocol"]["name"]] if entry["protocol"] else []),
                    site_url + entry["url"],
                    entry["status"],
                    entry["retriable"],
                    entry["summary"],
                    f"{entry['protocol']['name']} ({entry['protocol']['code']})" if entry["protocol"] else "",
                    entry["causes"],
                    entry["solutions"],
                    retired=bool(entry["retired"]),
                ),
                entry["name_details"],
            )
            if entry["protocol"]:
                self.by_code[entry["protocol"]["code"]] = index
        for entry in doc["client_errors"]:  # a client's own error (librdkafka/_MSG_TIMED_OUT)
            add(
                Target(
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
                ),
                entry["name_details"],
                client=True,
            )
        for code in doc["codes"]:
            if code["entry"]:
                continue
            self.by_code[code["code"]] = add(
                Target(
                    code["fqn"],
                    code["class"],
                    [code["class"], code["fqn"], code["name"]],
                    site_url + code["url"],
                    "undocumented",
                    code["retriable"],
                    code["message"],
                    f"{code['name']} ({code['code']})",
                ),
                code["name_details"],
            )
        # A text Kafka itself prints (kafka-python's CommitFailedError quotes the Java client's message) is evidence
        # for the Java exception; a client's own error needs a name or text of its own.
        for name in kafka_names:
            if names[name] - client_targets:
                names[name] -= client_targets
        self.names = sorted(names)
        self.name_targets = [tuple(sorted(names[n])) for n in self.names]
        self.is_class = [n in class_names for n in self.names]
        self.is_weak = [n in weak_names and n not in class_names for n in self.names]
        # whose name it is, when only client libraries use it ("librdkafka" for "Broker: Not leader for partition")
        self.client_of = ["" if n in java_names else ", ".join(sorted(client_names.get(n, ()))) for n in self.names]
        markers = [CAUSED_BY, *CODE_MARKERS]
        self.first_marker = len(self.names)
        self.automaton = ahocorasick_rs.BytesAhoCorasick(
            [n.encode("utf-8") for n in self.names] + markers,
            matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
            implementation=ahocorasick_rs.Implementation.DFA,
        )

    def recognised_names(self) -> list[str]:
        return list(self.names)
