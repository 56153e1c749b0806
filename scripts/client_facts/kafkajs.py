"""KafkaJS: error classes of src/errors.js, the literal messages src/ throws with them, and the options of
types/index.d.ts (KafkaConfig, ProducerConfig, ConsumerConfig, AdminConfig) with the defaults the source states.

Each class gets one ErrorRow: its default message if its constructor passes a literal to `super`, else the literal
message it is most often constructed with in src/ (ties: fewer run-time parts, then first by path and line). The
other literal messages of a class cannot be keyed by name, so they become HistoryRows with releases = the release
read. Older releases
(HISTORY_TAGS, unpacked next to the tree as `<tree name with the release replaced by the tag>`) add HistoryRows for
texts the current release no longer prints. Run-time parts (`${x}`, concatenated variables) are written `{}`.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from . import ConfigRow, ErrorRow, Extract, HistoryRow, skip_balanced, skip_space_and_comments

CLIENT = "kafkajs"
REPOSITORY = "tulios/kafkajs"
HISTORY_TAGS = ("v1.4.0", "v1.10.0", "v1.16.0")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}


# --- a small JavaScript reader: enough to take literal strings, templates and concatenations apart ------------


_skip_ws = skip_space_and_comments


def _read_string(text: str, i: int) -> tuple[str, int]:
    """Read a '...' or "..." literal starting at i; return (value, index after it)."""
    quote, i, out = text[i], i + 1, []
    while i < len(text) and text[i] != quote:
        if text[i] == "\\" and i + 1 < len(text):
            out.append(_ESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i + 1


def _skip_balanced(text: str, i: int, closer: str) -> int:
    """From just inside an opening bracket, return the index just after its matching `closer`."""
    return skip_balanced(text, i, closer, {"'": _read_string, '"': _read_string, "`": _read_template})


def _read_template(text: str, i: int) -> tuple[str, int]:
    """Read a `...` template starting at i; `${...}` become {}."""
    i, out = i + 1, []
    while i < len(text) and text[i] != "`":
        if text[i] == "\\" and i + 1 < len(text):
            out.append(_ESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
        elif text.startswith("${", i):
            i = _skip_balanced(text, i + 2, "}")
            out.append("{}")
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i + 1


def _read_other(text: str, i: int) -> int:
    """Skip a non-literal operand up to a top-level `+`, `,` or `)`."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    while i < len(text):
        c = text[i]
        if c in "'\"":
            _, i = _read_string(text, i)
        elif c == "`":
            _, i = _read_template(text, i)
        elif c in pairs:
            i = _skip_balanced(text, i + 1, pairs[c])
        elif c in "+,)":
            return i
        else:
            i += 1
    return i


def _literal_argument(text: str, i: int) -> str | None:
    """The first argument at text[i:] as a message if it is built from literals (variables as {}), else None."""
    parts: list[str] = []
    literal = False
    while True:
        i = _skip_ws(text, i)
        if i >= len(text):
            return None
        c = text[i]
        if c in "'\"":
            value, i = _read_string(text, i)
            parts.append(value)
            literal = True
        elif c == "`":
            value, i = _read_template(text, i)
            parts.append(value)
            literal = True
        else:
            i = _read_other(text, i)
            parts.append("{}")
        i = _skip_ws(text, i)
        if i < len(text) and text[i] == "+":
            i += 1
            continue
        if i < len(text) and text[i] in ",)":
            break
        return None  # e.g. 'x'.replace(...), a ternary starting with a literal
    if not literal:
        return None
    message = "".join(parts)
    while "{}{}" in message:
        message = message.replace("{}{}", "{}")
    return message


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


# --- errors -----------------------------------------------------------------------------------------------------

_CLASS = re.compile(r"^class (\w+) extends (\w+) \{", re.M)


def _classes(tree: Path) -> dict[str, dict]:
    """Each error class of src/errors.js: parent, default message, retriable rule, line."""
    text = (tree / "src/errors.js").read_text(encoding="utf-8")
    classes: dict[str, dict] = {}
    for m in _CLASS.finditer(text):
        end = _skip_balanced(text, m.end(), "}")
        body = text[m.end() : end]
        info = {"parent": m.group(2), "line": _line(text, m.start()), "default": None, "retriable": None}
        sup = re.search(r"\bsuper\(", body)
        if sup:
            args_end = _skip_balanced(body, sup.end(), ")")
            args = body[sup.end() : args_end - 1]
            info["default"] = _literal_argument(body, sup.end())
            r = re.search(r"\bretriable\b\s*(:\s*([\w.]+))?", args)
            if r:
                info["retriable"] = r.group(2) if r.group(2) in ("true", "false") else ""
        own = re.search(r"\bretriable\s*=\s*(true|false)\b", body)
        if info["retriable"] is None and own and re.search(r"this\.retriable\s*=\s*retriable", body):
            info["retriable"] = own.group(1)
        classes[m.group(1)] = info
    return classes


