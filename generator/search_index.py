"""What a search result shows: each entry and code page's summary, not the start of the page.

Material's search plugin indexes a page's visible intro (badges, the class name line, the summary, and whatever
else comes before the first excluded section), and a search result prints the part of that text that matched,
which often is the badge line ("Producer Consumer Retriable Code 7"). Entry and code pages therefore declare the
text their result should show in their front matter, ``search: {summary: <escaped HTML>}`` (templates/entry.md.j2,
templates/code.md.j2; the value comes from `render.pages`), and after the build this module puts that text in
place of the indexed intro in ``site/search/search_index.json``. Names and messages stay in the ``tags`` field,
which search ranks on (see mkdocs.yml); the summary's words stay searchable through the new text.

`generator/mkdocs_hook.py` collects the summaries while MkDocs renders the pages and calls `show_summaries` once
the search plugin has written the index. To show something else in results, change what the templates put in
``search.summary``; to change another field of the index, extend `show_summaries`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def page_summary(meta: dict[str, Any]) -> str | None:
    """The result text a page declares in its front matter (``search.summary``), if any."""
    search = meta.get("search")
    summary = search.get("summary") if isinstance(search, dict) else None
    return f"<p>{summary}</p>" if isinstance(summary, str) and summary.strip() else None


def show_summaries(index: Path, summaries: dict[str, str]) -> int:
    """Replace the text of each page's document (not of its sections, `page/#anchor`) by the page's summary, keyed
    by page URL as the index writes locations. Returns how many documents changed; the file is rewritten only then,
    in the plugin's own compact form, so the build stays deterministic."""
    if not summaries or not index.is_file():
        return 0
    data = json.loads(index.read_text(encoding="utf-8"))
    changed = 0
    for doc in data.get("docs", []):
        text = summaries.get(doc.get("location"))
        if text is not None and doc.get("text") != text:
            doc["text"] = text
            changed += 1
    if changed:
        index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return changed
