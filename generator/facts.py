"""The reference facts of Kafka 4.1.1 and the client libraries, read from ``data/facts/*.tsv``.

The TSV files are copied verbatim from facts extracted from Apache Kafka's source at the 4.1.1 tag and
from the client libraries (provenance in ``data/facts/README.md``, checksums in ``SHA256SUMS``). This
module turns them into typed, read-only tables; nothing here is written by hand.

To use a new column: add the field to the dataclass and read it in `load_facts`.
To add a client library: add it to `CLIENTS` (and to the ``client`` definition in the schema) and give its
columns a row in `_CLIENT_COLUMNS`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .client_facts import ClientFacts, load_client_facts
from .kafka_source import SourceIndex

KAFKA_VERSION = "4.1.1"
# The last release before 4.0 removed ZooKeeper: retired records (classes 4.x no longer has) are checked against it.
PREVIOUS_KAFKA_VERSION = "3.9.1"

# Client ids of the schema's `client` definition, in the order pages show them. Java comes from the class.
CLIENTS: tuple[str, ...] = ("librdkafka", "kafka-python", "aiokafka", "franz-go", "sarama", "kafkajs", "kafka-go")


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


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _bool(text: str) -> bool | None:
    return {"true": True, "false": False}.get(text.strip())


_FORMER = re.compile(r"^\s*(\S+) \(used (.+?)\)\s*$")


def _former(cell: str) -> tuple[FormerName, ...]:
    out = []
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        match = _FORMER.match(part)
        out.append(FormerName(match.group(1), match.group(2)) if match else FormerName(part, ""))
    return tuple(out)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(filter(None, (p.strip() for p in re.split(r"[;,]", cell))))


def _aliases(cell: str) -> tuple[str, ...]:
    """Python client alias cells read like ``CorruptRecordException(alias)``; keep the name only."""
    return tuple(re.sub(r"\(.*\)$", "", a) for a in _split(cell))


@dataclass(frozen=True)
class _ClientColumns:
    """Where one client library's facts are in the two client tables (columns of either table)."""

    client: str
    name: str
    text: str
    retriable: str = ""
    aliases: str = ""
    prefix: str = ""  # how the name is written in code: kerr.X, sarama.X


# One row per client library, in page order (`CLIENTS`). librdkafka's extra alias (the confluent-kafka
# constant) is added in `_client_names`.
_CLIENT_COLUMNS = (
    _ClientColumns("librdkafka", "librdkafka_enum", "librdkafka_err2str", aliases="librdkafka_enum_aliases"),
    _ClientColumns(
        "kafka-python", "kafka_python_class", "kafka_python_message", "kafka_python_retriable", "kafka_python_aliases"
    ),
    _ClientColumns("aiokafka", "aiokafka_class", "aiokafka_message", "aiokafka_retriable", "aiokafka_aliases"),
    _ClientColumns("franz-go", "franz_go_var", "franz_go_message", "franz_go_retriable", prefix="kerr."),
    _ClientColumns("sarama", "sarama_const", "sarama_error_string", prefix="sarama."),
    _ClientColumns("kafkajs", "kafkajs_type", "kafkajs_message", "kafkajs_retriable"),
)


def _client_names(
    names: dict[str, str], extras: dict[str, str], clients: ClientFacts, code: int
) -> tuple[ClientName, ...]:
    """One `ClientName` per library that knows the code, from the two client tables' columns, then the
    per-code names extracted into data/facts/clients (kafka-go's), with the texts older releases printed."""
    row = {**names, **extras}
    out: list[ClientName] = []
    for columns in _CLIENT_COLUMNS:
        name = row.get(columns.name, "")
        if not name:
            continue
        aliases = _aliases(row.get(columns.aliases, "")) if columns.aliases else ()
        if columns.client == "librdkafka" and row.get("confluent_kafka_const"):
            aliases = (f"KafkaError.{row['confluent_kafka_const']}", *aliases)
        retriable = _bool(row.get(columns.retriable, "")) if columns.retriable else None
        out.append(ClientName(columns.client, columns.prefix + name, row.get(columns.text, ""), retriable, aliases))
    for client in CLIENTS:
        extracted = clients.error(client, f"code:{code}")
        if extracted is not None and not any(n.client == client for n in out):
            out.append(ClientName(client, extracted.name, extracted.text, extracted.retriable))
    return tuple(
        replace(n, older=tuple((t.text, t.releases) for t in clients.older_texts(n.client, str(code)))) for n in out
    )


