"""Scanning input for names: fixed-size chunks of bytes, one automaton pass each, bounded memory.

Python only looks at the lines that matched. Lines with an error-code phrase ("error code 45",
"[Error 45]") are parsed for the number. Stack-trace structure (an exception line, then `Caused by:`
lines) decides which error is the root cause; identical lines (ignoring the timestamp) count once.

To change the ranking: edit `Explainer.ranked` (and the samples in tests/fixtures/explain).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

from .matcher import CAUSE_PREFIXES, Matcher, Target

CHUNK = 4 << 20
MAX_CARRY = 16 << 20  # the longest line kept whole before it is scanned in pieces
MAX_LINE = 4096  # longer lines are cut when shown; matching still sees them whole within a chunk
MAX_EVIDENCE = 5
MAX_SEEN = 20_000  # distinct lines remembered per error for de-duplication (bounded memory)
BLOCK_GAP = 500  # a `Caused by:` line this many lines or more after its trace's last match starts a new trace

CODE_NUMBER = re.compile(rb"(?:\b[Ee]rror[ _]?[Cc]ode\b\s*(?:=|:|is)?\s*|\[Error )(-?\d{1,3})\b")
TIMESTAMP = re.compile(rb"^[\[\s]*\d{2,4}[-/]\d{2}[-/]\d{2}[T ][\d:.,]+\S*\s*\]?\s*")
_IDENT = re.compile(rb"[A-Za-z0-9_]")


@dataclass
class Evidence:
    line: int
    text: str
    name: str


@dataclass
class Finding:
    target: Target
    first_line: int
    priority: int = 1
    strong: bool = False  # seen by a name, a code or a whole message, not only a template fragment
    lines: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # the distinct names it was seen by


@dataclass
class _Block:
    """A stack trace in progress: the exception line and its Caused-by chain."""

    start: int = -1
    depth: int = 0
    last_line: int = -1
    deepest: tuple[int, int] = (-1, -1)  # (depth, order) of the deepest match
    deepest_targets: set[int] = field(default_factory=set)


class Explainer:
    def __init__(self, matcher: Matcher) -> None:
        self.m = matcher
        self.findings: dict[int, Finding] = {}
        self.block = _Block()

    # -- scanning --------------------------------------------------------------------------------------

    def feed(self, stream: IO[bytes]) -> None:
        line_base = 1
        carry = b""
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            data = carry + chunk
            cut = data.rfind(b"\n")
            if cut < 0:
                if len(data) > MAX_CARRY:  # a line of many megabytes: scan what we have, memory stays bounded
                    self._scan(data, line_base)  # (a name cut by this boundary is missed; logs do not do this)
                    carry = b""
                else:
                    carry = data
                continue
            line_base = self._scan(data[: cut + 1], line_base)
            carry = data[cut + 1 :]
        if carry:
            self._scan(carry + b"\n", line_base)
        self._close_block()

    def _scan(self, data: bytes, line_base: int) -> int:
        """Scan whole lines; returns the line number following the last line of `data`."""
        matches = self.m.automaton.find_matches_as_indexes(data)
        line = line_base
        counted_to = 0
        current_start = -1
        order = 0
        caused_line = False
        for pattern, start, end in matches:
            line += data.count(b"\n", counted_to, start)
            counted_to = start
            line_start = data.rfind(b"\n", 0, start) + 1
            if line_start != current_start:
                current_start, order = line_start, 0
                # the line's first match may be the "Caused by:" marker itself, so look from the line's start
                head = data[line_start : line_start + 200].lstrip()
                caused_line = head.startswith(CAUSE_PREFIXES)
                self._new_line(line, caused_line)
            line_end = data.find(b"\n", start)
            text = data[line_start : line_end if line_end >= 0 else len(data)]
            if pattern >= self.m.first_marker:
                if pattern > self.m.first_marker:  # an error-code phrase: read the number
                    for number in CODE_NUMBER.findall(data, line_start, line_end if line_end >= 0 else len(data)):
                        target = self.m.by_code.get(int(number))
                        if target is not None:  # a mention, not a nested class: `order` stays
                            self._record(target, line, text, f"error code {int(number)}", order)
                continue
            if not self._bounded(data, start, end):
                continue
            if self.m.is_class[pattern]:
                order += 1
            for target in self.m.name_targets[pattern]:
                self._record(target, line, text, self.m.names[pattern], order, weak=self.m.is_weak[pattern])
        return line_base + data.count(b"\n")

    @staticmethod
    def _bounded(data: bytes, start: int, end: int) -> bool:
        """Identifier-like names must not be part of a longer identifier (UNKNOWN in UNKNOWN_TOPIC...)."""
        before = data[start - 1 : start] if start else b""
        after = data[end : end + 1]
        first, last = data[start : start + 1], data[end - 1 : end]
        if _IDENT.match(first) and before and _IDENT.match(before):
            return False
        return not (_IDENT.match(last) and after and _IDENT.match(after))

    # -- stack-trace structure --------------------------------------------------------------------------

    def _new_line(self, line: int, caused_by: bool) -> None:
        block = self.block
        if caused_by and block.start >= 0 and line - block.last_line < BLOCK_GAP:
            block.depth += 1
        else:
            self._close_block()
            self.block = _Block(start=line)
        self.block.last_line = line

    def _close_block(self) -> None:
        block = self.block
        if block.deepest > (0, 1):  # a cause chain (Caused by:, or nested class names): the deepest is the root
            for target in block.deepest_targets:
                finding = self.findings[target]
                finding.priority = min(finding.priority, 0)

    def _record(self, target: int, line: int, text: bytes, name: str, order: int, *, weak: bool = False) -> None:
        block = self.block
        level = (block.depth, order)
        if level > block.deepest:
            block.deepest, block.deepest_targets = level, {target}
        elif level == block.deepest:
            block.deepest_targets.add(target)
        finding = self.findings.get(target)
        if finding is None:
            finding = self.findings[target] = Finding(self.m.targets[target], line)
        finding.strong = finding.strong or not weak
        finding.names.add(name)
        key = hash(TIMESTAMP.sub(b"", text).strip())
        if key in finding.seen:
            return
        if len(finding.seen) < MAX_SEEN:
            finding.seen.add(key)
        finding.lines += 1
        if len(finding.evidence) < MAX_EVIDENCE:
            shown = text[:MAX_LINE].decode("utf-8", "replace").rstrip("\r")
            finding.evidence.append(Evidence(line, shown, name))

    # -- results ---------------------------------------------------------------------------------------

    def ranked(self) -> list[Finding]:
        def key(f: Finding) -> tuple[int, bool, int, int, bool, int, str]:
            # more distinct names break a tie: `kafka.errors.NoBrokersAvailable` names kafka-python's class, and
            # the bare `NoBrokersAvailable` after it is aiokafka's too; then a current entry before a class 4.0
            # removed (librdkafka's "Broker: Not leader for partition" is NotLeaderOrFollowerException today)
            wrapper = 2 if f.target.is_wrapper else 0
            rank = (f.priority + wrapper, not f.strong, -f.lines, -len(f.names))
            return (*rank, f.target.retired, f.first_line, f.target.id)

        return sorted(self.findings.values(), key=key)


def explain_streams(matcher: Matcher, streams: Iterable[IO[bytes]]) -> list[Finding]:
    explainer = Explainer(matcher)
    for stream in streams:
        explainer.feed(stream)
    return explainer.ranked()
