"""Entry pages (one per record) and protocol code pages (one per code but NONE).

Each function builds a small view model from the catalog, so templates only lay out values and never look
anything up. Page paths come from `generator.urls`; links are relative ``.md`` paths, checked by MkDocs.

To show something new on an entry page: add it to the view model in `entry_view`, then to
``templates/entry.md.j2``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from .. import urls
from ..facts import ClientName, ProtocolCode
from ..messages import searchable_text
from ..model import Catalog, Name, Record
from ..versions import KAFKA_VERSION, PREVIOUS_KAFKA_VERSION
from .clients import client_view
from .navigation import (
    breadcrumbs,
    code_facts,
    code_related,
    in_short,
    more_links,
    ordered_components,
    raised_by_client,
)
from .site import SiteInfo


@dataclass(frozen=True)
class Link:
    title: str
    path: str
    why: str = ""


def related_links(catalog: Catalog, record: Record) -> list[Link]:
    out = []
    for link in record.get("related", []):
        if "id" in link and link["id"] in catalog.records:
            target = catalog.records[link["id"]]
            out.append(Link(catalog.title(target), urls.entry(target.id), link["why"]))
        elif "code" in link and link["code"] in catalog.facts.codes:
            code = catalog.facts.codes[link["code"]]
            documented = catalog.record_for_code(code)
            if documented:  # the code has an entry by now: link the entry, under its own title
                out.append(Link(catalog.title(documented), urls.entry(code.fqn), link["why"]))
            else:
                out.append(Link(f"{code.name} ({code.code})", urls.code(code.slug), link["why"]))
    return out


def history(catalog: Catalog, code: ProtocolCode | None, record: Record | None) -> list[tuple[str, str]]:
    """(version, Markdown text) lines: facts first (first release, renames, class changes), then the record's notes."""
    lines: list[tuple[str, str]] = []
    if code is not None:
        lines.append(
            (code.first_release, f"Error code {code.code} first shipped, in the {code.first_release} release line.")
        )
        for former in code.former_names:
            lines.append((former.until, f"Named `{former.name}` from {former.used}; renamed `{code.name}` afterwards."))
        for former in code.former_classes:
            lines.append((former.until, f"Mapped to `{former.name}` from {former.used}."))
    fqn = record.id if record else (code.fqn if code else "")
    cls = catalog.facts.classes.get(fqn)
    if cls is not None and cls.history:
        previous = None
        for version, superclass, retriable in cls.history:
            state = (superclass, retriable)
            if previous is not None and state != previous[1]:
                what = []
                if superclass != previous[1][0]:
                    what.append(f"superclass {_short(previous[1][0])} → {_short(superclass)}")
                if retriable != previous[1][1]:
                    what.append(f"retriable {previous[1][1]} → {retriable}")
                lines.append((version, f"In {version}: {', '.join(what)}."))
            previous = (version, state)
    for note in record.get("versions", []) if record else []:
        lines.append((note["version"], note["change"]))
    return sorted(lines, key=lambda line: _version_key(line[0]))


def _short(fqn: str) -> str:
    return f"`{fqn.rsplit('.', 1)[-1]}`" if fqn and fqn != "(absent)" else "(absent)"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.replace("-", ".").split(".")[:3])


def client_rows(catalog: Catalog, names: list[ClientName]) -> list[dict[str, Any]]:
    return [
        {
            "client": catalog.client_title(n.client),
            "id": n.client,
            "name": n.name,
            "text": n.text,
            "retriable": n.retriable,
            "aliases": n.aliases,
            "note": n.note,
            "older": n.older,
        }
        for n in names
    ]


