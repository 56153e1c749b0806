"""The reference facts in data/facts are the extracted tables, unedited, and agree with each other."""

from __future__ import annotations

import hashlib

import pytest

from conftest import CLIENT_LIBRARIES, REPO
from generator.facts_tables import load_facts
from generator.schema import load_schema

FACTS = REPO / "data" / "facts"
CLIENTS = load_schema(REPO / "schema" / "record.schema.json").client_ids


@pytest.mark.parametrize("folder", [FACTS, FACTS / "clients"], ids=["kafka", "clients"])
def test_facts_files_match_their_recorded_checksums(folder) -> None:
    """SHA256SUMS was written when the tables were extracted; any hand edit shows here."""
    lines = (folder / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split(maxsplit=1)
        listed[name.strip()] = digest
    assert set(listed) == {p.name for p in folder.glob("*.tsv")}
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_client_facts_name_every_error_the_issue_lists_and_their_releases() -> None:
    clients = load_facts(FACTS, CLIENTS).clients
    assert set(clients.releases) == CLIENT_LIBRARIES
    for client, name in [
        ("librdkafka", "_MSG_TIMED_OUT"),
        ("kafkajs", "KafkaJSNumberOfRetriesExceeded"),
        ("sarama", "ErrOutOfBrokers"),
        ("kafka-python", "NoBrokersAvailable"),
        ("franz-go", "ErrRecordTimeout"),
        ("kafka-go", "ErrGroupClosed"),
        ("aiokafka", "ConsumerStoppedError"),
    ]:
        assert clients.error(client, name) is not None, (client, name)
    assert clients.verify_text("librdkafka", "Local: Message timed out")
    assert clients.verify_text("sarama", "kafka: client has run out of available brokers to talk to")
    assert clients.has_setting("librdkafka", "message.timeout.ms") and not clients.has_setting("librdkafka", "linger")
    # an older text is searchable but is not what the current release prints
    code15 = load_facts(FACTS, CLIENTS).codes[15]
    older = [t for n in code15.clients if n.client == "librdkafka" for t, _ in n.older]
    assert "Broker: Group coordinator not available" in older
    assert any(n.client == "kafka-go" for n in code15.clients)


def test_protocol_codes_are_complete_and_consistent() -> None:
    facts = load_facts(FACTS, CLIENTS)
    assert sorted(facts.codes) == list(range(-1, 134))
    assert facts.codes[0].name == "NONE" and facts.codes[0].fqn == ""
    assert facts.codes[6].name == "NOT_LEADER_OR_FOLLOWER"
    assert [f.name for f in facts.codes[6].former_names] == ["NOT_LEADER_FOR_PARTITION"]
    assert facts.codes[10].simple_name == "RecordTooLargeException"
    assert facts.codes[87].fqn == "org.apache.kafka.common.InvalidRecordException"
    for code in facts.codes.values():
        if code.code == 0:
            continue
        cls = facts.classes[code.fqn]
        assert cls.has_protocol_code, code.fqn
        assert cls.retriable == code.retriable, code.fqn
        assert code.first_release, code.code


def test_client_names_cover_every_code() -> None:
    facts = load_facts(FACTS, CLIENTS)
    librdkafka = {c.code: n for c in facts.codes.values() for n in c.clients if n.client == "librdkafka"}
    assert len(librdkafka) >= 120  # librdkafka 2.16 knows almost every code
    assert librdkafka[6].text == "Broker: Not leader for partition"
    assert librdkafka[6].name == "RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION"
    sarama = {n.client: n for n in facts.codes[45].clients}["sarama"]
    assert sarama.text.startswith("kafka server: ")
    assert all(n.client in CLIENTS for c in facts.codes.values() for n in c.clients)


def test_schema_enumerations_match_the_facts() -> None:
    schema = load_schema(REPO / "schema" / "record.schema.json")
    facts = load_facts(FACTS, CLIENTS)
    client_scopes = {scope for keys in facts.clients.settings.values() for scopes in keys.values() for scope in scopes}
    assert set(schema.config_scopes) == {scope for _key, scope in facts.config_keys} | client_scopes
    assert set(CLIENTS) == set(load_facts(FACTS, CLIENTS).clients.releases) == CLIENT_LIBRARIES  # one release row each


def test_facts_readme_records_provenance() -> None:
    text = (FACTS / "README.md").read_text()
    assert "be816b82d25370ceac697ccf7c88cea873e9b4e3" in text
    for name in (p.name for p in FACTS.glob("*.tsv")):
        assert name in text, f"{name} is not described in data/facts/README.md"


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema(REPO / "schema" / "record.schema.json")
    assert schema.document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.document["$id"].endswith("record.schema.json")


def test_every_record_file_carries_the_schema_comment() -> None:
    for path in sorted((REPO / "data" / "errors").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == "# yaml-language-server: $schema=../../schema/record.schema.json", path.name


def test_no_file_reads_the_shared_reference_directory() -> None:
    """The project must never read ../shared at build or test time (it is not part of the repository)."""
    for path in [*REPO.joinpath("generator").rglob("*.py"), REPO / "Makefile", REPO / "mkdocs.yml"]:
        assert "shared/reference" not in path.read_text(encoding="utf-8"), path


def test_the_schema_is_valid_draft_2020_12_and_refuses_a_broken_one(tmp_path) -> None:
    """The one validator checks the schema itself when it is loaded: a broken schema stops the build."""
    from generator.schema import RecordSchema

    assert load_schema(REPO / "schema" / "record.schema.json").is_valid({}) is False
    broken = tmp_path / "record.schema.json"
    broken.write_text('{"type": "nonsense"}', encoding="utf-8")
    with pytest.raises(ValueError):
        RecordSchema(broken)


def test_the_versions_module_agrees_with_the_facts_provenance() -> None:
    """`generator.versions` is the one place the release is written; the README and the table names follow it."""
    from generator.versions import KAFKA_COMMIT, KAFKA_VERSION, PREVIOUS_KAFKA_VERSION

    readme = (FACTS / "README.md").read_text(encoding="utf-8")
    assert f"**{KAFKA_VERSION}** release tag" in readme and KAFKA_COMMIT in readme
    for version in (KAFKA_VERSION, PREVIOUS_KAFKA_VERSION):
        assert (FACTS / f"kafka-{version}-texts.tsv").is_file()
    assert (FACTS / f"kafka-{KAFKA_VERSION}-protocol-errors.tsv").is_file()
