"""``explain``: read logs or stack traces and name the Kafka errors in them, root cause first.

Every name of the JSON export (class names, fully qualified names, protocol enum names current and former,
client-library names and printed texts, exception messages) goes into one Aho-Corasick automaton over
bytes, so the input is scanned once at C speed in fixed-size chunks (memory stays flat whatever the file
size) and Python only looks at the lines that matched. Lines with an error-code phrase ("error code 45",
"[Error 45]") are parsed for the number.

Ranking: in a stack trace, the deepest cause (the last ``Caused by:``, or the innermost of several names on
one line) comes first; generic wrappers (`KafkaException`, `StreamsException`, ...) come after the errors
they wrap; errors named outright come before errors only suggested by a fragment of a message template;
then errors seen on more distinct lines; then the earliest. Identical lines (ignoring the
timestamp) count once.

To recognise a new kind of text: add its names to the catalog (a record's ``messages`` or ``client_names``),
not here; add a pattern here only for phrases that carry a code number.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import ahocorasick_rs

from .catalog import Catalog
from .messages import ambiguous_parts, is_template, literal_parts
from .render.export import export_document

CHUNK = 4 << 20
MAX_CARRY = 16 << 20  # the longest line kept whole before it is scanned in pieces
MAX_LINE = 4096  # longer lines are cut when shown; matching still sees them whole within a chunk
MAX_EVIDENCE = 5
MAX_SEEN = 20_000  # distinct lines remembered per error for de-duplication (bounded memory)

# Wrappers: they say that something failed, and their cause says what. Ranked after what they wrap.
WRAPPERS = frozenset(
    {
        "org.apache.kafka.common.KafkaException",
        "org.apache.kafka.streams.errors.StreamsException",
        "org.apache.kafka.connect.errors.ConnectException",
        "org.apache.kafka.common.errors.ApiException",
    }
)

_CAUSED_BY = b"Caused by:"
_CODE_MARKERS = (b"error code", b"Error code", b"errorCode", b"error_code", b"ErrorCode", b"[Error ")
_CODE_NUMBER = re.compile(rb"(?:\b[Ee]rror[ _]?[Cc]ode\b\s*(?:=|:|is)?\s*|\[Error )(-?\d{1,3})\b")
_TIMESTAMP = re.compile(rb"^[\[\s]*\d{2,4}[-/]\d{2}[-/]\d{2}[T ][\d:.,]+\S*\s*\]?\s*")
_IDENT = re.compile(rb"[A-Za-z0-9_]")
# Only exception class names nest on one line ("KafkaException: ...TimeoutException: ..."); two texts on a
# log line are two mentions, not a cause chain.
_CLASS_KINDS = frozenset({"class", "fqn", "former-class"})


@dataclass
class Target:
    """Something explain can point at: a record, or a protocol code that has no record yet."""

    id: str
    title: str
    names: list[str]
    url: str
    status: str
    retriable: bool | None
    summary: str
    protocol: str = ""
    causes: list[str] = field(default_factory=list)
    solutions: list[str] = field(default_factory=list)

    @property
    def is_wrapper(self) -> bool:
        return self.id in WRAPPERS


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


def _strong(name: str) -> bool:
    """Names too generic to mean a Kafka error on their own ("UNKNOWN", "Error") are not searched for."""
    if len(name) < 8:
        return False
    return not re.fullmatch(r"[A-Z][a-z]+|[A-Z]+|[a-z]+", name)


class Matcher:
    def __init__(self, catalog: Catalog, site_url: str) -> None:
        doc = export_document(catalog)
        self.targets: list[Target] = []
        self.by_code: dict[int, int] = {}
        names: dict[str, set[int]] = {}
        class_names: set[str] = set()
        weak_names: set[str] = set()  # parts of message templates: evidence, but less than a name
        ambiguous = ambiguous_parts((r.fqn, r.get("messages", [])) for r in catalog.entries)

        def add(target: Target, details: Iterable[dict[str, str]]) -> int:
            index = len(self.targets)
            self.targets.append(target)
            for detail in details:
                template = detail["kind"] == "message" and is_template(detail["value"])
                for literal in literal_parts(detail["value"]):
                    if not _strong(literal) or (detail["kind"] == "message" and literal in ambiguous):
                        continue
                    names.setdefault(literal, set()).add(index)
                    if detail["kind"] in _CLASS_KINDS:
                        class_names.add(literal)
                    if template:
                        weak_names.add(literal)
            return index

        for entry in doc["errors"]:
            index = add(
                Target(
                    entry["id"],
                    entry["title"],
                    [entry["class"], entry["fqn"]] + ([entry["protocol"]["name"]] if entry["protocol"] else []),
                    site_url + entry["url"],
                    entry["status"],
                    entry["retriable"],
                    entry["summary"],
                    f"{entry['protocol']['name']} ({entry['protocol']['code']})" if entry["protocol"] else "",
                    entry["causes"],
                    entry["solutions"],
                ),
                entry["name_details"],
            )
            if entry["protocol"]:
                self.by_code[entry["protocol"]["code"]] = index
        for code in doc["codes"]:
            if code["entry"]:
                continue
            self.by_code[code["code"]] = add(
                Target(
                    code["fqn"],
                    code["class"],
                    [code["class"], code["fqn"], code["name"]],
                    site_url + code["url"],
                    "undocumented",
                    code["retriable"],
                    code["message"],
                    f"{code['name']} ({code['code']})",
                ),
                code["name_details"],
            )
        self.names = sorted(names)
        self.name_targets = [tuple(sorted(names[n])) for n in self.names]
        self.is_class = [n in class_names for n in self.names]
        self.is_weak = [n in weak_names and n not in class_names for n in self.names]
        markers = [_CAUSED_BY, *_CODE_MARKERS]
        self.first_marker = len(self.names)
        self.automaton = ahocorasick_rs.BytesAhoCorasick(
            [n.encode("utf-8") for n in self.names] + markers,
            matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
            implementation=ahocorasick_rs.Implementation.DFA,
        )

    def recognised_names(self) -> list[str]:
        return list(self.names)


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
                caused_line = data.startswith(_CAUSED_BY, line_start) or data[line_start:start].lstrip().startswith(
                    _CAUSED_BY
                )
                self._new_line(line, caused_line)
            line_end = data.find(b"\n", start)
            text = data[line_start : line_end if line_end >= 0 else len(data)]
            if pattern >= self.m.first_marker:
                if pattern > self.m.first_marker:  # an error-code phrase: read the number
                    for number in _CODE_NUMBER.findall(data, line_start, line_end if line_end >= 0 else len(data)):
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
        if caused_by and block.start >= 0 and line - block.last_line < 500:
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
        key = hash(_TIMESTAMP.sub(b"", text).strip())
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
        def key(f: Finding) -> tuple[int, bool, int, int, str]:
            return (f.priority + (2 if f.target.is_wrapper else 0), not f.strong, -f.lines, f.first_line, f.target.id)

        return sorted(self.findings.values(), key=key)


def explain_streams(matcher: Matcher, streams: Iterable[IO[bytes]]) -> list[Finding]:
    explainer = Explainer(matcher)
    for stream in streams:
        explainer.feed(stream)
    return explainer.ranked()


def as_json(findings: list[Finding]) -> dict[str, Any]:
    return {
        "matches": [
            {
                "id": f.target.id,
                "names": f.target.names,
                "title": f.target.title,
                "url": f.target.url,
                "status": f.target.status,
                "retriable": f.target.retriable,
                "line": f.first_line,
                "lines": f.lines,
                "evidence": [{"line": e.line, "text": e.text, "name": e.name} for e in f.evidence],
            }
            for f in findings
        ]
    }


def format_text(findings: list[Finding], out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    if not findings:
        print("No known Kafka error found in the input.", file=out)
        return
    for rank, f in enumerate(findings, 1):
        t = f.target
        retriable = {True: "retriable", False: "not retriable", None: "retriable: unknown"}[t.retriable]
        facts = " · ".join(x for x in (t.protocol, retriable, t.status if t.status != "complete" else "") if x)
        print(f"{rank}. {t.title}  ({t.id})", file=out)
        print(f"   {facts}", file=out)
        if t.summary:
            print(f"   {t.summary}", file=out)
        if t.causes:
            print("   Likely causes: " + "; ".join(t.causes[:3]), file=out)
        if t.solutions:
            print("   What to do: " + "; ".join(t.solutions[:3]), file=out)
        print(f"   {t.url}", file=out)
        for e in f.evidence[:3]:
            text = e.text if len(e.text) <= 160 else e.text[:157] + "..."
            print(f"   line {e.line}: {text.strip()}", file=out)
        if f.lines > 3:
            print(f"   ... seen on {f.lines} distinct lines", file=out)
        print(file=out)


def iter_inputs(paths: list[str]) -> Iterator[tuple[str, IO[bytes]]]:
    """Open each input in turn ('-' is standard input); the caller turns OSError into a message."""
    for path in paths or ["-"]:
        if path == "-":
            yield "<stdin>", sys.stdin.buffer
        else:
            with open(path, "rb") as handle:  # noqa: PTH123 - a plain binary stream is what we scan
                yield path, handle