def _retriable(classes: dict[str, dict], name: str) -> str:
    while name in classes:
        if classes[name]["retriable"] is not None:
            return classes[name]["retriable"]
        name = classes[name]["parent"]
    return ""  # reached Error: the class does not say


def _source_files(tree: Path) -> list[Path]:
    return sorted(
        p
        for p in (tree / "src").rglob("*.js")
        if not p.name.endswith(".spec.js") and "__tests__" not in p.parts and "fixtures" not in p.parts
    )


def _thrown_texts(tree: Path, classes: dict[str, dict]) -> dict[str, list[tuple[str, tuple[str, int]]]]:
    """class -> [(text, (path, line))] of every literal message src/ constructs it with."""
    found: dict[str, list[tuple[str, tuple[str, int]]]] = {}
    for path in _source_files(tree):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\bnew\s+(KafkaJS\w+)\s*\(", text):
            if m.group(1) not in classes:
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            if text[line_start : m.start()].lstrip().startswith(("//", "*")):
                continue
            message = _literal_argument(text, m.end())
            if message is None or message.strip("{} ") == "":
                continue
            found.setdefault(m.group(1), []).append((message, (str(path.relative_to(tree)), _line(text, m.start()))))
    return found


def _texts(tree: Path) -> tuple[dict[str, dict], dict[str, str], dict[str, list[str]]]:
    """(classes, class -> its ErrorRow text, class -> its other texts)."""
    classes = _classes(tree)
    thrown = _thrown_texts(tree, classes)
    main: dict[str, str] = {}
    extra: dict[str, list[str]] = {}
    for name, info in classes.items():
        uses = thrown.get(name, [])
        default = info["default"]
        if default is not None:
            main[name] = default
            if default.count("{}") == 1:  # the default wraps the message it is given (KafkaJSInvariantViolation)
                extra[name] = sorted({default.replace("{}", t) for t, _ in uses})
            continue
        counts = Counter(t for t, _ in uses)
        first = {}
        for t, where in uses:
            first.setdefault(t, where)
        # most used first; on a tie the text with fewer run-time parts, then the first in the source
        ranked = sorted(counts, key=lambda t: (-counts[t], t.count("{}"), first[t]))
        main[name] = ranked[0] if ranked else ""
        extra[name] = sorted(ranked[1:])
    return classes, main, extra


def _history(tree: Path, release: str, current: dict[str, set[str]]) -> list[HistoryRow]:
    seen: dict[tuple[str, str], list[str]] = {}
    for tag in HISTORY_TAGS:
        old = tree.parent / tree.name.replace(release, tag)
        if not (old / "src/errors.js").is_file():
            print(f"kafkajs: no tree for {tag} at {old}; its texts are not compared", file=sys.stderr)
            continue
        _, main, extra = _texts(old)
        for name, known in current.items():
            for text in {main.get(name, ""), *extra.get(name, [])} - {""}:
                if text not in known:
                    seen.setdefault((name, text), []).append(tag)
    return [
        HistoryRow(name, text, tags[0] if len(tags) == 1 else f"{tags[0]}-{tags[-1]}")
        for (name, text), tags in sorted(seen.items())
    ]


# --- config -----------------------------------------------------------------------------------------------------


def _block(text: str, start: re.Pattern[str]) -> str:
    m = start.search(text)
    if not m:
        return ""
    return text[m.end() : _skip_balanced(text, m.end(), "}") - 1]


def _fields(body: str) -> list[tuple[str, str]]:
    """(name, type) of the members of a TypeScript object type body, top level only."""
    out, i = [], 0
    while i < len(body):
        i = _skip_ws(body, i)
        m = re.compile(r"'?([\w-]+)'?\??\s*:\s*").match(body, i)
        if not m:
            nl = body.find("\n", i)
            i = len(body) if nl < 0 else nl + 1
            continue
        j = m.end()
        while j < len(body) and body[j] not in "\n;":
            if body[j] in "({[":
                j = _skip_balanced(body, j + 1, {"(": ")", "{": "}", "[": "]"}[body[j]])
            else:
                j += 1
        out.append((m.group(1), body[m.end() : j].strip()))
        i = j + 1
    return out


def _type_keys(types: str, type_expr: str, seen: frozenset[str] = frozenset()) -> list[str]:
    """Nested option keys of a field's type: members of the project's own interfaces, object literals and the
    SASL mechanism map (each mechanism's members plus `mechanism`). Empty for scalars and external types."""
    keys: list[str] = []
    for literal in re.findall(r"\{([^{}]*)\}", type_expr):
        keys += [k for k, _ in _fields(literal)]
    for ident in re.findall(r"\b[A-Z]\w*\b", re.sub(r"\{[^{}]*\}", "", type_expr)):
        if ident in seen:
            continue
        if ident == "SASLOptions":
            keys.append("mechanism")
            for _, member in _fields(_block(types, re.compile(r"type SASLMechanismOptionsMap = \{"))):
                keys += _type_keys(types, member, seen | {ident})
            continue
        body = _block(types, re.compile(rf"(?:interface {ident}|type {ident} =) \{{"))
        keys += [k for k, _ in _fields(body)]
    return list(dict.fromkeys(keys))


_SCOPES = {"KafkaConfig": "client", "ProducerConfig": "producer", "ConsumerConfig": "consumer", "AdminConfig": "admin"}

# Where the source gives each scope's defaults, outermost first: (file, start of the destructured parameter).
_DEFAULT_SITES = {
    "client": [
        ("src/index.js", r"constructor\(\{"),
        ("src/cluster/index.js", r"constructor\(\{"),
        ("src/network/connection.js", r"constructor\(\{"),
        ("src/broker/index.js", r"constructor\(\{"),
    ],
    "producer": [
        ("src/index.js", r"\n  producer\(\{"),
        ("src/producer/index.js", r"module\.exports = \(\{"),
        ("src/producer/eosManager/index.js", r"module\.exports = \(\{"),
        ("src/index.js", r"\[PRIVATE\.CREATE_CLUSTER\] = \(\{"),
        ("src/cluster/index.js", r"constructor\(\{"),
    ],
    "consumer": [
        ("src/index.js", r"\n  consumer\(\{"),
        ("src/consumer/index.js", r"module\.exports = \(\{"),
        ("src/index.js", r"\[PRIVATE\.CREATE_CLUSTER\] = \(\{"),
        ("src/cluster/index.js", r"constructor\(\{"),
    ],
    "admin": [("src/admin/index.js", r"module\.exports = \(\{")],
}


def _value(expr: str, text: str) -> str:
    expr = expr.strip()
    const = re.search(rf"^const {re.escape(expr)} = (.+)$", text, re.M) if re.fullmatch(r"[A-Z_]+", expr) else None
    if const:
        expr = const.group(1).strip()
    if re.fullmatch(r"[\d\s*+.()-]+", expr):
        value = eval(expr, {"__builtins__": {}})  # digits and arithmetic only (30 * 1000)
        return str(int(value)) if float(value).is_integer() else str(value)
    if len(expr) >= 2 and expr[0] == expr[-1] and expr[0] in "'\"":
        return expr[1:-1]
    return expr


def _defaults(tree: Path, scope: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for rel, start in _DEFAULT_SITES[scope]:
        text = (tree / rel).read_text(encoding="utf-8")
        m = re.search(start, text)
        if not m:
            continue
        body = text[m.end() : _skip_balanced(text, m.end(), "}") - 1]
        i = 0
        while i < len(body):  # top-level `name = expr` entries
            i = _skip_ws(body, i)
            entry = re.compile(r"(\w+)(?:\s*:\s*\w+)?\s*(=\s*)?").match(body, i)
            if not entry:
                break
            j = entry.end()
            if entry.group(2):
                j = _read_other(body, j)
                value = _value(body[entry.end() : j], text)
                if value not in ("null", "undefined"):  # "no default"
                    out.setdefault(entry.group(1), value)
            i = _skip_ws(body, j)
            if i < len(body) and body[i] == ",":
                i += 1
            elif i < len(body):
                break
    retry = (tree / "src/retry/defaults.js").read_text(encoding="utf-8")
    for key, expr in re.findall(r"^\s+(\w+): ([^,\n]+),", retry, re.M):
        out.setdefault(f"retry.{key}", _value(expr, retry))
    return out


def _config(tree: Path) -> list[ConfigRow]:
    types = (tree / "types/index.d.ts").read_text(encoding="utf-8")
    rows: list[ConfigRow] = []
    for interface, scope in _SCOPES.items():
        defaults = _defaults(tree, scope)
        for name, type_expr in _fields(_block(types, re.compile(rf"export interface {interface} \{{"))):
            nested = [] if name == "ssl" else _type_keys(types, type_expr)
            for key in [name] if not nested else [f"{name}.{k}" for k in nested]:
                rows.append(ConfigRow(key, scope, defaults.get(key, "")))
    return rows


def extract(tree: Path, release: str) -> Extract:
    classes, main, extra = _texts(tree)
    errors = [
        ErrorRow(
            name=name,
            kind="local",
            text=main[name],
            retriable=_retriable(classes, name),
            location=f"src/errors.js:{info['line']}",
        )
        for name, info in classes.items()
    ]
    history = [HistoryRow(name, text, release) for name in classes for text in extra.get(name, [])]
    current = {name: {main[name], *extra.get(name, [])} for name in classes}
    history += _history(tree, release, current)
    return Extract(errors=errors, history=history, config=_config(tree))
