"""The coded lint rules that run after the schema: identity, facts, links, safety and content.

Each check is a function ``(record, context) -> Iterable[Problem]`` listed in `CHECKS`; rule codes, names
and fix hints live in `problems.RULES`. Checks must tolerate records that failed the schema (a wrong type
somewhere), so they read lists through `_items`.

To add a rule: register its code in `problems.RULES`, write a check here, append it to `CHECKS`, and add a
fixture under ``tests/fixtures/lint/<CODE>/`` that triggers only that code.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .facts import Facts
from .messages import ambiguous_parts, is_template, literal_parts
from .parallel import pmap
from .problems import Problem, problem
from .schema import RecordSchema

if TYPE_CHECKING:
    from .catalog import Record

Where = tuple[str | int, ...]


@dataclass(frozen=True)
class Context:
    facts: Facts
    schema: RecordSchema
    ids: frozenset[str]


def _items(record: Record, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = record.data.get(key)
    for index, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield index, item


def _p(record: Record, code: str, message: str, where: Where = (), value_line: int = -1) -> Problem:
    return problem(record.path, code, message, where=where, value_line=value_line)


def _line_of(text: str, needle: str) -> int:
    """0-based line of `needle` inside a text value (for pointing at the exact line of a long block)."""
    index = text.find(needle)
    return text.count("\n", 0, index) if index >= 0 else -1


# -- identity --------------------------------------------------------------------------------------------


def duplicate(record: Record, first: Record) -> list[Problem]:
    return [_p(record, "KEI202", f"fqn {record.fqn} is already used by {first.path.name}", ("fqn",))]


def check_filename(record: Record, ctx: Context) -> Iterable[Problem]:
    if record.path.stem != record.fqn:
        yield _p(
            record,
            "KEI201",
            f"file is named {record.path.name} but the fqn is {record.fqn}; expected {record.fqn}.yaml",
            ("fqn",),
        )


def check_redirects(records: list[Record]) -> Iterable[Problem]:
    owner: dict[str, Record] = {r.fqn: r for r in records}
    for record in records:
        for index, old in enumerate(
            record.get("redirect_from", []) if isinstance(record.get("redirect_from"), list) else []
        ):
            if old in owner and owner[old] is not record:
                yield _p(
                    record,
                    "KEI202",
                    f"redirect_from {old} is already the id of {owner[old].path.name}",
                    ("redirect_from", index),
                )
            elif isinstance(old, str):
                owner[old] = record


def check_published(records: list[Record], errors_dir: Path, published: Path) -> Iterable[Problem]:
    """Every id ever published still resolves: to a file (even a broken one), or via another record's redirect_from."""
    if not published.is_file():
        return
    known = {p.stem for p in errors_dir.glob("*.yaml")}
    for record in records:
        redirects = record.get("redirect_from")
        if isinstance(redirects, list):
            known.update(r for r in redirects if isinstance(r, str))
    for number, line in enumerate(published.read_text(encoding="utf-8").splitlines(), 1):
        fqn = line.strip()
        if fqn and not fqn.startswith("#") and fqn not in known:
            yield problem(published, "KEI204", f"{fqn} was published but data/errors/{fqn}.yaml is gone", line=number)


# -- facts -----------------------------------------------------------------------------------------------


def check_class(record: Record, ctx: Context) -> Iterable[Problem]:
    known = record.fqn in ctx.facts.classes
    if not known and not record.get("retired"):
        close = difflib.get_close_matches(record.fqn, list(ctx.facts.classes), n=1, cutoff=0.8)
        hint = f" (did you mean {close[0]}?)" if close else ""
        yield _p(record, "KEI301", f"{record.fqn} is not an exception class of Kafka 4.1.1{hint}", ("fqn",))
    elif known and record.get("retired"):
        yield _p(record, "KEI301", f"{record.fqn} still exists in Kafka 4.1.1, so it cannot be retired", ("retired",))


