"""What Kafka 4.1.1's source says: the texts it can print, the methods that exist, the files and their lengths.

Reads the three tables `scripts/extract_kafka_source.py` writes into ``data/facts/`` and answers the questions
the accuracy lint asks:

- `SourceIndex.verify_text`: is a quoted text (with ``<placeholders>``) something Kafka 4.1.1 prints?
- `SourceIndex.check_frame`: does a stack frame ``at org.apache.kafka.X.m(X.java:N)`` name a method of 4.1.1,
  with line N inside it?
- `SourceIndex.check_location`: does an evidence location ``path:first-last`` exist at the tag?

How a quote is matched: every printed text is a template whose ``{}`` stand for what Kafka fills in at run
time. A quote matches a template when the template's literal parts appear in it, in order, and every part of
the quote that falls on a ``{}`` is either one of the quote's own ``<placeholders>``, a value (no spaces: a
topic, a number, a class name), or itself a Kafka text (an exception message inside a log line). A quote ending
in "..." may stop early. Templates are found by their longest literal part (one Aho-Corasick pass), so a check
costs a few regular-expression matches.

To teach it a new kind of frame (another JVM language's synthetic names): extend `_method_names`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import ahocorasick_rs

from .wildcards import DECORATION, GLUED, fullmatches, match_start, prefix_groups, without_brackets

PH = "{}"
_MARK = "\x00"  # a quote's own <placeholder>, which only a template's {} may cover
_QUOTE_PLACEHOLDER = re.compile(r"<[^<>\n]{1,60}>")
_WORD = re.compile(r"[A-Za-z]{2,}")
_ELLIPSIS = ("...", "…")
_MAX_DEPTH = 3
_SCALA_REQUIRE = "requirement failed: "
_GENERATED = "org.apache.kafka.common.message"
_START = 12  # a quote cut short with "..." must start with this much of a text
_PUNCT_BETWEEN = re.compile(r"\{\}[^\sA-Za-z0-9{}]{1,2}\{\}")
# A throwable as Java prints it inside a message: `org.apache.kafka.common.errors.XException: its message`.
_THROWABLE = re.compile(r"^(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:: (?P<message>.+))?$", re.S)

# An evidence location: `path:line` or `path:first-last` (the schema's pattern; records that broke the schema
# still reach the rules, so the rule reads it with the same pattern).
LOCATION = re.compile(r"(?P<path>[A-Za-z0-9_][A-Za-z0-9_./-]*\.[A-Za-z0-9]+):(?P<first>[0-9]+)(?:-(?P<last>[0-9]+))?")

# `at [module/]org.apache.kafka.pkg.Class$Inner.method(File.java:123)`; the JVM may print a class loader or
# module before the class (`app//`, `kafka-clients@4.1.1/`) and log4j appends `~[jar:?]`.
FRAME = re.compile(
    r"^\s*at (?:[\w.@-]*/{1,2})?(?P<cls>(?:org\.apache\.kafka|kafka)\.[\w.$]+)\.(?P<method>[\w$<>]+)"
    r"\((?P<file>[\w$-]+\.(?:java|scala))(?::(?P<line>\d+))?\)"
)


@dataclass(frozen=True)
class MethodRange:
    owner: str
    name: str
    first: int
    last: int


@dataclass(frozen=True)
class Template:
    text: str
    locations: str

    @cached_property
    def weak(self) -> bool:
        """One word between placeholders (`{} Call: {}`): it may only join texts that are verified themselves."""
        return len(_WORD.findall(self.text.replace(PH, _MARK))) < 2

    @cached_property
    def parts(self) -> list[str]:
        # `{}:{}` and `{}-{}` print one value to a reader (`host:9092`, `orders-0`), which a quote may write as one
        # <placeholder>: punctuation alone between two placeholders is folded into them.
        return _PUNCT_BETWEEN.sub(PH, self.text).split(PH)


_NAME = Template("{}", "")


class SourceIndex:
    """The three source tables of one Kafka release, loaded lazily (the lint needs them, the site does not)."""

    def __init__(self, facts_dir: Path, version: str) -> None:
        self.dir = facts_dir
        self.version = version
        self._parsed: dict[str, list[MethodRange]] = {}  # methods_in() parses a file's rows on first use

    # -- tables ------------------------------------------------------------------------------------------

    @cached_property
    def files(self) -> dict[str, int]:
        return {path: int(lines) for path, lines in _cells(self.dir / f"kafka-{self.version}-files.tsv", 2)}

    @cached_property
    def _method_rows(self) -> dict[str, list[list[str]]]:
        """The methods table grouped by file, left unparsed: a lint run looks at a few dozen files of 3,700."""
        out: dict[str, list[list[str]]] = {}
        path = ""
        for row in _cells(self.dir / f"kafka-{self.version}-methods.tsv", 5):
            path = row[0] or path  # an empty cell repeats the path above
            out.setdefault(path, []).append(row)
        return out

    def methods_in(self, path: str) -> list[MethodRange]:
        found = self._parsed.get(path)
        if found is None:
            rows = self._method_rows.get(path, [])
            found = self._parsed[path] = [MethodRange(r[1], r[2], int(r[3]), int(r[4])) for r in rows]
        return found

    @cached_property
    def _files_by_suffix(self) -> dict[str, list[str]]:
        """`org/apache/kafka/clients/producer/KafkaProducer.java` → its path(s) in the tree."""
        out: dict[str, list[str]] = {}
        for path in self._method_rows:
            for root in ("/src/main/java/", "/src/main/scala/"):
                if root in path:
                    out.setdefault(path.split(root, 1)[1], []).append(path)
        return out

    @cached_property
    def templates(self) -> list[Template]:
        # Quotes are compared stripped (a log format's trailing space is invisible in a log line), so are texts.
        texts = (
            (_unclean(text).strip(), locations)
            for text, locations in _cells(self.dir / f"kafka-{self.version}-texts.tsv", 2)
        )
        return [Template(text, locations) for text, locations in texts if is_message(text)]

    @cached_property
    def _anchors(self) -> tuple[ahocorasick_rs.AhoCorasick, list[list[int]]]:
        """One automaton over each template's longest literal part; each part lists the templates it anchors."""
        by_anchor: dict[str, list[int]] = {}
        for index, template in enumerate(self.templates):
            anchor = max(template.parts, key=len)
            by_anchor.setdefault(anchor, []).append(index)
        anchors = list(by_anchor)
        return ahocorasick_rs.AhoCorasick(anchors), [by_anchor[a] for a in anchors]

    # -- texts -------------------------------------------------------------------------------------------

    def verify_text(self, quote: str) -> Template | None:
        """The template that prints `quote`, or None. `<placeholders>` in the quote stand for run-time values."""
        text = _QUOTE_PLACEHOLDER.sub(_MARK, quote.strip())
        if " " not in text.replace(_MARK, ""):
            return _NAME  # a name or a value (`java.lang.InterruptedException`), not a sentence to check
        if text.startswith(_SCALA_REQUIRE):  # Scala's require(cond, msg) prints "requirement failed: " + msg
            return self.verify_text(text[len(_SCALA_REQUIRE) :])
        thrown = _THROWABLE.match(text)
        if thrown and thrown.group("message"):
            # A wrapper whose message is its cause's toString (`new StreamsException(cause)`): check the cause's,
            # unless Kafka printed the class name itself (`QuotaViolationException.toString`: "{}: '{}' violated").
            inner = self.verify_text(thrown.group("message"))
            if inner is not None:
                return inner
        prefix = text.endswith(_ELLIPSIS)
        if prefix:
            text = text.rstrip(".… ")
        return self._match(text, prefix, 0)

    def _match(self, text: str, prefix: bool, depth: int) -> Template | None:
        candidates = list(self._candidates(text, prefix))
        for template in candidates:
            if prefix:
                splits = [g] if (g := prefix_groups(template.parts, text)) is not None else []
            else:
                splits = fullmatches(template.parts, text)
            if any(self._fills(template, groups, depth) for groups in splits):
                return template
        if depth >= _MAX_DEPTH:
            return None
        # Kafka also builds a text from several: `error += " Kafka Client will retry."`, or a context tag
        # appended or prepended (`formatException`: `msg + " [" + logPrefix + "]"`, LogContext's `[Producer ...] `).
        decorated = DECORATION.fullmatch(text)
        if decorated:
            return self._match(decorated["text"] or decorated["text2"], prefix, depth + 1)
        for template in candidates:
            head = match_start(template.parts, text)
            rest = text[head[1] :].strip() if head else ""
            if head and rest and self._fills(template, head[0], depth) and self._match(rest, prefix, depth + 1):
                return template
        # ... or a value printed right before a text (`String.format("%s%s", error, ". Error Message: " + m)`).
        glued = GLUED.match(text)
        if glued and self._match(text[glued.end() :], prefix, depth + 1):
            return _NAME
        return None

    def _fills(self, template: Template, groups: tuple[str, ...], depth: int) -> bool:
        kinds = [self._value_kind(group, depth) for group in groups]
        # A one-word template (`{} Call: {}`, `field: "{}"`) proves little alone: on its own it must join a
        # verified text; inside another text it only fills that text's placeholder.
        return all(kinds) and (not template.weak or depth > 0 or "text" in kinds)

    def _candidates(self, text: str, prefix: bool) -> Iterator[Template]:
        """Templates whose longest literal part is in the text; for a quote cut short, those it begins."""
        if prefix:
            yield from self._by_start.get(text[:_START], [])
            return
        automaton, anchored = self._anchors
        seen: set[int] = set()
        for found, _start, _end in automaton.find_matches_as_indexes(text, overlapping=True):
            for index in anchored[found]:
                if index not in seen:
                    seen.add(index)
                    yield self.templates[index]

    @cached_property
    def _by_start(self) -> dict[str, list[Template]]:
        out: dict[str, list[Template]] = {}
        for template in self.templates:
            if len(template.parts[0]) >= _START:
                out.setdefault(template.parts[0][:_START], []).append(template)
        return out

    def _value_kind(self, captured: str, depth: int) -> str:
        """What a template's {} covered: "value" (a placeholder, a value without spaces, a list of them),
        "text" (another Kafka text, or an exception printed as `Class: message`), or "" (unverified words)."""
        rest = without_brackets(captured.replace(_MARK, "").strip())
        if all(" " not in item for item in rest.split(", ")):
            return "value"
        if depth >= _MAX_DEPTH:
            return ""
        thrown = _THROWABLE.match(captured.strip())
        if thrown and not captured.strip().startswith(("org.apache.kafka.", "kafka.")):
            return "value"  # another library's exception printed into a Kafka text (`java.net.ConnectException: ...`)
        inner = thrown.group("message") if thrown else captured.strip()
        if inner is None or self._match(inner, False, depth + 1) is not None:
            return "text"
        return ""

    # -- frames ------------------------------------------------------------------------------------------

    def check_frame(self, cls: str, method: str, file: str, line: int | None) -> str | None:
        """None when the frame exists in this release; otherwise what is wrong, in words."""
        package = cls.rsplit(".", 1)[0] if "." in cls else ""
        if package == _GENERATED:
            return None  # the protocol's *Data classes are generated at build time: not in the source tree
        suffix = f"{package.replace('.', '/')}/{file}"
        paths = self._files_by_suffix.get(suffix)
        if not paths:
            return f"{file} is not a Kafka {self.version} source file of package {package}"
        names = _method_names(method)
        if names is None:
            return None  # a compiler-made accessor (access$000): nothing in the source to compare with
        ranges = [m for path in paths for m in self.methods_in(path) if m.name in names]
        if not ranges:
            return f"{file} has no method {method} in Kafka {self.version}"
        if line is None or any(m.first <= line <= m.last for m in ranges):
            return None
        if self._bridge_line(paths, cls, line):
            return None
        spans = ", ".join(f"{m.first}-{m.last}" for m in sorted(ranges, key=lambda m: m.first)[:4])
        return f"{file}:{line} is not inside {method} (lines {spans} in Kafka {self.version})"

    def _bridge_line(self, paths: list[str], cls: str, line: int) -> bool:
        """javac gives a bridge method (`FutureRecordMetadata.get` returning Object) the line of the class
        declaration, so a frame of an existing method may carry that line."""
        owner = cls.rsplit(".", 1)[-1].split("$")
        name = ".".join(owner)
        return any(
            m.name == "<class>" and m.owner == name and m.first <= line <= m.first + 3
            for p in paths
            for m in self.methods_in(p)
        )

    # -- classes ---------------------------------------------------------------------------------------

    @cached_property
    def _classes(self) -> frozenset[str]:
        """Every class of the release by fully qualified name (`kafka.zookeeper.ZooKeeperClientTimeoutException`):
        its package from the file's directory, its name from a `<class>` row (Scala may put several in one file)."""
        out: set[str] = set()
        for package_path, paths in self._files_by_suffix.items():
            package = package_path.rsplit("/", 1)[0].replace("/", ".")
            for path in paths:
                out.update(f"{package}.{m.owner.rstrip('$')}" for m in self.methods_in(path) if m.name == "<class>")
        return frozenset(out)

    def has_class(self, fqn: str) -> bool:
        return fqn in self._classes

    # -- locations ---------------------------------------------------------------------------------------

    def check_location(self, location: str) -> str | None:
        match = LOCATION.fullmatch(location)
        if match is None:
            return f"{location!r} is not path:line or path:first-last"
        path, first, last = match.group("path", "first", "last")
        length = self.files.get(path)
        if length is None:
            return f"{path} is not a file of Kafka {self.version}'s main sources"
        start, end = int(first), int(last or first)
        if not 1 <= start <= end <= length:
            return f"{location}: lines {start}-{end} are outside {path} (1-{length})"
        return None