def entry_view(catalog: Catalog, record: Record, site: SiteInfo) -> dict[str, Any]:
    code = catalog.code_of(record)
    cls = catalog.facts.classes.get(record.id)
    names = catalog.names(record)
    solutions = []
    for number, solution in enumerate(record.get("solutions", []), 1):
        configs = []
        for config in solution.get("configs", []):
            fact = catalog.facts.config_keys.get((config["key"], config["scope"]))
            configs.append({**config, "default": fact.default if fact else ""})
        solutions.append({**solution, "configs": configs, "anchor": f"solution-{number}"})
    view = {
        "r": record,
        "d": record.data,
        "kind": record.kind,
        "title": catalog.title(record),
        "code": code,
        "code_path": urls.code(code.slug) if code else None,
        "superclass": cls.superclass if cls else "",
        "module": cls.module if cls else "",
        "components": ordered_components(catalog, record),
        "code_can_travel": raised_by_client(record),
        "in_short": in_short(record, solutions),
        "breadcrumbs": breadcrumbs(catalog, record),
        "more": more_links(catalog, record),
        "solutions": solutions,
        "related": related_links(catalog, record),
        "backlinks": [
            Link(catalog.title(catalog.records[fqn]), urls.entry(fqn), why)
            for fqn, why in catalog.backlinks.get(record.id, [])
        ],
        "clients": client_rows(catalog, catalog.client_names(record)),
        "java": {
            "name": record.simple_name,
            "text": code.message if code else "",
            "retriable": record.get("retriable"),
        },
        "client_notes": [(catalog.client_title(k), v) for k, v in sorted(record.get("client_notes", {}).items())],
        "history": history(catalog, code, record),
        "messages": record.messages,
        "names": [n.value for n in names],
        "keywords": search_keywords(names, *config_keys(record), phrased=code_texts(code)),
        "boost": search_boost(record),
        "search_summary": record.data.get("summary", ""),
        "edit_url": site.edit_url(f"data/errors/{record.id}.yaml"),
        "source_version": PREVIOUS_KAFKA_VERSION if record.get("retired") else KAFKA_VERSION,
        "default_label": f"Kafka {KAFKA_VERSION} default",
    }
    view["structured_data"] = structured_data(catalog, record, site)
    release = PREVIOUS_KAFKA_VERSION if record.get("retired") else KAFKA_VERSION
    retriable = "Retriable" if record.get("retriable") else "Not retriable"
    view["retriable_note"] = f"{retriable} in Kafka {release}"
    if record.kind == "client":
        view.update(client_view(catalog, record, solutions))
        view["retriable_note"] = f"{retriable} as {record.client} marks it"
        view["edit_url"] = site.edit_url(f"data/clients/{record.id}.yaml")
    return view


CONTENT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def structured_data(catalog: Catalog, record: Record, site: SiteInfo) -> dict[str, Any]:
    """schema.org TechArticle for search engines. Kept as data in the page's front matter; overrides/main.html
    prints it with Jinja's `tojson`, which escapes `<`, `>` and `&`, so no summary can close the script element."""
    return {
        "@context": "https://schema.org",
        "@type": "TechArticle",
        "headline": catalog.title(record),
        "description": " ".join(str(record.get("summary", "")).split()),
        "url": site.site_url + urls.url(urls.entry(record.id)),
        "inLanguage": "en",
        "license": CONTENT_LICENSE,
        "about": {"@type": "SoftwareApplication", "name": "Apache Kafka", "softwareVersion": KAFKA_VERSION},
        "isPartOf": {"@type": "WebSite", "name": "Kafka Error Index", "url": site.site_url},
    }


# Search tuning (see mkdocs.yml): every name and printed text of an error goes into the page's hidden
# `tags`, the field Material boosts most, so a pasted name or message finds the page that owns it. The
# fully qualified name stays out: its package words (org, apache, kafka, errors) are on every page.
# Boosts are a popularity prior: common errors first when a query matches several pages equally
# (the query "6" also matches codes 60 to 69).
_BOOST = {"common": 2.5, "occasional": 1.75, "rare": 1.4}


def search_keywords(names: list[Name], *extra: str, phrased: list[str] | None = None) -> list[str]:
    """Every name and printed text; of a message template, its literal words (placeholders carry no words).
    The fully qualified name stays out: its package words (org, apache, kafka, errors) are on every page.
    The page's messages, and the `phrased` texts, also go in as one token each (`_phrase`)."""
    out = [searchable_text(name.value) for name in names if name.kind not in ("fqn", "client-extra-text")]
    joined = [_joined(name.value) for name in names]
    messages = [name.value for name in names if name.kind == "message"]
    phrases = [_phrase(text) for text in [*messages, *(phrased or [])]]
    return list(dict.fromkeys([*out, *extra, *(j for j in [*joined, *phrases] if j)]))


