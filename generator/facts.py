"""The reference facts of Kafka 4.1.1 and the client libraries, read from ``data/facts/*.tsv``.

The TSV files are copied verbatim from facts extracted from Apache Kafka's source at the 4.1.1 tag and
from the client libraries (provenance in ``data/facts/README.md``, checksums in ``SHA256SUMS``). This
module turns them into typed, read-only tables; nothing here is written by hand.

The tables are read by `generator.facts_tables.load_facts` (the file-reading edge); this module holds the
types and the lookups derived from them, and the one definition of the Kafka releases the facts describe.

To use a new column: add the field to the dataclass here and read it in `facts_tables.load_facts`.
To add a client library: add it to the ``client`` definition of the schema (its order is the pages' order) and give its
columns a row in `facts_tables._CLIENT_COLUMNS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .client_facts import ClientFacts
from .kafka_source import SourceIndex


@dataclass(frozen=True)
class ClientName:
    """What one client library calls a protocol error and prints for it."""

    client: str
    name: str
    text: str = ""
    retriable: bool | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""
    older: tuple[tuple[str, str], ...] = ()  # (text, releases) that older releases of the client printed


@dataclass(frozen=True)
class FormerName:
    name: str
    used: str  # "0.8.2 to 2.5"

    @property
    def until(self) -> str:
        return self.used.rsplit(" to ", 1)[-1]


@dataclass(frozen=True)
class ProtocolCode:
    code: int
    name: str
    simple_name: str  # "" for NONE
    fqn: str
    superclass: str
    retriable: bool
    message: str
    first_release: str
    former_names: tuple[FormerName, ...]
    former_classes: tuple[FormerName, ...]
    clients: tuple[ClientName, ...] = ()

    @property
    def slug(self) -> str:
        return str(self.code)


@dataclass(frozen=True)
class ExceptionClass:
    simple_name: str
    fqn: str
    superclass: str
    retriable: bool
    has_protocol_code: bool
    module: str
    history: tuple[tuple[str, str, str], ...] = ()  # (version, superclass, retriable) where it changed


@dataclass(frozen=True)
class ConfigKey:
    key: str
    scope: str
    default: str
    type: str


@dataclass(frozen=True)
class LocalError:
    """A librdkafka client-side (negative) error code."""

    name: str
    code: int
    enum: str
    text: str


@dataclass(frozen=True)
class RemovedCli:
    tool: str
    option: str  # "(script)" when the whole script is gone
    last_version: str
    replacement: str


@dataclass
class Facts:
    codes: dict[int, ProtocolCode]
    classes: dict[str, ExceptionClass]
    config_keys: dict[tuple[str, str], ConfigKey]
    removed_config_keys: dict[str, str]  # key -> last version with it
    cli_options: dict[str, set[str]]  # tool -> options and subcommands
    removed_cli: dict[tuple[str, str], RemovedCli]
    librdkafka_local: dict[str, LocalError] = field(default_factory=dict)
    # Texts, methods and files of Kafka's source at the release; its tables load on first use (the lint only).
    source: SourceIndex | None = None
    # The same tables of the last 3.x release, for retired records and for texts labelled as 3.9's.
    previous_source: SourceIndex | None = None
    # Version-diff rows of classes 3.9.1 had and 4.1.1 does not: fqn -> (version, superclass, retriable) ...
    removed_diffs: dict[str, tuple[tuple[str, str, str], ...]] = field(default_factory=dict)
    # The client libraries' own errors, older texts and settings (data/facts/clients).
    clients: ClientFacts = field(default_factory=ClientFacts)

    def load_indexes(self, *, previous: bool) -> None:
        """Compute now every lazy index the lint reads (it calls this before forking its workers, so that they
        share one copy); the previous release's tables only when a record needs them."""
        _ = self.code_by_fqn, self.scopes_by_key, self.config_key_words, self.client_code_texts
        _ = self.removed_classes, self.simple_name_collisions
        if self.source is not None:
            self.source.load()
        if previous and self.previous_source is not None:
            self.previous_source.load()

    @cached_property
    def code_by_fqn(self) -> dict[str, ProtocolCode]:
        return {c.fqn: c for c in self.codes.values() if c.fqn}

    @cached_property
    def scopes_by_key(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key, scope in self.config_keys:
            out.setdefault(key, []).append(scope)
        return out

    @cached_property
    def config_key_words(self) -> frozenset[str]:
        """The first word of every config key, current or removed (`log`, `sasl`, `zookeeper`, ...)."""
        keys = [key for key, _scope in self.config_keys] + list(self.removed_config_keys)
        return frozenset(first_word(key) for key in keys)

    @cached_property
    def client_code_texts(self) -> dict[str, frozenset[str]]:
        """Per client library, the texts it prints for Kafka's protocol codes (KafkaJSProtocolError carries them)."""
        out: dict[str, set[str]] = {}
        for code in self.codes.values():
            for name in code.clients:
                if name.text:
                    out.setdefault(name.client, set()).add(name.text)
        return {client: frozenset(texts) for client, texts in out.items()}

    @cached_property
    def removed_classes(self) -> dict[str, ExceptionClass]:
        """Classes of the version-diff table that 3.9.1 had and 4.1.1 does not, by fqn (`new` and the retired
        record's retriability check read them)."""
        out = {}
        for fqn, versions in self.removed_diffs.items():
            superclass, retriable = versions[0][1], versions[0][2] == "true"
            out[fqn] = ExceptionClass(fqn.rsplit(".", 1)[1], fqn, superclass, retriable, False, "", versions)
        return out

    @cached_property
    def simple_name_collisions(self) -> set[str]:
        seen: dict[str, int] = {}
        for cls in self.classes.values():
            seen[cls.simple_name] = seen.get(cls.simple_name, 0) + 1
        return {name for name, count in seen.items() if count > 1}


def first_word(key: str) -> str:
    """`log` of `log.retention.ms`: what `Facts.config_key_words` holds."""
    return re.split(r"[.-]", key, maxsplit=1)[0]
