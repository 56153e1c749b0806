"""Where every generated page lives, and how pages link to each other: the one builder of paths and URLs.

A page is named by its path in the docs tree (``errors/<fqn>.md``); MkDocs serves it at a directory URL
(``errors/<fqn>/``). Renderers and templates ask this module for paths (`entry`, `code`, `client`, the index
pages), turn them into site-relative URLs (`url`), and link from the page being rendered to another
(`relative` for Markdown links, which MkDocs resolves; `relative_url` for links written as HTML).

To add a page type: give its path a function or a constant here, and use it where the page is rendered and
where it is linked.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
ERRORS = "errors/index.md"
CODES = "codes/index.md"
CLIENTS = "clients/index.md"
COMPONENTS = "components/index.md"
COVERAGE = "coverage.md"
CONTRIBUTE = "contribute.md"
EXPLAIN = "explain/index.md"


def entry(record_id: str) -> str:
    """errors/<fqn>.md for an exception; clients/<client>/<name>.md for a client's own error (id client/name)."""
    return f"clients/{record_id}.md" if "/" in record_id else f"errors/{record_id}.md"


def code(slug: str) -> str:
    return f"codes/{slug}.md"


def client(name: str) -> str:
    return f"clients/{name}/index.md"


def component(value: str) -> str:
    return f"components/{value}.md"


def url(path: str) -> str:
    """Site-relative URL of a generated page (directory URLs): "" for the home page."""
    if path == HOME:
        return ""
    return path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def relative(page: str, target: str) -> str:
    """A Markdown link from `page` to `target`, both docs paths (MkDocs turns it into the page's URL)."""
    return _relpath(target, posixpath.dirname(page))


def relative_url(page: str, target: str) -> str:
    """A URL from `page` to `target` for links written as HTML (which MkDocs leaves as they are)."""
    rel = _relpath(url(target), url(page))
    return "./" if rel == "." else rel + "/"


def _relpath(target: str, start: str) -> str:
    """`posixpath.relpath` for the paths this module builds (relative, no `..`), without its calls to the file
    system's working directory: a large build asks this about 25 times per page."""
    to = [part for part in target.split("/") if part]
    base = [part for part in start.split("/") if part]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."
