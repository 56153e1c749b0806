"""What a Kafka release's source says: the texts it can print, the methods that exist, the files and their lengths.

Reads the three tables `scripts/extract_kafka_source.py` writes into ``data/facts/`` (lazily: the lint needs
them, the site does not) and answers the questions the accuracy lint asks:

- `SourceIndex.verify_text`: is a quoted text (with ``<placeholders>``) something Kafka prints? (the matching
  itself is in `kafka_texts`);
- `SourceIndex.check_frame`: does a stack frame ``at org.apache.kafka.X.m(X.java:N)`` name a method of the
  release, with line N inside it?
- `SourceIndex.check_location`: does an evidence location ``path:first-last`` exist at the tag?

To teach it a new kind of frame (another JVM language's synthetic names): extend `_method_names`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .kafka_texts import Template, TextIndex

_GENERATED = "org.apache.kafka.common.message"


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


class SourceIndex:
    """The three source tables of one Kafka release, loaded lazily (the lint needs them, the site does not)."""

    def __init__(self, facts_dir: Path, version: str) -> None:
        self.dir = facts_dir
        self.version = version
        self._parsed: dict[str, list[MethodRange]] = {}  # methods_in() parses a file's rows on first use

    def load(self) -> None:
        """Build every index now (the lint calls this before forking its workers, so they share one copy)."""
        _ = self.files, self._files_by_suffix, self._classes
        self.texts.load()

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
    def texts(self) -> TextIndex:
        # Quotes are compared stripped (a log format's trailing space is invisible in a log line), so are texts.
        return TextIndex(
            (_unclean(text).strip(), locations)
            for text, locations in _cells(self.dir / f"kafka-{self.version}-texts.tsv", 2)
        )

    def verify_text(self, quote: str) -> Template | None:
        """The template that prints `quote`, or None (see `kafka_texts.TextIndex.verify_text`)."""
        return self.texts.verify_text(quote)

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
            for path in paths:  # the raw rows: parsing every method of 3,700 files only to find classes cost 0.1 s
                out.update(f"{package}.{row[1].rstrip('$')}" for row in self._method_rows[path] if row[2] == "<class>")
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
