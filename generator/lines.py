"""Line and column numbers for problems: where in its file a key path of a record is, found once per file.

Problems are made with a key path (``("causes", 2, "title")``); before they are shown, `with_lines` reads each
file once more with ruamel.yaml's round-trip loader (which keeps positions) and turns the path into
``line:col``, pointing inside a multi-line text when the problem names a line of it.

To point at something finer than a key: give the problem a `value_line` (see `rules.base.line_of`).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .problems import Problem

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_FLOW = 32  # brackets open at once ([ and {), counted before parsing
MAX_INDENT = 80
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/record.schema.json"
# A client record is one folder deeper (data/clients/<client>/<name>.yaml).
CLIENT_SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../schema/record.schema.json"


def round_trip(text: str) -> Any:
    """The document with positions (slow: only for files that have problems, once per file)."""
    try:
        return YAML().load(text)
    except Exception:  # noqa: BLE001 - the fast loader accepted it; positions are best effort
        return None


def locate(document: Any, where: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the value at `where` in a `round_trip` document, or of its deepest parent."""
    node = document
    line, col = 1, 1
    for key in where:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        try:
            if isinstance(key, int) and isinstance(node, list) and key < len(node):
                line, col = lc.item(key)
                node = node[key]
            elif isinstance(key, str) and isinstance(node, dict) and key in node:
                line, col = lc.key(key)
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
        line, col = line + 1, col + 1
    return line, col


def _inside_value(text: str, line: int, col: int, offset: int) -> tuple[int, int]:
    """The line `offset` lines into the value whose key is on `line`: block scalars start on the next line."""
    lines = text.splitlines()
    key_line = lines[line - 1] if 0 < line <= len(lines) else ""
    block = re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", key_line) is not None
    target = line + offset + (1 if block else 0)
    if 0 < target <= len(lines):
        return target, len(lines[target - 1]) - len(lines[target - 1].lstrip()) + 1
    return line, col


def with_lines(problems: list[Problem]) -> list[Problem]:
    """Fill in line/column from each problem's key path; re-reads only the files that have problems."""
    texts: dict[str, str] = {}
    documents: dict[str, Any] = {}
    out = []
    for found in problems:
        if not (found.where and found.line == 1 and found.col == 1):
            out.append(found)
            continue
        if found.path not in texts:
            texts[found.path] = Path(found.path).read_text(encoding="utf-8")
            documents[found.path] = round_trip(texts[found.path])
        line, col = locate(documents[found.path], found.where)
        if found.value_line >= 0:
            line, col = _inside_value(texts[found.path], line, col, found.value_line)
        out.append(dataclasses.replace(found, line=line, col=col))
    return sorted(out, key=lambda p: (p.path, p.line, p.col, p.code, p.message))
