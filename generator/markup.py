"""What counts as code in contributor Markdown: fenced blocks and inline code spans.

The lint (which refuses HTML and bad links outside code) and the renderer (which neutralises them outside
code) must agree on where code starts and ends, or one would pass what the other treats differently; both
use these definitions.

To recognise another kind of code: extend `FENCE` or `CODE_SPAN`; `outside_code` and `code_spans` follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})([^\n]*\n.*?)(?:^ {0,3}\2[`~]*[ \t]*$|\Z)", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)


def _keep(part: str) -> str:
    return part


def outside_code(
    text: str, transform: Callable[[str], str], fence: Callable[[str], str] = _keep, span: Callable[[str], str] = _keep
) -> str:
    """`transform` applied to the text outside code; fenced blocks and code spans go through `fence`/`span`."""
    if "`" not in text and "~~~" not in text:
        return transform(text)  # no fence and no span can start: most fields (a third of a large build's rendering)
    out: list[str] = []
    pos = 0
    for block in FENCE.finditer(text):
        out.append(_spans(text[pos : block.start()], transform, span))
        out.append(fence(block.group(0)))
        pos = block.end()
    out.append(_spans(text[pos:], transform, span))
    return "".join(out)


def _spans(text: str, transform: Callable[[str], str], span: Callable[[str], str]) -> str:
    if "`" not in text:
        return transform(text)
    out: list[str] = []
    pos = 0
    for match in CODE_SPAN.finditer(text):
        out.append(transform(text[pos : match.start()]))
        out.append(span(match.group(0)))
        pos = match.end()
    out.append(transform(text[pos:]))
    return "".join(out)


def code_spans(text: str) -> list[str]:
    """The contents of the inline code spans outside fenced blocks."""
    return [m.group(2).strip() for m in CODE_SPAN.finditer(FENCE.sub("\n", text))]
