"""The JSON export beside the site: ``api/v1/errors.json`` (records and all protocol codes) and coverage.

The export is for tools: every record with its facts, names and status, and every protocol code with its
names, so a program can map whatever a client printed to a page. ``explain`` builds its matcher from the
same `export_document`, so the export and the command recognise exactly the same names.

To add a field: add it in `record_object` or `code_object` (keep existing keys stable: this is /v1/).
"""

from __future__ import annotations

import json
from typing import Any

from .. import coverage as coverage_mod
from .. import urls
from ..facts import ProtocolCode
from ..model import Catalog, Record
from ..versions import KAFKA_VERSION


def _names(names: list[Any]) -> list[dict[str, str]]:
    return [{"value": n.value, "kind": n.kind, "client": n.client} for n in names]


def _titles(record: Record, field: str) -> list[str]:
    return [item["title"] for item in record.get(field, [])]


def _link_ids(record: Record, field: str) -> list[str]:
    """`related` / `corresponds_to` as ids: a record's id, or `code:<n>` for a protocol code."""
    return [link.get("id") or f"code:{link.get('code')}" for link in record.get(field, [])]


def record_object(catalog: Catalog, record: Record) -> dict[str, Any]:
    code = catalog.code_of(record)
    names = catalog.names(record)
    return {
        "id": record.id,
        "class": record.simple_name,
        "fqn": record.id,
        "title": catalog.title(record),
        "protocol": {"code": code.code, "name": code.name} if code else None,
        "retriable": record.get("retriable"),
        "component": record.components[0],
        "components": record.components,
        "frequency": record.get("frequency"),
        "summary": record.get("summary", ""),
        "url": urls.url(urls.entry(record.id)),
        "status": record.status,
        "retired": record.get("retired"),
        "names": [n.value for n in names],
        "name_details": _names(names),
        "causes": _titles(record, "causes"),
        "solutions": _titles(record, "solutions"),
        "related": _link_ids(record, "related"),
        # Added in the accuracy release: each text with who prints it (null origin: Kafka 4.1.1 itself), and the
        # Kafka source locations behind "What it means".
        "messages": record.messages,
        "meaning_sources": record.get("meaning_sources", []),
    }


def code_object(catalog: Catalog, code: ProtocolCode) -> dict[str, Any]:
    record = catalog.record_for_code(code)
    names = catalog.code_names(code)
    return {
        "code": code.code,
        "name": code.name,
        "class": code.simple_name,
        "fqn": code.fqn,
        "retriable": code.retriable,
        "message": code.message,
        "first_release": code.first_release,
        "former_names": [f.name for f in code.former_names],
        "url": urls.url(urls.code(code.slug)),
        "entry": record.id if record else None,
        "names": [n.value for n in names],
        "name_details": _names(names),
        "clients": [
            {
                "client": c.client,
                "name": c.name,
                "text": c.text,
                "retriable": c.retriable,
                "aliases": list(c.aliases),
                "older_texts": [{"text": t, "releases": v} for t, v in c.older],
            }
            for c in code.clients
        ],
    }


def client_error_object(catalog: Catalog, record: Record) -> dict[str, Any]:
    """A client library's own error. Added beside `errors` (which keeps only Java exceptions, as before)."""
    names = catalog.names(record)
    return {
        "id": record.id,
        "client": record.client,
        "name": record.simple_name,
        "title": catalog.title(record),
        "retriable": record.get("retriable"),
        "component": record.components[0],
        "components": record.components,
        "frequency": record.get("frequency"),
        "summary": record.get("summary", ""),
        "url": urls.url(urls.entry(record.id)),
        "status": record.status,
        "releases": record.get("releases", {}),
        "bindings": record.get("bindings", []),
        "corresponds_to": _link_ids(record, "corresponds_to"),
        "messages": record.messages,
        "older_texts": [
            {"text": t.text, "releases": t.releases}
            for t in catalog.facts.clients.older_texts(record.client, record.simple_name)
        ],
        "names": [n.value for n in names],
        "name_details": _names(names),
        "causes": _titles(record, "causes"),
        "solutions": _titles(record, "solutions"),
        "related": _link_ids(record, "related"),
    }


def export_document(catalog: Catalog) -> dict[str, Any]:
    return {
        "kafka_version": KAFKA_VERSION,
        "errors": [record_object(catalog, r) for r in catalog.exceptions],
        "codes": [code_object(catalog, c) for c in catalog.codes],
        # Added with client records: each client library's own errors (id `<client>/<name>`), and the release of
        # each client whose facts the records are checked against.
        "client_errors": [client_error_object(catalog, r) for r in catalog.entries if r.kind == "client"],
        "clients": {c: {"repository": r, "release": v} for c, (r, v) in sorted(catalog.facts.clients.releases.items())},
    }


def render_export(catalog: Catalog, document: dict[str, Any] | None = None) -> dict[str, str]:
    """The JSON export; `document` is `export_document(catalog)` when the caller has built it already."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact: 3x faster to write

    return {
        "api/v1/errors.json": dump(document if document is not None else export_document(catalog)),
        "api/v1/coverage.json": dump(coverage_mod.compute(catalog).as_dict()),
    }
