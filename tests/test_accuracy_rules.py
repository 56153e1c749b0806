"""Cases the accuracy rules must accept (the fixtures under tests/fixtures/lint show what each rule refuses).

Real records quote texts that span lines, set client settings through Streams or Connect prefixes, and leave
TODO gaps in drafts; none of these may be reported.
"""

from __future__ import annotations

from conftest import BASE_FQN, BASE_RECORD, FIXTURES, run_cli


def _lint(make_project, capsys, text: str) -> tuple[int, str]:
    project = make_project({f"{BASE_FQN}.yaml": text})
    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    return code, err.strip()


def test_prefixed_client_settings_are_known_in_their_scope(make_project, capsys) -> None:
    text = BASE_RECORD.read_text().replace(
        "      - key: create.topic.policy.class.name\n        scope: broker\n",
        "      - key: create.topic.policy.class.name\n        scope: broker\n"
        '      - {key: main.consumer.max.poll.records, scope: streams, value: "100"}\n'
        '      - {key: producer.override.linger.ms, scope: connect-connector, value: "50"}\n',
    )
    assert _lint(make_project, capsys, text) == (0, "lint: 0 errors, 0 suggestions")
    wrong = text.replace("main.consumer.max.poll.records", "main.consumer.max.pol.records")
    code, err = _lint(make_project, capsys, wrong)
    assert code == 1 and "KEI304 main.consumer.max.pol.records is not a Kafka 4.1.1 config key" in err


def test_a_message_that_spans_lines_is_checked_whole(make_project, capsys) -> None:
    example = (
        "  - title: Streams sink\n"
        "    text: |\n"
        "      org.apache.kafka.streams.errors.StreamsException: Error encountered sending record to topic orders for task 0_1 due to:\n"
        "      org.apache.kafka.common.errors.RecordTooLargeException: The message is 2000000 bytes when serialized which is larger than 1048576, which is the value of the max.request.size configuration.\n"
        "      \tat org.apache.kafka.streams.processor.internals.RecordCollectorImpl.recordSendError(RecordCollectorImpl.java)\n"
    )
    text = BASE_RECORD.read_text().replace("examples:\n", "examples:\n" + example, 1)
    assert _lint(make_project, capsys, text) == (0, "lint: 0 errors, 0 suggestions")
    invented = text.replace("due to:\n", "because of this:\n")
    code, err = _lint(make_project, capsys, invented)
    assert code == 1 and "KEI310 examples[0] line 1: StreamsException's message is not a Kafka 4.1.1 text" in err


def test_a_fresh_draft_leaves_only_the_draft_suggestion(make_project, capsys) -> None:
    project = make_project()
    code, _out, err = run_cli(["--root", str(project), "new", "ConnectException"], capsys)
    assert code == 0, err
    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    assert code == 0 and "KEI901" in err and "KEI310" not in err, err


def test_a_thread_whose_stack_is_two_frames_has_a_whole_trace() -> None:
    from generator.rules.accuracy import has_stack_trace

    head = "org.apache.kafka.streams.errors.StreamsException: x\n"
    loop = "\tat org.apache.kafka.streams.processor.internals.StreamThread.runLoop(StreamThread.java:969)\n"
    assert has_stack_trace(
        head + loop + "\tat org.apache.kafka.streams.processor.internals.StreamThread.run(StreamThread.java:886)"
    )
    assert not has_stack_trace(
        head + loop + "\tat org.apache.kafka.streams.processor.internals.StreamThread.poll(StreamThread.java:886)"
    )


def test_a_dotted_name_no_setting_starts_with_is_not_taken_for_a_key(make_project, capsys) -> None:
    text = BASE_RECORD.read_text().replace(
        "rejected the new value.", "rejected the new value of topic `orders.v1` (a name, not a setting)."
    )
    assert _lint(make_project, capsys, text) == (0, "lint: 0 errors, 0 suggestions")


RETIRED = FIXTURES / "retired-record.yaml"
RETIRED_FQN = "kafka.zookeeper.ZooKeeperClientTimeoutException"


def _lint_retired(make_project, capsys, text: str) -> tuple[int, str]:
    project = make_project({f"{RETIRED_FQN}.yaml": text})
    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    return code, err.strip()


def test_a_retired_record_is_checked_against_kafka_3_9_1(make_project, capsys) -> None:
    # The texts, frames, evidence, removed keys and tools of a class 4.0 removed are those of 3.9.1.
    text = RETIRED.read_text()
    assert _lint_retired(make_project, capsys, text) == (0, "lint: 0 errors, 0 suggestions")
    wrong = text.replace("in state: <state>", "in the state <state>").replace(
        "ZooKeeperClient.scala:257", "ZooKeeperClient.scala:300"
    )
    code, err = _lint_retired(make_project, capsys, wrong)
    assert code == 1 and "KEI310 messages[0] is not a Kafka 3.9.1 text" in err, err
    assert "ZooKeeperClient.scala:300 is not inside waitUntilConnected" in err and "in Kafka 3.9.1" in err, err
    invented = text.replace(f"fqn: {RETIRED_FQN}", "fqn: kafka.zookeeper.ZooKeeperClientNeverExistedException")
    project = make_project({"kafka.zookeeper.ZooKeeperClientNeverExistedException.yaml": invented})
    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    assert code == 1 and "is neither a class of Kafka 4.1.1 nor of 3.9.1" in err, err


def test_a_text_labelled_as_kafka_3_9_is_checked_against_3_9_1(make_project, capsys) -> None:
    old = '  - text: "Timed out waiting for connection while in state: <state>"\n    origin: {kafka: "-3.9"}\n'
    text = BASE_RECORD.read_text().replace("messages:\n", "messages:\n" + old, 1)
    assert _lint(make_project, capsys, text) == (0, "lint: 0 errors, 0 suggestions")
    code, err = _lint(make_project, capsys, text.replace("waiting for connection", "waiting for a connection"))
    assert code == 1 and "labelled as printed by Kafka 3.9 but is not a Kafka 3.9.1 text" in err, err


def test_a_client_record_states_the_release_its_facts_were_read_at(make_project, capsys) -> None:
    text = (FIXTURES / "client-record.yaml").read_text()
    project = make_project({"librdkafka/_ALL_BROKERS_DOWN.yaml": text})
    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    assert (code, err.strip()) == (0, "lint: 0 errors, 0 suggestions")
    project = make_project(
        {"librdkafka/_ALL_BROKERS_DOWN.yaml": text.replace('checked: "v2.12.0"', 'checked: "v2.3.0"')}
    )
    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    assert (
        code == 1
        and "KEI314 releases.checked is v2.3.0, but data/facts/clients holds _ALL_BROKERS_DOWN as of librdkafka v2.12.0"
        in err
    ), err
