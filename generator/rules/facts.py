"""Fact rules: class, protocol code, retriability, config keys, CLI tools and client names agree with the
Kafka 4.1.1 reference tables in data/facts.

To check another fact: compare the record with `ctx.facts` here and register the check in `generator.rules`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..problems import Problem
from ..rule_codes import rule
from ..versions import KAFKA_VERSION, PREVIOUS_KAFKA_VERSION
from .base import Context, Where, check, emit, items

if TYPE_CHECKING:
    from ..model import Record


@check("exception")
@rule(
    "KEI301",
    "unknown-class",
    f"The fqn is not an exception class of Kafka {KAFKA_VERSION}.",
    f"Check the package and spelling against data/facts/kafka-{KAFKA_VERSION}-exception-classes.tsv, or set `retired` for a removed class.",
)
def check_class(record: Record, ctx: Context) -> Iterable[Problem]:
    known = record.id in ctx.facts.classes
    retired = record.get("retired")
    if not known and not retired:
        close = difflib.get_close_matches(record.id, list(ctx.facts.classes), n=1, cutoff=0.8)
        hint = f" (did you mean {close[0]}?)" if close else ""
        yield emit(record, "KEI301", f"{record.id} is not an exception class of Kafka {KAFKA_VERSION}{hint}", ("fqn",))
    elif known and retired:
        yield emit(
            record,
            "KEI301",
            f"{record.id} still exists in Kafka {KAFKA_VERSION}, so it cannot be retired",
            ("retired",),
        )
    elif retired and (previous := ctx.facts.previous_source) is not None and not previous.has_class(record.id):
        # A retired record documents what older clusters throw: the class must exist in the last 3.x release.
        yield emit(
            record,
            "KEI301",
            f"{record.id} is neither a class of Kafka {KAFKA_VERSION} nor of {previous.version}",
            ("fqn",),
        )


@check("exception")
@rule(
    "KEI302",
    "protocol-mismatch",
    f"The protocol code or name disagrees with Kafka {KAFKA_VERSION}'s Errors enum for this class.",
    f"Use the code and name shown in the message (from data/facts/kafka-{KAFKA_VERSION}-protocol-errors.tsv), or drop `protocol` for classes without a code.",
)
@rule(
    "KEI309",
    "missing-protocol",
    f"Kafka {KAFKA_VERSION} maps a protocol code to this class but the record has no `protocol`.",
    "Add the `protocol` block with the code and name shown.",
)
def check_protocol(record: Record, ctx: Context) -> Iterable[Problem]:
    code = ctx.facts.code_by_fqn.get(record.id)
    given = record.get("protocol")
    if not isinstance(given, dict):
        if code is not None and not record.get("retired"):
            yield emit(
                record,
                "KEI309",
                f"Kafka {KAFKA_VERSION} maps code {code.code} {code.name} to this class; add protocol: {{code: {code.code}, name: {code.name}}}",
                ("fqn",),
            )
        return
    if code is None:
        yield emit(
            record,
            "KEI302",
            f"Kafka {KAFKA_VERSION} has no protocol error code for this class; remove `protocol`",
            ("protocol",),
        )
    elif (given.get("code"), given.get("name")) != (code.code, code.name):
        yield emit(
            record,
            "KEI302",
            f"protocol is {given.get('code')} {given.get('name')} but Kafka {KAFKA_VERSION} maps this class to {code.code} {code.name}",
            ("protocol",),
        )


@check("exception")
@rule(
    "KEI303",
    "retriable-mismatch",
    f"`retriable` disagrees with whether the class extends RetriableException in Kafka {KAFKA_VERSION}.",
    "Set `retriable` to the value shown; describe client libraries that disagree in client_notes.",
)
def check_retriable(record: Record, ctx: Context) -> Iterable[Problem]:
    cls = ctx.facts.classes.get(record.id)
    release = f"{KAFKA_VERSION}"
    if cls is None and record.get("retired"):  # a removed class: its 3.9.1 retriability, where the table has it
        cls, release = ctx.facts.removed_classes.get(record.id), f"{PREVIOUS_KAFKA_VERSION}"
    value = record.get("retriable")
    if cls is not None and isinstance(value, bool) and value != cls.retriable:
        yield emit(
            record,
            "KEI303",
            f"retriable is {str(value).lower()} but {cls.simple_name} is {'' if cls.retriable else 'not '}retriable in Kafka {release} (set it to {str(cls.retriable).lower()})",
            ("retriable",),
        )


@check("exception")
@rule(
    "KEI304",
    "unknown-config-key",
    f"A config key does not exist in Kafka {KAFKA_VERSION} for the scope named.",
    f"Check the key and its scope in data/facts/kafka-{KAFKA_VERSION}-config-keys.tsv; the message suggests the scopes where the key exists.",
)
@rule(
    "KEI305",
    "removed-config-key",
    f"A config key was removed before Kafka {KAFKA_VERSION} (ZooKeeper-era and other removed settings).",
    "Use the current setting instead, or describe the old key only in `versions`.",
)
def check_configs(record: Record, ctx: Context) -> Iterable[Problem]:
    for s_index, solution in items(record, "solutions"):
        for c_index, config in enumerate(
            solution.get("configs", []) if isinstance(solution.get("configs"), list) else []
        ):
            if not isinstance(config, dict) or not isinstance(config.get("key"), str):
                continue
            key, scope = config["key"], config.get("scope")
            where: Where = ("solutions", s_index, "configs", c_index)
            if (key, scope) in ctx.facts.config_keys or _prefixed_client_key(key, scope, ctx):
                continue
            scopes = ctx.facts.scopes_by_key.get(key)
            if scopes:
                yield emit(
                    record,
                    "KEI304",
                    f"{key} is not a {scope} config in Kafka {KAFKA_VERSION}; it exists for {', '.join(sorted(scopes))}",
                    where,
                )
            elif key in ctx.facts.removed_config_keys:
                if record.get("retired"):
                    continue  # a retired record advises 3.x clusters, which still have the key
                yield emit(
                    record, "KEI305", f"{key} was removed after Kafka {ctx.facts.removed_config_keys[key]}", where
                )
            else:
                close = difflib.get_close_matches(key, list(ctx.facts.scopes_by_key), n=1, cutoff=0.8)
                yield emit(
                    record,
                    "KEI304",
                    f"{key} is not a Kafka {KAFKA_VERSION} config key"
                    + (f" (did you mean {close[0]}?)" if close else ""),
                    where,
                )


# Streams, Connect and MirrorMaker hand settings on to the clients they create under a prefix:
# `main.consumer.max.poll.records` (streams), `producer.override.linger.ms` (a connector),
# `consumer.fetch.max.bytes` (a worker), `<alias>.producer.acks` (mirrormaker).
_CLIENT_PREFIXES = {
    "streams": r"(?:main\.consumer|restore\.consumer|global\.consumer|consumer|producer|admin)\.",
    "connect-worker": r"(?:consumer|producer|admin)\.",
    "connect-connector": r"(?:consumer|producer|admin)\.override\.",
    "mirrormaker": r"(?:[a-z0-9_-]+\.)?(?:consumer|producer|admin)\.",
}
_CLIENT_SCOPES = {
    "consumer": ("consumer", "common-client"),
    "producer": ("producer", "common-client"),
    "admin": ("admin", "common-client"),
}


def _prefixed_client_key(key: str, scope: object, ctx: Context) -> bool:
    prefix = _CLIENT_PREFIXES.get(str(scope))
    match = re.match(f"^{prefix}", key) if prefix else None
    if not match:
        return False
    client = next(c for c in ("consumer", "producer", "admin") if c in match.group(0))
    rest = key[match.end() :]
    return any((rest, s) in ctx.facts.config_keys for s in _CLIENT_SCOPES[client])


@check("exception")
@rule(
    "KEI308",
    "unknown-client-name",
    "A client_names entry does not match the client library's real names.",
    "Use the name exactly as in data/facts (librdkafka-local-errors.tsv for librdkafka local codes).",
)
def check_client_names(record: Record, ctx: Context) -> Iterable[Problem]:
    code = ctx.facts.code_by_fqn.get(record.id)
    automatic = {(n.client, n.name) for n in code.clients} if code else set()
    by_enum = {e.enum: e for e in ctx.facts.librdkafka_local.values()}
    for index, entry in items(record, "client_names"):
        client, name = entry.get("client"), entry.get("name")
        where: Where = ("client_names", index)
        if (client, name) in automatic:
            yield emit(
                record,
                "KEI308",
                f"{name} is already added from protocol code {code.code if code else ''}; remove it here",
                where,
            )
        elif client == "librdkafka" and isinstance(name, str):
            local = ctx.facts.librdkafka_local.get(name) or by_enum.get(name)
            if local is None:
                yield emit(
                    record,
                    "KEI308",
                    f"{name} is not a librdkafka local error code (names look like _MSG_TIMED_OUT or RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)",
                    where,
                )
            elif entry.get("text") and entry["text"] != local.text:
                yield emit(
                    record, "KEI308", f"librdkafka prints {local.text!r} for {name}, not {entry['text']!r}", where
                )
