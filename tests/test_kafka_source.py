"""The Kafka 4.1.1 source index: which quoted texts, stack frames and locations it accepts, and which it refuses.

These are the questions behind lint rules KEI310-KEI312; the rule fixtures show one case each, these tests
pin the matching itself (placeholders, nested texts, wrappers, truncation, bridge methods).
"""

from __future__ import annotations

import pytest

from conftest import REPO
from generator.kafka_source import SourceIndex, frames
from generator.versions import KAFKA_VERSION

INDEX = SourceIndex(REPO / "data" / "facts", KAFKA_VERSION)


@pytest.mark.parametrize(
    "quote",
    [
        # an Errors default message, verbatim
        "Messages are rejected since there are fewer in-sync replicas than required.",
        # a concatenation, with <placeholders> and with concrete values where Kafka fills in
        "Timeout expired after <timeout>ms while awaiting InitProducerId",
        "Expiring 12 record(s) for orders-3:120001 ms has passed since batch creation",
        # a Scala interpolation
        "Sending orders-tx's transaction marker for partition orders-5 has failed with error <error>, retrying with current coordinator epoch 14",
        # a text built with StringBuilder appends over several statements
        "Principal = User:alice is Denied operation = WRITE from host = 10.0.0.1 on resource = Topic:LITERAL:orders for request = Produce with resourceRefCount = 1 based on rule DefaultDeny",
        # a placeholder filled with another Kafka text (a cause's message inside a log line)
        "Offset commit failed on partition orders-0 at offset 42: The coordinator is not aware of this member.",
        # a one-word template that only joins a verified text and a value
        "Timed out waiting for a node assignment. Call: createTopics",
        # a list of values and a ternary that prints its one non-empty branch
        "Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1",
        # host:port written as one placeholder where Kafka prints {}:{}
        "JoinGroup failed: Coordinator <host:port> (id: <id> rack: <rack> isFenced: false) is loading the group.",
        # a wrapper whose message is its cause's toString
        "org.apache.kafka.common.errors.TimeoutException: Timeout expired after 60000ms while awaiting EndTxn",
        # a quote that stops early says so, inside a literal part or inside a placeholder
        "Commit cannot be completed since the group has already rebalanced...",
        "Timeout expired after 60000ms while awa...",
        "Timeout expired after 60000...",
        # a bare name is not a sentence to check
        "java.lang.InterruptedException",
        # a text built from two (`error += "..."`) and a text with a context tag appended
        "An error: (<exception>) occurred when evaluating SASL token received from the Kafka Broker. Kafka Client will go to AUTHENTICATION_FAILED state.",
        "Producer got fenced trying to commit a transaction [stream-thread [main]]; it means all tasks belonging to this thread should be migrated.",
        # another library's exception printed into a Kafka text
        "IO Error trying to forward REST request: java.net.ConnectException: Connection refused",
        # a value glued to the text after it, and a value holding the characters of the next literal part
        "Got error produce response with correlation id 4187 on topic-partition orders-5, retrying (2147483646 attempts left). Error: NETWORK_EXCEPTION. Error Message: Disconnected from node 2",
        "Failed authentication with /10.0.0.1 (channelId=10.0.0.5:9093-10.0.0.1:52422-3) (SSL handshake failed)",
        # Scala's require() prefix
        "requirement failed: principal.builder.class must implement KafkaPrincipalSerde",
        # Streams' named log prefix before a text
        "stream-thread [orders-app-StreamThread-1] task [0_2] Failed to flush cache of store orders-store",
        # a one-word text filling another text's placeholder
        'Invalid value: null used for required field: "name", schema type: STRING',
        # a data structure's toString filled in where Kafka prints {}
        "Fetch position FetchPosition{offset=1200, offsetEpoch=Optional[7], currentLeader=LeaderAndEpoch{leader=Optional[broker-2:9092 (id: 2 rack: null isFenced: false)], epoch=7}} is out of range for partition orders-3",
    ],
)
def test_texts_kafka_prints_are_verified(quote: str) -> None:
    assert INDEX.verify_text(quote) is not None


@pytest.mark.parametrize(
    "quote",
    [
        "This is an invented message that Kafka never prints",
        "Broker is down",  # short words around a one-word template do not pass
        # the 3.9 text of the NotEnoughReplicas check (4.1 added ' : ' and the live replicas)
        "The size of the current ISR Set(1) is insufficient to satisfy the min.isr requirement of 2 for partition orders-0",
        # a placeholder where Kafka prints literal words
        "Timeout expired after <timeout> while <doing something>",
        # the right start and a made-up end
        "Commit cannot be completed since the group has already rebalanced and nothing else happened.",
        # a Kafka text followed by a made-up sentence
        "Messages are rejected since there are fewer in-sync replicas than required. Restart the broker now.",
    ],
)
def test_texts_kafka_does_not_print_are_refused(quote: str) -> None:
    assert INDEX.verify_text(quote) is None


def _frame(line: str) -> str | None:
    found = list(frames(line))
    assert len(found) == 1, line
    match = found[0][1]
    return INDEX.check_frame(
        match["cls"], match["method"], match["file"], int(match["line"]) if match["line"] else None
    )


def test_frames_of_real_methods_pass() -> None:
    assert _frame("\tat org.apache.kafka.common.internals.KafkaFutureImpl.get(KafkaFutureImpl.java:155)") is None
    assert (
        _frame(
            "\tat org.apache.kafka.clients.producer.internals.FutureRecordMetadata.get(FutureRecordMetadata.java:65)"
        )
        is None
    )
    # no line number: only the method is checked
    assert _frame("\tat org.apache.kafka.clients.producer.KafkaProducer.send(KafkaProducer.java)") is None
    # a class loader prefix, as Java 9+ prints it
    assert _frame("\tat app//org.apache.kafka.common.internals.KafkaFutureImpl.get(KafkaFutureImpl.java:155)") is None
    # javac numbers a bridge method with the class declaration's line
    assert (
        _frame(
            "\tat org.apache.kafka.clients.producer.internals.FutureRecordMetadata.get(FutureRecordMetadata.java:30)"
        )
        is None
    )


def test_frames_that_do_not_exist_are_explained() -> None:
    wrong_line = _frame("\tat org.apache.kafka.common.internals.KafkaFutureImpl.get(KafkaFutureImpl.java:40)")
    assert wrong_line and "is not inside get (lines 152-163, 169-181" in wrong_line
    no_method = _frame("\tat org.apache.kafka.clients.producer.KafkaProducer.sendNow(KafkaProducer.java:100)")
    assert no_method and "has no method sendNow" in no_method
    no_file = _frame("\tat org.apache.kafka.clients.producer.Producer2.send(Producer2.java:1)")
    assert no_file and "not a Kafka 4.1.1 source file" in no_file


def test_locations_are_files_and_line_ranges_of_the_release() -> None:
    assert INDEX.check_location("core/src/main/scala/kafka/cluster/Partition.scala:1366-1373") is None
    assert INDEX.check_location("config/server.properties:1") is None
    outside = INDEX.check_location("core/src/main/scala/kafka/cluster/Partition.scala:1-999999")
    assert outside and "outside" in outside
    missing = INDEX.check_location("core/src/main/scala/kafka/cluster/Nothing.scala:1")
    assert missing and "is not a file" in missing
    malformed = INDEX.check_location("core/src/main/scala/kafka/cluster/Partition.scala:;868")
    assert malformed and "is not path:line" in malformed
