"""Search as a reader in a hurry uses it, in headless Chromium on a desktop (1366x900) and a phone (390x844).

A pasted message ranks its page first (tests/fixtures/search-queries-first.tsv); a result shows its title, the
page's summary and at most one line with the name that matched, so that at least five results (desktop) or three
(phone) lie fully inside the search dialog; and a page opened from a result marks only meaningful whole words,
never stop words. What search finds in its first three results: tests/test_browser.py. The fixtures (the real site
served locally, Chromium, `search`) are in conftest.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from ruamel.yaml import YAML

from conftest import FIXTURES, REPO, search

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIRST = [
    tuple(line.split("\t"))
    for line in (FIXTURES / "search-queries-first.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
VIEWPORTS = {"desktop": ((1366, 900), 5), "phone": ((390, 844), 3)}
PASTED = [
    "Expiring 12 record(s) for orders-0",
    "Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member.",
    "The broker received an out of order sequence number.",
]
TIMEOUT = "errors/org.apache.kafka.common.errors.TimeoutException/"
# Words a highlight must never be: English function words that any pasted sentence holds
STOP_WORDS = {
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in", "is", "it", "its",
    "not", "of", "on", "or", "since", "that", "the", "this", "to", "was", "were", "which", "with",
}  # fmt: skip

# Results whose box lies wholly inside the search dialog's scrolling area and inside the window
VISIBLE_RESULTS = """() => {
  const area = document.querySelector('.md-search__scrollwrap').getBoundingClientRect();
  const top = Math.max(area.top, 0), bottom = Math.min(area.bottom, window.innerHeight);
  return [...document.querySelectorAll('.md-search-result__list > li.md-search-result__item')]
    .map(li => li.getBoundingClientRect())
    .filter(r => r.height > 0 && r.top >= top - 0.5 && r.bottom <= bottom + 0.5).length;
}"""


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def dialog(request, browser, base_url) -> Iterator[tuple[object, int]]:
    """A page with the search dialog open at the viewport, and how many results must be visible there."""
    (width, height), minimum = VIEWPORTS[request.param]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(base_url)
    if width < 600:
        page.locator("label.md-header__button[for=__search]").click()  # the phone header's search icon
    else:
        page.locator("input.md-search__input").click()
    yield page, minimum
    page.close()


def _summary(path: str) -> str:
    record = REPO / "data" / "errors" / (path.split("/")[1] + ".yaml")
    text = YAML(typ="safe").load(record.read_text(encoding="utf-8"))["summary"]
    return " ".join(text.replace("`", "").split())


@pytest.mark.parametrize(("query", "expected"), FIRST, ids=[q[:60] for q, _ in FIRST])
def test_a_pasted_or_typed_message_ranks_its_page_first(browser, base_url, query: str, expected: str) -> None:
    page = browser.new_page()
    page.goto(base_url)
    top = search(page, query)
    page.close()
    assert top[:1] == [expected], f"{query!r} -> {top[:5]}"


@pytest.mark.parametrize("query", PASTED, ids=["expiring", "commit", "sequence"])
def test_enough_results_fit_in_the_dialog(dialog, query: str) -> None:
    page, minimum = dialog
    assert len(search(page, query)) >= minimum
    visible = page.evaluate(VISIBLE_RESULTS)
    assert visible >= minimum, f"{visible} results wholly visible for {query!r}, want {minimum}"


def test_a_result_is_its_title_summary_and_one_name_line(dialog) -> None:
    page, _ = dialog
    pages = search(page, PASTED[0])
    assert pages[0] == TIMEOUT
    items = page.locator(".md-search-result__list > li.md-search-result__item")
    first = items.first.locator("article").first
    # the summary comes right under the title, not the badges
    assert first.locator(":scope > p").first.inner_text() == _summary(TIMEOUT)
    # the one name line: the message that matched, highlighted, on one line
    line = first.locator("p.kei-search-match")
    assert line.count() == 1
    assert line.inner_text().startswith("Expiring … record(s) for …")  # placeholders shown as …
    assert line.locator("mark").count() >= 2
    assert line.evaluate(
        "p => p.getClientRects().length === 1 && p.offsetHeight < 2 * parseFloat(getComputedStyle(p).lineHeight)"
    )
    for index in range(items.count()):
        item = items.nth(index)
        assert item.locator("p.kei-search-match").count() <= 1
        assert item.locator(".md-tag:visible, .md-search-result__terms:visible").count() == 0
        # a highlight is a word on a line, never a column of letters one under the other ("Co/mm/it")
        heights = item.locator("mark").evaluate_all(
            "ms => ms.map(m => m.getBoundingClientRect().height / parseFloat(getComputedStyle(m).fontSize))"
        )
        assert all(height < 2.5 for height in heights), heights


def test_no_name_line_when_the_title_is_what_matched(browser, base_url) -> None:
    page = browser.new_page()
    page.goto(base_url)
    assert search(page, "TimeoutException")[0] == TIMEOUT
    assert page.locator(".md-search-result__list > li").first.locator("p.kei-search-match").count() == 0
    page.close()


def test_a_page_opened_from_search_marks_meaningful_whole_words_only(browser, base_url) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(base_url)
    query = "The broker received an out of order sequence number."
    assert search(page, query)[0] == "errors/org.apache.kafka.common.errors.OutOfOrderSequenceException/"
    # the name line is the message as pasted, not a longer text or another client's copy holding the same words
    first = page.locator(".md-search-result__list > li").first
    assert first.locator("p.kei-search-match").inner_text().rstrip(".") == query.rstrip(".")
    page.locator(".md-search-result__list > li a.md-search-result__link").first.click()
    page.wait_for_load_state()
    page.wait_for_function("() => document.querySelector('.md-content article mark')")
    page.wait_for_timeout(1000)  # Material's own highlighter, if it ran, would have marked by now
    marks = page.locator("mark").evaluate_all(
        """ms => ms.map(m => {
             const before = m.previousSibling ? m.previousSibling.textContent.slice(-1) : '';
             const after = m.nextSibling ? m.nextSibling.textContent.slice(0, 1) : '';
             return [m.textContent, before, after, m.hasAttribute('data-md-highlight')];
           })"""
    )
    words = {text.lower() for text, *_ in marks}
    assert {"broker", "sequence"} <= words
    for text, before, after, material in marks:
        assert not material, "Material's highlighter marked the page"
        assert text.lower() not in STOP_WORDS and len(text) >= 3, text
        assert not re.match(r"\w", before) and not re.match(r"\w", after), f"{before}[{text}]{after} is inside a word"
    page.close()


def test_the_search_index_loads_when_the_reader_turns_to_search(browser, base_url) -> None:
    """The index is the site's largest file: a page loads without it, and focusing the search box fetches it."""
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("errors/org.apache.kafka.common.errors.TimeoutException/", ""):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        assert not [u for u in requested if "search_index" in u], path
    assert (
        search(page, "RecordTooLargeException")[0] == "errors/org.apache.kafka.common.errors.RecordTooLargeException/"
    )
    assert [u for u in requested if "search_index" in u]
    page.close()
