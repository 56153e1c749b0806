"""Client libraries on the site: what an entry page of a client's own error adds, and one page per client.

A client's own error (`librdkafka/_MSG_TIMED_OUT`) is rendered by the same entry template as an exception;
`client_view` gives it what only it has: the client, the releases it exists in, the names the language
bindings use, the Kafka codes or exceptions it corresponds to, and the client's defaults for the settings its
solutions change. `render_clients` writes ``clients/index.md`` and ``clients/<client>/index.md``: the client's
own errors (from its facts, with the entry where there is one) and its name for every protocol code.

To show another fact of a client: add it to `client_view` or `_client_page`, then to the template.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from .. import urls
from ..model import Catalog, Record
from .navigation import client_breadcrumbs
from .site import SiteInfo

# How a binding is written on the page; the schema's `binding` lists the values.
_BINDING_TITLES = {
    "confluent-kafka-python": "confluent-kafka-python",
    "confluent-kafka-go": "confluent-kafka-go",
    "confluent-kafka-dotnet": "confluent-kafka-dotnet (.NET)",
    "confluent-kafka-javascript": "confluent-kafka-javascript",
    "node-rdkafka": "node-rdkafka",
}


def client_view(catalog: Catalog, record: Record, solutions: list[dict[str, Any]]) -> dict[str, Any]:
    client = record.client
    settings = catalog.facts.clients.settings.get(client, {})
    for solution in solutions:
        for config in solution["configs"]:
            config["default"] = settings.get(config["key"], {}).get(config.get("scope", ""), "")
    release = catalog.facts.clients.releases.get(client, ("", ""))[1]
    corresponds = []
    for link in record.get("corresponds_to", []):
        if "id" in link and link["id"] in catalog.records:
            target = catalog.records[link["id"]]
            corresponds.append({"title": catalog.title(target), "path": urls.entry(target.id), "why": link["why"]})
        elif "code" in link and link["code"] in catalog.facts.codes:
            code = catalog.facts.codes[link["code"]]
            corresponds.append(
                {"title": f"{code.name} ({code.code})", "path": urls.code(code.slug), "why": link["why"]}
            )
    return {
        "client_id": client,
        "client_title": catalog.client_title(client),
        "client_path": urls.client(client),
        "releases": record.get("releases", {}),
        "facts_release": release,
        "bindings": [
            {"binding": _BINDING_TITLES.get(b["binding"], b["binding"]), "name": b["name"]}
            for b in record.get("bindings", [])
        ],
        "corresponds": corresponds,
        "default_label": f"{client} {release} default" if release else "Default",
    }


def _client_page(catalog: Catalog, client: str) -> dict[str, Any]:
    facts = catalog.facts.clients
    records = {r.simple_name: r for r in catalog.client_records(client)}
    own = []
    for error in facts.own_errors(client):
        own.append(_own_row(catalog, error.name, error.text, error.retriable, records.pop(error.name, None)))
    own += [_own_row(catalog, name, "", r.get("retriable"), r) for name, r in sorted(records.items())]
    codes = []
    for code in catalog.codes:
        for name in code.clients:
            if name.client == client:
                codes.append({"code": code, "path": urls.code(code.slug), "name": name})
    repository, release = facts.releases.get(client, ("", ""))
    return {"client_id": client, "own": own, "codes": codes, "repository": repository, "release": release}


def _own_row(catalog: Catalog, name: str, text: str, retriable: bool | None, record: Record | None) -> dict[str, Any]:
    return {
        "name": name,
        "text": text or (record.message_texts[0] if record and record.message_texts else ""),
        "retriable": retriable,
        "path": urls.entry(record.id) if record else None,
        "status": record.status if record else "missing",
    }


def render_clients(env: Environment, catalog: Catalog, site: SiteInfo) -> dict[str, str]:
    out: dict[str, str] = {}
    pages = []
    for client in catalog.schema.client_ids:
        view = _client_page(catalog, client)
        path = urls.client(client)
        title = catalog.client_title(client)
        out[path] = env.get_template("client.md.j2").render(
            page_path=path,
            site=site,
            catalog=catalog,
            title=title,
            breadcrumbs=client_breadcrumbs(catalog, client),
            **view,
        )
        documented = sum(1 for row in view["own"] if row["status"] == "complete")
        pages.append(
            {"title": title, "path": path, "own": len(view["own"]), "complete": documented, "codes": len(view["codes"])}
        )
    out[urls.CLIENTS] = env.get_template("clients_index.md.j2").render(page_path=urls.CLIENTS, site=site, clients=pages)
    return out
