"""Read record files safely and point problems at their line and column.

Records are untrusted input from pull requests, so reading is defensive: regular files only (no
symlinks), a size cap, strict UTF-8, ruamel.yaml's safe loader (no Python object tags) with anchors and
aliases refused (no "billion laughs"), and a nesting cap. Every failure becomes a `Problem` with a line;
nothing raises past `read_record`.

Parsing uses the fast C loader. Line numbers are only needed when something is wrong, so `locate` re-reads
a file with the slower round-trip loader, which keeps positions, and only for files that have problems.

To refuse another YAML feature: raise a `ConstructorError` from `yaml_values.Values` and map it in
`_yaml_problem`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from .problems import Problem, problem
from .rule_codes import rule
from .yaml_values import TooDeep, Values

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_FLOW = 32  # brackets open at once ([ and {), counted before parsing
MAX_INDENT = 80
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/record.schema.json"
# A client record is one folder deeper (data/clients/<client>/<name>.yaml).
CLIENT_SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../schema/record.schema.json"


class _Resolver(VersionedResolver):
    """YAML 1.2 implicit types (bool, int, float, null, timestamp) looked up from a table built once.

    ruamel's resolver recomputes the YAML-version table for every scalar; records have thousands of
    scalars. Parsing the 309 records of the catalog takes 0.88 s with this class and 1.40 s with ruamel's own
    resolver (best of six, 2 cores), so the override stays. It reads only `versioned_resolver` and
    `DEFAULT_SCALAR_TAG`, the resolver's public attributes: same rules, same results."""

    _table: dict[Any, list[Any]] | None = None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            if self._table is None:
                self._table = {key: list(rules) for key, rules in self.versioned_resolver.items()}
            for tag, regexp in self._table.get(value[:1], ()) if value else self._table.get("", ()):
                if regexp.match(value):
                    return Tag(suffix=tag)
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def _fast_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _Resolver
    return yaml


_FAST = _fast_yaml()


