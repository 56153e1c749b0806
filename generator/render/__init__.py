"""Rendering: a pure function from the catalog to ``{relative path: text}`` for the docs directory.

Nothing here touches the file system except reading templates and static assets; `generator.write`
puts the result on disk. Output is sorted and contains no timestamps, so the same inputs always give
the same bytes.

To add a kind of output: write a module with ``render_x(env, catalog, site) -> dict[str, str]`` and add it to
the jobs of `render_site`, which run on every core.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from ..model import Catalog
from ..parallel import pmap
from .clients import render_clients
from .explain_page import render_explain_page
from .export import render_export
from .indexes import render_indexes
from .markdown import environment
from .pages import render_codes, render_entry
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
    contributing = templates.parent / "CONTRIBUTING.md"
    guide = contributing.read_text(encoding="utf-8") if contributing.is_file() else ""
    # One job per entry page, plus the pages of the whole catalog, in one map over the workers: run after the
    # entries, the index, code and client pages and the export left a core idle for a quarter of the rendering.
    # The largest go first, so that no worker is left with one at the end.
    jobs: list[Callable[[], dict[str, str]]] = [
        partial(render_indexes, env, catalog, site, guide),
        partial(render_codes, env, catalog, site),
        partial(render_export, catalog, document),
        partial(render_clients, env, catalog, site),
        *(partial(render_entry, env, catalog, site, record) for record in catalog.entries),
    ]
    out: dict[str, str] = {}
    # A first entry page in the parent compiles the templates and fills the catalog's lookups, which every worker
    # inherits.
    for part in pmap(_run, jobs, prepare=lambda: jobs[-1]() if catalog.entries else None):
        out.update(part)
    out.update(render_explain_page(env, site))
    out.update(render_redirects(catalog))
    out.update(static_files(templates))
    return dict(sorted(out.items()))


def _run(_state: None, job: Callable[[], dict[str, str]]) -> dict[str, str]:
    return job()
