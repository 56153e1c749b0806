"""Accuracy rules: what a record quotes, cites and advises is true of Kafka 4.1.1.

- KEI310: every plain `messages` text, and the message of every Kafka exception line in an example, is a text
  Kafka 4.1.1 prints (texts of clients, frameworks and older Kafka carry an `origin` and are not checked);
- KEI311: every Kafka stack frame names a 4.1.1 method, with its line inside it;
- KEI312: every evidence location (`meaning_sources`, `sources`) is a file and line range of 4.1.1;
- KEI604 / KEI605: a complete entry shows its evidence and, when the error reaches a Java application, a full
  stack trace;
- KEI606: no hedge that points at what the writer read instead of stating the fact.

The rules on settings (KEI313, KEI905) are in `settings`.

The Kafka source tables behind the first three are read through `source_for`: Kafka 4.1.1's, or 3.9.1's for a
retired record (a class 4.0 removed), so its texts, frames and evidence are those of the last release with it.
To add a check: write it here and register it in `generator.rules.CHECKS`, with its fixture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..kafka_source import FRAME, LOCATION, SourceIndex, frames
from ..problems import Problem
from ..rule_codes import rule
from ..versions import KAFKA_VERSION
from .base import Context, Where, check, emit, items

if TYPE_CHECKING:
    from ..model import Record

# `org.apache.kafka.common.errors.XException: message` (or `Caused by: ...`) as the JVM prints a throwable.
_THROWN = re.compile(
    r"^\s*(?:Caused by: |Suppressed: )?(?P<cls>(?:org\.apache\.kafka|kafka)\.[\w.$]+?(?:Exception|Error|Failure))"
    r"(?:: (?P<message>.*))?$"
)
_ANY_THROWN = re.compile(r"^\s*(?:Caused by: )?(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:: .*)?$")
_FRAME_LINE = re.compile(r"^\s+at \S")
_THREAD_BOTTOM = re.compile(r"\.run\([\w$]+\.(?:java|scala)(?::\d+)?\)\s*$")


def source_for(record: Record, ctx: Context) -> SourceIndex | None:
    """The release a record is checked against: 4.1.1, or 3.9.1 for a retired record (a class 4.x removed),
    whose texts, frames and evidence are those of the last release that had it."""
    return ctx.facts.previous_source if record.get("retired") else ctx.facts.source


@check("exception")
@rule(
    "KEI310",
    "unverified-text",
    f"A text shown as printed by Kafka is not printed by Kafka {KAFKA_VERSION}.",
    f'Copy the text from Kafka {KAFKA_VERSION} (data/facts/kafka-{KAFKA_VERSION}-texts.tsv) with <placeholders> for what it fills in; a text of a client, a framework or an older Kafka needs an origin: {{kafka: "3.9"}}, {{client: librdkafka, version: "2.16.0"}} or {{other: "Spring for Apache Kafka"}}.',
)
def check_texts(record: Record, ctx: Context) -> Iterable[Problem]:
    source = source_for(record, ctx)
    if source is None:
        return
    raw = record.get("messages")
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if isinstance(item, str) and "TODO" not in item and source.verify_text(item) is None:
            yield emit(
                record,
                "KEI310",
                f"messages[{index}] is not a Kafka {source.version} text: {_short(item)}",
                ("messages", index),
            )
        old = _previous_text(item, ctx)
        if old is not None and ctx.facts.previous_source.verify_text(old) is None:  # type: ignore[union-attr]
            yield emit(
                record,
                "KEI310",
                f"messages[{index}] is labelled as printed by Kafka 3.9 but is not a Kafka {ctx.facts.previous_source.version} text: {_short(old)}",  # type: ignore[union-attr]
                ("messages", index),
            )
    for index, example in items(record, "examples"):
        text = example.get("text")
        if example.get("origin") or not isinstance(text, str):
            continue
        lines = text.splitlines()
        for number, line in enumerate(lines):
            match = _THROWN.match(line)
            message = match.group("message") if match else None
            if not message or "TODO" in message or source.verify_text(message):  # TODO: a draft's gap, KEI601
                continue
            # A message can span lines (`due to:%n%s`): the JVM prints all of it before the first frame.
            if source.verify_text(_whole_message(message, lines[number + 1 :])) is None:
                yield emit(
                    record,
                    "KEI310",
                    f"examples[{index}] line {number + 1}: {match.group('cls').rsplit('.', 1)[-1]}'s message is not a Kafka {source.version} text: {_short(message)}",  # type: ignore[union-attr]
                    ("examples", index, "text"),
                    number,
                )


def _previous_text(item: Any, ctx: Context) -> str | None:
    """A text whose origin says an older Kafka printed it up to 3.9 (`{kafka: "-3.9"}`, `"2.7-3.9"`, `"3.9"`):
    the 3.9.1 tables can check it. Texts of earlier releases only are left to the reviewer."""
    if not isinstance(item, dict) or ctx.facts.previous_source is None or not isinstance(item.get("text"), str):
        return None
    origin = item.get("origin")
    versions = str(origin.get("kafka", "")) if isinstance(origin, dict) else ""
    return item["text"] if versions.rsplit("-", 1)[-1] == "3.9" else None


def _whole_message(first: str, following: list[str]) -> str:
    """The first line of a message and the lines after it, up to the first frame or cause."""
    more = []
    for line in following:
        if _FRAME_LINE.match(line) or line.startswith(("Caused by: ", "Suppressed: ")) or not line.strip():
            break
        more.append(line)
    return "\n".join([first, *more])


@check("exception", "client")
@rule(
    "KEI311",
    "unknown-frame",
    f"A stack frame names a method Kafka {KAFKA_VERSION} does not have, a line outside that method, or follows an ApiException (which keeps no frames).",
    f"Take the frame from the {KAFKA_VERSION} call path (data/facts/kafka-{KAFKA_VERSION}-methods.tsv gives each method's lines), or drop the line number: (KafkaProducer.java).",
)
def check_frames(record: Record, ctx: Context) -> Iterable[Problem]:
    source = source_for(record, ctx)
    if source is None:
        return
    for index, example in items(record, "examples"):
        text = example.get("text")
        if example.get("origin") or not isinstance(text, str):
            continue
        for number, cls in _framed_api_exceptions(text, ctx):
            yield emit(
                record,
                "KEI311",
                f"examples[{index}] line {number + 1}: {cls.rsplit('.', 1)[-1]} extends ApiException, whose fillInStackTrace() "
                "keeps no frames: show it without frames, under the exception that wraps it (ExecutionException, KafkaException)",
                ("examples", index, "text"),
                number,
            )
        for number, match in frames(text):
            line = int(match["line"]) if match["line"] else None
            wrong = source.check_frame(match["cls"], match["method"], match["file"], line)
            if wrong:
                yield emit(
                    record,
                    "KEI311",
                    f"examples[{index}] line {number + 1}: {match['cls'].rsplit('.', 1)[-1]}.{match['method']}: {wrong}",
                    ("examples", index, "text"),
                    number,
                )


def _framed_api_exceptions(text: str, ctx: Context) -> Iterator[tuple[int, str]]:
    """Exception lines of ApiException subclasses followed by frames: the JVM never prints those frames."""
    lines = text.splitlines()
    in_message = False  # a line right under an exception line, before any frame, belongs to its message
    for number, line in enumerate(lines):
        match = _THROWN.match(line)
        starts = match is not None and (not in_message or line.lstrip().startswith(("Caused by: ", "Suppressed: ")))
        if starts and number + 1 < len(lines) and _FRAME_LINE.match(lines[number + 1]) and _is_api(match["cls"], ctx):  # type: ignore[index]
            yield number, match["cls"]  # type: ignore[index]
        in_message = (starts or in_message) and not _FRAME_LINE.match(line) and bool(line.strip())


def _is_api(fqn: str, ctx: Context) -> bool:
    seen = 0
    while fqn in ctx.facts.classes and seen < 12:
        if fqn == "org.apache.kafka.common.errors.ApiException":
            return True
        fqn, seen = ctx.facts.classes[fqn].superclass, seen + 1
    return fqn == "org.apache.kafka.common.errors.ApiException"


@check("exception")
@rule(
    "KEI312",
    "unknown-source",
    f"An evidence location is not a file, or not a line range, of Kafka {KAFKA_VERSION}'s main sources.",
    f"Write path:line or path:first-last relative to Kafka's repository root at tag {KAFKA_VERSION} (data/facts/kafka-{KAFKA_VERSION}-files.tsv lists the files and their lengths).",
)
def check_sources(record: Record, ctx: Context) -> Iterable[Problem]:
    source = source_for(record, ctx)
    if source is None:
        return
    for where, location in _locations(record):
        wrong = source.check_location(location)
        if wrong:
            yield emit(record, "KEI312", f"{'.'.join(map(str, where))}: {wrong}", where)


def _locations(record: Record) -> Iterator[tuple[Where, str]]:
    def listed(value: Any, where: Where) -> Iterator[tuple[Where, str]]:
        for i, location in enumerate(value if isinstance(value, list) else []):
            if isinstance(location, str) and LOCATION.fullmatch(location):  # others: the schema's KEI104
                yield (*where, i), location

    yield from listed(record.get("meaning_sources"), ("meaning_sources",))
    for field in ("causes", "solutions"):
        for index, item in items(record, field):
            yield from listed(item.get("sources"), (field, index, "sources"))


@check("exception")
@rule(
    "KEI604",
    "missing-evidence",
    f"A complete entry does not show where Kafka {KAFKA_VERSION} does what it says.",
    f"Add meaning_sources for 'What it means' and sources to each cause: path:line locations in Kafka {KAFKA_VERSION} that show the behaviour.",
)
def check_evidence(record: Record, ctx: Context) -> Iterable[Problem]:
    if not record.is_complete:
        return
    if not record.get("meaning_sources"):
        yield emit(record, "KEI604", "'What it means' has no meaning_sources", ("meaning",))
    for index, cause in items(record, "causes"):
        if not cause.get("sources"):
            yield emit(record, "KEI604", f"causes[{index}] has no sources", ("causes", index))


@check("exception")
@rule(
    "KEI605",
    "missing-stack-trace",
    "A complete entry whose error reaches a Java application has no full stack trace.",
    f"Add an example with the exception line, its {KAFKA_VERSION} message and at least three frames of the real call path (and its Caused by chain); if no application ever holds a trace of it, say why in no_stack_trace.",
)
def check_stack_trace(record: Record, ctx: Context) -> Iterable[Problem]:
    # components whose errors reach application code (the schema marks them x-reaches-application)
    reaching = ctx.schema.values_with("component", "x-reaches-application")
    if not record.is_complete or not reaching & set(record.components):
        return
    if record.get("no_stack_trace"):
        return  # the record says why no application ever holds a trace of it (a reviewer checks the reason)
    texts = [e.get("text") for _, e in items(record, "examples") if not e.get("origin")]
    if not any(isinstance(t, str) and has_stack_trace(t) for t in texts):
        yield emit(
            record,
            "KEI605",
            f"no example shows a stack trace (an exception line, then 3+ frames with at least one of Kafka {KAFKA_VERSION})",
            ("examples",),
        )


def has_stack_trace(text: str) -> bool:
    """An exception line followed directly by at least three frames, one or more of them Kafka's.

    Not three of Kafka's: an ApiException keeps no frames, so what an application prints for one is the
    frames of its wrapper, e.g. `FutureRecordMetadata.valueOrError`, `FutureRecordMetadata.get`, then its own.
    Two Kafka frames are a whole trace when the second is the bottom of a Kafka thread (`...Thread.run`).
    """
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if not _ANY_THROWN.match(line):
            continue
        following: list[str] = []
        for after in lines[number + 1 :]:
            if _FRAME_LINE.match(after):
                following.append(after)
            elif following or after.startswith(("Caused by: ", "Suppressed: ")) or not after.strip():
                break  # the frames ended, or the exception had none
            # else: the message goes on over several lines before its frames

        kafka = [f for f in following if FRAME.match(f)]
        if len(following) >= 3 and kafka:
            return True
        # A thread's whole stack can be two frames (`StreamThread.runLoop` under `StreamThread.run`).
        if len(following) == 2 and len(kafka) == 2 and _THREAD_BOTTOM.search(following[-1]):
            return True
    return False


def _short(text: str) -> str:
    return repr(text if len(text) <= 90 else text[:87] + "...")
