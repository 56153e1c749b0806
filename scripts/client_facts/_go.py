"""Shared readers for the Go clients (sarama, franz-go, kafka-go): string literals and fmt formats, error variables
and error types, struct fields, simple constant expressions, and the history comparison over older release trees.
Regex and a small tokenizer only; enough for these three code bases, not a Go parser."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import ConfigRow, ErrorRow, Extract, HistoryRow, skip_space_and_comments
from . import skip_balanced as _skip_balanced

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_FMT_VERB = re.compile(r"%(?:%|[-+# 0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:\[\d+\])?[a-zA-Z])")


def go_files(directory: Path) -> list[Path]:
    """The package's non-test Go files, sorted."""
    return sorted(p for p in directory.glob("*.go") if not p.name.endswith("_test.go"))


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


_skip_ws = skip_space_and_comments


def read_string(text: str, i: int) -> tuple[str, int]:
    """A Go "..." or `...` literal at i: (value, index after it)."""
    quote = text[i]
    if quote == "`":
        j = text.index("`", i + 1)
        return text[i + 1 : j], j + 1
    i, out = i + 1, []
    while i < len(text) and text[i] != quote:
        if text[i] == "\\" and i + 1 < len(text):
            c = text[i + 1]
            if c == "x":
                out.append(chr(int(text[i + 2 : i + 4], 16)))
                i += 4
                continue
            if c in "uU":
                n = 4 if c == "u" else 8
                out.append(chr(int(text[i + 2 : i + 2 + n], 16)))
                i += 2 + n
                continue
            out.append(_ESCAPES.get(c, c))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i + 1


def _read_rune(text: str, i: int) -> tuple[str, int]:
    """A Go '...' rune literal at i: ("", index after it)."""
    j = i + 1
    while j < len(text) and text[j] != "'":
        j += 2 if text[j] == "\\" else 1
    return "", j + 1


def skip_balanced(text: str, i: int, closer: str) -> int:
    """From just inside an opening bracket, the index just after its matching `closer`."""
    return _skip_balanced(text, i, closer, {'"': read_string, "`": read_string, "'": _read_rune})


def _read_operand(text: str, i: int) -> int:
    """Skip a non-literal operand up to a top-level `+`, `,`, `)`, `}`, `;` or newline."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    while i < len(text):
        c = text[i]
        if c in '"`':
            _, i = read_string(text, i)
        elif c in pairs:
            i = skip_balanced(text, i + 1, pairs[c])
        elif c in "+,)};\n":
            return i
        else:
            i += 1
    return i


def string_expr(text: str, i: int) -> tuple[str | None, int]:
    """A string expression at i made of literals joined by `+` (other operands become {}): (value or None when
    no literal is part of it, index after it)."""
    parts: list[str] = []
    literal = False
    while True:
        i = _skip_ws(text, i)
        if i < len(text) and text[i] in '"`':
            value, i = read_string(text, i)
            parts.append(value)
            literal = True
        else:
            i = _read_operand(text, i)
            parts.append("{}")
        j = _skip_ws(text, i)
        if j < len(text) and text[j] == "+":
            i = j + 1
            continue
        break
    if not literal:
        return None, i
    value = "".join(parts)
    while "{}{}" in value:
        value = value.replace("{}{}", "{}")
    return value, i


def fmt_text(fmt: str) -> str:
    """A fmt format with its verbs written as {} (%% as %)."""
    value = _FMT_VERB.sub(lambda m: "%" if m.group(0) == "%%" else "{}", fmt)
    while "{}{}" in value:
        value = value.replace("{}{}", "{}")
    return value


def printed_text(text: str, i: int) -> str | None:
    """What the expression at i prints: errors.New / fmt.Errorf / fmt.Sprintf / a string expression."""
    i = _skip_ws(text, i)
    m = re.compile(r"(errors\.New|fmt\.Errorf|fmt\.Sprintf|fmt\.Sprint)\(").match(text, i)
    if m:
        value, _ = string_expr(text, m.end())
        if value is None:
            return None
        return value if m.group(1) in ("errors.New", "fmt.Sprint") else fmt_text(value)
    if i < len(text) and text[i] in '"`':
        value, _ = string_expr(text, i)
        return value
    return None


def _func_body(text: str, header_end: int) -> str:
    """The body of a func whose header ends at the opening brace index `header_end`."""
    return text[header_end + 1 : skip_balanced(text, header_end + 1, "}") - 1]


def error_types(files: Iterable[Path], root: Path, exported: bool = True) -> dict[str, dict]:
    """Types with an Error() string method: name -> {texts (each literal `return`, in order), location, expr}.
    Returns that are not built from literals (return err.Error(), return text) are left out; `expr` keeps the
    first such return's source (e.g. `MessageSizeTooLarge.Error()`) for the caller to resolve."""
    out: dict[str, dict] = {}
    method = re.compile(r"^func \(\w+ \*?(\w+)\) Error\(\) string \{", re.M)
    for path in files:
        text = path.read_text(encoding="utf-8")
        for m in method.finditer(text):
            name = m.group(1)
            if exported and not name[0].isupper():
                continue
            body = _func_body(text, m.end() - 1)
            texts, exprs = [], []
            for r in re.finditer(r"\breturn\b", body):
                value = printed_text(body, r.end())
                if value is not None and value.strip("{} :") != "":
                    texts.append(value)
                else:
                    exprs.append(body[r.end() : body.find("\n", r.end())].strip())
            decl = re.search(rf"^type {name}\b", text, re.M)
            where = decl.start() if decl else m.start()
            out[name] = {
                "texts": list(dict.fromkeys(texts)),
                "location": f"{path.relative_to(root)}:{line_of(text, where)}",
                "expr": exprs[0] if exprs else "",
            }
    return out


