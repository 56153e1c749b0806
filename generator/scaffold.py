"""``new``: create a draft record with the reference facts filled in and every section to write marked.

A contributor names the error the way they know it: a fully qualified class name, a simple class name, a
protocol enum name (current or former) or a code number. `resolve` turns that into one Kafka 4.1.1
exception class, or a clear refusal listing what it could have meant. `render_draft` writes the facts
(fqn, retriable, protocol code) and ``TODO:`` markers; the lint refuses ``status: complete`` while any
marker is left (KEI601).

To prefill another field: derive it from `Facts` in `render_draft`; keep the TODO marker for anything a
human must write.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from .facts import ExceptionClass, Facts, ProtocolCode
from .loader import CLIENT_SCHEMA_COMMENT, SCHEMA_COMMENT
from .schema import RecordSchema
from .versions import KAFKA_VERSION, PREVIOUS_KAFKA_VERSION


class ScaffoldError(Exception):
    """A name that cannot be turned into a new record; the message says why and what to try."""


def resolve(name: str, facts: Facts) -> ExceptionClass:
    text = name.strip()
    for word in ("protocol ", "code "):
        text = text.removeprefix(word).strip()
    code: ProtocolCode | None = None
    if text.lstrip("-").isdigit():
        code = facts.codes.get(int(text))
        if code is None or not code.fqn:
            raise ScaffoldError(
                f"{text} is not a Kafka {KAFKA_VERSION} protocol error code with an exception (codes run from -1 to 133; 0 is NONE)"
            )
    elif text.isupper() or "_" in text:
        upper = text.upper()
        code = next(
            (c for c in facts.codes.values() if c.name == upper or any(f.name == upper for f in c.former_names)), None
        )
        if code is None or not code.fqn:
            close = difflib.get_close_matches(upper, [c.name for c in facts.codes.values()], n=3)
            raise ScaffoldError(
                f"{text} is not a Kafka {KAFKA_VERSION} protocol error name"
                + (f"; did you mean {', '.join(close)}?" if close else "")
            )
    if code is not None:
        return facts.classes[code.fqn]
    if text in facts.classes:
        return facts.classes[text]
    if facts.previous_source is not None and facts.previous_source.has_class(text):
        return _removed_class(text, facts)
    matches = [c for c in facts.classes.values() if c.simple_name == text]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise ScaffoldError(
            f"{text} exists in several packages; name one of: {', '.join(sorted(c.fqn for c in matches))}"
        )
    close = difflib.get_close_matches(
        text, sorted({*facts.classes, *(c.simple_name for c in facts.classes.values())}), n=3
    )
    raise ScaffoldError(
        f"{text} is not an exception class of Kafka {KAFKA_VERSION}"
        + (f"; did you mean {', '.join(close)}?" if close else "")
        + f" (see data/facts/kafka-{KAFKA_VERSION}-exception-classes.tsv)"
    )


def _removed_class(fqn: str, facts: Facts) -> ExceptionClass:
    """A class of Kafka 3.9.1 that 4.x no longer has: the draft becomes a retired record. Its retriability comes
    from the version-diff table where the class is listed; otherwise the contributor checks it (TODO)."""
    known = facts.removed_classes.get(fqn)
    return known or ExceptionClass(
        fqn.rsplit(".", 1)[1], fqn, "", False, False, "core" if fqn.startswith("kafka.") else "", ()
    )


def _component(cls: ExceptionClass) -> str:
    """A first guess from the package; the contributor confirms it."""
    package = cls.fqn.rsplit(".", 1)[0]
    for marker, component in (
        (".producer", "producer"),
        (".consumer", "consumer"),
        ("streams", "streams"),
        ("connect", "connect"),
        ("coordinator.group", "consumer-group"),
        ("security", "security"),
        ("coordinator.transaction", "transactions"),
    ):
        if marker in package:
            return component
    return "broker" if cls.module == "core" else "client"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render_draft(cls: ExceptionClass, facts: Facts, frequencies: tuple[str, ...]) -> str:
    code = facts.code_by_fqn.get(cls.fqn)
    retired = cls.fqn not in facts.classes
    release = PREVIOUS_KAFKA_VERSION if retired else KAFKA_VERSION
    lines = [
        SCHEMA_COMMENT,
        "# Draft created by `python -m generator new`. Write every TODO, run `make lint`, then set status: complete.",
        f"fqn: {cls.fqn}",
        "status: draft",
        f"components: [{_component(cls)}]  # TODO: check; most relevant first (see the schema for the list)",
        f"frequency: occasional  # TODO: {' | '.join(frequencies)}",
        f"retriable: {str(cls.retriable).lower()}  # from Kafka {release}: "
        + (
            "do not change"
            if cls.superclass
            else f"TODO: true if it extends RetriableException in {PREVIOUS_KAFKA_VERSION}"
        ),
    ]
    if code is not None:
        lines += [
            f"protocol:  # from Kafka {KAFKA_VERSION}'s Errors enum: do not change",
            f"  code: {code.code}",
            f"  name: {code.name}",
        ]
        names = ", ".join(f"{n.client}: {n.name}" for n in code.clients)
        lines.append(f"# Client names are added from data/facts automatically ({names}).")
    message = code.message if code else ""
    lines += [
        "summary: >-",
        "  TODO: one sentence under 160 characters: what happened, in the reader's terms.",
        "meaning: |",
        "  TODO: who raises it (client or broker, which request), what state the system is in, and what the",
        "  client does next on its own (retries? fatal? abortable transaction?).",
        f"# meaning_sources:  # TODO (required when complete): Kafka {release} path:line locations that show it",
        "#   - clients/src/main/java/org/apache/kafka/clients/producer/internals/Sender.java:640-652",
        "messages:",
        f"  - {_q(message)}" if message else '  - "TODO: the exception message or log text users see"',
        "causes:  # at least two (three if frequency is common): concrete mechanisms a reader can check",
        "  - title: TODO cause",
        "    detail: |",
        "      TODO: how it leads to this error and how to tell it is yours.",
        f"    # sources: [<path:first-last in Kafka {KAFKA_VERSION}>]  # required on every cause when complete",
        "  - title: TODO cause",
        "    detail: |",
        "      TODO",
        "solutions:  # at least two: exact config keys and values, code changes, commands; trade-offs; versions",
        "  - title: TODO fix",
        "    detail: |",
        "      TODO",
        "    # configs:",
        '    #   - {key: <config.key>, scope: producer, value: "<value>"}',
        "  - title: TODO fix",
        "    detail: |",
        "      TODO",
        f"examples:  # at least one contains the class name; reaching an application: a full {KAFKA_VERSION} stack trace",
        "  - title: TODO where this comes from",
        "    lang: text",
        "    text: |",
        f"      {cls.fqn}: {message or 'TODO message'}",
        "diagnostics:  # Kafka 4.1 tools with --bootstrap-server and <placeholders>",
        "  - command: kafka-topics.sh --bootstrap-server <broker:9092> --describe --topic <topic>",
        "    look_for: |",
        "      TODO: what to look for in the output.",
        "related: []  # at least two: - {id: <fqn of another record>, why: <how it relates>} or - {code: <n>, why: ...}",
        'versions: []  # - {version: "x.y", change: <what changed>}',
        "references: []  # - {title: KIP-..., url: https://...}",
    ]
    if retired:
        lines += [
            f"retired:  # a class Kafka 4.x removed: texts, frames and sources are checked against Kafka {release}",
            '  version: "4.0"  # TODO: the release that removed it',
            '  last_version: "3.9"  # TODO: the last release line that had it',
            "  note: TODO why it was removed.",
            "  replaced_by: TODO what a 4.x cluster or client does instead, naming the entries that cover it.",
        ]
    return "\n".join(lines) + "\n"


def render_client_draft(client: str, name: str, facts: Facts, frequencies: tuple[str, ...]) -> str:
    """A draft of a client library's own error, with what the client's facts say filled in."""
    found = facts.clients.error(client, name)
    if found is None:
        known = [e.name for e in facts.clients.own_errors(client)]
        if not known:
            raise ScaffoldError(
                f"{client} has no facts in data/facts/clients (clients with facts: {', '.join(sorted(facts.clients.releases))})"
            )
        close = difflib.get_close_matches(name, known, n=3)
        raise ScaffoldError(
            f"{client} defines no error {name}" + (f"; did you mean {', '.join(close)}?" if close else "")
        )
    release = facts.clients.releases[client][1]
    lines = [
        CLIENT_SCHEMA_COMMENT,
        f"# Draft created by `python -m generator new {client}/{name}`. Write every TODO, run `make lint`, then set status: complete.",
        f"client: {client}",
        f"name: {name}",
        "releases:",
        f"  since: {_q(release)}  # TODO: the first release that has it (the facts hold only the release checked)",
        f"  checked: {_q(release)}  # the release of data/facts/clients",
    ]
    if found.bindings:
        lines.append("bindings:  # from the client's facts")
        lines += [f"  - {{binding: {b}, name: {_q(n)}}}" for b, n in found.bindings]
    lines += [
        "corresponds_to: []  # - {code: <n>, why: ...} or - {id: <fqn>, why: ...}: the Kafka error it stands for, if any",
        "status: draft",
        "components: [client]  # TODO: check; most relevant first",
        f"frequency: occasional  # TODO: {' | '.join(frequencies)}",
        f"retriable: {str(bool(found.retriable)).lower()}  # "
        + (
            "from the client's own flag: do not change"
            if found.retriable is not None
            else "TODO: does the client retry it itself?"
        ),
        "summary: >-",
        "  TODO: one sentence under 160 characters: what happened, in the reader's terms.",
        "meaning: |",
        "  TODO: where the client raises it, what state it is in, and what it does next on its own.",
        "messages:",
        f"  - {_q(found.text)}" if found.text else '  - "TODO: the text the client prints"',
        "causes:",
        "  - title: TODO cause",
        "    detail: |",
        "      TODO",
        "  - title: TODO cause",
        "    detail: |",
        "      TODO",
        "solutions:  # the client's own settings: configs: [{key: <its setting>, scope: <its scope>, value: ...}]",
        "  - title: TODO fix",
        "    detail: |",
        "      TODO",
        "  - title: TODO fix",
        "    detail: |",
        "      TODO",
        "examples:  # in the client's own output format (Python traceback, Go error string, Node stack, log line)",
        "  - title: TODO where this comes from",
        "    lang: text",
        "    text: |",
        f"      {found.text or name}",
        "diagnostics:",
        "  - command: kafka-topics.sh --bootstrap-server <broker:9092> --describe --topic <topic>",
        "    look_for: |",
        "      TODO: what to look for in the output.",
        "related: []",
        "versions: []",
        "references: []",
    ]
    return "\n".join(lines) + "\n"


def create(name: str, facts: Facts, errors_dir: Path, schema: RecordSchema) -> Path:
    """Write the draft of `name` (see `resolve`); the schema gives the choices the draft's comments list."""
    if "/" in name.strip():  # client/name: a client library's own error, in data/clients/<client>/
        client, _, own = name.strip().partition("/")
        path = errors_dir.parent / "clients" / client / f"{own}.yaml"
        if path.exists():
            raise ScaffoldError(f"{path} already exists; edit it instead")
        text = render_client_draft(client, own, facts, schema.frequencies)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
    cls = resolve(name, facts)
    path = errors_dir / f"{cls.fqn}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; edit it instead")
    errors_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(render_draft(cls, facts, schema.frequencies), encoding="utf-8")
    return path
