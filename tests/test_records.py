"""Every real record: lints clean, and complete records meet the bar with no suggestion left."""

from __future__ import annotations

from functools import cache

import pytest

from conftest import CLIENT_LIBRARIES, REPO
from generator.model import Catalog
from generator.paths import Project
from generator.pipeline import LoadResult, load_catalog

RECORDS = sorted((REPO / "data" / "errors").glob("*.yaml")) + sorted((REPO / "data" / "clients").glob("*/*.yaml"))


def _id(path) -> str:
    """A record's id from its file: data/errors/<fqn>.yaml, data/clients/<client>/<name>.yaml."""
    return f"{path.parent.name}/{path.stem}" if path.parent.parent.name == "clients" else path.stem


@cache
def _loaded() -> LoadResult:
    return load_catalog(Project(REPO))


def _not_complete(catalog: Catalog, wanted: list[str]) -> dict[str, str]:
    """The ids of `wanted` without a complete record, with their status (or "missing")."""
    status = {fqn: catalog.records[fqn].status if fqn in catalog.records else "missing" for fqn in wanted}
    return {fqn: s for fqn, s in status.items() if s != "complete"}


def test_there_are_records() -> None:
    assert RECORDS, "data/errors is empty"


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: _id(p).rsplit(".", 1)[-1])
def test_record_lints_clean(path) -> None:
    problems = [p for p in _loaded().problems if p.path == str(path)]
    errors = [p.format(REPO) for p in problems if p.is_error]
    assert errors == []
    text = path.read_text(encoding="utf-8")
    if "\nstatus: complete" in text:
        assert [p.format(REPO) for p in problems] == [], "a complete record leaves no suggestion"


def test_catalog_loads_without_errors() -> None:
    result = _loaded()
    assert result.catalog is not None, [p.format(REPO) for p in result.errors]
    assert set(result.catalog.records) == {_id(p) for p in RECORDS}


def test_first_entries_of_the_catalog_are_complete() -> None:
    """The twelve entries the catalog launched with (issue: catalog engine) are complete."""
    required = [
        "org.apache.kafka.common.errors.OutOfOrderSequenceException",
        "org.apache.kafka.common.errors.TimeoutException",
        "org.apache.kafka.common.errors.NotLeaderOrFollowerException",
        "org.apache.kafka.common.errors.RecordTooLargeException",
        "org.apache.kafka.clients.consumer.CommitFailedException",
        "org.apache.kafka.common.errors.RebalanceInProgressException",
        "org.apache.kafka.common.errors.UnknownTopicOrPartitionException",
        "org.apache.kafka.common.errors.ProducerFencedException",
        "org.apache.kafka.common.errors.SerializationException",
        "org.apache.kafka.common.errors.SaslAuthenticationException",
        "org.apache.kafka.common.errors.TopicAuthorizationException",
        "org.apache.kafka.common.errors.CoordinatorNotAvailableException",
    ]
    catalog = _loaded().catalog
    assert catalog is not None
    assert _not_complete(catalog, required) == {}


PRODUCER_CODES = [2, 18, 19, 20, 21, 32, 43, 46, 47, 48, 49, 50, 51, 52, 53, 59, 76, 87, 105, 120]
PRODUCER_CLASSES = [
    "org.apache.kafka.clients.producer.BufferExhaustedException",
    "org.apache.kafka.common.errors.TransactionAbortedException",
    "org.apache.kafka.common.errors.ApplicationRecoverableException",
    "org.apache.kafka.common.KafkaException",
    "org.apache.kafka.common.errors.InterruptException",
    "org.apache.kafka.common.errors.OutOfOrderSequenceException",
    "org.apache.kafka.common.errors.ProducerFencedException",
    "org.apache.kafka.common.errors.RecordTooLargeException",
    "org.apache.kafka.common.errors.TimeoutException",
]
CONSUMER_CODES = [
    1,
    4,
    12,
    14,
    16,
    22,
    23,
    24,
    25,
    26,
    28,
    30,
    68,
    69,
    70,
    71,
    74,
    75,
    78,
    79,
    81,
    82,
    86,
    88,
    106,
    110,
    111,
    112,
    113,
    121,
    122,
    123,
    124,
    128,
    133,
]
CONSUMER_CLASSES = [
    "org.apache.kafka.clients.consumer.OffsetOutOfRangeException",
    "org.apache.kafka.clients.consumer.InvalidOffsetException",
    "org.apache.kafka.clients.consumer.NoOffsetForPartitionException",
    "org.apache.kafka.clients.consumer.LogTruncationException",
    "org.apache.kafka.clients.consumer.RetriableCommitFailedException",
    "org.apache.kafka.common.errors.InvalidOffsetException",
    "org.apache.kafka.common.errors.WakeupException",
    "org.apache.kafka.common.errors.RecordDeserializationException",
    "org.apache.kafka.coordinator.group.api.assignor.PartitionAssignorException",
    "org.apache.kafka.clients.consumer.CommitFailedException",
    "org.apache.kafka.common.errors.RebalanceInProgressException",
    "org.apache.kafka.common.errors.CoordinatorNotAvailableException",
]


