"""Reading the facts tables of ``data/facts/`` into a `Facts` (the edge of the pipeline where they are read).

Every table is read once, here. File names carry the Kafka release they were extracted at
(`facts.KAFKA_VERSION`), so moving to a new release is a new set of tables and one constant.

To read a new table or column: add the field to its type in `generator.facts` and fill it in `load_facts`.
To add a client library's columns: give them a row in `_CLIENT_COLUMNS`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .client_facts import ClientFacts, load_client_facts
from .facts import (
    ClientName,
    ConfigKey,
    ExceptionClass,
    Facts,
    FormerName,
    LocalError,
    ProtocolCode,
    RemovedCli,
)
from .kafka_source import SourceIndex
from .versions import KAFKA_VERSION, PREVIOUS_KAFKA_VERSION

# The releases compared in exception-classes-version-diff.tsv, in its column order.
DIFF_VERSIONS = (PREVIOUS_KAFKA_VERSION, "4.0.1", KAFKA_VERSION, "4.2.0-rc1")


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


# One row per client library, in the schema's order. librdkafka's extra alias (the confluent-kafka
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
    names: dict[str, str], extras: dict[str, str], clients: ClientFacts, code: int, order: tuple[str, ...]
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
    for client in order:
        extracted = clients.error(client, f"code:{code}")
        if extracted is not None and not any(n.client == client for n in out):
            out.append(ClientName(client, extracted.name, extracted.text, extracted.retriable))
    return tuple(
        replace(n, older=tuple((t.text, t.releases) for t in clients.older_texts(n.client, str(code)))) for n in out
    )


def load_facts(facts_dir: Path, clients_order: tuple[str, ...]) -> Facts:
    """Read every table once; `clients_order` is the schema's client libraries (`RecordSchema.client_ids`). Raises OSError/KeyError only if the shipped facts are broken (a test guards them)."""
    history = {int(r["code"]): r for r in _rows(facts_dir / "protocol-errors-history.tsv")}
    names = {int(r["code"]): r for r in _rows(facts_dir / "client-error-names.tsv")}
    extras = {int(r["code"]): r for r in _rows(facts_dir / "client-error-extras.tsv")}
    clients = load_client_facts(facts_dir / "clients")
    codes: dict[int, ProtocolCode] = {}
    for row in _rows(facts_dir / f"kafka-{KAFKA_VERSION}-protocol-errors.tsv"):
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
            clients=_client_names(names.get(code, {}), extras.get(code, {}), clients, code, clients_order)
            if code != 0
            else (),
        )

    diffs: dict[str, tuple[tuple[str, str, str], ...]] = {}
    for row in _rows(facts_dir / "exception-classes-version-diff.tsv"):
        retriable = row["retriable_" + "/".join(DIFF_VERSIONS)].split("/")
        diffs[row["fqn"]] = tuple((v, row[f"superclass_{v}"], r) for v, r in zip(DIFF_VERSIONS, retriable, strict=True))

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
        for r in _rows(facts_dir / f"kafka-{KAFKA_VERSION}-exception-classes.tsv")
    }
    config_keys = {
        (r["key"], r["scope"]): ConfigKey(
            r["key"], r["scope"], r["default"] if r["default_status"] == "value" else "", r["type"]
        )
        for r in _rows(facts_dir / f"kafka-{KAFKA_VERSION}-config-keys.tsv")
    }
    supplement = facts_dir / "supplement" / "config-keys.tsv"
    for r in _rows(supplement) if supplement.is_file() else []:
        config_keys.setdefault((r["key"], r["scope"]), ConfigKey(r["key"], r["scope"], r["default"], ""))
    removed_keys = {
        r["key"]: r["last_version_with_it"]
        for r in _rows(facts_dir / f"kafka-{KAFKA_VERSION}-config-keys-removed.tsv")
        if r[f"status_at_{KAFKA_VERSION}"] == "gone"
    }
    cli_options: dict[str, set[str]] = {}
    for r in _rows(facts_dir / f"kafka-{KAFKA_VERSION}-cli-tools.tsv"):
        cli_options.setdefault(r["script"], set())
    for r in _rows(facts_dir / f"kafka-{KAFKA_VERSION}-cli-options.tsv"):
        opts = cli_options.setdefault(r["tool"], set())
        opts.add(r["option"])
        opts.update(_split(r.get("aliases", "")))
    removed_cli = {
        (r["tool"], r["option_or_script"]): RemovedCli(
            r["tool"], r["option_or_script"], r["last_version_with_it"], r["replacement_hint"]
        )
        for r in _rows(facts_dir / f"kafka-{KAFKA_VERSION}-cli-removed.tsv")
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