_ERR_VAR = re.compile(r"^(?:var\s+|\t)(Err[A-Z]\w*)\s*(?:[\w.*]+\s*)?=(?!=)\s*", re.M)


def error_vars(files: Iterable[Path], root: Path, types: dict[str, dict]) -> tuple[list[dict], list[str]]:
    """Exported `Err...` package variables: [{name, text, location}], plus the names whose text is not a literal."""
    out, skipped = [], []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for m in _ERR_VAR.finditer(text):
            # only package level: a `var` line, or an entry of a top-level `var (` block
            if not m.group(0).startswith("var") and not _in_var_block(text, m.start()):
                continue
            value = printed_text(text, m.end())
            if value is None:
                t = re.compile(r"&?(\w+)[({]").match(text, m.end())
                if t and t.group(1) in types and types[t.group(1)]["texts"]:
                    template = types[t.group(1)]["texts"][0]
                    arg, _ = string_expr(text, t.end())
                    value = template.replace("{}", arg, 1) if arg and template.count("{}") == 1 else template
            if value is None:
                skipped.append(m.group(1))
                continue
            where = f"{path.relative_to(root)}:{line_of(text, m.start())}"
            out.append({"name": m.group(1), "text": value, "location": where})
    return out, skipped


def _in_var_block(text: str, pos: int) -> bool:
    start = text.rfind("\nvar (", 0, pos)
    if start < 0:
        return False
    end = text.find("\n)", start)
    return end > pos


# --- structs and values -----------------------------------------------------------------------------------------


def struct_body(text: str, name: str) -> str | None:
    m = re.search(rf"^type {name} struct \{{", text, re.M)
    if not m:
        return None
    return text[m.end() : skip_balanced(text, m.end(), "}") - 1]


