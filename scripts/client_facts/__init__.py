"""Extract each client library's own errors, printed texts and configuration keys from its source at a release.

One module per client (`librdkafka`, `kafkajs`, `kafka_python`, `aiokafka`, `sarama`, `franz_go`, `kafka_go`)
exposes ``CLIENT`` (the schema's client id), ``REPOSITORY`` (owner/name on GitHub) and
``extract(tree: Path, release: str) -> Extract``; `scripts/extract_client_facts.py` runs them and writes the
tables in ``data/facts/clients/``. To add a client: write its module, register it in ``MODULES`` below, run the
script and commit the tables with the release you read.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MODULES = ("librdkafka", "kafkajs", "kafka_python", "aiokafka", "sarama", "franz_go", "kafka_go")


def skip_space_and_comments(text: str, i: int) -> int:
    """The index of the next token at or after i in C-family source (Go, JavaScript): whitespace, // and /* */
    comments skipped."""
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = len(text) if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i)
            i = len(text) if j < 0 else j + 2
        else:
            break
    return i


def skip_balanced(text: str, i: int, closer: str, literals: dict[str, Callable[[str, int], tuple[str, int]]]) -> int:
    """From just inside an opening bracket, the index just after its matching `closer` in C-family source.
    `literals` maps each quote character of the language to the reader of that literal (which returns the index
    after it), so brackets inside strings do not count; ``//`` comments are skipped."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [closer]
    while i < len(text) and stack:
        c = text[i]
        if c in literals:
            _, i = literals[c](text, i)
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = len(text) if j < 0 else j
            continue
        if c in pairs:
            stack.append(pairs[c])
        elif c == stack[-1]:
            stack.pop()
        i += 1
    return i


def version_key(tag: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", tag))


def older_trees(
    client: str, variable: str, tags: tuple[str, ...], tree: Path, *, release: str, probe: str
) -> list[tuple[Path, str]]:
    """The unpacked trees of older releases to compare texts with, oldest first: from `variable`
    (``<tree>@<tag>`` items separated by ``os.pathsep``), else ``<tree's parent>/<client>-<tag>`` for each of
    `tags`. A tree without the file `probe` is reported on stderr and skipped; releases not older than `release`
    are left out."""
    spec = os.environ.get(variable)
    if spec:
        items = [item.rpartition("@") for item in spec.split(os.pathsep) if item]
        pairs = [(Path(path), tag) for path, _, tag in items]
    else:
        pairs = [(tree.parent / f"{client}-{tag}", tag) for tag in tags]
    found = []
    for path, tag in pairs:
        if not (path / probe).is_file():
            print(
                f"{client}: no tree for {tag} at {path} (set {variable}); its texts are not compared", file=sys.stderr
            )
        elif version_key(tag) < version_key(release):
            found.append((path, tag))
    return sorted(found, key=lambda pair: version_key(pair[1]))


@dataclass(frozen=True)
class ErrorRow:
    """An error the client defines. kind: `local` (its own error, e.g. librdkafka's negative codes, sarama's
    ErrOutOfBrokers, a KafkaJS class) or `code` (its name for a Kafka protocol code, with `code` set)."""

    name: str  # exactly as the client spells it: _MSG_TIMED_OUT, KafkaJSNumberOfRetriesExceeded, ErrOutOfBrokers
    kind: str  # local | code
    text: str  # what it prints (librdkafka err2str, Go Error() string, a Python/JS class's default message); may be ""
    code: str = (
        ""  # the Kafka protocol code it stands for, if any ("7"); librdkafka local codes keep theirs in `number`
    )
    number: str = ""  # the client's own numeric value, if it has one (librdkafka -192)
    retriable: str = ""  # true | false | "" when the client does not say
    bindings: tuple[str, ...] = ()  # "binding=name" pairs: "confluent-kafka-python=KafkaError._MSG_TIMED_OUT"
    location: str = ""  # path:line in the client's repository at the release
    release: str = ""  # set only for an error the current release removed: the last release (of those read) with it


@dataclass(frozen=True)
class HistoryRow:
    """A text an older release printed for the same error (so older logs still match)."""

    name: str  # the ErrorRow name, or the protocol code number for a per-code text
    text: str
    releases: str  # "0.11.0-1.9.2": first and last release that printed it


@dataclass(frozen=True)
class ConfigRow:
    """A configuration key (or option) the client accepts, as a user writes it in that client."""

    key: str  # librdkafka: message.timeout.ms; sarama: Producer.Retry.Max; KafkaJS: retry.retries; franz-go: kgo.RecordDeliveryTimeout
    scope: str  # where it applies in that client: global | producer | consumer | admin | topic | client
    default: str = ""


@dataclass
class Extract:
    errors: list[ErrorRow] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)
    config: list[ConfigRow] = field(default_factory=list)
