"""Content rules: related links resolve, prose is safe Markdown, complete entries have no placeholders,
examples name the class, and message templates that cannot tell errors apart (phrases of style: `style`).

To add a prose rule: iterate `prose(record, ctx)` (every Markdown field with its key path), and register the
check in `generator.rules`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..markup import outside_code
from ..messages import ambiguous_parts_by_kind, is_template, literal_parts
from ..problems import Problem
from ..rule_codes import Severity, rule
from ..versions import KAFKA_VERSION
from .base import Context, Where, check, emit, items, line_of

if TYPE_CHECKING:
    from ..model import Record


@check("exception", "client")
@rule(
    "KEI401",
    "unknown-related",
    "A `related` entry points to a record or protocol code that does not exist.",
    "Use the fqn of an existing file in data/errors/, or `code:` with a real protocol error code.",
)
@rule(
    "KEI402",
    "self-related",
    "A record lists itself or the same target twice under `related`.",
    "Remove the duplicate or self reference.",
)
def check_related(record: Record, ctx: Context) -> Iterable[Problem]:
    seen: set[str] = set()
    for index, link in items(record, "related"):
        where: Where = ("related", index)
        if "id" in link:
            target = str(link["id"])
            if target not in ctx.ids:
                close = difflib.get_close_matches(target, sorted(ctx.ids), n=1, cutoff=0.9)
                yield emit(
                    record,
                    "KEI401",
                    f"no record {target} in data/errors" + (f" (did you mean {close[0]}?)" if close else ""),
                    where,
                )
        elif "code" in link:
            target = f"code:{link['code']}"
            found = ctx.facts.codes.get(link["code"]) if isinstance(link["code"], int) else None
            if found is None or found.code == 0:
                yield emit(
                    record, "KEI401", f"{link['code']} is not a Kafka {KAFKA_VERSION} protocol error code", where
                )
            elif found.fqn in ctx.ids:
                target = found.fqn
        else:
            continue
        if target == record.id:
            yield emit(record, "KEI402", "a record cannot be related to itself", where)
        elif target in seen:
            yield emit(record, "KEI402", f"{target} is listed twice", where)
        seen.add(target)


# -- prose safety and content ------------------------------------------------------------------------------


def prose(record: Record, ctx: Context) -> list[tuple[Where, str]]:
    """Every human-written text field that is rendered as Markdown (the schema's ``x-markdown`` fields), with
    its key path; walked once per record and lint run."""
    found = ctx.prose_by_id.get(record.id)
    if found is None:
        found = ctx.prose_by_id[record.id] = [
            value for pattern in ctx.schema.markdown_fields for value in _values(record.data, pattern, ())
        ]
    return found


def _values(value: Any, pattern: tuple[str, ...], where: Where) -> Iterator[tuple[Where, str]]:
    if not pattern:
        if isinstance(value, str):
            yield where, value
        return
    key, rest = pattern[0], pattern[1:]
    if key != "*":
        if isinstance(value, dict) and key in value:
            yield from _values(value[key], rest, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values(item, rest, (*where, index))
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _values(item, rest, (*where, name))


_HTML = re.compile(r"<[A-Za-z!/?]")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.M)


def without_code(text: str) -> str:
    """Prose with fenced blocks and inline code removed (what Markdown would treat as text or markup)."""
    return outside_code(text, lambda part: part, fence=lambda _: "\n", span=lambda _: " ")


@check("exception", "client")
@rule(
    "KEI501",
    "html-in-prose",
    "Prose contains raw HTML, which is not rendered and could inject markup.",
    "Use Markdown instead; put literal <placeholders> or tags inside `backticks`.",
)
@rule(
    "KEI502",
    "unsafe-link",
    "A link uses a scheme other than https (javascript:, data:, http: ...).",
    "Link with https:// URLs only.",
)
def check_prose_safety(record: Record, ctx: Context) -> Iterable[Problem]:
    for where, text in prose(record, ctx):
        # Removing code never makes HTML or a link where the raw text has none (code becomes a space or a line
        # break): only fields with a candidate are parsed.
        if not ("](" in text or "]:" in text or _HTML.search(text)):
            continue
        plain = without_code(text)
        html = _HTML.search(plain)
        if html:
            snippet = plain[html.start() : html.start() + 30].split("\n")[0]
            yield emit(
                record,
                "KEI501",
                f"{'.'.join(map(str, where))} contains raw HTML or an autolink: {snippet!r}",
                where,
                line_of(text, snippet),
            )
        for match in _LINK.finditer(plain):
            url = match.group(1) or match.group(2) or ""
            if not url.lower().startswith("https://"):
                yield emit(
                    record,
                    "KEI502",
                    f"{'.'.join(map(str, where))} links to {url[:60]!r}; only https:// links are allowed",
                    where,
                    line_of(text, url),
                )


_PLACEHOLDER = re.compile(r"\bTODO\b")


@check("exception", "client")
@rule(
    "KEI601",
    "placeholder-text",
    "A complete record still contains scaffold placeholder text (TODO).",
    "Write the section, or set `status: draft` until it is done.",
)
def check_placeholders(record: Record, ctx: Context) -> Iterable[Problem]:
    if not record.is_complete or "TODO" not in repr(record.data):  # repr: one C-speed pass for the common case
        return
    for where, text in _all_strings(record.data, ()):
        if _PLACEHOLDER.search(text):
            yield emit(record, "KEI601", f"{'.'.join(map(str, where))} still says TODO", where, line_of(text, "TODO"))


def _all_strings(value: Any, where: Where) -> Iterator[tuple[Where, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _all_strings(child, (*where, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _all_strings(child, (*where, index))


@check("exception")
@rule(
    "KEI602",
    "example-without-class",
    "No example of a complete record contains the class's simple name or its protocol error name.",
    "Add the real exception line (`org.apache.kafka.common.errors.<Class>: <message>`) or the client log line that names the error code.",
)
def check_examples(record: Record, ctx: Context) -> Iterable[Problem]:
    examples = [e for _, e in items(record, "examples")]
    code = ctx.facts.code_by_fqn.get(record.id)
    names = [record.simple_name] + ([code.name] if code else [])
    if record.get("no_stack_trace"):
        return  # it never surfaces under its own name: the examples show what the reader sees instead
    if record.is_complete and examples and not any(n in str(e.get("text", "")) for e in examples for n in names):
        yield emit(record, "KEI602", f"no example contains {' or '.join(names)}", ("examples",))


@check("exception", "client")
@rule(
    "KEI901",
    "draft",
    "The record is a draft: shown with a banner and not counted as complete.",
    "Finish every section, run the lint, then set `status: complete`.",
    severity=Severity.SUGGESTION,
)
def check_draft(record: Record, ctx: Context) -> Iterable[Problem]:
    if record.status == "draft":
        yield emit(record, "KEI901", "status is draft", ("status",))


@rule(
    "KEI904",
    "generic-message",
    "Every literal part of a message template is also in other entries' messages, so it cannot tell them apart.",
    "Quote the part of the message that is specific to this error, or drop the line from `messages` (keep it in an example).",
    severity=Severity.SUGGESTION,
)
def check_generic_messages(records: list[Record]) -> Iterable[Problem]:
    def messages(record: Record) -> list[str]:
        return record.message_texts

    shared = ambiguous_parts_by_kind((r.kind + r.client, r.id, messages(r)) for r in records)
    for record in records:
        for index, message in enumerate(messages(record)):
            parts = literal_parts(message)
            if is_template(message) and parts and all(part in shared for part in parts):
                yield emit(
                    record,
                    "KEI904",
                    f"messages[{index}]: {parts[0]!r} is in other entries' messages too",
                    ("messages", index),
                )