def struct_fields(body: str) -> list[tuple[str, str, str | None]]:
    """Top-level fields of a struct body: (name, type, nested anonymous struct body or None). Exported only;
    embedded fields are skipped."""
    out: list[tuple[str, str, str | None]] = []
    i = 0
    field = re.compile(r"([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)[ \t]+(struct[ \t]*\{|[^\n/]+)")
    while i < len(body):
        i = _skip_ws(body, i)
        if i >= len(body):
            break
        m = field.match(body, i)
        if not m:
            nl = body.find("\n", i)
            i = len(body) if nl < 0 else nl + 1
            continue
        names = [n.strip() for n in m.group(1).split(",")]
        if m.group(2).startswith("struct"):
            end = skip_balanced(body, m.end(), "}")
            nested = body[m.end() : end - 1]
            typ = "struct"
            i = end
        else:
            nested = None
            typ = re.sub(r"\s*`.*$", "", m.group(2)).strip()
            i = m.end()
        out += [(n, typ, nested) for n in names if n[0].isupper()]
    return out


def package_values(files: Iterable[Path]) -> dict[str, str]:
    """`name = expr` of package-level const/var declarations (single-line expressions only)."""
    values: dict[str, str] = {}

    def add(name: str, expr: str) -> None:
        expr = _strip_comment(expr)
        if expr and expr[-1] not in "{([":  # a multi-line literal or call: not a plain value
            values.setdefault(name, expr)

    for path in files:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"^(?:const|var)\s+(\w+)\s*(?:[\w.*]+\s*)?=\s*([^\n]+)$", text, re.M):
            add(m.group(1), m.group(2))
        for block in re.finditer(r"^(?:const|var) \($(.*?)^\)", text, re.M | re.S):
            for m in re.finditer(r"^\t(\w+)\s*(?:[\w.*]+\s*)?=\s*([^\n]+)$", block.group(1), re.M):
                add(m.group(1), m.group(2))
    return values


def _strip_comment(expr: str) -> str:
    out, i = [], 0
    while i < len(expr):
        if expr[i] in '"`':
            _, j = read_string(expr, i)
            out.append(expr[i:j])
            i = j
        elif expr.startswith("//", i):
            break
        else:
            out.append(expr[i])
            i += 1
    return "".join(out).strip().rstrip(",").strip()


_UNITS = {
    "time.Nanosecond": 1,
    "time.Microsecond": 10**3,
    "time.Millisecond": 10**6,
    "time.Second": 10**9,
    "time.Minute": 60 * 10**9,
    "time.Hour": 3600 * 10**9,
}


def duration(ns: int) -> str:
    """Go duration syntax without zero units: 100ms, 10s, 1m, 1h30m, 1.5s."""
    if ns == 0:
        return "0s"
    sign, ns = ("-" if ns < 0 else ""), abs(ns)
    if ns < 10**9:
        for unit, size in (("ms", 10**6), ("µs", 10**3), ("ns", 1)):
            if ns >= size:
                return sign + _trim(ns / size) + unit
    h, rest = divmod(ns, 3600 * 10**9)
    m, rest = divmod(rest, 60 * 10**9)
    out = (f"{h}h" if h else "") + (f"{m}m" if m else "") + (_trim(rest / 10**9) + "s" if rest else "")
    return sign + out


def _trim(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.6f}".rstrip("0").rstrip(".")


def go_value(expr: str, values: dict[str, str], resolve: Callable[[str], bool] | None = None, depth: int = 0) -> str:
    """A default as the user would read it: integer and duration arithmetic evaluated (1024 * 1024 -> 1048576,
    100 * time.Millisecond -> 100ms), string literals unquoted, identifiers accepted by `resolve` replaced by
    their package-level value, anything else kept as written (whitespace collapsed). Closures give ""."""
    expr = " ".join(_strip_comment(expr).split())
    expr = re.sub(r",\s*([}\])])", r"\1", expr).replace("{ ", "{").replace(" }", "}")
    if not expr or "func(" in expr:
        return ""
    if expr[0] in '"`':
        value, end = read_string(expr, 0)
        if end == len(expr):
            return value
    if (
        depth < 4
        and resolve
        and re.fullmatch(r"&?[A-Za-z_]\w*", expr)
        and resolve(expr.lstrip("&"))
        and expr.lstrip("&") in values
    ):
        return go_value(values[expr.lstrip("&")], values, resolve, depth + 1)
    arith = expr
    has_unit = False
    for unit, ns in _UNITS.items():
        if unit in arith:
            has_unit = True
            arith = arith.replace(unit, str(ns))
    arith = re.sub(r"\btime\.Duration\(([^()]*)\)", r"(\1)", arith)
    if re.fullmatch(r"[\d\s*+/()<>.e-]+", arith) and re.search(r"\d", arith):
        try:
            number = eval(arith.replace("/", "//"), {"__builtins__": {}})  # digits and operators only
        except (SyntaxError, TypeError, ZeroDivisionError):
            return expr
        return duration(int(number)) if has_unit else _trim(number)
    return expr


