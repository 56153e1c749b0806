"""Settings rules: what a solution tells a user to set must work when followed.

- KEI313: the settings of one solution keep the rules Kafka enforces between keys (the producer's
  `delivery.timeout.ms >= linger.ms + request.timeout.ms`, idempotence's `acks=all`, `min.insync.replicas` at
  most the replication factor, session timeouts within the broker's bounds, ...). Keys the solution leaves
  alone count at their Kafka 4.1.1 defaults (from the config-keys facts table).
- KEI905 (suggestion): a solution does not set a key to the value it already has by default.

To add a rule between settings: add a function to `_CONSTRAINTS` that returns what is broken, or None, and
extend the KEI313 fixture if it needs a case of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..facts import first_word
from ..markup import code_spans
from ..problems import Problem
from ..rule_codes import Severity, rule
from ..versions import KAFKA_VERSION
from .base import Context, check, emit, items, line_of
from .content import prose

if TYPE_CHECKING:
    from ..model import Record

Settings = dict[str, str]


@check("exception")
@rule(
    "KEI313",
    "config-constraint",
    "A solution's settings break a rule Kafka enforces between settings (the client or broker would refuse them).",
    f"Change the values so the rule in the message holds, counting Kafka {KAFKA_VERSION}'s defaults for the keys the solution leaves alone.",
)
@rule(
    "KEI905",
    "default-value",
    f"A solution sets a key to the value Kafka {KAFKA_VERSION} already uses by default.",
    "Drop the key from configs (say 'keep the default' in the text if that is the advice), or suggest the value that changes something.",
    severity=Severity.SUGGESTION,
)
def check_settings(record: Record, ctx: Context) -> Iterable[Problem]:
    def default(key: str) -> str:
        """Kafka 4.1.1's default of a key the solution leaves alone (client, broker or topic scope)."""
        for scope in ("producer", "consumer", "broker", "topic"):
            found = ctx.facts.config_keys.get((key, scope))
            if found and found.default:
                return found.default
        return ""

    for index, solution in items(record, "solutions"):
        configs = (
            [c for c in solution.get("configs", []) if isinstance(c, dict)]
            if isinstance(solution.get("configs"), list)
            else []
        )
        given = {str(c["key"]): _value(c["value"]) for c in configs if isinstance(c.get("key"), str) and "value" in c}
        if not given:
            continue
        for c_index, config in enumerate(configs):
            key, scope = config.get("key"), config.get("scope")
            known = ctx.facts.config_keys.get((key, str(scope))) if isinstance(key, str) else None
            if known and known.default and "value" in config and _same(_value(config["value"]), known.default):
                yield emit(
                    record,
                    "KEI905",
                    f"solutions[{index}] sets {key}={config['value']}, which is already Kafka {KAFKA_VERSION}'s default",
                    ("solutions", index, "configs", c_index),
                )
        for constraint in _CONSTRAINTS:
            broken = constraint(given, default)
            if broken:
                yield emit(record, "KEI313", f"solutions[{index}]: {broken}", ("solutions", index, "configs"))


def _value(raw: Any) -> str:
    return str(raw).strip().strip("\"'")


def _same(value: str, default: str) -> bool:
    return value.lower() == default.lower() or (_number(value) is not None and _number(value) == _number(default))


def _number(text: str) -> int | None:
    try:
        return int(text.replace("_", ""))
    except ValueError:
        return None


Default = Callable[[str], str]


def _get(given: Settings, default: Default, key: str) -> int | None:
    return _number(given[key]) if key in given else _number(default(key))


def _delivery_timeout(given: Settings, default: Default) -> str | None:
    keys = ("delivery.timeout.ms", "linger.ms", "request.timeout.ms")
    if not any(k in given for k in keys):
        return None
    delivery, linger, request = (_get(given, default, k) for k in keys)
    # An unset delivery.timeout.ms is raised by the producer itself (KafkaProducer.configureDeliveryTimeout).
    if None in (delivery, linger, request) or "delivery.timeout.ms" not in given:
        return None
    if delivery < linger + request:  # type: ignore[operator]
        return f"delivery.timeout.ms={delivery} is below linger.ms + request.timeout.ms = {linger} + {request}; the producer constructor throws ConfigException"
    return None


def _idempotence(given: Settings, default: Default) -> str | None:
    explicit = given.get("enable.idempotence", "").lower() == "true" or "transactional.id" in given
    if not explicit:
        return None  # without an explicit enable, conflicting settings quietly turn idempotence off
    acks = given.get("acks", "all").lower()
    if acks not in ("all", "-1"):
        return f"acks={acks} with idempotence (enabled or implied by transactional.id): the producer requires acks=all"
    in_flight = _number(given.get("max.in.flight.requests.per.connection", "5"))
    if in_flight is not None and in_flight > 5:
        return f"max.in.flight.requests.per.connection={in_flight} with idempotence: at most 5 is allowed"
    if _number(given.get("retries", "1")) == 0:
        return "retries=0 with idempotence: the producer requires retries > 0"
    return None


def _min_isr(given: Settings, default: Default) -> str | None:
    isr = _number(given.get("min.insync.replicas", ""))
    for key in ("replication.factor", "default.replication.factor", "offsets.topic.replication.factor"):
        factor = _number(given.get(key, ""))
        if isr is not None and factor is not None and isr > factor:
            return f"min.insync.replicas={isr} is above {key}={factor}: no write with acks=all could succeed"
    return None


