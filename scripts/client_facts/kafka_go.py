"""kafka-go: its own errors (exported `Err...` package variables and exported error types of the package root),
its name for every Kafka protocol code (the `Error` constants of error.go, kind=code) with the text
`Error.Error()` prints, and the exported fields of Writer, ReaderConfig, Dialer and Transport.

Per-code text: the format of `func (e Error) Error()` (`[%d] %s: %s` of e, e.Title(), e.Description()) filled
with the code and the strings Title() and Description() return for that constant; retriable = whether
Temporary() lists it. An error type whose Error() returns a code's Error() (MessageTooLargeError) gets that
code's text.

Defaults, as the code applies them: Writer/Transport getters (`if w.X > 0 { return w.X }; return <default>`),
NewReader's `if config.X == 0 { config.X = <default> }` (and ConsumerGroupConfig.Validate's for the fields
NewReader passes on), and the DefaultDialer literal for Dialer fields.
Older releases (HISTORY_TAGS, unpacked next to the tree) add HistoryRows (name = the code number for per-code
texts) for texts the current release no longer prints.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import ConfigRow, ErrorRow, Extract, HistoryRow
from ._go import (
    go_files,
    go_value,
    history,
    line_of,
    local_errors,
    package_values,
    skip_balanced,
    string_expr,
    struct_body,
    struct_fields,
)

CLIENT = "kafka-go"
REPOSITORY = "segmentio/kafka-go"
HISTORY_TAGS = ("v0.2.0", "v0.4.0", "v0.4.30")
STRUCTS = ("Writer", "ReaderConfig", "Dialer", "Transport")


def _method(text: str, name: str) -> str:
    m = re.search(rf"^func \(\w+ \*?Error\) {name}\(\) \w+ \{{", text, re.M)
    return text[m.end() : skip_balanced(text, m.end(), "}") - 1] if m else ""


def _switch(body: str) -> dict[str, str]:
    """constant -> the string its `case` returns."""
    out: dict[str, str] = {}
    for m in re.finditer(r"case ([\w\s,]+):\s*return ", body):
        value, _ = string_expr(body, m.end())
        for const in m.group(1).split(","):
            out.setdefault(const.strip(), value or "")
    return out


def _codes(tree: Path) -> list[dict]:
    """The `Error` constants: name, code, text, retriable, location."""
    text = (tree / "error.go").read_text(encoding="utf-8")
    titles = _switch(_method(text, "Title"))
    descriptions = _switch(_method(text, "Description"))
    temporary = _method(text, "Temporary")
    retriable: set[str] = set()
    for m in re.finditer(r"case ([\w\s,]+):\s*return true", temporary):
        retriable |= {c.strip() for c in m.group(1).split(",")}
    error_body = _method(text, "Error")
    call = re.search(r"return fmt\.Sprintf\(", error_body)
    fmt, args = "", []
    if call:
        value, end = string_expr(error_body, call.end())
        fmt = value or ""
        rest = error_body[end : skip_balanced(error_body, call.end(), ")") - 1]
        args = [a.strip() for a in rest.split(",") if a.strip()]
    out = []
    for m in re.finditer(r"^\t(\w+)\s+Error = (-?\d+)", text, re.M):
        name, code = m.group(1), m.group(2)
        fill = {"Title": titles.get(name, ""), "Description": descriptions.get(name, "")}
        pieces = []
        for arg in args:
            method = re.fullmatch(r"\w+\.(Title|Description)\(\)", arg)
            pieces.append(fill[method.group(1)] if method else code)  # e, int(e): the code
        verbs = iter(pieces)
        printed = re.sub(r"%[-+# 0]*\d*[dsvq]", lambda _, verbs=verbs: next(verbs, "{}"), fmt) if fmt else ""
        out.append(
            {
                "name": name,
                "code": code,
                "text": printed,
                "retriable": "true" if name in retriable else "false",
                "location": f"error.go:{line_of(text, m.start())}",
            }
        )
    return out


def _errors(tree: Path) -> tuple[list[ErrorRow], dict[str, list[str]]]:
    codes = _codes(tree)
    by_const = {c["name"]: c for c in codes}

    def type_texts(_name: str, t: dict[str, Any]) -> list[str]:
        # a type whose Error() is a protocol code's (`return Error(code).Error()`) prints that code's text
        code = re.fullmatch(r"(\w+)\.Error\(\)", t["expr"])
        if not t["texts"] and code and code.group(1) in by_const:
            return [by_const[code.group(1)]["text"]]
        return list(t["texts"])

    rows, texts = local_errors(tree, tree, ignore=("Error",), type_texts=type_texts)
    for c in codes:
        rows.append(
            ErrorRow(
                name=c["name"],
                kind="code",
                text=c["text"],
                code=c["code"],
                retriable=c["retriable"],
                location=c["location"],
            )
        )
        texts[c["code"]] = [c["text"]]  # history of per-code texts is keyed by the code number
    return rows, texts


def _defaults(tree: Path) -> dict[str, str]:
    """Default values of settings: the Writer's and Transport's getters, NewReader's and the consumer group's
    zero-value fallbacks, and DefaultDialer's fields."""
    files = go_files(tree)
    values = package_values(files)

    def value(expr: str) -> str:
        if re.search(r"\b(w|t|r|config)\.", expr):
            return ""  # falls back to another field
        return go_value(expr, values, lambda name: name.startswith("default"))  # internal constants only

    sources = {p.name: p.read_text(encoding="utf-8") for p in files}
    out: dict[str, str] = {}
    for key, expr in [*_getter_defaults(sources), *_reader_defaults(sources), *_dialer_defaults(sources)]:
        if v := value(expr):
            out.setdefault(key, v)
    return out


