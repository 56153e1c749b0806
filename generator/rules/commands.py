"""Command rules: every command a record tells the reader to run names a tool and options Kafka 4.x has.

A diagnostic or solution command is split into its pipeline segments; each segment that runs a Kafka tool
(`kafka-*.sh`, `connect-*.sh`, ...) must name a tool of the release and options it accepts (KEI306, KEI307);
removed tools and options (`--zookeeper`) get the last version that had them and the replacement (KEI603).

To check another kind of command: extend `_check_tool`, or add a check for its tool family here.
"""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..problems import Problem
from ..rule_codes import rule
from ..versions import KAFKA_VERSION
from .base import Context, Where, check, emit, items

if TYPE_CHECKING:
    from ..model import Record


_SEPARATORS = {"|", "||", "&&", ";"}
_TOOL = re.compile(r"^(?:.*/)?((?:kafka|connect|zookeeper|trogdor)[\w.-]*\.sh)$")


def _segments(command: str) -> list[list[str]]:
    """Shell words (quotes removed, as the shell does) split at pipes and command separators."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError:  # an unbalanced quote: the words as they stand (the reader sees the same text)
        tokens = command.split()
    segments: list[list[str]] = [[]]
    for token in tokens:
        if token in _SEPARATORS:
            segments.append([])
        else:
            segments[-1].append(token)
    return [s for s in segments if s]


@check("exception", "client")
@rule(
    "KEI603",
    "missing-placeholders",
    "A diagnostic command has names to fill in but no <angle-bracket> placeholders.",
    "Write the parts a reader must replace as <placeholders>, e.g. --group <group-id>.",
)
def check_commands(record: Record, ctx: Context) -> Iterable[Problem]:
    for index, diag in items(record, "diagnostics"):
        command = diag.get("command")
        if not isinstance(command, str):
            continue
        where: Where = ("diagnostics", index, "command")
        if "<" not in command or ">" not in command:
            yield emit(record, "KEI603", "the command has no <placeholder> for the values a reader must fill in", where)
        for segment in _segments(command):
            yield from _check_tool(record, ctx, segment, where)


@rule(
    "KEI306",
    "unknown-cli",
    f"A diagnostic command uses a Kafka tool or option that Kafka {KAFKA_VERSION} does not ship.",
    f"Use a script from Kafka 4.1 bin/ and its real options (data/facts/kafka-{KAFKA_VERSION}-cli-options.tsv).",
)
@rule(
    "KEI307",
    "removed-cli",
    "A diagnostic command uses a removed tool or option such as --zookeeper.",
    "Kafka 4.x is KRaft-only: use --bootstrap-server and the replacement named in the message.",
)
def _check_tool(record: Record, ctx: Context, segment: list[str], where: Where) -> Iterable[Problem]:
    match = _TOOL.match(segment[0])
    if not match:
        return
    tool = match.group(1)
    gone = ctx.facts.removed_cli.get((tool, "(script)"))
    if gone and record.get("retired"):
        return  # a retired record's commands are for 3.x clusters, which ship the script
    if gone:
        yield emit(
            record, "KEI307", f"{tool} is not in Kafka {KAFKA_VERSION} (last shipped in {gone.last_version})", where
        )
        return
    if tool not in ctx.facts.cli_options:
        yield emit(record, "KEI306", f"{tool} is not a script of Kafka {KAFKA_VERSION} bin/", where)
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
        if removed and record.get("retired"):
            continue
        if removed:
            instead = f"; use {removed.replacement}" if removed.replacement.startswith("--") else ""
            yield emit(
                record, "KEI307", f"{tool} {option} was removed after Kafka {removed.last_version}{instead}", where
            )
        else:
            close = difflib.get_close_matches(option, sorted(known), n=1)
            yield emit(
                record,
                "KEI306",
                f"{tool} has no option {option} in Kafka {KAFKA_VERSION}"
                + (f" (did you mean {close[0]}?)" if close else ""),
                where,
            )