def check_protocol(record: Record, ctx: Context) -> Iterable[Problem]:
    code = ctx.facts.code_by_fqn.get(record.fqn)
    given = record.get("protocol")
    if not isinstance(given, dict):
        if code is not None and not record.get("retired"):
            yield _p(
                record,
                "KEI309",
                f"Kafka 4.1.1 maps code {code.code} {code.name} to this class; add protocol: {{code: {code.code}, name: {code.name}}}",
                ("fqn",),
            )
        return
    if code is None:
        yield _p(
            record, "KEI302", "Kafka 4.1.1 has no protocol error code for this class; remove `protocol`", ("protocol",)
        )
    elif (given.get("code"), given.get("name")) != (code.code, code.name):
        yield _p(
            record,
            "KEI302",
            f"protocol is {given.get('code')} {given.get('name')} but Kafka 4.1.1 maps this class to {code.code} {code.name}",
            ("protocol",),
        )


def check_retriable(record: Record, ctx: Context) -> Iterable[Problem]:
    cls = ctx.facts.classes.get(record.fqn)
    value = record.get("retriable")
    if cls is not None and isinstance(value, bool) and value != cls.retriable:
        yield _p(
            record,
            "KEI303",
            f"retriable is {str(value).lower()} but {cls.simple_name} is {'' if cls.retriable else 'not '}retriable in Kafka 4.1.1 (set it to {str(cls.retriable).lower()})",
            ("retriable",),
        )


def check_configs(record: Record, ctx: Context) -> Iterable[Problem]:
    for s_index, solution in _items(record, "solutions"):
        for c_index, config in enumerate(
            solution.get("configs", []) if isinstance(solution.get("configs"), list) else []
        ):
            if not isinstance(config, dict) or not isinstance(config.get("key"), str):
                continue
            key, scope = config["key"], config.get("scope")
            where: Where = ("solutions", s_index, "configs", c_index)
            if (key, scope) in ctx.facts.config_keys:
                continue
            scopes = ctx.facts.scopes_by_key.get(key)
            if scopes:
                yield _p(
                    record,
                    "KEI304",
                    f"{key} is not a {scope} config in Kafka 4.1.1; it exists for {', '.join(sorted(scopes))}",
                    where,
                )
            elif key in ctx.facts.removed_config_keys:
                yield _p(record, "KEI305", f"{key} was removed after Kafka {ctx.facts.removed_config_keys[key]}", where)
            else:
                close = difflib.get_close_matches(key, list(ctx.facts.scopes_by_key), n=1, cutoff=0.8)
                yield _p(
                    record,
                    "KEI304",
                    f"{key} is not a Kafka 4.1.1 config key" + (f" (did you mean {close[0]}?)" if close else ""),
                    where,
                )


_SEPARATORS = {"|", "||", "&&", ";"}
_TOOL = re.compile(r"^(?:.*/)?((?:kafka|connect|zookeeper|trogdor)[\w.-]*\.sh)$")


_TOKEN = re.compile(r"""(?:[^\s"']+|"[^"]*"|'[^']*')+""")


def _segments(command: str) -> list[list[str]]:
    """Shell-like words (quotes joined and removed) split at pipes and command separators; a regex,
    not shlex, which was the slowest part of the lint on large catalogs (measured)."""
    tokens = [re.sub(r"""["']""", "", token) for token in _TOKEN.findall(command)]
    segments: list[list[str]] = [[]]
    for token in tokens:
        if token in _SEPARATORS:
            segments.append([])
        else:
            segments[-1].append(token)
    return [s for s in segments if s]


def check_commands(record: Record, ctx: Context) -> Iterable[Problem]:
    for index, diag in _items(record, "diagnostics"):
        command = diag.get("command")
        if not isinstance(command, str):
            continue
        where: Where = ("diagnostics", index, "command")
        if "<" not in command or ">" not in command:
            yield _p(record, "KEI603", "the command has no <placeholder> for the values a reader must fill in", where)
        for segment in _segments(command):
            yield from _check_tool(record, ctx, segment, where)


