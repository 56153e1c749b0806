"""Rendering: a pure function from the catalog to ``{relative path: text}`` for the docs directory.

Nothing here touches the file system except reading templates and static assets; `generator.write`
puts the result on disk. Output is sorted and contains no timestamps, so the same inputs always give
the same bytes.

To add a kind of output: write a module with ``render_x(env, catalog, site) -> dict[str, str]`` and merge
it in `render_site`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Catalog
from .clients import render_clients
from .explain_page import render_explain_page
from .export import render_export
from .indexes import render_indexes
from .markdown import environment
from .pages import render_codes, render_entries
from .redirects import render_redirects
from .site import SiteInfo


def static_files(templates: Path) -> dict[str, str]:
    """Our CSS and JavaScript, copied from templates/static into the docs tree."""
    root = templates / "static"
    return {
        str(p.relative_to(root)).replace("\\", "/"): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def render_site(
    catalog: Catalog, templates: Path, site: SiteInfo, document: dict[str, Any] | None = None
) -> dict[str, str]:
    """Every page and file of the docs tree. `document`: the catalog's `export_document`, if the caller built it
    (the build does, for the Explain page's index too)."""
    env = environment(templates)
    out: dict[str, str] = {}
    out.update(render_entries(env, catalog, site))
    out.update(render_codes(env, catalog, site))
    out.update(render_clients(env, catalog, site))
    contributing = templates.parent / "CONTRIBUTING.md"
    out.update(
        render_indexes(env, catalog, site, contributing.read_text(encoding="utf-8") if contributing.is_file() else "")
    )
    out.update(render_explain_page(env, site))
    out.update(render_export(catalog, document))
    out.update(render_redirects(catalog))
    out.update(static_files(templates))
    return dict(sorted(out.items()))
