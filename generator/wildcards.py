"""Wildcard matching of a Kafka text template against a quote: where its literal parts fall, what each
placeholder covers.

A template is a list of literal parts with a placeholder between each two (`"Timeout expired after {}ms"` →
`["Timeout expired after ", "ms"]`). Matching is wildcard matching: taking each middle part at its earliest
place decides whether a text fits at all, and one left-to-right pass gives what each placeholder covered
(shortest first), without compiling a regular expression per template. `generator.kafka_source` decides
whether what a placeholder covered is acceptable (a value, or another Kafka text).

To recognise a new way Kafka decorates a text (a prefix it adds at run time): extend `DECORATION`.
"""

from __future__ import annotations

import re

_TAG = r"\[[^\]]*(?:\[[^\]]*\][^\]]*)*\]"  # [...] holding at most one level of [...]
# Streams' log prefix names its tags: `stream-thread [app-StreamThread-1] task [0_1] `.
DECORATION = re.compile(rf"^(?:(?:[a-z][\w-]* )?{_TAG} )+(?P<text>.+)$|^(?P<text2>.+?) {_TAG}$", re.S)
# A value (no spaces) glued to the punctuation that starts the next text: `NETWORK_EXCEPTION. Error Message: ...`.
GLUED = re.compile(r"^[^\s.,:;(]+(?=[.,:;(])")
_BRACKETED = re.compile(r"\[[^\[\]{}()]*\]|\{[^\[\]{}()]*\}|\([^\[\]{}()]*\)")


def without_brackets(value: str) -> str:
    """A data structure's toString (`Optional[host:9092 (id: 1 rack: null isFenced: false)]`,
    `FetchPosition{offset=5, ...}`) is a value however many spaces it holds: drop what its brackets enclose."""
    previous = None
    while previous != value:
        previous, value = value, _BRACKETED.sub("", value)
    return value


# Matching a template is wildcard matching: its literal parts in order, anything between them. Taking each
# middle part at its earliest place leaves the most room for the rest, so one left-to-right pass decides it
# (and gives what each placeholder covered, shortest first) without compiling a regular expression per text.


_MAX_SPLITS = 16  # ways to place a template's repeated literal parts that are tried before giving up


def fullmatches(parts: list[str], text: str) -> list[tuple[str, ...]]:
    """Every way (up to `_MAX_SPLITS`, earliest first) the whole text is one of the template's texts.

    The earliest place of each part decides whether the text fits at all; later places matter when a value
    holds the next part's characters (`/10.0.0.1 (channelId=...)` before ` (`).
    """
    first = fullmatch(parts, text)
    if first is None or len(parts) < 3:
        return [first] if first is not None else []
    found: list[tuple[str, ...]] = []
    start, end = len(parts[0]), len(text) - len(parts[-1])

    def place(index: int, pos: int, groups: tuple[str, ...]) -> None:
        if len(found) >= _MAX_SPLITS:
            return
        if index == len(parts) - 1:
            found.append((*groups, text[pos:end]))
            return
        at = text.find(parts[index], pos, end)
        while at >= 0 and len(found) < _MAX_SPLITS:
            place(index + 1, at + len(parts[index]), (*groups, text[pos:at]))
            at = text.find(parts[index], at + 1, end)

    place(1, start, ())
    return found


def fullmatch(parts: list[str], text: str) -> tuple[str, ...] | None:
    """What each placeholder covers when the whole text is one of the template's texts, or None."""
    first, last = parts[0], parts[-1]
    if len(parts) == 1:
        return () if text == first else None
    end = len(text) - len(last)
    if end < len(first) or not text.startswith(first) or not text.endswith(last):
        return None
    groups, pos = [], len(first)
    for part in parts[1:-1]:
        found = text.find(part, pos, end)
        if found < 0:
            return None
        groups.append(text[pos:found])
        pos = found + len(part)
    groups.append(text[pos:end])
    return tuple(groups)


def match_start(parts: list[str], text: str) -> tuple[tuple[str, ...], int] | None:
    """A template's text at the start of `text` (shortest): the placeholders' parts and where it ends."""
    if not text.startswith(parts[0]):
        return None
    groups, pos = [], len(parts[0])
    for part in parts[1:]:
        found = text.find(part, pos)
        if found < 0:
            return None
        groups.append(text[pos:found])
        pos = found + len(part)
    return tuple(groups), pos


def prefix_groups(parts: list[str], text: str) -> tuple[str, ...] | None:
    """What the placeholders cover when `text` is the start of one of the template's texts (a quote cut
    short with "..."): the parts it holds whole, then the quote ends in a placeholder or inside the next part."""
    if parts[0].startswith(text):
        return ()
    for count in range(len(parts), 0, -1):
        head = match_start(parts[:count], text)
        if head is None:
            continue
        groups, pos = head
        rest = text[pos:]
        if count == len(parts):
            return groups if not rest else None
        following = parts[count]
        # the shortest run of placeholder text, then the start of the next part (or nothing of it)
        cut = next(i for i in range(len(rest) + 1) if following.startswith(rest[i:]))
        return (*groups, rest[:cut])
    return None
