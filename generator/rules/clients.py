"""Rules for a client library's own error (`data/clients/<client>/<name>.yaml`), checked against the facts
extracted from that client's source (`data/facts/clients`, read through `ctx.facts.clients`):

- KEI314: the name is one the client defines, `releases.checked` is the release the facts were read at, and
  `bindings` use the names the facts list;
- KEI315: every plain `messages` text is one the client prints at the release the facts hold (an older text is
  `{text, origin: {client, version}}` and is checked against the older releases' texts);
- KEI316: every setting a solution changes is one of the client's settings, in a scope it has;
- KEI602 (shared with exceptions): an example shows the error's name or one of its texts.

A client whose tables are absent is not checked (a new client's records can be written before its facts).
To add a check for client records: write it here and list it in `generator.rules.CLIENT_CHECKS`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..client_facts import ClientError
from ..messages import literal_parts
from ..problems import Problem
from ..rule_codes import rule
from ..versions import KAFKA_VERSION
from .base import Context, check, emit, items

if TYPE_CHECKING:
    from ..model import Record


def _known(record: Record, ctx: Context) -> bool:
    return record.client in ctx.facts.clients.releases


def client_release(error: ClientError) -> str:
    return f"{error.client} {error.release}"


@check("client")
@rule(
    "KEI314",
    "unknown-client-error",
    "A client record names an error or a binding name the client's source does not define, or a release its facts were not read at.",
    "Use the name exactly as data/facts/clients/errors.tsv lists it for that client (the message suggests the closest), the binding names listed there, and its release as releases.checked.",
)
def check_client_error(record: Record, ctx: Context) -> Iterable[Problem]:
    if not _known(record, ctx):
        return
    facts = ctx.facts.clients
    found = facts.error(record.client, record.simple_name)
    release = facts.releases[record.client][1]
    if found is None:
        names = [e.name for e in facts.own_errors(record.client)]
        close = difflib.get_close_matches(record.simple_name, names, n=1, cutoff=0.7)
        yield emit(
            record,
            "KEI314",
            f"{record.client} {release} defines no error {record.simple_name}"
            + (f" (did you mean {close[0]}?)" if close else ""),
            ("name",),
        )
        return
    releases = record.get("releases")
    checked = releases.get("checked") if isinstance(releases, dict) else None
    if checked is not None and str(checked) != found.release:
        yield emit(
            record,
            "KEI314",
            f"releases.checked is {checked}, but data/facts/clients holds {found.name} as of {client_release(found)}",
            ("releases", "checked"),
        )
    given = record.get("retriable")
    if found.retriable is not None and isinstance(given, bool) and given != found.retriable:
        yield emit(
            record,
            "KEI303",
            f"retriable is {str(given).lower()} but {record.client} {release} marks {found.name} "
            f"{'' if found.retriable else 'not '}retriable (set it to {str(found.retriable).lower()})",
            ("retriable",),
        )
    listed = dict(found.bindings)
    for index, binding in items(record, "bindings"):
        expected = listed.get(str(binding.get("binding")))
        if expected and binding.get("name") != expected:
            yield emit(
                record,
                "KEI314",
                f"{binding.get('binding')} names {found.name} {expected}, not {binding.get('name')}",
                ("bindings", index, "name"),
            )


@check("client")
@rule(
    "KEI315",
    "unverified-client-text",
    "A text a client record shows as printed by the client is not one that client prints.",
    "Copy the text from data/facts/clients/errors.tsv with <placeholders> where it has {}; a text of an older release is {text, origin: {client, version}} and must be in texts-history.tsv.",
)
def check_client_texts(record: Record, ctx: Context) -> Iterable[Problem]:
    if not _known(record, ctx):
        return
    facts, client = ctx.facts.clients, record.client
    release = facts.releases[client][1]
    per_code = ctx.facts.client_code_texts.get(client, frozenset())  # KafkaJSProtocolError prints these too
    raw = record.get("messages")
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if (
            isinstance(item, str)
            and "TODO" not in item
            and item not in per_code
            and not facts.verify_text(client, item)
        ):
            yield emit(
                record,
                "KEI315",
                f"messages[{index}] is not a text {client} {release} prints: {item[:80]}",
                ("messages", index),
            )
        origin = item.get("origin") if isinstance(item, dict) else None
        if isinstance(origin, dict) and origin.get("client") == client:
            text = str(item.get("text", ""))
            if not facts.verify_text(client, text, older=True):
                yield emit(
                    record,
                    "KEI315",
                    f"messages[{index}] is labelled as printed by {client} {origin.get('version', '')} but no "
                    f"release of {client} in data/facts/clients prints it: {text[:80]}",
                    ("messages", index),
                )


@check("client")
@rule(
    "KEI316",
    "unknown-client-setting",
    "A client record's solution changes a setting the client does not have, or names the wrong scope.",
    "Use the client's own setting name and scope as data/facts/clients/config.tsv lists them (librdkafka message.timeout.ms in global, sarama Producer.Retry.Max in client).",
)
def check_client_settings(record: Record, ctx: Context) -> Iterable[Problem]:
    if not _known(record, ctx):
        return
    settings = ctx.facts.clients.settings.get(record.client, {})
    release = ctx.facts.clients.releases[record.client][1]
    for s_index, solution in items(record, "solutions"):
        configs = solution.get("configs")
        for c_index, config in enumerate(configs if isinstance(configs, list) else []):
            if not isinstance(config, dict) or not isinstance(config.get("key"), str):
                continue
            key, scope = config["key"], config.get("scope")
            where = ("solutions", s_index, "configs", c_index)
            if key not in settings:
                close = difflib.get_close_matches(key, sorted(settings), n=1, cutoff=0.8)
                yield emit(
                    record,
                    "KEI316",
                    f"{key} is not a setting of {record.client} {release}"
                    + (f" (did you mean {close[0]}?)" if close else ""),
                    where,
                )
            elif scope not in settings[key]:
                yield emit(
                    record,
                    "KEI316",
                    f"{key} is a {record.client} setting of scope {', '.join(sorted(settings[key]))}, not {scope}",
                    where,
                )


@check("client")
def check_client_examples(record: Record, ctx: Context) -> Iterable[Problem]:
    """An example must show the error as its reader sees it: its name, a binding's name, or one of its texts."""
    examples = [str(e.get("text", "")) for _, e in items(record, "examples")]
    if not record.is_complete or not examples:
        return
    names = [record.simple_name] + [str(b.get("name", "")) for _, b in items(record, "bindings")]
    parts = [p for text in record.message_texts for p in literal_parts(text)]
    if not any(n and n in text for text in examples for n in names + parts):
        yield emit(record, "KEI602", f"no example contains {record.simple_name} or one of its texts", ("examples",))


@check("client")
def check_corresponds_to(record: Record, ctx: Context) -> Iterable[Problem]:
    for index, link in items(record, "corresponds_to"):
        if "id" in link and str(link["id"]) not in ctx.ids:
            yield emit(record, "KEI401", f"no record {link['id']}", ("corresponds_to", index))
        elif "code" in link and (not isinstance(link["code"], int) or link["code"] not in ctx.facts.codes):
            yield emit(
                record,
                "KEI401",
                f"{link['code']} is not a Kafka {KAFKA_VERSION} protocol error code",
                ("corresponds_to", index),
            )
