"""Every internal link and anchor in the built site resolves (MkDocs checks Markdown links; this checks the
HTML that comes out, including links written by templates and the theme)."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"id", "name"} and value:
                self.ids.add(value)
            if value and ((name == "href" and tag in {"a", "link"}) or (name == "src" and tag in {"script", "img"})):
                self.links.append(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "data:")):
        return None, ""
    here = page.parent.relative_to(site).as_posix()
    path = unquote(parts.path)
    resolved = posixpath.normpath(posixpath.join(here, path)) if path else page.relative_to(site).as_posix()
    target = site / resolved
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_every_internal_link_and_anchor_resolves(real_site: Path) -> None:
    site = real_site / "site"
    pages = sorted(site.rglob("*.html"))
    parsed = {page: _parse(page) for page in pages}
    broken: list[str] = []
    checked = 0
    for page, links in parsed.items():
        if page.name == "404.html":
            continue  # served at any depth; its links are absolute to the site root
        for href in links.links:
            target, fragment = _target(site, page, href)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} -> missing {target.relative_to(site)}")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} -> no anchor #{fragment}")
    assert checked > 5000
    assert broken == []
