"""What `explain` prints: a readable report, or `{"matches": [...]}` JSON, and how inputs are opened.

To add an output format: write a function over the ranked `Finding`s and a flag in `generator.cli`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO, Any

from .scan import Finding


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
