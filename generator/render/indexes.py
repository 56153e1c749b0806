"""Index pages: home, alphabetical list, components, the protocol code table, coverage, contributing.

Entry and code pages stay out of the navigation (so a page's size does not grow with the catalog); these
pages are how readers reach them. Each index is one template fed by the catalog.

To add an index page: render its template in `render_indexes` and add it to ``nav`` in ``mkdocs.yml``.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from .. import coverage as coverage_mod
from .. import urls
from ..model import Catalog, Record
from .site import SiteInfo


def _row(catalog: Catalog, record: Record) -> dict[str, Any]:
    code = catalog.code_of(record)
    return {
        "title": catalog.title(record),
        "path": urls.entry(record.id),
        "fqn": record.id,
        "summary": record.get("summary", ""),
        "status": record.status,
        "code": code,
        "retriable": record.get("retriable"),
        "component": record.components[0],
        "retired": bool(record.get("retired")),
        "frequency": record.get("frequency"),
        "last_version": (record.get("retired") or {}).get("last_version", ""),
    }


def render_indexes(env: Environment, catalog: Catalog, site: SiteInfo, contributing: str = "") -> dict[str, str]:
    """`contributing` is the text of CONTRIBUTING.md, which is also the site's Contribute page."""
    rows = [_row(catalog, r) for r in catalog.exceptions]  # client errors are listed on their client's page
    cov = coverage_mod.compute(catalog)
    common: dict[str, Any] = {"site": site, "catalog": catalog, "coverage": cov}
    out: dict[str, str] = {}

    def page(path: str, template: str, **context: Any) -> None:
        out[path] = env.get_template(template).render(page_path=path, **common, **context)

    current = [r for r in rows if not r["retired"]]
    letters = [(letter, list(group)) for letter, group in groupby(current, key=lambda r: r["title"][0].upper())]
    components = [(c, [_row(catalog, r) for r in catalog.by_component(c.value)]) for c in catalog.components]
    code_rows = []
    for code in catalog.codes:
        record = catalog.record_for_code(code)
        code_rows.append(
            {
                "code": code,
                "path": urls.code(code.slug),
                "entry_path": urls.entry(code.fqn) if record else None,
                "status": record.status if record else "undocumented",
            }
        )
    page(
        urls.HOME,
        "home.md.j2",
        rows=rows,
        components=components,
        featured=[r for r in rows if r["status"] == "complete" and r["frequency"] == "common" and not r["retired"]],
    )
    page(
        urls.ERRORS,
        "errors_index.md.j2",
        letters=letters,
        rows=current,
        retired=[r for r in rows if r["retired"]],
    )
    page(urls.COMPONENTS, "components_index.md.j2", components=components)
    for choice, members in components:
        page(urls.component(choice.value), "component.md.j2", component=choice, rows=members)
    page(urls.CODES, "codes_index.md.j2", codes=code_rows)
    page(urls.COVERAGE, "coverage.md.j2")
    page(urls.CONTRIBUTE, "contribute.md.j2", contributing=Markup(contributing))
    return out
