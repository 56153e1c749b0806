"""Line and column numbers for problems: where in its file a key path of a record is, found once per file.

Problems are made with a key path (``("causes", 2, "title")``); before they are shown, `with_lines` composes
each file that has problems once more into ruamel.yaml's node tree (which keeps positions) and turns the path
into ``line:col``, pointing inside a multi-line text when the problem names a line of it.

To point at something finer than a key: give the problem a `value_line` (see `rules.base.line_of`).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, cast

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from .problems import Problem

_COMPOSER = YAML(typ="safe", pure=False)


def node_tree(text: str) -> Node | None:
    """The document's node tree, which keeps every key's and item's position (composed by the C parser:
    ten times faster than a round-trip load, the same positions). Only for files that have problems."""
    try:
        return cast(Node, _COMPOSER.compose(text))
    except Exception:  # noqa: BLE001 - the strict loader reported why it cannot be read; positions are best effort
        return None


def locate(node: Node | None, where: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the key or item at `where`, or of its deepest parent that exists."""
    line, col = 1, 1
    for key in where:
        if isinstance(node, MappingNode) and isinstance(key, str):
            found = next(((k, v) for k, v in node.value if k.value == key), None)
            if found is None:
                break
            mark, node = found[0].start_mark, found[1]
        elif isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            node = node.value[key]
            mark = node.start_mark
        else:
            break
        line, col = mark.line + 1, mark.column + 1
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
            documents[found.path] = node_tree(texts[found.path])
        line, col = locate(documents[found.path], found.where)
        if found.value_line >= 0:
            line, col = _inside_value(texts[found.path], line, col, found.value_line)
        out.append(dataclasses.replace(found, line=line, col=col))
    return sorted(out, key=lambda p: (p.path, p.line, p.col, p.code, p.message))
