"""Synthetic catalogs of any size, made from the real records, for the build benchmark.

Each synthetic record is a copy of a real one under a new class name (`org.apache.kafka.bench.bNN.
S01234OutOfOrderSequenceException`), so pages have realistic size and structure. The new classes are
added to the copy of the facts table in the temporary project, so the lint checks them like real ones.
Related links point at the copies in the first block, which always exists. A copy quotes Kafka texts that
no other record quotes as its `messages` (as many as its original has, while the release's texts last), so
the catalog lints clean like a real one: copies that repeated their original's messages made every copy
a suggestion (KEI904), and locating thousands of suggestions is not what a build of a real catalog does.

To change the shape of the synthetic data: edit `_copy`.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ahocorasick_rs
from ruamel.yaml import YAML

from generator.kafka_source import SourceIndex
from generator.messages import literal_parts
from generator.versions import KAFKA_VERSION

REPO = Path(__file__).resolve().parent.parent


def _synthetic_fqn(index: int, simple: str) -> str:
    return f"org.apache.kafka.bench.b{index // 1000:02d}.S{index:05d}{simple}"


def scratch_project(root: Path, data: Path, into: Path) -> Path:
    """A throw-away project at `root`: the repository's code, templates and schema linked, mkdocs.yml and
    `data` copied to `into` (so builds and edits never touch the repository)."""
    root.mkdir(parents=True)
    for name in ("schema", "templates", "overrides", "generator"):
        (root / name).symlink_to(REPO / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(data, into)
    return root


def make_project(root: Path, size: int) -> Path:
    """A project at `root` with `size` records: the real catalog (exception and client records), then synthetic
    copies of the current exception records up to `size`; returns the root."""
    scratch_project(root, REPO / "data" / "facts", root / "data" / "facts")
    shutil.copytree(REPO / "data" / "errors", root / "data" / "errors")
    shutil.copytree(REPO / "data" / "clients", root / "data" / "clients")
    errors = root / "data" / "errors"
    real = len(list(errors.glob("*.yaml"))) + len(list((root / "data" / "clients").glob("*/*.yaml")))
    sources = sorted((REPO / "data" / "errors").glob("*.yaml"))
    yaml = YAML(typ="safe", pure=False)
    templates = [(p, p.read_text(encoding="utf-8"), yaml.load(p.read_text(encoding="utf-8"))) for p in sources]
    # Retired records are checked against Kafka 3.9.1's source, which has no synthetic class: copies of current
    # records only, and of those whose examples name the class outside stack frames (KEI602 needs that).
    templates = [t for t in templates if not t[2].get("retired") and _named_in_an_example(t[2])]
    copies = max(0, size - real)
    # Links between copies stay inside the copies where the linked copy exists; otherwise they keep the real record.
    first_block = {
        data["fqn"]: _synthetic_fqn(i, data["fqn"].rsplit(".", 1)[-1])
        for i, (_, _, data) in enumerate(templates)
        if i < copies
    }
    classes = root / "data" / "facts" / f"kafka-{KAFKA_VERSION}-exception-classes.tsv"
    every = sorted((root / "data" / "errors").glob("*.yaml")) + sorted((root / "data" / "clients").glob("*/*.yaml"))
    pool = _unquoted_texts(root, [yaml.load(p.read_text(encoding="utf-8")) for p in every])
    rows = []
    for index in range(copies):
        _path, text, data = templates[index % len(templates)]
        fqn = _synthetic_fqn(index, data["fqn"].rsplit(".", 1)[-1])
        messages = [next(pool, None) for _ in data.get("messages", [])[:3]]
        copied = _with_messages(_copy(text, data, fqn, first_block), [m for m in messages if m])
        (errors / f"{fqn}.yaml").write_text(copied, encoding="utf-8")
        rows.append(
            [
                fqn.rsplit(".", 1)[-1],
                fqn,
                "org.apache.kafka.common.KafkaException",
                "true" if data["retriable"] else "false",
                "false",
                "clients",
            ]
        )
    with classes.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(rows)
    return root


def _unquoted_texts(root: Path, records: list[dict[str, Any]]) -> Iterator[str]:
    """Kafka's texts in the table's order, as a record quotes them (`{}` as `<value>`), keeping those whose literal
    parts no other text or record has, whole or inside a longer part (so KEI904 finds no two records alike), and
    that the accuracy lint verifies (KEI310)."""
    index = SourceIndex(root / "data" / "facts", KAFKA_VERSION)
    candidates = [
        t.text.replace("{}", "<value>")
        for t in index.texts.templates
        if 20 <= len(t.text) <= 200 and not any(c in t.text for c in "\n\t\\<>`") and t.text[0] not in "{ "
    ]
    owners: dict[str, set[int]] = {}  # a literal part -> who has it: -1 for the real records, else a candidate
    for data in records:
        for message in data.get("messages", []):
            for part in literal_parts(str(message.get("text") if isinstance(message, dict) else message)):
                owners.setdefault(part, set()).add(-1)
    for number, quote in enumerate(candidates):
        for part in literal_parts(quote):
            owners.setdefault(part, set()).add(number)
    parts = list(owners)
    automaton = ahocorasick_rs.AhoCorasick(parts)
    clash: set[int] = {n for p in parts if len(owners[p]) > 1 for n in owners[p]}
    for longer in parts:
        for found, _start, _end in automaton.find_matches_as_indexes(longer, overlapping=True):
            if parts[found] != longer and owners[parts[found]] != owners[longer]:
                clash |= owners[parts[found]] | owners[longer]
    for number, quote in enumerate(candidates):
        if number not in clash and literal_parts(quote) and index.verify_text(quote) is not None:
            yield quote


def _with_messages(text: str, messages: list[str]) -> str:
    """The record's `messages:` list replaced by `messages` (JSON strings are YAML double-quoted scalars)."""
    block = "".join(f"\n  - {json.dumps(m)}" for m in messages)
    return re.sub(r"\nmessages:\n(?:  .*\n)+", f"\nmessages:{block}\n" if messages else "\n", text, count=1)


