"""Python values from a composed YAML document: the strict half of reading a record (`generator.loader`).

The loader's YAML parser composes nodes (in C, with `loader._Resolver` tagging each scalar); `Values` turns
them into dicts, lists and scalars and refuses what a record never needs. A record is untrusted input from a
pull request, so each refusal is a `ConstructorError` with the node's position, which the loader words.

To refuse another YAML feature: raise a `ConstructorError` in `Values.build` and word it in
`loader._yaml_problem`.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, SafeConstructor
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver

_STR, _MAP, _SEQ, _MERGE = (f"tag:yaml.org,2002:{t}" for t in ("str", "map", "seq", "merge"))
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null", "timestamp"))


class TooDeep(Exception):
    def __init__(self, level: int) -> None:
        self.level = level


class Values:
    """Python values from a composed YAML document, refusing what records never need: a node used twice (an
    alias), a merge key (<<), any tag beyond the plain JSON-like types (no !!python/..., !!binary, !include),
    a duplicate key, and nesting deeper than `max_depth` collections.

    Built here rather than by ruamel's constructor, whose generic machinery (deferred construction, per-node
    tag lookups) took a third of reading a record: 0.6 of 1.7 ms per record; this walk takes under 0.1 ms."""

    def __init__(self, max_depth: int, scalars: SafeConstructor) -> None:
        """`scalars` builds the scalars other than strings (a number, a boolean, null, a date): ruamel's safe
        constructor of the parser's YAML version."""
        self._max_depth = max_depth
        self._scalars = scalars
        self._seen: set[int] = set()  # nodes by identity: the composer gives an alias the node of its anchor

    def build(self, node: Node, level: int = 1) -> Any:
        if id(node) in self._seen:
            raise ConstructorError(
                None, None, "found an alias (*name) or merge key (<<) reusing an anchored value", node.start_mark
            )
        self._seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.ctag is BaseResolver.DEFAULT_SCALAR_TAG:  # a string, as nearly every scalar is: no tag to compare
                return node.value
            tag = str(node.ctag)
            if tag == _STR:
                return node.value
            if tag in _SCALAR_TAGS:
                return self._scalars.yaml_constructors[tag](self._scalars, node)
        elif level > self._max_depth:
            raise TooDeep(level)
        elif isinstance(node, SequenceNode) and str(node.ctag) == _SEQ:
            return [self.build(item, level + 1) for item in node.value]
        elif isinstance(node, MappingNode) and str(node.ctag) == _MAP:
            return self._mapping(node, level)
        raise ConstructorError(None, None, f"found the YAML tag {str(node.ctag)!r}", node.start_mark)

    def _mapping(self, node: MappingNode, level: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if str(key_node.ctag) == _MERGE:
                raise ConstructorError(None, None, "found a merge key (<<)", key_node.start_mark)
            key = self.build(key_node, level + 1)
            if isinstance(key, list | dict):
                raise ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark
                )
            value = self.build(value_node, level + 1)
            if key in out:
                raise DuplicateKeyError(
                    "while constructing a mapping",
                    node.start_mark,
                    f'found duplicate key "{key}" with value "{value}" (original value: "{out[key]}")',
                    key_node.start_mark,
                )
            out[key] = value
        return out