# A text with a context tag before or after it: `[Producer clientId=p-1] text`, `text [stream-thread [main]]`.
def is_message(template: str) -> bool:
    """Two words and a space, or one word beside a placeholder: the texts the extraction keeps."""
    literal = template.replace(PH, _MARK)
    words = len(_WORD.findall(literal))
    return " " in literal and (words >= 2 or (words == 1 and PH in template))


def frames(text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """The Kafka stack frames of an example, with their 0-based line in it."""
    for number, line in enumerate(text.splitlines()):
        match = FRAME.match(line)
        if match:
            yield number, match


_SCALA_SUFFIX = re.compile(r"(?:\$mc\w+\$sp|\$adapted|\$\d+)+$")


def _method_names(method: str) -> set[str] | None:
    """Which rows of the methods table a JVM method name can come from."""
    if method.startswith("access$"):
        return None
    if method in ("<init>", "<clinit>", "$init$"):
        return {"<init>", "<clinit>", "<class>"}
    lam = re.match(r"^lambda\$(.+?)\$\d+$", method)
    if lam:
        name = lam.group(1)
        return {"<init>", "<clinit>", "<class>"} if name in ("new", "static") else {name}
    anon = re.match(r"^\$?anonfun\$(.+?)(?:\$\d+)*(?:\$adapted)?$", method)
    if anon:
        return {_SCALA_SUFFIX.sub("", anon.group(1)), "<class>"}
    return {_SCALA_SUFFIX.sub("", method)}


def _cells(path: Path, width: int) -> list[list[str]]:
    """The rows of a facts table after its header, split on tabs (the tables hold no quoting)."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [row for row in (line.split("\t") for line in lines) if len(row) == width]


def _unclean(text: str) -> str:
    """The table writes newlines, tabs and backslashes escaped, one text a line."""
    if "\\" not in text:
        return text
    return re.sub(r"\\([\\nt])", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}[m.group(1)], text)