def test_producer_and_consumer_sections_are_complete() -> None:
    """The producer/transaction and consumer/group/share-group lists: every code and class has a complete entry."""
    catalog = _loaded().catalog
    assert catalog is not None
    wanted = [catalog.facts.codes[c].fqn for c in PRODUCER_CODES + CONSUMER_CODES] + PRODUCER_CLASSES + CONSUMER_CLASSES
    assert _not_complete(catalog, wanted) == {}


STREAMS_CONNECT_CODES = [130, 131, 132]


def test_streams_and_connect_modules_are_complete() -> None:
    """The Streams and Connect list: the three Streams-protocol codes and every class of the two modules in the
    Kafka 4.1.1 facts (20 Streams, 10 Connect) have a complete entry."""
    catalog = _loaded().catalog
    assert catalog is not None
    classes = [c.fqn for c in catalog.facts.classes.values() if c.module in ("streams", "connect")]
    assert len(classes) == 30
    wanted = [catalog.facts.codes[c].fqn for c in STREAMS_CONNECT_CODES] + classes
    assert _not_complete(catalog, wanted) == {}


NETWORK_ADMIN_SECURITY_CODES = [
    -1, 5, 8, 9, 13, 17, 31, 33, 34, 35, 36, 37, 38, 39, 40, 42, 44, 54, 55, 60, 61, 62, 63, 64, 65, 66, 67,
    72, 73, 80, 83, 84, 85, 89, 91, 92, 93, 95, 96, 97, 100, 103, 114, 115, 117, 118, 129,
]  # fmt: skip
NETWORK_ADMIN_SECURITY_CLASSES = [
    "org.apache.kafka.clients.StaleMetadataException",
    "org.apache.kafka.common.config.ConfigException",
    "org.apache.kafka.common.errors.ApiException",
    "org.apache.kafka.common.errors.AuthenticationException",
    "org.apache.kafka.common.errors.AuthorizationException",
    "org.apache.kafka.common.errors.AuthorizerNotReadyException",
    "org.apache.kafka.common.errors.DisconnectException",
    "org.apache.kafka.common.errors.InvalidMetadataException",
    "org.apache.kafka.common.errors.RefreshRetriableException",
    "org.apache.kafka.common.errors.RetriableException",
    "org.apache.kafka.common.errors.SslAuthenticationException",
    "org.apache.kafka.common.metrics.QuotaViolationException",
    "org.apache.kafka.common.network.DelayedResponseAuthenticationException",
    "org.apache.kafka.common.network.InvalidReceiveException",
    "org.apache.kafka.common.protocol.types.SchemaException",
    "org.apache.kafka.common.requests.CorrelationIdMismatchException",
    "org.apache.kafka.common.security.kerberos.BadFormatString",
    "org.apache.kafka.common.security.kerberos.NoMatchingRule",
    "org.apache.kafka.common.security.oauthbearer.JwtRetrieverException",
    "org.apache.kafka.common.security.oauthbearer.JwtValidatorException",
]


def test_network_admin_security_and_quota_lists_are_complete() -> None:
    """The 47 codes and 20 classes of the network, metadata, admin, topic, configuration, security and quota list."""
    catalog = _loaded().catalog
    assert catalog is not None
    assert len(NETWORK_ADMIN_SECURITY_CODES) == 47 and len(NETWORK_ADMIN_SECURITY_CLASSES) == 20
    assert set(NETWORK_ADMIN_SECURITY_CLASSES) <= set(catalog.facts.classes)
    wanted = [catalog.facts.codes[c].fqn for c in NETWORK_ADMIN_SECURITY_CODES] + NETWORK_ADMIN_SECURITY_CLASSES
    assert _not_complete(catalog, wanted) == {}