# --- history ----------------------------------------------------------------------------------------------------


def history(
    client: str,
    *,
    tree: Path,
    release: str,
    tags: Iterable[str],
    texts: Callable[[Path], dict[str, list[str]]],
    current: dict[str, set[str]],
) -> list[HistoryRow]:
    """HistoryRows for texts that older releases printed and the current one does not, for names the current
    release still has. Older trees are found next to `tree` as its name with the release replaced by the tag;
    `texts(old_tree)` gives name -> texts there. releases = first-last of the compared tags that printed it."""
    seen: dict[tuple[str, str], list[str]] = {}
    for tag in tags:
        old = tree.parent / tree.name.replace(release, tag)
        if not old.is_dir():
            print(f"{client}: no tree for {tag} at {old}; its texts are not compared", file=sys.stderr)
            continue
        for name, old_texts in texts(old).items():
            if name not in current:
                continue
            for text in dict.fromkeys(old_texts):
                if text and text not in current[name]:
                    seen.setdefault((name, text), []).append(tag)
    return [
        HistoryRow(name, text, tags_[0] if len(tags_) == 1 else f"{tags_[0]}-{tags_[-1]}")
        for (name, text), tags_ in sorted(seen.items())
    ]


def extract_errors_and_config(
    client: str,
    tree: Path,
    release: str,
    *,
    tags: Iterable[str],
    errors: Callable[[Path], tuple[list[ErrorRow], dict[str, list[str]]]],
    config: Callable[[Path], list[ConfigRow]],
) -> Extract:
    """The `extract` of a Go client whose errors can print several texts: the first is the error's text, the others
    are current texts in the history table, and older releases' texts are compared with `history`."""
    rows, texts = errors(tree)
    extra = [HistoryRow(name, text, release) for name, ts in texts.items() for text in ts[1:]]
    current = {name: set(ts) for name, ts in texts.items()}
    older = history(client, tree=tree, release=release, tags=tags, texts=lambda t: errors(t)[1], current=current)
    return Extract(errors=rows, history=extra + older, config=config(tree))


def local_errors(
    root: Path,
    tree: Path,
    *,
    ignore: Iterable[str] = (),
    type_texts: Callable[[str, dict[str, Any]], list[str]] = lambda _name, t: list(t["texts"]),
) -> tuple[list[ErrorRow], dict[str, list[str]]]:
    """A Go package's own errors: its `Err...` variables, then its error types that print a text of their own
    (`type_texts` may supply one, kafka-go's per-code types); types named in `ignore` and types without a text
    (wrappers that print another error's text) are left out. Returns the rows and every text of each error."""
    files = go_files(root)
    types = error_types(files, tree)
    for name in ignore:
        types.pop(name, None)
    variables, _ = error_vars(files, tree, types)
    rows: list[ErrorRow] = []
    texts: dict[str, list[str]] = {}
    for v in variables:
        rows.append(ErrorRow(name=v["name"], kind="local", text=v["text"], location=v["location"]))
        texts[v["name"]] = [v["text"]]
    for name, t in sorted(types.items()):
        found = type_texts(name, t)
        if found:
            rows.append(ErrorRow(name=name, kind="local", text=found[0], location=t["location"]))
            texts[name] = found
    return rows, texts
