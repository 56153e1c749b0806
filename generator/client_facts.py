"""What the client libraries define: their own errors and texts, older texts, and their settings.

Reads the tables `scripts/extract_client_facts.py` writes into ``data/facts/clients/`` (extracted from each
client's source at a named release; provenance in that folder's README) and answers what the lint, the pages,
search and `explain` ask about a client's own error:

- `ClientFacts.error(client, name)`: the error as the client defines it (text, number, retriable, bindings);
- `ClientFacts.verify_text(client, quote)`: is a quoted text (with ``<placeholders>``) one the client prints, now
  or in an older release (then with the releases that printed it);
- `ClientFacts.has_setting(client, key)`: is a key one of the client's settings, and its scopes and default.

To read another column: add it to the dataclass and fill it in `load_client_facts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_PLACEHOLDER = re.compile(r"<[^<>\n]{1,60}>")


@dataclass(frozen=True)
class ClientError:
    client: str
    release: str
    name: str
    kind: str  # local | code
    code: int | None
    number: str
    text: str
    retriable: bool | None
    bindings: tuple[tuple[str, str], ...]  # (binding, name)
    location: str


@dataclass(frozen=True)
class OlderText:
    text: str
    releases: str


@dataclass
class ClientFacts:
    errors: dict[tuple[str, str], ClientError] = field(default_factory=dict)
    history: dict[tuple[str, str], list[OlderText]] = field(default_factory=dict)
    settings: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # client -> key -> scope -> default
    releases: dict[str, tuple[str, str]] = field(default_factory=dict)  # client -> (repository, release)

    def error(self, client: str, name: str) -> ClientError | None:
        return self.errors.get((client, name))

    def own_errors(self, client: str) -> list[ClientError]:
        return sorted(
            (e for e in self.errors.values() if e.client == client and e.kind == "local"), key=lambda e: e.name
        )

    def code_names(self, client: str) -> list[ClientError]:
        return [e for e in self.errors.values() if e.client == client and e.kind == "code"]

    def older_texts(self, client: str, name: str) -> list[OlderText]:
        return self.history.get((client, name), [])

    def has_setting(self, client: str, key: str) -> bool:
        return key in self.settings.get(client, {})

    def verify_text(self, client: str, quote: str, *, older: bool = False) -> bool:
        """Whether `client` prints `quote` (its current texts; with `older`, also texts of older releases)."""
        texts = [e.text for e in self.errors.values() if e.client == client and e.text]
        current = self.releases.get(client, ("", ""))[1]
        for (owner, _name), items in self.history.items():
            if owner == client:
                # the history table also holds the other texts the current release prints (releases "<current>")
                texts += [t.text for t in items if older or t.releases.rsplit("-", 1)[-1] == current]
        return any(_matches(text, quote) for text in texts)


def _matches(template: str, quote: str) -> bool:
    """A client text with `{}` for run-time parts matches a quote when the literal parts agree. The quote's own
    `<placeholders>` become a character no literal part contains, so they can only stand where the text has `{}`."""
    pattern = "".join(".+?" if part == "{}" else re.escape(part) for part in re.split(r"(\{\})", template))
    return re.fullmatch(pattern, _PLACEHOLDER.sub("\x00", quote.strip()), re.S) is not None


def _cells(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, (_unescape(c) for c in line.split("\t")), strict=False)) for line in lines[1:] if line]


def _unescape(cell: str) -> str:
    if "\\" not in cell:
        return cell
    return re.sub(r"\\([\\nt])", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}[m.group(1)], cell)


def load_client_facts(folder: Path) -> ClientFacts:
    """The tables of data/facts/clients; empty facts when the folder is absent (a project without clients)."""
    facts = ClientFacts()
    for row in _cells(folder / "errors.tsv"):
        bindings = tuple(
            (b.split("=", 1)[0], b.split("=", 1)[1]) for b in row.get("bindings", "").split(";") if "=" in b
        )
        retriable = {"true": True, "false": False}.get(row.get("retriable", ""))
        code = int(row["code"]) if row.get("code", "").lstrip("-").isdigit() else None
        error = ClientError(
            row["client"],
            row["release"],
            row["name"],
            row["kind"],
            code,
            row.get("number", ""),
            row.get("text", ""),
            retriable,
            bindings,
            row.get("location", ""),
        )
        facts.errors[(error.client, error.name if error.kind == "local" else f"code:{code}")] = error
    for row in _cells(folder / "texts-history.tsv"):
        facts.history.setdefault((row["client"], row["name"]), []).append(OlderText(row["text"], row["releases"]))
    for row in _cells(folder / "config.tsv"):
        facts.settings.setdefault(row["client"], {}).setdefault(row["key"], {})[row["scope"]] = row.get("default", "")
    for row in _cells(folder / "releases.tsv"):
        facts.releases[row["client"]] = (row["repository"], row["release"])
    return facts