def _check_tool(record: Record, ctx: Context, segment: list[str], where: Where) -> Iterable[Problem]:
    match = _TOOL.match(segment[0])
    if not match:
        return
    tool = match.group(1)
    gone = ctx.facts.removed_cli.get((tool, "(script)"))
    if gone:
        yield _p(record, "KEI307", f"{tool} is not in Kafka 4.1.1 (last shipped in {gone.last_version})", where)
        return
    if tool not in ctx.facts.cli_options:
        yield _p(record, "KEI306", f"{tool} is not a script of Kafka 4.1.1 bin/", where)
        return
    if tool == "kafka-run-class.sh":
        return
    known = ctx.facts.cli_options[tool]
    for token in segment[1:]:
        if not token.startswith("-") or re.fullmatch(r"-\d+", token):
            continue
        option = token.split("=", 1)[0]
        if option in known:
            continue
        removed = ctx.facts.removed_cli.get((tool, option))
        if removed:
            instead = f"; use {removed.replacement}" if removed.replacement.startswith("--") else ""
            yield _p(
                record, "KEI307", f"{tool} {option} was removed after Kafka {removed.last_version}{instead}", where
            )
        else:
            close = difflib.get_close_matches(option, sorted(known), n=1)
            yield _p(
                record,
                "KEI306",
                f"{tool} has no option {option} in Kafka 4.1.1" + (f" (did you mean {close[0]}?)" if close else ""),
                where,
            )


def check_client_names(record: Record, ctx: Context) -> Iterable[Problem]:
    code = ctx.facts.code_by_fqn.get(record.fqn)
    automatic = {(n.client, n.name) for n in code.clients} if code else set()
    by_enum = {e.enum: e for e in ctx.facts.librdkafka_local.values()}
    for index, entry in _items(record, "client_names"):
        client, name = entry.get("client"), entry.get("name")
        where: Where = ("client_names", index)
        if (client, name) in automatic:
            yield _p(
                record,
                "KEI308",
                f"{name} is already added from protocol code {code.code if code else ''}; remove it here",
                where,
            )
        elif client == "librdkafka":
            local = ctx.facts.librdkafka_local.get(name) or by_enum.get(name)
            if local is None:
                yield _p(
                    record,
                    "KEI308",
                    f"{name} is not a librdkafka local error code (names look like _MSG_TIMED_OUT or RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)",
                    where,
                )
            elif entry.get("text") and entry["text"] != local.text:
                yield _p(record, "KEI308", f"librdkafka prints {local.text!r} for {name}, not {entry['text']!r}", where)


# -- links -----------------------------------------------------------------------------------------------


def check_related(record: Record, ctx: Context) -> Iterable[Problem]:
    seen: set[str] = set()
    for index, link in _items(record, "related"):
        where: Where = ("related", index)
        if "id" in link:
            target = str(link["id"])
            if target not in ctx.ids:
                close = difflib.get_close_matches(target, sorted(ctx.ids), n=1, cutoff=0.9)
                yield _p(
                    record,
                    "KEI401",
                    f"no record {target} in data/errors" + (f" (did you mean {close[0]}?)" if close else ""),
                    where,
                )
        elif "code" in link:
            target = f"code:{link['code']}"
            found = ctx.facts.codes.get(link["code"]) if isinstance(link["code"], int) else None
            if found is None or found.code == 0:
                yield _p(record, "KEI401", f"{link['code']} is not a Kafka 4.1.1 protocol error code", where)
            elif found.fqn in ctx.ids:
                target = found.fqn
        else:
            continue
        if target == record.fqn:
            yield _p(record, "KEI402", "a record cannot be related to itself", where)
        elif target in seen:
            yield _p(record, "KEI402", f"{target} is listed twice", where)
        seen.add(target)


# -- prose safety and content ------------------------------------------------------------------------------

