"""What helps a reader find their way on an entry or code page: breadcrumbs, the "In short" box, the badges'
order and wording, the footer ("More <component> errors"), and the plain sentence of a code page without an entry.

Everything here is derived from the record and the facts; nothing adds prose a contributor has to write. The
templates lay the values out (``templates/_breadcrumbs.md.j2``, ``entry.md.j2``, ``code.md.j2``).

To add a breadcrumb level or a footer link: extend `breadcrumbs` or `more_links` and the template that prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import urls
from ..facts import ProtocolCode
from ..model import Catalog, Record
from ..schema import Choice
from ..versions import KAFKA_VERSION

# How many other entries of the same component an entry page's footer lists before "all N".
MORE_LIMIT = 8


@dataclass(frozen=True)
class Crumb:
    title: str
    path: str  # a generated page ("errors/index.md"); "" for the page itself


def breadcrumbs(catalog: Catalog, record: Record | None = None, code: ProtocolCode | None = None) -> list[Crumb]:
    """Home › section (› client) › this page. A client's own error sits under its client's page."""
    crumbs = [Crumb("Home", urls.HOME)]
    if record is not None and record.kind == "client":
        crumbs += [
            Crumb("Clients", urls.CLIENTS),
            Crumb(catalog.client_title(record.client), urls.client(record.client)),
        ]
        title = record.simple_name
    elif record is not None:
        crumbs.append(Crumb("All errors", urls.ERRORS))
        title = catalog.title(record)
    elif code is not None:
        crumbs.append(Crumb("Protocol codes", urls.CODES))
        title = f"{code.name} ({code.code})"
    else:
        raise ValueError("breadcrumbs need a record or a code")
    return [*crumbs, Crumb(title, "")]


def client_breadcrumbs(catalog: Catalog, client: str) -> list[Crumb]:
    return [Crumb("Home", urls.HOME), Crumb("Clients", urls.CLIENTS), Crumb(catalog.client_title(client), "")]


def ordered_components(catalog: Catalog, record: Record) -> list[Choice]:
    """The record's components in the record's order: its first one is the primary component (schema)."""
    by_value = {c.value: c for c in catalog.components}
    return [by_value[value] for value in record.components if value in by_value]


def raised_by_client(record: Record) -> bool:
    """The record names the client itself as where users meet it first (primary component `client`): such an
    error is mostly raised locally, so its protocol code is only one way it can arrive, not what it always is."""
    return bool(record.components) and record.components[0] == "client"


def in_short(record: Record, solutions: list[dict[str, Any]]) -> dict[str, Any]:
    """The answer-first box: what the client does about it (from `retriable`) and the solutions as anchor links."""
    retriable = bool(record.get("retriable"))
    return {
        "retriable": retriable,
        "action": "the client retries by itself" if retriable else "your code must act",
        "solutions": [{"title": s["title"], "anchor": s["anchor"]} for s in solutions],
    }


def more_links(catalog: Catalog, record: Record) -> dict[str, Any]:
    """The footer of an entry page: other entries of its primary component, and the way to all of them."""
    components = ordered_components(catalog, record)
    if not components:
        return {}
    primary = components[0]
    current = catalog.current_in(primary.value)
    others = [r for r in current[: MORE_LIMIT + 1] if r.id != record.id][:MORE_LIMIT]
    return {
        "component": primary,
        "path": urls.component(primary.value),
        "total": len(current) + bool(record.get("retired")),
        "links": [{"title": catalog.title(r), "path": urls.entry(r.id)} for r in others],
    }


def code_facts(catalog: Catalog, code: ProtocolCode) -> dict[str, Any]:
    """The facts a code page without an entry says in plain sentences (the template escapes every value):
    each client's name for the code, in the order of the client list."""
    names = {name.client: name.name for name in code.clients}
    return {
        "release": KAFKA_VERSION,
        "clients": [
            {"client": catalog.client_title(c), "name": names[c]} for c in catalog.schema.client_ids if c in names
        ],
    }


def code_related(catalog: Catalog, code: ProtocolCode) -> list[dict[str, str]]:
    """Entries that link this code, then documented codes whose exception shares its specific superclass."""
    out: list[dict[str, str]] = []
    for record in catalog.entries:
        for link in record.get("related", []) + record.get("corresponds_to", []):
            if link.get("code") == code.code:
                out.append({"title": catalog.title(record), "path": urls.entry(record.id), "why": ""})
                break
    generic = {"", "org.apache.kafka.common.errors.ApiException", "org.apache.kafka.common.errors.RetriableException"}
    if code.superclass not in generic:
        parent = catalog.records.get(code.superclass)
        if parent is not None:
            out.append({"title": catalog.title(parent), "path": urls.entry(parent.id), "why": "its superclass"})
        for other in catalog.codes:
            if other is not code and other.superclass == code.superclass:
                out.append({"title": f"{other.name} ({other.code})", "path": urls.code(other.slug), "why": ""})
    unique: dict[str, dict[str, str]] = {}
    for link in out:
        unique.setdefault(link["path"], link)
    return list(unique.values())
