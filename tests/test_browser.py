"""The built site in a real headless Chromium: search finds pasted errors, pages work, nothing errors.

Runs Debian's `chromium` through Playwright against `site/` served on 127.0.0.1 (fixtures in conftest.py). `.ci/run`
installs Chromium; on a machine without it these tests are skipped, except under CI where that is a failure.
How search results look and what a page opened from search marks: tests/test_browser_search.py.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, REPO, heading, search

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _queries(name: str) -> list[tuple[str, str]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


QUERIES = _queries("search-queries.tsv")
HOLDOUT = _queries("search-queries-holdout.tsv")


def _client_texts() -> list[tuple[str, str]]:
    """(a text a complete client record shows as printed, filled in as a log shows it, its page): a user pastes
    that text. Each record's longest text that no other record lists (a text two errors print finds both)."""
    from ruamel.yaml import YAML

    def texts(data: dict) -> list[str]:
        return [m if isinstance(m, str) else m.get("text", "") for m in data.get("messages", [])]

    records = {}
    for path in sorted((REPO / "data").glob("*/**/*.yaml")):
        records[path] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    count: dict[str, int] = {}
    for data in records.values():
        for text in set(texts(data)):
            count[text] = count.get(text, 0) + 1
    out = []
    for path, data in records.items():
        own = [t for t in texts(data) if count[t] == 1 and t]
        if path.parent.parent.name == "clients" and data.get("status") == "complete" and own:
            text = max(own, key=lambda t: len(re.sub(r"<[^<>]*>", "", t)))
            out.append((re.sub(r"<[^<>]*>", "7", text), f"clients/{path.parent.name}/{path.stem}/"))
    return out


CLIENT_TEXTS = _client_texts()


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    page = browser.new_page()
    page.goto(base_url)
    yield page
    page.close()


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_search_finds_the_page_in_the_first_three(search_page, query: str, expected: str) -> None:
    top = search(search_page, query)[:3]
    assert expected in top, f"{query!r} -> {top}"


@pytest.mark.parametrize(("query", "expected"), CLIENT_TEXTS, ids=[p for _, p in CLIENT_TEXTS])
def test_search_finds_each_client_error_from_its_printed_text(search_page, query: str, expected: str) -> None:
    top = search(search_page, query)[:3]
    assert expected in top, f"{query!r} -> {top}"


def test_search_generalises_to_queries_it_was_not_tuned_on(search_page) -> None:
    hits = [expected in search(search_page, query)[:3] for query, expected in HOLDOUT]
    rate = sum(hits) / len(hits)
    print(f"holdout search hit rate: {sum(hits)}/{len(hits)} = {rate:.0%}")
    assert rate >= 0.9


def test_entry_page_loads_cleanly_and_stays_on_the_site(browser, base_url) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on(
        "request",
        lambda r: (
            problems.append(f"external request: {r.url}")
            if not r.url.startswith(base_url) and not r.url.startswith("data:")
            else None
        ),
    )
    page.goto(base_url + "errors/org.apache.kafka.common.errors.OutOfOrderSequenceException/")
    page.wait_for_load_state("networkidle")
    assert heading(page) == "OutOfOrderSequenceException"
    assert problems == []
    page.close()


def test_related_links_lead_to_their_pages(browser, base_url) -> None:
    page = browser.new_page()
    page.goto(base_url + "errors/org.apache.kafka.common.errors.OutOfOrderSequenceException/")
    links = page.locator("#related-errors + ul a")
    titles = links.all_inner_texts()
    assert len(titles) >= 2
    for index, title in enumerate(titles):
        page.goto(base_url + "errors/org.apache.kafka.common.errors.OutOfOrderSequenceException/")
        page.locator("#related-errors + ul a").nth(index).click()
        page.wait_for_load_state()
        assert heading(page) == title
    page.close()


def test_protocol_code_table_sorts(browser, base_url) -> None:
    page = browser.new_page()
    page.goto(base_url + "codes/")
    table = page.locator(".kei-sortable table")

    def column(index: int) -> list[str]:
        return table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()

    codes = [int(c) for c in column(1)]
    assert codes == sorted(codes) and len(codes) == 134
    table.locator("thead th").nth(0).click()
    assert [int(c) for c in column(1)] == sorted(codes)
    table.locator("thead th").nth(0).click()
    assert [int(c) for c in column(1)] == sorted(codes, reverse=True)
    table.locator("thead th").nth(1).click()
    names = column(2)
    assert names == sorted(names, key=str.lower)
    table.locator("thead th").nth(4).click()
    retriable = column(5)
    assert retriable == sorted(retriable, key=str.lower) and set(retriable) == {"yes", "no"}
    page.close()


def test_dark_and_light_toggle(browser, base_url) -> None:
    page = browser.new_page(color_scheme="light")
    page.goto(base_url)
    scheme = lambda: page.get_attribute("body", "data-md-color-scheme")  # noqa: E731
    assert scheme() == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.close()


def test_commands_have_copy_buttons_and_edit_opens_the_record(browser, base_url) -> None:
    page = browser.new_page()
    page.goto(base_url + "errors/org.apache.kafka.common.errors.TimeoutException/")
    commands = page.locator("#diagnostic-commands ~ div.highlight")
    assert commands.count() >= 1
    copy = page.locator("#diagnostic-commands ~ div.highlight button[data-md-type=copy]")  # Material 9.8 markup
    copy.first.wait_for()
    assert copy.count() == commands.count()
    edit = page.locator("a.md-content__button[rel=edit]").get_attribute("href")
    assert edit.endswith("/edit/main/data/errors/org.apache.kafka.common.errors.TimeoutException.yaml")
    page.close()


def test_home_page_leads_with_search(browser, base_url) -> None:
    page = browser.new_page()
    page.goto(base_url)
    page.locator(".kei-search-cta button").click()
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.keyboard.type("RecordTooLarge")
    page.wait_for_selector(".md-search-result__list > li")
    assert "RecordTooLargeException" in page.locator(".md-search-result__list > li").first.inner_text()
    page.close()
