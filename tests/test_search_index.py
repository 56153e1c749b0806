"""The search index shows each page's declared summary (generator/search_index.py), in the built site too."""

from __future__ import annotations

import json
from pathlib import Path

from ruamel.yaml import YAML

from conftest import REPO
from generator.render.markdown import inline_html
from generator.search_index import page_summary, show_summaries


def test_page_summary_reads_the_front_matter() -> None:
    assert (
        page_summary({"search": {"boost": 2, "summary": "A <code>x</code> failed."}})
        == "<p>A <code>x</code> failed.</p>"
    )
    assert page_summary({"search": {"boost": 2}}) is None
    assert page_summary({"search": {"summary": "  "}}) is None
    assert page_summary({}) is None


def test_show_summaries_replaces_page_texts_only(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    docs = [
        {"location": "errors/a/", "title": "A", "text": "<p>Producer Retriable</p> <p>A failed.</p>", "tags": ["A"]},
        {"location": "errors/a/#section", "title": "S", "text": "<p>section</p>"},
        {"location": "", "title": "Home", "text": "<p>home</p>"},
    ]
    index.write_text(json.dumps({"config": {}, "docs": docs}), encoding="utf-8")
    assert show_summaries(index, {"errors/a/": "<p>A failed.</p>"}) == 1
    after = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert [d["text"] for d in after] == ["<p>A failed.</p>", "<p>section</p>", "<p>home</p>"]
    assert after[0]["tags"] == ["A"]
    written = index.read_bytes()
    assert show_summaries(index, {"errors/a/": "<p>A failed.</p>"}) == 0  # nothing to change: file left alone
    assert index.read_bytes() == written


def test_built_index_shows_every_entry_summary_escaped(real_site: Path) -> None:
    docs = json.loads((real_site / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    texts = {d["location"]: d["text"] for d in docs}
    records = sorted((REPO / "data" / "errors").glob("*.yaml"))
    assert len(records) > 100
    for path in records:
        summary = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["summary"]
        assert texts[f"errors/{path.stem}/"] == f"<p>{inline_html(summary)}</p>", path.name