def _phrase(text: str) -> str:
    """A short text of the page's own, as one token: its letters and digits, lowercased ("localfatalerror"). The
    search shim adds the same token for a query of up to eight words, so pasting "Local: Fatal error" ranks the page
    that prints exactly that first, although every librdkafka page has the words "Local" and "error". Made for a
    page's messages and for the client libraries' texts of its protocol code ("Broker: Not coordinator",
    `code_texts`), not for a record's other client names: "Local: Timed out" must find librdkafka's own page first."""
    words = re.findall(r"[A-Za-z0-9]+", text)
    return "".join(words).lower() if "<" not in text and 2 <= len(words) <= 8 else ""


_CAMEL = re.compile(r"^[A-Za-z_$][\w$]*[a-z][A-Z][\w$]*$")


def _joined(name: str) -> str:
    """A CamelCase identifier's last part, lowercased ("kafkatimeouterror"): one token the search index keeps whole
    (the index splits CamelCase into words, which many pages share). templates/static/javascripts/search-query.js
    adds the same token to a query that holds the identifier, so the page that owns the exact name ranks first."""
    last = name.rsplit(".", 1)[-1]
    return last.lower() if _CAMEL.match(last) else ""


def code_texts(code: ProtocolCode | None) -> list[str]:
    """What the client libraries print for a protocol code, now and in older releases (run-time parts left out)."""
    if code is None:
        return []
    texts = [t for c in code.clients for t in [c.text, *(old for old, _releases in c.older)] if t]
    return [t for t in texts if "{}" not in t]


def config_keys(record: Record) -> list[str]:
    """The config keys the solutions set, so a search for a setting finds the errors it fixes."""
    keys = [c["key"] for s in record.get("solutions", []) for c in s.get("configs", [])]
    return list(dict.fromkeys(keys))


def search_boost(record: Record | None) -> float:
    if record is None or not record.is_complete:
        return 1
    return _BOOST.get(str(record.get("frequency")), 1)


def code_sentence(code: ProtocolCode) -> str:
    """What a search result says of a code page without an entry: the facts, in one line."""
    retriable = "retriable" if code.retriable else "not retriable"
    message = f" Kafka's message: `{code.message}`" if code.message else ""
    return f"Kafka protocol error code {code.code}, {retriable}; no full entry yet.{message}"


def code_view(catalog: Catalog, code: ProtocolCode, site: SiteInfo) -> dict[str, Any]:
    record = catalog.record_for_code(code)
    cls = catalog.facts.classes.get(code.fqn)
    return {
        "code": code,
        "record": record,
        "d": record.data if record else {},
        "entry_path": urls.entry(code.fqn) if record else None,
        "entry_title": catalog.title(record) if record else code.simple_name,
        "module": cls.module if cls else "",
        "clients": client_rows(catalog, list(code.clients)),
        "java": {"name": code.simple_name, "text": code.message, "retriable": code.retriable},
        "names": [n.value for n in catalog.code_names(code)],
        "history": history(catalog, code, None),
        "breadcrumbs": breadcrumbs(catalog, code=code),
        "facts": code_facts(catalog, code),
        "related": [] if record and record.is_complete else code_related(catalog, code),
        "keywords": search_keywords(catalog.code_names(code), str(code.code), phrased=code_texts(code)),
        "boost": search_boost(record),
        "search_summary": record.data.get("summary", "") if record else code_sentence(code),
        "edit_url": site.edit_url(f"data/errors/{code.fqn}.yaml") if record else site.new_record_url(code),
        "source_version": KAFKA_VERSION,
    }


def render_entry(env: Environment, catalog: Catalog, site: SiteInfo, record: Record) -> dict[str, str]:
    path = urls.entry(record.id)
    return {
        path: env.get_template("entry.md.j2").render(page_path=path, site=site, **entry_view(catalog, record, site))
    }


def render_codes(env: Environment, catalog: Catalog, site: SiteInfo) -> dict[str, str]:
    template = env.get_template("code.md.j2")
    paths = {code: urls.code(code.slug) for code in catalog.codes}
    return {p: template.render(page_path=p, site=site, **code_view(catalog, c, site)) for c, p in paths.items()}
