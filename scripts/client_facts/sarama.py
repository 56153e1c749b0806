"""sarama: its own errors (exported `Err...` package variables and exported error types of the package root, e.g.
ConfigurationError, ProducerError) and the `Config` struct of config.go as dotted field paths with the defaults
NewConfig() sets. Its per-code KError texts are not read here (they are in data/facts already).

Error types print a run-time message; their format is the text ({} for the verbs). A type with several literal
returns (rare) keeps the first as its ErrorRow and the others as HistoryRows of the release read. Older releases
(HISTORY_TAGS, unpacked next to the tree) add HistoryRows for texts the current release no longer prints.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import ConfigRow, ErrorRow, Extract
from ._go import (
    extract_errors_and_config,
    go_files,
    go_value,
    local_errors,
    package_values,
    struct_body,
    struct_fields,
)

CLIENT = "sarama"
REPOSITORY = "IBM/sarama"
HISTORY_TAGS = ("v1.10.0", "v1.20.0", "v1.30.0", "v1.45.0")  # v1.10.0 and v1.20.0 are Shopify/sarama releases


def _errors(tree: Path) -> tuple[list[ErrorRow], dict[str, list[str]]]:
    # KError's per-code texts are in data/facts already
    return local_errors(tree, tree, ignore=("KError",))


def _config(tree: Path) -> list[ConfigRow]:
    files = go_files(tree)
    sources = {p: p.read_text(encoding="utf-8") for p in files}
    config_go = sources[tree / "config.go"]
    structs = {}
    for text in sources.values():
        for m in re.finditer(r"^type (\w+) struct \{", text, re.M):
            structs.setdefault(m.group(1), struct_body(text, m.group(1)))

    def leaves(body: str, prefix: str, seen: frozenset[str]) -> list[str]:
        keys: list[str] = []
        for name, typ, nested in struct_fields(body):
            path = f"{prefix}{name}"
            named = typ.lstrip("*")
            if nested is not None:
                keys += leaves(nested, path + ".", seen)
            elif named in structs and named not in seen and struct_fields(structs[named] or ""):
                keys += leaves(structs[named], path + ".", seen | {named})  # Net.SASL.GSSAPI GSSAPIConfig
            else:
                keys.append(path)
        return keys

    keys = leaves(struct_body(config_go, "Config") or "", "", frozenset())
    values = package_values(files)
    new_config = re.search(r"^func NewConfig\(\) \*Config \{(.*?)^\}", config_go, re.M | re.S)
    defaults: dict[str, str] = {}
    for m in re.finditer(r"^\s*c\.([\w.]+)\s*=\s*(.+)$", new_config.group(1) if new_config else "", re.M):
        # package-internal names (defaultClientID, DefaultVersion) are replaced by their value
        defaults[m.group(1)] = go_value(m.group(2), values, lambda n: n.lower().startswith("default"))
    return [ConfigRow(key, "client", defaults.get(key, "")) for key in keys]


def extract(tree: Path, release: str) -> Extract:
    return extract_errors_and_config(CLIENT, tree, release, tags=HISTORY_TAGS, errors=_errors, config=_config)