def _session_timeout(given: Settings, default: Default) -> str | None:
    if given.get("group.protocol", "").lower() == "consumer":
        rejected = [
            k for k in ("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy") if k in given
        ]
        if rejected:
            return f"{', '.join(rejected)} cannot be set when group.protocol=CONSUMER: the consumer constructor throws ConfigException"
    session = _number(given.get("session.timeout.ms", ""))
    if session is None:
        return None
    low = _get(given, default, "group.min.session.timeout.ms")
    high = _get(given, default, "group.max.session.timeout.ms")
    if low is not None and high is not None and not low <= session <= high:
        return f"session.timeout.ms={session} is outside the broker's group.min/max.session.timeout.ms ({low}-{high}): JoinGroup fails with INVALID_SESSION_TIMEOUT"
    heartbeat = _number(given.get("heartbeat.interval.ms", ""))
    if heartbeat is not None and heartbeat >= session:
        return f"heartbeat.interval.ms={heartbeat} is not below session.timeout.ms={session}"
    return None


def _transaction_timeout(given: Settings, default: Default) -> str | None:
    timeout = _number(given.get("transaction.timeout.ms", ""))
    limit = _get(given, default, "transaction.max.timeout.ms")
    if timeout is not None and limit is not None and timeout > limit:
        return f"transaction.timeout.ms={timeout} is above the broker's transaction.max.timeout.ms={limit}: initTransactions() fails with InvalidTxnTimeoutException"
    return None


_CONSTRAINTS: tuple[Callable[[Settings, Default], str | None], ...] = (
    _delivery_timeout,
    _idempotence,
    _min_isr,
    _session_timeout,
    _transaction_timeout,
)


_KEYLIKE = re.compile(r"^([a-z][a-z0-9]*(?:[.-][a-z0-9]+)*\.[a-z0-9]+(?:[.-][a-z0-9]+)*)(?:=\S*)?$")
_NOT_KEYS = re.compile(
    r"^(org|kafka|io|java|javax|com|net)\.|\.(properties|log|sh|yaml|yml|json|java|jar|conf|py|go|js|txt|index|timeindex|snapshot|checkpoint|metadata)$|^\d"
)


# Connect and MirrorMaker pass client and converter settings on with a prefix (`producer.override.max.request.size`
# on a connector, `consumer.max.poll.records` on a worker, `<alias>.producer.` in MirrorMaker 2,
# `value.converter.schemas.enable`).
_CLIENT_PREFIX = re.compile(
    r"^(?:[a-z0-9_-]+\.)?(?:producer|consumer|admin)\.(?:override\.)?|^(?:key|value|header)\.converter\."
)
_FEATURE = re.compile(r"^[a-z]+(?:\.[a-z]+)*\.version$")
_REMOVED_WORDS = re.compile(r"\b(removed|no longer|deprecated|gone|dropped|until|before)\b", re.I)


def _says_removed(text: str, span: str) -> bool:
    """The sentence around the mention says the key is gone, so mentioning it is deliberate."""
    index = text.find(span)
    return bool(_REMOVED_WORDS.search(text[max(0, index - 120) : index + len(span) + 120]))


def _known(record: Record, ctx: Context) -> bool:
    return record.client in ctx.facts.clients.releases


@check("exception", "client")
@rule(
    "KEI903",
    "unknown-config-mention",
    f"Prose mentions a `dotted.key` that is not a Kafka {KAFKA_VERSION} config key.",
    "Check the spelling; ignore this if it is not a config key (a metric or file name).",
    severity=Severity.SUGGESTION,
)
def check_config_mentions(record: Record, ctx: Context) -> Iterable[Problem]:
    for where, text in prose(record, ctx):
        if where[0] in {"client_notes", "client_names"} or "`" not in text:
            continue  # other clients have their own settings (librdkafka's enable.gapless.guarantee ...)
        for span in code_spans(text):
            match = _KEYLIKE.match(span)
            if not match or _NOT_KEYS.search(match.group(1)):
                continue
            key = match.group(1)
            if key in ctx.facts.scopes_by_key or _CLIENT_PREFIX.sub("", key) in ctx.facts.scopes_by_key:
                continue
            if record.kind == "client" and (
                ctx.facts.clients.has_setting(record.client, key) or not _known(record, ctx)
            ):
                continue  # a client's own error speaks of that client's settings (librdkafka message.timeout.ms)
            if first_word(_CLIENT_PREFIX.sub("", key)) not in ctx.facts.config_key_words:
                continue  # `orders.v1`: no Kafka setting starts with that word, so it is a name, not a misspelt key
            at = line_of(text, span)
            if key in ctx.facts.removed_config_keys and (_says_removed(text, span) or record.get("retired")):
                continue  # a retired record is about 3.x clusters, which have the key
            if key not in ctx.facts.removed_config_keys and _FEATURE.match(key):
                continue  # a feature flag (share.version=1, metadata.version), set with kafka-features.sh
            if key in ctx.facts.removed_config_keys:
                yield emit(
                    record,
                    "KEI903",
                    f"`{key}` no longer exists in Kafka {KAFKA_VERSION} (last in {ctx.facts.removed_config_keys[key]}); say so if you mention it",
                    where,
                    at,
                )
            else:
                yield emit(record, "KEI903", f"`{key}` is not a Kafka {KAFKA_VERSION} config key", where, at)
