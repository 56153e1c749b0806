"""Write data/facts/clients/*.tsv from the client libraries' source trees at named releases.

Usage:
  python scripts/extract_client_facts.py --out data/facts/clients \
      librdkafka=<tree>@v2.12.0 kafkajs=<tree>@v2.2.4 ...

Each argument names a client module of `scripts/client_facts` (see its docstring), the unpacked source tree of
the release, and the release tag. Only the clients named are rewritten; the rows of other clients are kept, so
one client can be re-extracted alone. Output is sorted and byte-stable: the same trees give the same tables.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from client_facts import Extract

TABLES = {
    "errors.tsv": ("client", "release", "name", "kind", "code", "number", "text", "retriable", "bindings", "location"),
    "texts-history.tsv": ("client", "name", "text", "releases"),
    "config.tsv": ("client", "release", "scope", "key", "default"),
    "releases.tsv": ("client", "repository", "release"),
}


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _rows(client: str, repository: str, release: str, extract: Extract) -> dict[str, list[tuple[str, ...]]]:
    return {
        "errors.tsv": [
            (
                client,
                e.release or release,
                e.name,
                e.kind,
                e.code,
                e.number,
                e.text,
                e.retriable,
                ";".join(e.bindings),
                e.location,
            )
            for e in extract.errors
        ],
        "texts-history.tsv": [(client, h.name, h.text, h.releases) for h in extract.history],
        "config.tsv": [(client, release, c.scope, c.key, c.default) for c in extract.config],
        "releases.tsv": [(client, repository, release)],
    }


def _read(path: Path) -> list[tuple[str, ...]]:
    if not path.is_file():
        return []
    return [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()[1:] if line]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("sources", nargs="+", help="client_module=<tree>@<release>")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    fresh: dict[str, list[tuple[str, ...]]] = {name: [] for name in TABLES}
    done: set[str] = set()
    for source in args.sources:
        module_name, _, rest = source.partition("=")
        tree, _, release = rest.rpartition("@")
        module = importlib.import_module(f"client_facts.{module_name}")
        extract: Extract = module.extract(Path(tree), release)
        done.add(module.CLIENT)
        for table, rows in _rows(module.CLIENT, module.REPOSITORY, release, extract).items():
            fresh[table] += [tuple(_cell(c) for c in row) for row in rows]
        print(
            f"{module.CLIENT} {release}: {len(extract.errors)} errors, {len(extract.history)} older texts, {len(extract.config)} config keys"
        )
    for table, header in TABLES.items():
        kept = [row for row in _read(args.out / table) if row[0] not in done]
        rows = sorted(set(kept + fresh[table]))
        text = "\t".join(header) + "\n" + "".join("\t".join(row) + "\n" for row in rows)
        (args.out / table).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