def load_facts(facts_dir: Path) -> Facts:
    """Read every table once. Raises OSError/KeyError only if the shipped facts are broken (a test guards them)."""
    history = {int(r["code"]): r for r in _rows(facts_dir / "protocol-errors-history.tsv")}
    names = {int(r["code"]): r for r in _rows(facts_dir / "client-error-names.tsv")}
    extras = {int(r["code"]): r for r in _rows(facts_dir / "client-error-extras.tsv")}
    clients = load_client_facts(facts_dir / "clients")
    codes: dict[int, ProtocolCode] = {}
    for row in _rows(facts_dir / "kafka-4.1.1-protocol-errors.tsv"):
        code = int(row["code"])
        hist = history[code]
        codes[code] = ProtocolCode(
            code=code,
            name=row["name"],
            simple_name="" if row["exception_class"] == "none" else row["exception_class"],
            fqn=row["exception_fqn"],
            superclass=row["superclass"],
            retriable=row["retriable"] == "true",
            message=row["message"],
            first_release=hist["first_release_line"],
            former_names=_former(hist["former_names"]),
            former_classes=_former(hist["former_exception_classes"]),
            clients=_client_names(names.get(code, {}), extras.get(code, {}), clients, code) if code != 0 else (),
        )

    diffs: dict[str, tuple[tuple[str, str, str], ...]] = {}
    for row in _rows(facts_dir / "exception-classes-version-diff.tsv"):
        versions = ("3.9.1", "4.0.1", "4.1.1", "4.2.0-rc1")
        retriable = row["retriable_3.9.1/4.0.1/4.1.1/4.2.0-rc1"].split("/")
        diffs[row["fqn"]] = tuple((v, row[f"superclass_{v}"], r) for v, r in zip(versions, retriable, strict=True))

    classes = {
        r["fqn"]: ExceptionClass(
            r["simple_name"],
            r["fqn"],
            r["superclass"],
            r["retriable"] == "true",
            r["has_protocol_code"] == "true",
            r["module"],
            diffs.get(r["fqn"], ()),
        )
        for r in _rows(facts_dir / "kafka-4.1.1-exception-classes.tsv")
    }
    config_keys = {
        (r["key"], r["scope"]): ConfigKey(
            r["key"], r["scope"], r["default"] if r["default_status"] == "value" else "", r["type"]
        )
        for r in _rows(facts_dir / "kafka-4.1.1-config-keys.tsv")
    }
    supplement = facts_dir / "supplement" / "config-keys.tsv"
    for r in _rows(supplement) if supplement.is_file() else []:
        config_keys.setdefault((r["key"], r["scope"]), ConfigKey(r["key"], r["scope"], r["default"], ""))
    removed_keys = {
        r["key"]: r["last_version_with_it"]
        for r in _rows(facts_dir / "kafka-4.1.1-config-keys-removed.tsv")
        if r["status_at_4.1.1"] == "gone"
    }
    cli_options: dict[str, set[str]] = {}
    for r in _rows(facts_dir / "kafka-4.1.1-cli-tools.tsv"):
        cli_options.setdefault(r["script"], set())
    for r in _rows(facts_dir / "kafka-4.1.1-cli-options.tsv"):
        opts = cli_options.setdefault(r["tool"], set())
        opts.add(r["option"])
        opts.update(_split(r.get("aliases", "")))
    removed_cli = {
        (r["tool"], r["option_or_script"]): RemovedCli(
            r["tool"], r["option_or_script"], r["last_version_with_it"], r["replacement_hint"]
        )
        for r in _rows(facts_dir / "kafka-4.1.1-cli-removed.tsv")
    }
    local = {
        r["name"]: LocalError(r["name"], int(r["code"]), r["rdkafka_enum"], r["err2str"])
        for r in _rows(facts_dir / "librdkafka-local-errors.tsv")
    }
    return Facts(
        codes,
        classes,
        config_keys,
        removed_keys,
        cli_options,
        removed_cli,
        local,
        SourceIndex(facts_dir, KAFKA_VERSION),
        SourceIndex(facts_dir, PREVIOUS_KAFKA_VERSION),
        {f: v for f, v in diffs.items() if f not in classes and v[0][1] != "(absent)"},
        clients,
    )
