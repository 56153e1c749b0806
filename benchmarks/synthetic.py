"""Synthetic catalogs of any size, made from the real records, for the build benchmark.

Each synthetic record is a copy of a real one under a new class name (`org.apache.kafka.bench.bNN.
S01234OutOfOrderSequenceException`), so pages have realistic size and structure. The new classes are
added to the copy of the facts table in the temporary project, so the lint checks them like real ones.
Related links point at the copies in the first block, which always exists.

To change the shape of the synthetic data: edit `_copy`.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

from ruamel.yaml import YAML

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
    classes = root / "data" / "facts" / "kafka-4.1.1-exception-classes.tsv"
    rows = []
    for index in range(copies):
        _path, text, data = templates[index % len(templates)]
        fqn = _synthetic_fqn(index, data["fqn"].rsplit(".", 1)[-1])
        (errors / f"{fqn}.yaml").write_text(_copy(text, data, fqn, first_block), encoding="utf-8")
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


def _named_in_an_example(data: dict) -> bool:
    """A copy keeps its examples naming its class (KEI602) only where they do so outside frames and paths."""
    simple = re.compile(rf"(?<![/\w]){re.escape(data['fqn'].rsplit('.', 1)[-1])}\b")
    lines = (line for e in data.get("examples", []) for line in str(e.get("text", "")).splitlines())
    return any(simple.search(line) and not re.match(r"\s*at |.*\.(?:java|scala):\d", line) for line in lines)


def _in_messages(text: str, pos: int) -> bool:
    """Whether the list item at `pos` belongs to the top-level `messages:` list."""
    start = text.rfind("\n", 0, pos)
    before = text[: start + 1]
    last_key = re.findall(r"(?m)^([a-z_]+):", before)
    return bool(last_key) and last_key[-1] == "messages"


def _copy(text: str, data: dict, fqn: str, first_block: dict[str, str]) -> str:
    simple = data["fqn"].rsplit(".", 1)[-1]
    out = re.sub(r"\nprotocol:\n  code: -?\d+\n  name: \w+\n", "\n", text)
    out = out.replace(f"fqn: {data['fqn']}", f"fqn: {fqn}")
    # Messages stay Kafka's own texts (the accuracy rules verify them); copies share them, which the lint only
    # reports as a suggestion (KEI904).
    for old, new in first_block.items():
        out = out.replace(f"id: {old}\n", f"id: {new}\n")
    out = re.sub(r"\bredirect_from:\n(  - .*\n)+", "", out)
    # The new name everywhere the class is named, except in stack frames and source paths, which must keep
    # pointing at Kafka's real code (the accuracy rules check them against the source tables).
    name = re.compile(rf"(?<![/\w]){re.escape(simple)}\b(?![.$](?:java|scala)\b|\$)")
    lines = out.splitlines(keepends=True)
    return "".join(
        line
        if re.match(r"\s*at |.*\.(?:java|scala):\d", line) or _in_messages(out, sum(map(len, lines[:i])))
        else name.sub(fqn.rsplit(".", 1)[-1], line)
        for i, line in enumerate(lines)
    )