_PROSE_FIELDS = ("meaning",)
_LIST_PROSE = {
    "causes": ("title", "detail"),
    "solutions": ("title", "detail", "applies_to"),
    "diagnostics": ("look_for",),
    "related": ("why",),
    "versions": ("change",),
    "references": ("title",),
    "examples": ("title",),
    "client_names": ("note",),
}


def prose(record: Record) -> Iterator[tuple[Where, str]]:
    """Every human-written text field that is rendered as Markdown, with its key path."""
    for key in ("summary", *_PROSE_FIELDS):
        if isinstance(record.get(key), str):
            yield (key,), record.data[key]
    for key, fields in _LIST_PROSE.items():
        for index, item in _items(record, key):
            for name in fields:
                if isinstance(item.get(name), str):
                    yield (key, index, name), item[name]
    notes = record.get("client_notes")
    if isinstance(notes, dict):
        for client, text in notes.items():
            if isinstance(text, str):
                yield ("client_notes", client), text
    retired = record.get("retired")
    if isinstance(retired, dict) and isinstance(retired.get("note"), str):
        yield ("retired", "note"), retired["note"]


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
_HTML = re.compile(r"<[A-Za-z!/?]")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.M)


def without_code(text: str) -> str:
    """Prose with fenced blocks and inline code removed (what Markdown would treat as text or markup)."""
    return _CODE_SPAN.sub(" ", _FENCE.sub("\n", text))


def code_spans(text: str) -> list[str]:
    return [m.group(2).strip() for m in _CODE_SPAN.finditer(_FENCE.sub("\n", text))]


def check_prose_safety(record: Record, ctx: Context) -> Iterable[Problem]:
    if not any("<" in text or "](" in text or "]:" in text for _, text in prose(record)):
        return  # nothing that could be HTML or a link: the common case, skip the per-field parsing
    for where, text in prose(record):
        plain = without_code(text)
        html = _HTML.search(plain)
        if html:
            snippet = plain[html.start() : html.start() + 30].split("\n")[0]
            yield _p(
                record,
                "KEI501",
                f"{'.'.join(map(str, where))} contains raw HTML or an autolink: {snippet!r}",
                where,
                _line_of(text, snippet),
            )
        for match in _LINK.finditer(plain):
            url = match.group(1) or match.group(2) or ""
            if not url.lower().startswith("https://"):
                yield _p(
                    record,
                    "KEI502",
                    f"{'.'.join(map(str, where))} links to {url[:60]!r}; only https:// links are allowed",
                    where,
                    _line_of(text, url),
                )


_PLACEHOLDER = re.compile(r"\bTODO\b")


def check_placeholders(record: Record, ctx: Context) -> Iterable[Problem]:
    if not record.is_complete or "TODO" not in repr(record.data):  # repr: one C-speed pass for the common case
        return
    for where, text in _all_strings(record.data, ()):
        if _PLACEHOLDER.search(text):
            yield _p(record, "KEI601", f"{'.'.join(map(str, where))} still says TODO", where, _line_of(text, "TODO"))