def _getter_defaults(sources: dict[str, str]) -> list[tuple[str, str]]:
    """`func (w *Writer) batchSize() int { if w.BatchSize > 0 { return w.BatchSize }; return 100 }`."""
    out = []
    for struct, receiver_file in (("Writer", "writer.go"), ("Transport", "transport.go")):
        text = sources.get(receiver_file, "")
        for m in re.finditer(rf"^func \((\w+) \*{struct}\) \w+\(\) [^{{\n]+\{{", text, re.M):
            body = text[m.end() : skip_balanced(text, m.end(), "}") - 1]
            r = m.group(1)
            guard = rf"\s*if {r}\.(\w+) (?:>|!=) (?:0|nil|\"\") \{{\s*return {r}\.\1\s*\}}"
            got = re.match(guard + r"(?:\s*//[^\n]*)*\s*return ([^\n]+)", body)
            if got:
                out.append((f"{struct}.{got.group(1)}", got.group(2)))
    return out


_ZERO = re.compile(r"^\s*if config\.(\w+) == (?:0|nil|\"\") \{\s*config\.\1 = ([^\n]+)\s*\}", re.M)


def _body(text: str, header: str) -> str | None:
    found = re.search(header, text, re.M)
    return text[found.end() : skip_balanced(text, found.end(), "}") - 1] if found else None


def _reader_defaults(sources: dict[str, str]) -> list[tuple[str, str]]:
    """NewReader's `if config.X == 0 { config.X = ... }`, and the consumer group's for the fields it is passed."""
    body = _body(sources.get("reader.go", ""), r"^func NewReader\(config ReaderConfig\) \*Reader \{")
    if body is None:
        return []
    out = [(f"ReaderConfig.{m.group(1)}", m.group(2)) for m in _ZERO.finditer(body)]
    passed = dict(  # ConsumerGroupConfig field -> ReaderConfig field
        re.findall(r"^\s*(\w+):\s*r\.config\.(\w+),", body[body.find("ConsumerGroupConfig{") :], re.M)
    )
    validate = _body(
        sources.get("consumergroup.go", ""), r"^func \(config \*ConsumerGroupConfig\) Validate\(\) error \{"
    )
    for m in _ZERO.finditer(validate or ""):
        if m.group(1) in passed:
            out.append((f"ReaderConfig.{passed[m.group(1)]}", m.group(2)))
    return out


def _dialer_defaults(sources: dict[str, str]) -> list[tuple[str, str]]:
    dialer = re.search(r"^var DefaultDialer = &Dialer\{(.*?)^\}", sources.get("dialer.go", ""), re.M | re.S)
    return [
        (f"Dialer.{field}", expr)
        for field, expr in re.findall(r"^\s*(\w+):\s*(.+?),?\s*$", dialer.group(1) if dialer else "", re.M)
    ]


def _config(tree: Path) -> list[ConfigRow]:
    defaults = _defaults(tree)
    rows = []
    sources = [p.read_text(encoding="utf-8") for p in go_files(tree)]
    for struct in STRUCTS:
        body = next((b for b in (struct_body(t, struct) for t in sources) if b is not None), "")
        for name, _, _ in struct_fields(body):
            key = f"{struct}.{name}"
            rows.append(ConfigRow(key, "client", defaults.get(key, "")))
    return rows


def _texts(tree: Path) -> dict[str, list[str]]:
    return _errors(tree)[1]


def extract(tree: Path, release: str) -> Extract:
    errors, texts = _errors(tree)
    current = {name: set(ts) for name, ts in texts.items()}
    extra = [HistoryRow(name, text, release) for name, ts in texts.items() for text in ts[1:]]
    return Extract(
        errors=errors,
        history=extra + history(CLIENT, tree=tree, release=release, tags=HISTORY_TAGS, texts=_texts, current=current),
        config=_config(tree),
    )
