"""franz-go: the exported errors of pkg/kgo (package variables `Err...` and exported error types such as
ErrFirstReadEOF, ErrDataLoss, ErrGroupSession) and the option functions of pkg/kgo/config.go as `kgo.<Func>`.

Scope of an option: its return type (Opt -> client, ProducerOpt -> producer, ConsumerOpt -> consumer,
GroupOpt -> group). Default: for an option with parameters, the value defaultCfg() gives the cfg field the option
sets (`cfg.<field> = ...`); when that is not a plain value (a closure, a sigil resolved later) the value its doc
comment names after "overriding the default" (only numbers and sizes are taken). Options without parameters
switch something on and have no default.

An error type whose Error() has several literal returns (ErrFirstReadEOF: one per cause) keeps the first as its
ErrorRow text and the others as HistoryRows of the release read. Older releases (HISTORY_TAGS, unpacked next to
the tree) add HistoryRows for texts the current release no longer prints.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import ConfigRow, ErrorRow, Extract
from ._go import extract_errors_and_config, go_files, go_value, local_errors, package_values, skip_balanced

CLIENT = "franz-go"
REPOSITORY = "twmb/franz-go"
HISTORY_TAGS = ("v0.11.0", "v1.5.0", "v1.14.0")
PACKAGE = "pkg/kgo"

_SCOPES = {"Opt": "client", "ProducerOpt": "producer", "ConsumerOpt": "consumer", "GroupOpt": "group"}


def _errors(tree: Path) -> tuple[list[ErrorRow], dict[str, list[str]]]:
    return local_errors(tree / PACKAGE, tree)


def _default_cfg(config_go: str) -> tuple[dict[str, str], dict[str, str]]:
    """(field -> expression of defaultCfg()'s literal, local name -> expression of its `x := ...` lines)."""
    m = re.search(r"^func defaultCfg\(\) cfg \{", config_go, re.M)
    if not m:
        return {}, {}
    body = config_go[m.end() : skip_balanced(config_go, m.end(), "}") - 1]
    local = dict(re.findall(r"^\t(\w+) := (.+)$", body, re.M))
    lit = re.search(r"return cfg\{", body)
    fields: dict[str, str] = {}
    if lit:
        i, end = lit.end(), skip_balanced(body, lit.end(), "}") - 1
        entry = re.compile(r"\s*(?://[^\n]*\n\s*)*(\w+):\s*")
        while i < end:
            e = entry.match(body, i)
            if not e or e.end() > end:
                break
            j = e.end()
            pairs = {"(": ")", "[": "]", "{": "}"}
            while j < end and body[j] not in ",":
                if body[j] in pairs:
                    j = skip_balanced(body, j + 1, pairs[body[j]])
                elif body[j] == '"':
                    j = body.index('"', j + 1) + 1
                else:
                    j += 1
            line_end = body.find("\n", j)
            fields[e.group(1)] = (body[e.end() : j] + " " + body[j + 1 : line_end]).strip()  # keeps a trailing comment
            i = line_end + 1 if line_end >= 0 else end
    return fields, local


_DOC_DEFAULT = re.compile(r"overriding the default (?:of )?(\d[\d,.]*(?: ?(?:[KMG]iB|bytes|ms|s|m|h))?)\b")


def _config(tree: Path) -> list[ConfigRow]:
    config_go = (tree / PACKAGE / "config.go").read_text(encoding="utf-8")
    fields, local = _default_cfg(config_go)
    values = {**package_values(go_files(tree / PACKAGE)), **local}
    lines = config_go.split("\n")
    rows: list[ConfigRow] = []
    header = re.compile(r"^func ([A-Z]\w*)\((.*)\) (Opt|ProducerOpt|ConsumerOpt|GroupOpt) \{$")
    for n, line in enumerate(lines):
        m = header.match(line)
        if not m:
            continue
        doc, j = [], n - 1
        while j >= 0 and lines[j].startswith("//"):
            doc.insert(0, lines[j][2:].strip())
            j -= 1
        start = sum(len(x) + 1 for x in lines[: n + 1])
        body = config_go[start : skip_balanced(config_go, start, "}") - 1]
        default = ""
        if m.group(2).strip():
            assigned = re.search(r"cfg\.(\w+)(?:\s*,\s*cfg\.\w+)*\s*=(?!=)", body)
            expr = fields.get(assigned.group(1), "") if assigned else ""
            if expr and "sigil" not in expr:
                default = go_value(expr, values, lambda name: name in local or name.startswith("default"))
            if not default:
                said = _DOC_DEFAULT.search(" ".join(doc))
                default = said.group(1).replace(",", "").removesuffix(" bytes") if said else ""
        rows.append(ConfigRow(f"kgo.{m.group(1)}", _SCOPES[m.group(3)], default))
    return rows


def extract(tree: Path, release: str) -> Extract:
    return extract_errors_and_config(CLIENT, tree, release, tags=HISTORY_TAGS, errors=_errors, config=_config)
