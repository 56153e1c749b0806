"""Redirect pages for renamed records: the old URL of every id in a record's ``redirect_from`` keeps working.

Each old id gets ``errors/<old id>/index.html``, a static page MkDocs copies as is: a meta refresh to the
new page, a canonical link and a plain link for readers without refresh. This is what the
mkdocs-redirects plugin would write, produced here so the site engine needs no plugin.

To redirect another kind of page: add its (old path, new path) pairs in `render_redirects`.
"""

from __future__ import annotations

import posixpath

from markupsafe import escape

from .. import urls
from ..model import Catalog

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting to {title}</title>
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
<meta name="robots" content="noindex">
</head>
<body>
<p>This entry moved: <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def render_redirects(catalog: Catalog) -> dict[str, str]:
    out = {}
    for record in catalog.entries:
        new_url = urls.url(urls.entry(record.id))
        for old in record.get("redirect_from", []):
            old_url = urls.url(urls.entry(old))
            target = posixpath.relpath(new_url, old_url) + "/"
            out[f"{old_url}index.html"] = _PAGE.format(title=escape(catalog.title(record)), target=escape(target))
    return out
