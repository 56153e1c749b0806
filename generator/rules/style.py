"""Style rules: phrases the content bar rules out in prose (filler that tells the reader nothing, hedges that point
at the sources a writer read instead of saying what Kafka does).

To add a phrase rule: a regular expression, the lower-case words every match contains (see `phrases`), and a
check that calls `phrases` with its code; then a fixture under tests/fixtures/lint/<CODE>/.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..problems import Problem
from ..rule_codes import Severity, rule
from ..versions import KAFKA_VERSION
from .base import Context, check, emit, line_of
from .content import prose

if TYPE_CHECKING:
    from ..model import Record


_FILLER = re.compile(
    r"\b(for (?:various|a variety of|many different) reasons|this error can occur|it is (?:important|worth) (?:to note|noting)|needless to say|simply put)\b",
    re.I,
)
_FILLER_WORDS = ("reasons", "this error can occur", "to note", "noting", "needless to say", "simply put")


@check("exception", "client")
@rule(
    "KEI902",
    "filler-phrase",
    "Prose uses a filler phrase that tells the reader nothing.",
    "Say the specific mechanism instead.",
    severity=Severity.SUGGESTION,
)
def check_filler(record: Record, ctx: Context) -> Iterable[Problem]:
    return phrases(record, ctx, _FILLER, _FILLER_WORDS, "KEI902")


def phrases(
    record: Record, ctx: Context, pattern: re.Pattern[str], words: tuple[str, ...], code: str
) -> Iterator[Problem]:
    """One problem per prose field where `pattern` finds a phrase the bar rules out, pointing at its line.
    `words`: lower-case texts of which every match contains one. Looking for them first is a C-speed scan; the
    case-insensitive alternation alone cost half a millisecond per record."""
    whole = "\n".join(text for _, text in prose(record, ctx))
    lowered = whole.lower()
    if not any(word in lowered for word in words) or not pattern.search(whole):
        return
    for where, text in prose(record, ctx):
        match = pattern.search(text)
        if match:
            yield emit(
                record,
                code,
                f"{'.'.join(map(str, where))} says {match.group(0)!r}",
                where,
                line_of(text, match.group(0)),
            )


_HEDGES = re.compile(
    r"\b(?:in the (?:source|sources|code) (?:we|I) (?:checked|read|looked at)"
    r"|(?:sources?|code) (?:we|I) (?:checked|read)"
    r"|(?:apache/kafka |kafka )?trunk(?: of| as of| from)?"
    r"|\d\.\d+/\d\.\d+[- ]era"
    r"|as of (?:this|the time of) writing|at the time of writing"
    r"|as of (?:late|early|mid)[- ]20\d\d"
    r"|(?:we|I) could not (?:verify|confirm|check) (?:this |it )?(?:in|against) the source)\b",
    re.I,
)
# Every alternative above contains one of these (lower case): see `phrases`.
_HEDGE_WORDS = (
    *(f"{who} {did}" for who in ("we", "i") for did in ("checked", "read", "looked at")),
    *(f"could not {what}" for what in ("verify", "confirm", "check")),
    *("trunk", "-era", " era", "this writing", "of writing", "as of late", "as of early", "as of mid"),
)


@check("exception", "client")
@rule(
    "KEI606",
    "source-hedge",
    f"Prose points at the sources the writer read instead of stating what Kafka {KAFKA_VERSION} does.",
    f"State the behaviour of Kafka {KAFKA_VERSION} with its versions; if something is uncertain, say what and why, without naming what you read.",
)
def check_hedges(record: Record, ctx: Context) -> Iterable[Problem]:
    return phrases(record, ctx, _HEDGES, _HEDGE_WORDS, "KEI606")
