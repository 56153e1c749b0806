"""The contribution path: CONTRIBUTING stays true, `new` works for a newcomer, generated files are fresh."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from conftest import REPO, run_cli
from generator.paths import Project
from generator.problems import RULES_BY_CODE
from generator.refresh import refresh, rule_table
from generator.rules import RULES
from generator.schema import load_schema

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _template(kind: str = "template") -> str:
    block = CONTRIBUTING.split(f"<!-- {kind}:start -->", 1)[1].split(f"<!-- {kind}:end -->", 1)[0]
    return block.strip().removeprefix("```yaml").removesuffix("```").strip() + "\n"


# Fields only a client library's own error has (the schema refuses them in an exception record).
CLIENT_ONLY = {"client", "name", "releases", "bindings", "corresponds_to"}


def test_annotated_template_is_a_valid_record_with_every_field() -> None:
    schema = load_schema(REPO / "schema" / "record.schema.json")
    data = YAML(typ="safe").load(_template())
    assert schema.validate(REPO / "CONTRIBUTING.md", data) == []
    assert set(data) == set(schema.fields) - CLIENT_ONLY, "the template must show every field of the schema"


def test_client_template_is_a_valid_client_record_with_its_own_fields() -> None:
    schema = load_schema(REPO / "schema" / "record.schema.json")
    data = YAML(typ="safe").load(_template("client-template"))
    assert schema.validate(REPO / "CONTRIBUTING.md", data) == []
    assert set(data) >= CLIENT_ONLY
    assert schema.validate(REPO / "CONTRIBUTING.md", {**data, "fqn": "org.apache.kafka.common.errors.X"}) != []


def test_every_template_field_has_a_comment() -> None:
    lines = _template().splitlines()
    for index, line in enumerate(lines):
        top_level = re.match(r"^([a-z_]+):", line)
        if top_level:
            assert lines[index - 1].startswith("#"), f"field {top_level.group(1)} has no comment above it"


def test_rule_table_is_generated_from_the_registry() -> None:
    assert rule_table() in CONTRIBUTING
    for rule in RULES:
        assert f"| {rule.code} | {rule.name} |" in CONTRIBUTING


def test_generated_files_are_fresh() -> None:
    """Regenerate-then-compare: CI fails if someone edits a generated file by hand or forgets to refresh."""
    assert [p.name for p in refresh(Project(REPO), check=True)] == []


def test_refresh_rewrites_a_hand_edited_rule_table(tmp_path) -> None:
    root = tmp_path / "p"
    (root / "data" / "errors").mkdir(parents=True)
    (root / "CONTRIBUTING.md").write_text(CONTRIBUTING.replace("| KEI001 | yaml-syntax |", "| KEI001 | yaml-typo |"))
    project = Project(root)
    assert [p.name for p in refresh(project, check=True)] == ["CONTRIBUTING.md", "published.txt"]
    refresh(project, check=False)
    assert refresh(project, check=True) == []
    assert "| KEI001 | yaml-syntax |" in (root / "CONTRIBUTING.md").read_text()


def test_new_contributor_flow(make_project, capsys) -> None:
    """Scaffold an entry that has no record, write it, lint clean, build, and find the page."""
    project = make_project()
    code, out, err = run_cli(["--root", str(project), "new", "NOT_ENOUGH_REPLICAS"], capsys)
    assert code == 0, err
    path = project / "data" / "errors" / "org.apache.kafka.common.errors.NotEnoughReplicasException.yaml"
    assert f"created data/errors/{path.name}" in out
    draft = path.read_text()
    assert "retriable: true" in draft and "code: 19" in draft and "TODO" in draft

    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    assert code == 0 and "KEI901" in err  # a draft is a suggestion, not an error

    text = _template().replace(
        '\nretired:\n  version: "4.0"\n  last_version: "3.9"\n  note: Removed with ZooKeeper support.\n'
        "  replaced_by: A KRaft cluster reports the same situation as ...\n",
        "\n",
    )
    text = re.sub(r"redirect_from:\n  - .*\n", "", text)
    text = text.replace(
        "    change: ...", "    change: Code 19 has been part of the protocol since the first releases."
    )
    text = text.replace(
        "  - id: org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException\n    why: the same check failing after the append\n",
        "  - code: 7\n    why: REQUEST_TIMED_OUT, when followers are slow rather than missing\n",
    )
    text = text.replace(
        "      ...\n", "      A replica restarted and has not caught up; the ISR shrinks below the minimum.\n"
    )
    path.write_text(text)
    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    assert (code, err.strip()) == (0, "lint: 0 errors, 0 suggestions")

    code, _out, err = run_cli(["--root", str(project), "build"], capsys)
    assert code == 0, err
    page = project / "site" / "errors" / path.stem / "index.html"
    assert "The partition leader refused an acks=all write" in page.read_text()
    assert path.stem in (project / "site" / "errors" / "index.html").read_text()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("OutOfOrderSequenceException", "already exists"),
        ("OffsetOutOfRangeException", "exists in several packages"),
        ("NOT_A_KAFKA_ERROR", "is not a Kafka 4.1.1 protocol error name"),
        ("999", "is not a Kafka 4.1.1 protocol error code"),
        ("FooBarException", "is not an exception class of Kafka 4.1.1"),
    ],
)
def test_new_refuses_existing_and_unknown_names(name, message, make_project, capsys) -> None:
    records = {
        "org.apache.kafka.common.errors.OutOfOrderSequenceException.yaml": (
            REPO / "data" / "errors" / "org.apache.kafka.common.errors.OutOfOrderSequenceException.yaml"
        ).read_text()
    }
    project = make_project(records)
    code, out, err = run_cli(["--root", str(project), "new", name], capsys)
    assert code == 1 and message in err and out == ""


def test_help_lists_the_commands() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    for command in ("lint", "build", "generate", "coverage", "explain", "new", "refresh"):
        assert re.search(rf"^\s+{command}\s", out, re.M), command
    assert shutil.which("make") is not None


def test_rule_codes_named_in_the_schema_and_docs_exist() -> None:
    """A description that cites a rule (`lint KEI312`) cites one the lint has."""
    for path in (
        REPO / "schema" / "record.schema.json",
        REPO / "CONTRIBUTING.md",
        REPO / "data" / "facts" / "README.md",
    ):
        cited = set(re.findall(r"\bKEI\d{3}\b", path.read_text(encoding="utf-8")))
        assert cited <= set(RULES_BY_CODE), (path.name, sorted(cited - set(RULES_BY_CODE)))


def test_new_on_a_class_4_0_removed_writes_a_retired_draft(make_project, capsys) -> None:
    project = make_project()
    code, _out, err = run_cli(
        ["--root", str(project), "new", "kafka.zookeeper.ZooKeeperClientExpiredException"], capsys
    )
    assert code == 0, err
    draft = (project / "data/errors/kafka.zookeeper.ZooKeeperClientExpiredException.yaml").read_text()
    assert "retired:" in draft and 'last_version: "3.9"' in draft and "Kafka 3.9.1" in draft
    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    assert code == 0 and "KEI901" in err, err


def test_new_on_a_client_error_writes_a_draft_from_the_client_facts(make_project, capsys) -> None:
    project = make_project()
    code, _out, err = run_cli(["--root", str(project), "new", "librdkafka/_MSG_TIMED_OUT"], capsys)
    assert code == 0, err
    draft = (project / "data/clients/librdkafka/_MSG_TIMED_OUT.yaml").read_text()
    assert '"Local: Message timed out"' in draft and "kafka.ErrMsgTimedOut" in draft and 'checked: "v2.12.0"' in draft
    code, _out, err = run_cli(["--root", str(project), "lint"], capsys)
    assert code == 0 and "KEI901" in err, err
    code, _out, err = run_cli(["--root", str(project), "new", "librdkafka/_MSG_TIMEDOUT"], capsys)
    assert code == 1 and "did you mean _MSG_TIMED_OUT" in err