BROKER_CODES = [11, 41, 56, 57, 77, 94, 98, 99, 101, 102, 104, 107, 108, 109, 116, 119, 125, 126, 127]


def test_broker_kraft_storage_lists_are_complete_and_removed_errors_are_listed() -> None:
    """The broker, KRaft, replication, storage and tiered-storage list: 19 codes, every broker-side class of the
    4.1.1 facts (module core, 31), and at least ten errors 4.0 removed, each retired with its last version."""
    catalog = _loaded().catalog
    assert catalog is not None
    core = sorted(c.fqn for c in catalog.facts.classes.values() if c.module == "core")
    assert len(BROKER_CODES) == 19 and len(core) == 31
    wanted = [catalog.facts.codes[c].fqn for c in BROKER_CODES] + core
    assert _not_complete(catalog, wanted) == {}
    retired = [r for r in catalog.exceptions if r.get("retired") and r.is_complete]
    assert len(retired) >= 10, [r.id for r in retired]
    for record in retired:
        last = tuple(int(p) for p in record.get("retired")["last_version"].split("."))
        assert last < (4, 1), record.id  # last shipped in 3.x (or, renamed in 4.1, in 4.0)
        assert catalog.facts.previous_source is not None and catalog.facts.previous_source.has_class(record.id)


CLIENT_ERRORS = [
    *(f"librdkafka/{n}" for n in (
        "_MSG_TIMED_OUT", "_TRANSPORT", "_ALL_BROKERS_DOWN", "_RESOLVE", "_SSL", "_AUTHENTICATION", "_TIMED_OUT",
        "_QUEUE_FULL", "_MAX_POLL_EXCEEDED", "_FATAL", "_PARTITION_EOF", "_UNKNOWN_TOPIC", "_UNKNOWN_PARTITION",
        "_ASSIGNMENT_LOST", "_STATE", "_VALUE_DESERIALIZATION",
    )),
    *(f"kafkajs/{n}" for n in (
        "KafkaJSConnectionError", "KafkaJSNumberOfRetriesExceeded", "KafkaJSRequestTimeoutError",
        "KafkaJSNonRetriableError", "KafkaJSProtocolError", "KafkaJSConnectionClosedError",
        "KafkaJSSASLAuthenticationError", "KafkaJSGroupCoordinatorNotFound", "KafkaJSTopicMetadataNotLoaded",
        "KafkaJSLockTimeout",
    )),
    *(f"kafka-python/{n}" for n in (
        "NoBrokersAvailable", "KafkaTimeoutError", "CommitFailedError", "KafkaConnectionError", "NodeNotReadyError",
    )),
    "aiokafka/ConsumerStoppedError",
    "aiokafka/KafkaConnectionError",
    *(f"sarama/{n}" for n in (
        "ErrOutOfBrokers", "ErrClosedClient", "ErrNotConnected", "ErrShuttingDown", "ErrControllerNotAvailable",
        "ErrIncompleteResponse", "ErrInsufficientData",
    )),
    "franz-go/ErrRecordTimeout",
    "franz-go/ErrMaxBuffered",
    "franz-go/ErrClientClosed",
    "kafka-go/ErrGroupClosed",
    "kafka-go/ErrGenerationEnded",
    "kafka-go/WriteErrors",
]  # fmt: skip


def test_the_client_libraries_own_errors_are_complete_and_counted_per_client() -> None:
    """The clients' own errors the issue names are complete; at least 60 are; coverage counts them per client."""
    from generator.coverage import compute

    catalog = _loaded().catalog
    assert catalog is not None
    assert _not_complete(catalog, CLIENT_ERRORS) == {}
    complete = [r for r in catalog.entries if r.kind == "client" and r.is_complete]
    assert len(complete) >= 60, len(complete)
    coverage = compute(catalog)
    assert set(coverage.by_client) == CLIENT_LIBRARIES
    assert sum(len(t.complete) for t in coverage.by_client.values()) == len(complete)