def _all_strings(value: Any, where: Where) -> Iterator[tuple[Where, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _all_strings(child, (*where, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _all_strings(child, (*where, index))


def check_examples(record: Record, ctx: Context) -> Iterable[Problem]:
    examples = [e for _, e in _items(record, "examples")]
    code = ctx.facts.code_by_fqn.get(record.fqn)
    names = [record.simple_name] + ([code.name] if code else [])
    if record.is_complete and examples and not any(n in str(e.get("text", "")) for e in examples for n in names):
        yield _p(record, "KEI602", f"no example contains {' or '.join(names)}", ("examples",))


def check_draft(record: Record, ctx: Context) -> Iterable[Problem]:
    if record.status == "draft":
        yield _p(record, "KEI901", "status is draft", ("status",))


_FILLER = re.compile(
    r"\b(for (?:various|a variety of|many different) reasons|this error can occur|it is (?:important|worth) (?:to note|noting)|needless to say|simply put)\b",
    re.I,
)


def check_filler(record: Record, ctx: Context) -> Iterable[Problem]:
    if not _FILLER.search("\n".join(text for _, text in prose(record))):
        return
    for where, text in prose(record):
        match = _FILLER.search(text)
        if match:
            yield _p(
                record,
                "KEI902",
                f"{'.'.join(map(str, where))} says {match.group(0)!r}",
                where,
                _line_of(text, match.group(0)),
            )


_KEYLIKE = re.compile(r"^([a-z][a-z0-9]*(?:[.-][a-z0-9]+)*\.[a-z0-9]+(?:[.-][a-z0-9]+)*)(?:=\S*)?$")
_NOT_KEYS = re.compile(
    r"^(org|kafka|io|java|javax|com|net)\.|\.(properties|log|sh|yaml|yml|json|java|jar|conf|py|go|js|txt|index|timeindex|snapshot|checkpoint)$|^\d"
)


_FEATURE = re.compile(r"^[a-z]+(?:\.[a-z]+)*\.version$")
_REMOVED_WORDS = re.compile(r"\b(removed|no longer|deprecated|gone|dropped|until|before)\b", re.I)


def _says_removed(text: str, span: str) -> bool:
    """The sentence around the mention says the key is gone, so mentioning it is deliberate."""
    index = text.find(span)
    return bool(_REMOVED_WORDS.search(text[max(0, index - 120) : index + len(span) + 120]))


def check_config_mentions(record: Record, ctx: Context) -> Iterable[Problem]:
    for where, text in prose(record):
        if where[0] in {"client_notes", "client_names"} or "`" not in text:
            continue  # other clients have their own settings (librdkafka's enable.gapless.guarantee ...)
        for span in code_spans(text):
            match = _KEYLIKE.match(span)
            if not match or _NOT_KEYS.search(match.group(1)):
                continue
            key = match.group(1)
            if key in ctx.facts.scopes_by_key:
                continue
            at = _line_of(text, span)
            if key in ctx.facts.removed_config_keys and _says_removed(text, span):
                continue
            if key not in ctx.facts.removed_config_keys and _FEATURE.match(key):
                continue  # a feature flag (share.version=1, metadata.version), set with kafka-features.sh
            if key in ctx.facts.removed_config_keys:
                yield _p(
                    record,
                    "KEI903",
                    f"`{key}` no longer exists in Kafka 4.1.1 (last in {ctx.facts.removed_config_keys[key]}); say so if you mention it",
                    where,
                    at,
                )
            else:
                yield _p(record, "KEI903", f"`{key}` is not a Kafka 4.1.1 config key", where, at)


CHECKS: tuple[Callable[[Record, Context], Iterable[Problem]], ...] = (
    check_filename,
    check_class,
    check_protocol,
    check_retriable,
    check_configs,
    check_commands,
    check_client_names,
    check_related,
    check_prose_safety,
    check_placeholders,
    check_examples,
    check_draft,
    check_filler,
    check_config_mentions,
)


def check_generic_messages(records: list[Record]) -> Iterable[Problem]:
    def messages(record: Record) -> list[str]:
        items = record.get("messages")
        return [m for m in items if isinstance(m, str)] if isinstance(items, list) else []

    shared = ambiguous_parts((r.fqn, messages(r)) for r in records)
    for record in records:
        for index, message in enumerate(messages(record)):
            parts = literal_parts(message)
            if is_template(message) and parts and all(part in shared for part in parts):
                yield _p(
                    record,
                    "KEI904",
                    f"messages[{index}]: {parts[0]!r} is in other entries' messages too",
                    ("messages", index),
                )


def check_all(records: list[Record], facts: Facts, schema: RecordSchema) -> list[Problem]:
    ctx = Context(facts, schema, frozenset(r.fqn for r in records))
    found: list[Problem] = list(check_redirects(records))
    found.extend(check_generic_messages(records))
    for record_problems in pmap(_check_record, records, ctx):
        found.extend(record_problems)
    return found


def _check_record(ctx: Context, record: Record) -> list[Problem]:
    return [found for check in CHECKS for found in check(record, ctx)]
