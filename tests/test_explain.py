"""`explain`: every sample log names the right entry first; output shapes; bad input handling."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, run_cli
from generator.explain import Explainer, Matcher
from generator.paths import Project
from generator.pipeline import load_catalog

SAMPLES = FIXTURES / "explain"
EXPECTED = [
    line.split("\t")
    for line in (SAMPLES / "expected.tsv").read_text().splitlines()
    if line and not line.startswith("#")
]


@cache
def matcher() -> Matcher:
    loaded = load_catalog(Project(REPO))
    assert loaded.catalog is not None, [p.format(REPO) for p in loaded.errors]
    return Matcher(loaded.catalog, "https://example.test/")


def explain_bytes(data: bytes):
    explainer = Explainer(matcher())
    explainer.feed(io.BytesIO(data))
    return explainer.ranked()


def test_there_are_enough_samples() -> None:
    assert len(EXPECTED) >= 30
    assert {name for name, _ in EXPECTED} == {p.name for p in SAMPLES.glob("*.log")}


@pytest.mark.parametrize(("sample", "expected"), EXPECTED, ids=[name for name, _ in EXPECTED])
def test_sample_names_the_right_entry_first(sample: str, expected: str) -> None:
    findings = explain_bytes((SAMPLES / sample).read_bytes())
    assert findings, "nothing recognised"
    assert findings[0].target.id == expected, [f.target.id for f in findings]


def test_json_output_shape(capsys) -> None:
    code, out, err = run_cli(["explain", "--json", str(SAMPLES / "mixed-warnings-and-root-cause.log")], capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert list(doc) == ["matches"]
    first, second = doc["matches"][:2]
    assert first["id"] == "org.apache.kafka.common.errors.RecordTooLargeException"
    assert second["id"] == "org.apache.kafka.common.errors.NotLeaderOrFollowerException"
    for match in doc["matches"]:
        assert {"id", "names", "url", "line", "evidence"} <= set(match)
        assert match["url"].startswith("https://") and match["evidence"][0]["line"] >= 1
    assert first["line"] == 7 and first["evidence"][0]["text"].startswith("Caused by: ")


def test_repeated_lines_count_once() -> None:
    line = b"2026-11-20 12:00:07,210 WARN x Error: NOT_LEADER_OR_FOLLOWER\n"
    other = line.replace(b"07,210", b"09,999")
    (finding,) = explain_bytes(line * 50 + other * 50)
    assert finding.lines == 1 and finding.first_line == 1


def test_no_known_error_exits_zero(capsys, tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.log"
    quiet.write_text("2026-11-20 INFO all good\nUNKNOWN state is fine\n")
    code, out, _err = run_cli(["explain", str(quiet)], capsys)
    assert code == 0 and "No known Kafka error" in out
    code, out, _err = run_cli(["explain", "--json", str(quiet)], capsys)
    assert code == 0 and json.loads(out) == {"matches": []}


def test_unreadable_file_is_a_clear_error(capsys, tmp_path: Path) -> None:
    code, out, err = run_cli(["explain", str(tmp_path / "missing.log")], capsys)
    assert code == 2 and out == ""
    assert "cannot read" in err and "missing.log" in err and "Traceback" not in err


def test_reads_standard_input(capsys, monkeypatch) -> None:
    data = (SAMPLES / "sarama-message-too-large.log").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _err = run_cli(["explain", "-"], capsys)
    assert code == 0 and "RecordTooLargeException" in out.splitlines()[0]


def test_chunk_boundaries_do_not_lose_matches(monkeypatch) -> None:
    import generator.explain.scan as explain_mod

    monkeypatch.setattr(explain_mod, "CHUNK", 7)
    data = (SAMPLES / "mixed-warnings-and-root-cause.log").read_bytes()
    findings = explain_bytes(data)
    assert [f.target.id for f in findings][:2] == [
        "org.apache.kafka.common.errors.RecordTooLargeException",
        "org.apache.kafka.common.errors.NotLeaderOrFollowerException",
    ]
    assert findings[0].first_line == 7


def test_every_export_name_is_recognised() -> None:
    """Each name of the JSON export (that is specific enough to search for) finds its own entry."""
    m = matcher()
    for index, name in enumerate(m.names):
        found = {f.target.id for f in explain_bytes(f"x {name} y\n".encode())}
        assert {m.targets[t].id for t in m.name_targets[index]} <= found, name


def test_a_current_entry_ranks_before_a_retired_one_found_by_the_same_text() -> None:
    # librdkafka prints code 6 as "Not leader for partition"; in Kafka 4.x code 6 is NotLeaderOrFollowerException,
    # and NotLeaderForPartitionException (removed in 4.0) lists the same text for 3.x clients
    log = b"%4|1732100000.123|PRODUCE| rdkafka#producer-1: Produce failed: Broker: Not leader for partition\n"
    ids = [f.target.id for f in explain_bytes(log)]
    assert ids[:2] == [
        "org.apache.kafka.common.errors.NotLeaderOrFollowerException",
        "org.apache.kafka.common.errors.NotLeaderForPartitionException",
    ]
