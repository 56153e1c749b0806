"""The build benchmark's synthetic catalog lints clean, like a real catalog: copies of records with new class
names and messages of their own (benchmarks/synthetic.py). A catalog full of suggestions would time the
locating of thousands of problems instead of a build."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import make_project
from generator.paths import Project
from generator.pipeline import load_catalog


def test_a_synthetic_catalog_has_no_problem_and_no_shared_message(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", 440)
    loaded = load_catalog(Project(root))  # the project links this repository's generator, schema and templates
    assert loaded.catalog is not None
    assert [p.format(root) for p in loaded.problems] == []
    copies = [r for r in loaded.catalog.records.values() if ".bench." in r.id]
    assert len(loaded.catalog.records) == 440 and copies
    messages = [m for r in copies for m in r.message_texts]
    assert messages and len(messages) == len(set(messages))