def decode(path: Path, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Strict UTF-8 with the position of the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [problem(path, "KEI003", "the file starts with a UTF-8 byte-order mark")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        return None, [problem(path, "KEI003", f"byte 0x{raw[err.start]:02x} is not valid UTF-8", line=line, col=col)]


@rule(
    "KEI006",
    "not-a-file",
    "A path in data/errors is a symlink, a directory or not a .yaml file.",
    "Keep one regular <fqn>.yaml file per record in data/errors/; copy content instead of linking it.",
)
def check_file(path: Path) -> list[Problem]:
    """Refuse anything that is not a plain, reasonably sized .yaml file (before reading it)."""
    if path.is_symlink():
        return [problem(path, "KEI006", "is a symbolic link; records must be regular files inside data/errors")]
    if not path.is_file():
        return [problem(path, "KEI006", "is not a regular file")]
    if path.suffix != ".yaml":
        return [problem(path, "KEI006", f"has the extension {path.suffix!r}; records are .yaml files")]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return [problem(path, "KEI005", f"is {size:,} bytes; the limit is {MAX_BYTES:,}")]
    return []


def read_record(path: Path) -> tuple[Any, list[Problem]]:
    """Load one record file. Returns (data, problems); data is None when the file could not be read."""
    found = check_file(path)
    if found:
        return None, found
    text, found = decode(path, path.read_bytes())
    if text is None:
        return None, found
    return parse(path, text)


_DASHES = re.compile(r"(?:- +)*")  # "- - - - x" nests sequences on one line


def _too_deep(text: str) -> tuple[int, str] | None:
    """A cheap look at the nesting before parsing: the C parser recurses per level and can crash the
    process (not raise) on input nested tens of thousands deep. Conservative: brackets inside quotes count."""
    depth = deepest = 0
    for line_no, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) > MAX_INDENT:
            return line_no, f"indented {len(line) - len(stripped)} spaces; records are a few levels deep"
        if len(_DASHES.match(stripped).group(0).split()) > MAX_DEPTH:  # type: ignore[union-attr]  # always matches
            return line_no, "nests sequences on one line deeper than a record can be"
        if not depth and "[" not in line and "{" not in line:
            continue  # nothing opens or closes here: most lines of prose (the per-character walk was 1.4 ms a record)
        for char in line:
            if char in "[{":
                depth += 1
                if depth > deepest:
                    deepest = depth
                    if deepest > MAX_FLOW:
                        return line_no, f"opens more than {MAX_FLOW} brackets deep"
            elif char in "]}" and depth:
                depth -= 1
    return None


@rule(
    "KEI003",
    "encoding",
    "The file is not UTF-8 text.",
    "Save the file as UTF-8 without a byte-order mark.",
)
@rule(
    "KEI005",
    "file-too-large",
    "The file or its nesting exceeds the limits for a record.",
    "Records stay under 256 KiB and a few levels deep; shorten the text or split the entry.",
)
@rule(
    "KEI203",
    "schema-comment",
    "The first line is not the yaml-language-server schema comment.",
    "Start the file with: # yaml-language-server: $schema=../../schema/record.schema.json (../../../schema/... in data/clients/<client>/).",
)
def parse(path: Path, text: str) -> tuple[Any, list[Problem]]:
    deep = _too_deep(text)
    if deep is not None:
        return None, [problem(path, "KEI005", f"line {deep[0]} {deep[1]}", line=deep[0])]
    try:
        node = _FAST.compose(text)
        data = None if node is None else Values(MAX_DEPTH, _FAST.constructor).build(node)
    except MarkedYAMLError as err:
        return None, [_yaml_problem(path, err, text)]
    except YAMLError as err:  # the reader refuses control characters (NUL, BEL ...) before parsing
        position = getattr(err, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        return None, [
            problem(
                path, "KEI003", str(getattr(err, "reason", err)).strip() or "unreadable character", line=line, col=col
            )
        ]
    except RecursionError:
        return None, [problem(path, "KEI005", f"nesting is deeper than {MAX_DEPTH} levels")]
    except TooDeep as err:
        return None, [problem(path, "KEI005", f"nesting is {err.level} levels deep; the limit is {MAX_DEPTH}")]
    if data is None:
        return None, [
            problem(
                path,
                "KEI103",
                "the file holds no record: expected a mapping of fields (start from the template in CONTRIBUTING.md)",
            )
        ]
    found = []
    expected = CLIENT_SCHEMA_COMMENT if path.parent.parent.name == "clients" else SCHEMA_COMMENT
    if not text.startswith(expected):
        found.append(problem(path, "KEI203", f"the first line must be the schema comment: {expected}"))
    return data, found


@rule(
    "KEI001",
    "yaml-syntax",
    "The file is not valid YAML.",
    "Fix the YAML at the position shown; indent with spaces, and quote strings that contain ': ' or start with a special character.",
)
@rule(
    "KEI002",
    "duplicate-key",
    "A mapping has the same key twice.",
    "Keep one of the two keys; YAML would silently drop the first.",
)
@rule(
    "KEI004",
    "yaml-feature",
    "The file uses a YAML anchor, alias, merge key or tag.",
    "Write the value out in full; records use plain mappings, lists and scalars only.",
)
def _yaml_problem(path: Path, err: MarkedYAMLError, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = (err.problem or str(err)).strip()
    if isinstance(err, DuplicateKeyError):
        first = err.context_mark.line + 1 if err.context_mark is not None else line
        return problem(path, "KEI002", f"{what} (the mapping starts on line {first})", line=line, col=col)
    if isinstance(err, ConstructorError):
        return problem(path, "KEI004", what, line=line, col=col)
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][: max(col, 1)]:
        what += " (a tab character: YAML indentation must use spaces)"
    if err.context:
        what = f"{err.context}: {what}"
    return problem(path, "KEI001", what, line=line, col=col)


def read_published(path: Path) -> list[tuple[int, str]]:
    """``data/published.txt``: (line number, record id) of every id ever published; `#` lines are comments.
    The one reader of the file: the lint (KEI204) and `refresh` both use it."""
    if not path.is_file():
        return []
    lines = enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    return [(number, line.strip()) for number, line in lines if line.strip() and not line.strip().startswith("#")]
