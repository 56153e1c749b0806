"""MkDocs hook for `mkdocs serve`: regenerate docs/ from data/ and templates/ on every rebuild.

`python -m generator build` generates the Markdown itself before running MkDocs, so for `mkdocs build` this
hook does nothing. Under `mkdocs serve` it watches the records, schema and templates and regenerates
before each rebuild; only changed files are written, so with `--dirty` MkDocs re-renders only the pages an
edit affected. Lint errors are logged and the previous pages stay in place.

In every build it also makes search results show each page's summary: it collects the ``search.summary`` of
each page's front matter and, after Material's search plugin has written ``search/search_index.json``, puts them
in place of the indexed intro (`generator.search_index`).

It also marks the sidebar section of a page that is not in the navigation (entry, code and client pages name
theirs in the front matter key `nav_section`, e.g. ``errors/index.md``), so the sidebar shows where the reader is.

Under `python -m generator build` it hands MkDocs the rendered pages from the file the build names in the
environment (`on_config`, `on_files`), so MkDocs can start before docs/ is written.

This is the only MkDocs integration: no plugin of our own, so the site engine stays swappable. To watch
another input under serve, add its directory in `on_serve`; build logic belongs in `generator.pipeline`.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, set_exclusions

from generator.build import PAGES_FILE, PAGES_VARIABLE
from generator.paths import Project
from generator.pipeline import generate
from generator.search_index import page_summary, show_summaries

log = logging.getLogger("mkdocs.hooks.kafka_error_index")
# MkDocs loads this file afresh with each config reload (every rebuild under serve), so module globals do
# not survive; the serve flag is kept in the process environment instead.
_SERVING = "KAFKA_ERROR_INDEX_SERVING"
# Page URL -> the text its search result shows, gathered while pages render (one build: the module lives as long)
_SUMMARIES: dict[str, str] = {}


def _project(config: Any) -> Project:
    """The project is the directory of the mkdocs.yml being served, not where this file lives."""
    return Project(Path(config.config_file_path).resolve().parent)


def on_startup(command: str, dirty: bool) -> None:
    os.environ[_SERVING] = "1" if command == "serve" else ""


def on_config(config: Any) -> Any:
    """Under `python -m generator build`, MkDocs walks an empty folder: the pages come from `on_files`."""
    folder = os.environ.get(PAGES_VARIABLE)
    if folder:
        config.docs_dir = str(Path(folder) / "docs")
    return config


@event_priority(100)  # before any plugin looks at the files
def on_files(files: Files, config: Any) -> Files:
    """The pages `python -m generator build` rendered, in the order MkDocs' own walk of docs/ would list them
    (folders depth-first in name order, a folder's files before its subfolders', index first), since that
    order reaches the search index and the sitemap; then the theme's files, which a page of the same path
    overrides (as `Files.add_files_from_theme` does)."""
    folder = os.environ.get(PAGES_VARIABLE)
    if not folder:
        return files
    with (Path(folder) / PAGES_FILE).open("rb") as handle:
        pages: dict[str, str] = dict(marshal.load(handle) for _ in range(marshal.load(handle)))
    out = []
    for path in sorted(pages, key=_walk_order):
        file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
        file.content_string = pages[path]
        out.append(file)
    set_exclusions(out, config)
    return Files(out + [theme for theme in files if theme.src_uri not in pages])


def _walk_order(path: str) -> tuple[tuple[str, ...], bool, str]:
    *folders, name = path.split("/")
    return tuple(folders), name.rsplit(".", 1)[0] not in {"index", "README"}, name


def on_pre_build(config: Any) -> None:
    _SUMMARIES.clear()  # one build's pages only, whatever MkDocs does with this module between builds
    if not os.environ.get(_SERVING):
        return
    project = _project(config)
    result = generate(project)
    for found in result.problems:
        (log.error if found.is_error else log.info)(found.format(project.root))
    if result.errors:
        log.error("records have lint errors: pages were not regenerated")


@event_priority(-100)  # after Material's search plugin has written the index
def on_post_build(config: Any) -> None:
    # Under `mkdocs serve --dirty` only re-rendered pages are collected; the others keep the plugin's text until a
    # full rebuild, which is what `python -m generator build` always does.
    show_summaries(Path(config.site_dir) / "search" / "search_index.json", _SUMMARIES)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    project = _project(config)
    for path in (project.errors, project.schema.parent, project.templates, project.facts):
        server.watch(str(path))
    return server


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """MkDocs has read the page: a page handed over by the build needs its text no more (MkDocs keeps its own),
    and 10,000 pages hold 300 MB."""
    if os.environ.get(PAGES_VARIABLE) and page.file.is_documentation_page():
        page.file.content_string = ""
    return markdown


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Collect the page's search summary; mark its `nav_section` as active while it renders (on_post_page unmarks
    it)."""
    summary = page_summary(page.meta)
    if summary is not None:
        _SUMMARIES[page.url] = summary
    section = (page.meta or {}).get("nav_section")
    if section and page.file.src_uri != section:
        for item in nav.pages:
            if item.file.src_uri == section:
                item.active = True
                page.meta["_nav_marked"] = item
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    marked = (page.meta or {}).pop("_nav_marked", None)
    if marked is not None:
        marked.active = False
    return output
