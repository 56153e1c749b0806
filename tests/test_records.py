"""Every real record: lints clean, and complete records meet the bar with no suggestion left."""

from __future__ import annotations

from functools import cache

import pytest

from conftest import REPO
from generator.catalog import LoadResult, load_catalog
from generator.paths import Project

RECORDS = sorted((REPO / "data" / "errors").glob("*.yaml"))


@cache
def _loaded() -> LoadResult:
    return load_catalog(Project(REPO))


def test_there_are_records() -> None:
    assert RECORDS, "data/errors is empty"


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem.rsplit(".", 1)[-1])
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
    assert set(result.catalog.records) == {p.stem for p in RECORDS}


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
    assert {
        fqn: catalog.records[fqn].status if fqn in catalog.records else "missing" for fqn in required
    } == dict.fromkeys(required, "complete")