def _named_in_an_example(data: dict[str, Any]) -> bool:
    """A copy keeps its examples naming its class (KEI602) only where they do so outside frames and paths."""
    simple = re.compile(rf"(?<![/\w]){re.escape(data['fqn'].rsplit('.', 1)[-1])}\b")
    lines = (line for e in data.get("examples", []) for line in str(e.get("text", "")).splitlines())
    return any(simple.search(line) and not re.match(r"\s*at |.*\.(?:java|scala):\d", line) for line in lines)


def _copy(text: str, data: dict[str, Any], fqn: str, first_block: dict[str, str]) -> str:
    simple = data["fqn"].rsplit(".", 1)[-1]
    out = re.sub(r"\nprotocol:\n  code: -?\d+\n  name: \w+\n", "\n", text)
    out = out.replace(f"fqn: {data['fqn']}", f"fqn: {fqn}")
    for old, new in first_block.items():
        out = out.replace(f"id: {old}\n", f"id: {new}\n")
    out = re.sub(r"\bredirect_from:\n(  - .*\n)+", "", out)
    # The new name everywhere the class is named, except in stack frames and source paths, which must keep
    # pointing at Kafka's real code (the accuracy rules check them against the source tables), and except in
    # another package's class of the same simple name (`org.apache.kafka.connect.errors.RetriableException`).
    name = re.compile(rf"(?<![/\w.]){re.escape(simple)}\b(?![.$](?:java|scala)\b|\$)")
    return "".join(
        line
        if re.match(r"\s*at |.*\.(?:java|scala):\d", line)
        else name.sub(fqn.rsplit(".", 1)[-1], line.replace(data["fqn"], fqn))
        for line in out.splitlines(keepends=True)
    )
