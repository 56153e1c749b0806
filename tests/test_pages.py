"""What search engines and link previews read from the built pages: titles, descriptions, canonical URLs, Open
Graph and Twitter tags, schema.org data on entries, the sitemap, and a 404 page that works under any base path.
Also the licences the site states. Reads the real site built once per session (`real_site`) and, for hostile
text, a small project built for the test."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import BASE_FQN, BASE_RECORD, REPO

pytestmark = pytest.mark.slow

SITE_URL = "https://kafka-error-index.github.io/kafka-error-index/"
ENTRIES = [
    "org.apache.kafka.common.errors.OutOfOrderSequenceException",
    "org.apache.kafka.common.errors.TimeoutException",
    "org.apache.kafka.clients.consumer.CommitFailedException",
]


class _Head(HTMLParser):
    """The <title>, <meta> and <link> of a page, and the bodies of its JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.jsonld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "title":
            self._in = "title"
        elif tag == "meta" and ("name" in values or "property" in values):
            self.meta[values.get("name") or values["property"]] = values.get("content", "")
        elif tag == "link" and "rel" in values:
            self.links[values["rel"]] = values.get("href", "")
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in = "jsonld"
            self.jsonld.append("")

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "jsonld":
            self.jsonld[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "script"):
            self._in = None


def _head(page: Path) -> _Head:
    parser = _Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _summary(fqn: str) -> str:
    data = YAML(typ="safe").load((REPO / "data" / "errors" / f"{fqn}.yaml").read_text(encoding="utf-8"))
    return " ".join(data["summary"].split())


@pytest.mark.parametrize("fqn", ENTRIES)
def test_entry_pages_carry_title_description_previews_and_structured_data(real_site: Path, fqn: str) -> None:
    head = _head(real_site / "site" / "errors" / fqn / "index.html")
    name = fqn.rsplit(".", 1)[1]
    url = f"{SITE_URL}errors/{fqn}/"
    assert head.title.strip() == f"{name} – Kafka Error Index"
    assert head.meta["description"] == _summary(fqn)
    assert head.links["canonical"] == url
    assert head.meta["og:title"] == head.meta["twitter:title"] == name
    assert head.meta["og:description"] == head.meta["twitter:description"] == _summary(fqn)
    assert head.meta["og:url"] == url and head.meta["og:type"] == "article"
    assert head.meta["twitter:card"] == "summary"
    (block,) = head.jsonld
    data = json.loads(block)
    assert data["@type"] == "TechArticle" and data["@context"] == "https://schema.org"
    assert data["headline"] == name and data["description"] == _summary(fqn) and data["url"] == url
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_other_pages_have_their_own_title_and_previews(real_site: Path) -> None:
    site = real_site / "site"
    home = _head(site / "index.html")
    assert home.title.count("Kafka Error Index") == 1
    assert home.meta["og:type"] == "website" and home.jsonld == []
    code = _head(site / "codes" / "45" / "index.html")
    assert code.title.strip() == "OUT_OF_ORDER_SEQUENCE_NUMBER (45) – Kafka Error Index"
    assert code.links["canonical"] == f"{SITE_URL}codes/45/"


def test_sitemap_lists_every_entry_and_code_page(real_site: Path) -> None:
    sitemap = (real_site / "site" / "sitemap.xml").read_text(encoding="utf-8")
    urls = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    pages = {p.parent.relative_to(real_site / "site").as_posix() for p in (real_site / "site").glob("*/*/index.html")}
    assert {f"{SITE_URL}{p}/" for p in pages if p.startswith(("errors/", "codes/"))} <= urls


def test_404_page_works_under_any_base_path(real_site: Path) -> None:
    text = (real_site / "site" / "404.html").read_text(encoding="utf-8")
    targets = re.findall(r'(?:href|src)="([^"]*)"', text)
    assert targets and all(t == "/" for t in targets), targets  # no path of one base URL, no asset files
    assert "/kafka-error-index/" not in text
    assert "api/v1/errors.json" in text  # what the script probes to find the base


def test_footer_states_both_licences(real_site: Path) -> None:
    footer = (real_site / "site" / "index.html").read_text(encoding="utf-8").split('class="md-copyright"', 1)[1]
    assert "https://creativecommons.org/licenses/by/4.0/" in footer and "LICENSE" in footer
    assert "Apache License" in (REPO / "LICENSE").read_text(encoding="utf-8")[:200]
    assert "Attribution 4.0 International" in (REPO / "LICENSE-content").read_text(encoding="utf-8")


def test_a_summary_cannot_close_the_structured_data_script(make_project) -> None:
    from generator.cli import main

    hostile = 'Refused `</script><script>alert("ld")</script>` & "quoted" by the policy plugin on the brokers.'
    record = BASE_RECORD.read_text(encoding="utf-8")
    record = re.sub(r"summary: >-\n(  .*\n)+", "summary: " + json.dumps(hostile) + "\n", record)
    root = make_project({f"{BASE_FQN}.yaml": record})
    assert main(["--root", str(root), "build"]) == 0
    page = (root / "site" / "errors" / BASE_FQN / "index.html").read_text(encoding="utf-8")
    assert '<script>alert("ld")' not in page
    head = _head(root / "site" / "errors" / BASE_FQN / "index.html")
    (block,) = head.jsonld
    assert "</" not in block
    assert json.loads(block)["description"] == hostile
    assert html.unescape(head.meta["og:description"]) == hostile
