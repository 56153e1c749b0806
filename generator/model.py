"""The data model: a `Record` (one YAML file) and the `Catalog` of all records with the facts, enriched.

The bottom of the package: no file is read here and nothing above is imported (the pipeline in
`generator.pipeline` reads, validates and builds a `Catalog`; the rules, renderers, export and explain read
it). Enrichment is what no contributor writes: the protocol code of each class, the client-library names,
backlinks, component lists and search names.

To add derived data: compute it in `Catalog.__post_init__` or a cached property, never in a template, so
every renderer (pages, JSON export, explain) sees the same value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .facts import ClientName, Facts, ProtocolCode
from .schema import Choice, RecordSchema


@dataclass(frozen=True)
class Name:
    """A name an error goes by, and where it comes from (for search, explain and the JSON export)."""

    value: str
    kind: (
        str  # class | fqn | enum | former-enum | former-class | client-name | client-text | client-extra-text | message
    )
    client: str = "java"


@dataclass
class Record:
    """One YAML record. Two kinds share the fields: an `exception` (a Java class, id = its fqn) and a `client`
    error (a client library's own error, id = `<client>/<name>`, e.g. `librdkafka/_MSG_TIMED_OUT`)."""

    path: Path
    data: dict[str, Any]

    # `kind` and `id` are asked for millions of times in a large build and records are never changed after
    # loading: each is computed once.
    @cached_property
    def kind(self) -> str:
        return "client" if "client" in self.data and "fqn" not in self.data else "exception"

    @property
    def id_field(self) -> str:
        return "name" if self.kind == "client" else "fqn"

    @cached_property
    def id(self) -> str:
        if self.kind == "client":
            return f"{self.data['client']}/{self.data['name']}"
        return str(self.data["fqn"])

    @property
    def client(self) -> str:
        return str(self.data.get("client", "java"))

    @property
    def simple_name(self) -> str:
        return str(self.data["name"]) if self.kind == "client" else self.id.rsplit(".", 1)[-1]

    @property
    def package(self) -> str:
        return self.client if self.kind == "client" else self.id.rsplit(".", 1)[0]

    @property
    def status(self) -> str:
        return str(self.data["status"])

    @property
    def is_complete(self) -> bool:
        return self.status == "complete"

    @property
    def components(self) -> list[str]:
        return list(self.data["components"])

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def messages(self) -> list[dict[str, Any]]:
        """`messages` as ``{"text", "origin"}`` items; a plain string is a Kafka 4.1.1 text (origin None)."""
        value = self.data.get("messages")
        out: list[dict[str, Any]] = []
        for item in value if isinstance(value, list) else []:
            if isinstance(item, str):
                out.append({"text": item, "origin": None})
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                out.append({"text": item["text"], "origin": item.get("origin")})
        return out

    @property
    def message_texts(self) -> list[str]:
        return [m["text"] for m in self.messages]


@dataclass
class Catalog:
    facts: Facts
    schema: RecordSchema
    records: dict[str, Record]
    components: tuple[Choice, ...] = ()
    clients: tuple[Choice, ...] = ()
    backlinks: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.components = self.schema.choices("component")
        self.clients = self.schema.choices("client")
        for record in self.entries:
            for link in record.get("related", []) + record.get("corresponds_to", []):
                target = link.get("id") or self.code_fqn(link.get("code"))
                if target in self.records and target != record.id:
                    self.backlinks.setdefault(target, []).append((record.id, link["why"]))

    # -- lookups -------------------------------------------------------------------------------------

    @cached_property
    def entries(self) -> list[Record]:
        """Records in alphabetical order of simple name, then package: the order of every list."""
        return sorted(self.records.values(), key=lambda r: (r.simple_name.lower(), r.id))

    @cached_property
    def exceptions(self) -> list[Record]:
        """Records of Java exception classes (the A-to-Z index, the protocol code pages)."""
        return [r for r in self.entries if r.kind == "exception"]

    def client_records(self, client: str) -> list[Record]:
        """A client library's own errors that have a record, by name."""
        return [r for r in self.entries if r.kind == "client" and r.client == client]

    @cached_property
    def codes(self) -> list[ProtocolCode]:
        """Every protocol error code except NONE (0), by number."""
        return [self.facts.codes[c] for c in sorted(self.facts.codes) if c != 0]

    def code_fqn(self, code: int | None) -> str | None:
        found = self.facts.codes.get(code) if code is not None else None
        return found.fqn if found else None

    def code_of(self, record: Record) -> ProtocolCode | None:
        return self.facts.code_by_fqn.get(record.id)

    def record_for_code(self, code: ProtocolCode) -> Record | None:
        return self.records.get(code.fqn)

    def by_component(self, component: str) -> list[Record]:
        return self._by_component.get(component, [])

    def current_in(self, component: str) -> list[Record]:
        """The component's entries that are not retired."""
        return self._current_by_component.get(component, [])

    @cached_property
    def _current_by_component(self) -> dict[str, list[Record]]:
        return {c: [r for r in rs if not r.get("retired")] for c, rs in self._by_component.items()}

    @cached_property
    def _by_component(self) -> dict[str, list[Record]]:
        # Every entry page lists others of its component: grouping once keeps rendering linear in the records.
        out: dict[str, list[Record]] = {}
        for record in self.entries:
            for component in dict.fromkeys(record.components):
                out.setdefault(component, []).append(record)
        return out

    def client_title(self, client: str) -> str:
        return next((c.title for c in self.clients if c.value == client), client)

    # -- titles -----------------------------------------------------------------------------------

    def title(self, record: Record) -> str:
        """Simple name; with a package hint where Kafka has two classes of that name; a client's own error
        with its client (`_MSG_TIMED_OUT (librdkafka)`)."""
        if record.kind == "client":
            return f"{record.simple_name} ({record.client})"
        if record.simple_name in self.facts.simple_name_collisions:
            return f"{record.simple_name} ({record.package.removeprefix('org.apache.kafka.')})"
        return record.simple_name

    # -- names ---------------------------------------------------------------------------------------

    def client_names(self, record: Record) -> list[ClientName]:
        """Names from the protocol code's client tables, then the record's own extra names."""
        code = self.code_of(record)
        out = list(code.clients) if code else []
        for extra in record.get("client_names", []):
            out.append(
                ClientName(extra["client"], extra["name"], extra.get("text", ""), None, (), extra.get("note", ""))
            )
        order = {c: i for i, c in enumerate(self.schema.client_ids)}
        return sorted(out, key=lambda n: order.get(n.client, -1))

    def code_names(self, code: ProtocolCode) -> list[Name]:
        out = [Name(code.name, "enum")]
        out += [Name(f.name, "former-enum") for f in code.former_names]
        if code.simple_name:
            out += [Name(code.simple_name, "class"), Name(code.fqn, "fqn")]
        out += [Name(f.name, "former-class") for f in code.former_classes]
        if code.message:
            out.append(Name(code.message, "message"))
        for client in code.clients:
            out += _client_name_values(client)
        return _unique(out)

    def names(self, record: Record) -> list[Name]:
        if record.kind == "client":
            return self._client_record_names(record)
        out = [Name(record.simple_name, "class"), Name(record.id, "fqn")]
        code = self.code_of(record)
        if code:
            out += self.code_names(code)
        for extra in record.get("client_names", []):
            out += _client_name_values(ClientName(extra["client"], extra["name"], extra.get("text", "")))
        # a text's client is who prints it: Kafka ("java") unless its origin names a client library
        out += [Name(m["text"], "message", _printed_by(m.get("origin"))) for m in record.messages]
        return _unique(out)

    def _client_record_names(self, record: Record) -> list[Name]:
        """A client's own error: its name, the bindings' names, librdkafka's C enum, its texts and older texts."""
        client = record.client
        out = [Name(record.simple_name, "client-name", client)]
        if (
            client in _QUALIFIED
        ):  # as a traceback or %T prints it: kafka.errors.NoBrokersAvailable, sarama.ErrOutOfBrokers
            out.append(Name(_QUALIFIED[client] + record.simple_name, "client-name", client))
        out += [Name(str(b["name"]), "client-name", client) for b in record.get("bindings", [])]
        local = self.facts.librdkafka_local.get(record.simple_name) if client == "librdkafka" else None
        if local is not None:
            out.append(Name(local.enum, "client-name", client))
        out += [Name(m, "message", client) for m in record.message_texts]
        # facts write run-time parts as {}; names use <placeholders>, which search and explain know to skip
        # Texts of older releases are names a pasted old log line needs; the other texts the current release prints
        # ("client-extra-text") are for explain only: the record's own `messages` already picked the ones to show
        # and search, and a hundred of them would make one page match every query.
        current = self.facts.clients.releases.get(client, ("", ""))[1]
        for t in self.facts.clients.older_texts(client, record.simple_name):
            kind = "client-extra-text" if t.releases == current else "client-text"
            out.append(Name(t.text.replace("{}", "<value>"), kind, client))
        return _unique(out)


def _printed_by(origin: Any) -> str:
    return str(origin["client"]) if isinstance(origin, dict) and "client" in origin else "java"


# How a client's own error is written in full in its language: tell apart kafka-python's and aiokafka's classes of
# the same name in a traceback, and Go's package-qualified variables.
_QUALIFIED = {
    "kafka-python": "kafka.errors.",
    "aiokafka": "aiokafka.errors.",
    "sarama": "sarama.",
    "franz-go": "kgo.",
    "kafka-go": "kafka.",
}


def _client_name_values(client: ClientName) -> list[Name]:
    out = [Name(client.name, "client-name", client.client)]
    out += [Name(alias, "client-name", client.client) for alias in client.aliases]
    if client.text:
        out.append(Name(client.text, "client-text", client.client))
    out += [Name(text.replace("{}", "<value>"), "client-text", client.client) for text, _releases in client.older]
    return out


def _unique(names: list[Name]) -> list[Name]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name.value and name.value not in seen:
            seen.add(name.value)
            out.append(name)
    return out
