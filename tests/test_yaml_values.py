"""The record reader's own construction of YAML values (`generator.yaml_values`) against ruamel's safe loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import REPO
from generator.loader import parse

RECORDS = sorted((REPO / "data").glob("errors/*.yaml")) + sorted((REPO / "data").glob("clients/*/*.yaml"))


def test_every_record_reads_as_ruamels_safe_loader_reads_it() -> None:
    stock = YAML(typ="safe", pure=False)  # the new API refuses duplicate keys too
    for path in RECORDS:
        text = path.read_text(encoding="utf-8")
        data, problems = parse(path, text)
        assert not problems, (path, problems)
        assert data == stock.load(text), path


def test_scalars_keep_their_yaml_types() -> None:
    text = "a: 1\nb: true\nc: 1.5\nd: null\ne: 2024-01-02\nf: !!str 12\ng: '7'\nh: [x, {y: 2}]\n"
    data, _problems = parse(Path("data/errors/x.yaml"), text)
    assert data == YAML(typ="safe", pure=False).load(text)
    assert [type(data[k]).__name__ for k in "abcdefg"] == ["int", "bool", "float", "NoneType", "date", "str", "str"]


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("x: &a [1]\ny: *a\n", "KEI004", "alias"),
        ("z:\n  <<: {p: 1}\n  q: 2\n", "KEI004", "merge key"),
        ("? [a, b]\n: 1\n", "KEI004", "unhashable key"),
        ("a: !!binary aGVsbG8=\n", "KEI004", "tag"),
        ("a: !include other.yaml\n", "KEI004", "tag"),
        ("a: 1\nb: 2\na: 3\n", "KEI002", 'duplicate key "a"'),
        ("a: " + "[" * 12 + "1" + "]" * 12 + "\n", "KEI005", "13 levels deep"),
    ],
)
def test_what_a_record_never_needs_is_refused_with_its_position(text: str, code: str, words: str) -> None:
    data, problems = parse(Path("data/errors/x.yaml"), text)
    assert data is None
    assert [p.code for p in problems] == [code] and words in problems[0].message
    assert problems[0].line >= 1


def test_twelve_levels_are_allowed() -> None:
    data, problems = parse(Path("data/errors/x.yaml"), "a: " + "[" * 11 + "1" + "]" * 11 + "\n")
    assert data is not None and not [p for p in problems if p.code == "KEI005"]
