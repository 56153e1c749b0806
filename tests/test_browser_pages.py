"""Entry, code, index and home pages in a real headless Chromium, on a desktop (1366×900) and a phone (390×844):
the answer is on the first screen, the search button works from the keyboard, readers can tell where they are,
and the wide pages fit a phone.

Uses the site built once per session (`real_site`) and the server and browser fixtures of test_browser.py.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
FOLD_ENTRIES = ["OutOfOrderSequenceException", "TimeoutException"]
ERRORS = "org.apache.kafka.common.errors"


def _record(fqn: str) -> dict:
    return YAML(typ="safe").load((REPO / "data" / "errors" / f"{fqn}.yaml").read_text(encoding="utf-8"))


def _component_titles() -> dict[str, str]:
    schema = json.loads((REPO / "schema" / "record.schema.json").read_text(encoding="utf-8"))
    return {choice["const"]: choice["title"] for choice in schema["$defs"]["component"]["oneOf"]}


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser):
    width, height = VIEWPORTS[request.param]
    tab = browser.new_page(viewport={"width": width, "height": height})
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    yield tab
    tab.close()
    assert problems == [], problems


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not rendered"
    return box


@pytest.mark.parametrize("name", FOLD_ENTRIES)
def test_summary_in_short_box_and_first_solution_are_on_the_first_screen(page, base_url, name: str) -> None:
    page.goto(f"{base_url}errors/{ERRORS}.{name}/")
    height = page.viewport_size["height"]
    for selector in (".kei-summary", ".kei-inshort", ".kei-inshort ol a"):
        box = _box(page, selector)
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (selector, box, height)
    record = _record(f"{ERRORS}.{name}")
    links = page.locator(".kei-inshort ol a")
    assert links.all_inner_texts() == [" ".join(s["title"].replace("`", "").split()) for s in record["solutions"]]
    # the first link leads to the first solution, under the Solutions heading
    target = links.first.get_attribute("href")
    heading = page.locator(f"h3{target}")
    assert heading.count() == 1
    assert (
        page.evaluate(
            "t => { let e = document.querySelector(t); while (e && e.tagName !== 'H2') e = e.previousElementSibling;"
            " return e && e.id; }",
            target,
        )
        == "solutions"
    )
    links.first.click()
    page.wait_for_function(f"() => location.hash === {json.dumps(target)}")
    assert 0 <= heading.bounding_box()["y"] < height
    # what the client does about it, from the record's retriable field
    expected = "the client retries by itself" if record["retriable"] else "your code must act"
    assert expected in page.locator(".kei-inshort").inner_text()
    # "Also known as" is below the content, collapsed
    assert page.locator("details.kei-aka").count() == 1
    assert page.locator("details.kei-aka").get_attribute("open") is None
    assert _box(page, "details.kei-aka")["y"] > _box(page, "#versions")["y"]


def test_home_search_button_is_reachable_with_the_keyboard_and_opens_search(page, base_url) -> None:
    page.goto(base_url)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.kei-search-cta button')"):
            break
    else:
        pytest.fail("the search button was not reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("RecordTooLarge")
    page.wait_for_selector(".md-search-result__list > li")
    assert "RecordTooLargeException" in page.locator(".md-search-result__list > li").first.inner_text()
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")


def test_home_links_to_all_errors_and_has_its_own_title(page, base_url) -> None:
    page.goto(base_url)
    assert page.title().count("Kafka Error Index") == 1
    page.locator("a", has_text="errors, A to Z").first.click()
    page.wait_for_load_state()
    assert page.url == base_url + "errors/"


@pytest.mark.parametrize(
    ("path", "trail"),
    [
        (f"errors/{ERRORS}.TimeoutException/", ["Home", "All errors", "TimeoutException"]),
        ("codes/45/", ["Home", "Protocol codes", "OUT_OF_ORDER_SEQUENCE_NUMBER (45)"]),
        ("clients/kafkajs/", ["Home", "Clients", "KafkaJS"]),
    ],
)
def test_breadcrumbs_lead_back_up(page, base_url, path: str, trail: list[str]) -> None:
    page.goto(base_url + path)
    crumbs = page.locator("nav.kei-breadcrumbs li")
    assert [text.strip() for text in crumbs.all_text_contents()] == trail
    assert page.locator("nav.kei-breadcrumbs [aria-current=page]").text_content() == trail[-1]
    assert page.locator("nav.kei-breadcrumbs a").nth(1).is_visible()
    if page.viewport_size["width"] < 720:  # on a phone the title right below names the page; no repeat
        assert not page.locator("nav.kei-breadcrumbs [aria-current=page]").is_visible()
    page.locator("nav.kei-breadcrumbs a").nth(1).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().removesuffix("¶").strip() in {
        "All errors, A to Z",
        "Protocol error codes",
        "Client libraries",
    }


def test_entry_footer_sidebar_and_badges_follow_the_record(page, base_url) -> None:
    titles = _component_titles()
    for name in ("CommitFailedException", "TimeoutException", "OutOfOrderSequenceException"):
        fqn = f"org.apache.kafka.clients.consumer.{name}" if name == "CommitFailedException" else f"{ERRORS}.{name}"
        record = _record(fqn)
        page.goto(f"{base_url}errors/{fqn}/")
        badges = page.locator(".kei-badges .kei-badge").all_inner_texts()
        assert badges[: len(record["components"])] == [titles[c] for c in record["components"]]
        if "protocol" not in record:
            assert "No protocol code" in badges
        elif record["components"][0] == "client":  # raised mostly by the client: the code is one way it arrives
            assert badges[-1] == f"Can travel as code {record['protocol']['code']}"
        else:
            assert badges[-1] == f"Code {record['protocol']['code']}"
        footer = page.locator("nav.kei-more")
        assert (
            footer.locator("h2").inner_text().removesuffix("¶").strip()
            == f"More {titles[record['components'][0]]} errors"
        )
        assert footer.locator("li a").count() >= 1
        assert {"All errors, A to Z", "All protocol codes"} <= set(footer.locator("p a").all_inner_texts())
        if page.viewport_size["width"] > 1220:  # the sidebar is visible
            assert page.locator(".md-sidebar--primary .md-nav__item--active > a").inner_text().strip() == "All errors"
    page.goto(f"{base_url}errors/{ERRORS}.TimeoutException/")
    assert page.locator("ul.kei-backlinks li").count() >= 2


@pytest.mark.parametrize("path", ["errors/", "codes/"])
def test_wide_pages_fit_a_phone(browser, base_url, path: str) -> None:
    tab = browser.new_page(viewport=dict(zip(("width", "height"), VIEWPORTS["phone"], strict=True)))
    tab.goto(base_url + path)
    assert tab.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    outside = tab.evaluate(
        """() => [...document.querySelectorAll('.kei-az li, .kei-codes td')]
                 .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > innerWidth + 0.5)
                 .map(e => e.textContent.slice(0, 40))"""
    )
    assert outside == []
    if path == "codes/":
        assert tab.locator(".kei-codes thead th").all_inner_texts()[2] == "What it means"
        assert tab.locator(".kei-codes tbody tr").count() == 134
    else:
        assert tab.locator(".kei-az li").count() > 200
        # package names break only after a dot (<wbr>), never inside a word, and stay on the screen
        packages = tab.locator(".kei-az__package")
        assert packages.count() == tab.locator(".kei-az li").count()
        assert tab.evaluate(
            """() => [...document.querySelectorAll('.kei-az__package')].every(e =>
                 getComputedStyle(e).overflowWrap === 'normal' && getComputedStyle(e).wordBreak === 'normal' &&
                 e.getBoundingClientRect().right <= innerWidth)"""
        )
    tab.close()


@pytest.mark.parametrize("path", ["clients/kafkajs/", "clients/librdkafka/", f"errors/{ERRORS}.TimeoutException/"])
def test_client_and_error_names_are_not_cut_into_pieces(page, base_url, path: str) -> None:
    page.goto(base_url + path)
    names = page.evaluate(
        """() => [...document.querySelectorAll('td.kei-client, .kei-stack td:first-child code')]
                 .map(e => [e.textContent, e.getClientRects().length])"""
    )
    assert len(names) >= 5
    # a name that fits the screen's width stays on one line (only a longer one may wrap)
    assert [name for name, lines in names if lines > 1 and len(name) <= 40] == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


class _UnderBase(SimpleHTTPRequestHandler):
    """The site under /some/base/ as a static host serves it: 404.html, with status 404, for a missing path."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        inside = path.split("?", 1)[0].removeprefix(BASE_PATH.rstrip("/"))
        return super().translate_path(inside if inside != path else "/does-not-exist/")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


BASE_PATH = "/some/base/"


@pytest.fixture(scope="module")
def site_under_a_base(real_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_UnderBase, directory=str(real_site / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_404_page_finds_the_site_under_any_base_path(browser, site_under_a_base: str) -> None:
    tab = browser.new_page()
    response = tab.goto(f"{site_under_a_base}{BASE_PATH}errors/org.example.NoSuchException/")
    assert response is not None and response.status == 404
    assert tab.locator("h1").inner_text() == "Page not found"
    home = tab.locator("a", has_text="Home and search")
    tab.wait_for_function("() => document.querySelector('a[data-kei-path]').getAttribute('href') !== '/'")
    assert home.get_attribute("href") == BASE_PATH
    tab.locator("a", has_text="All errors, A to Z").click()
    tab.wait_for_load_state()
    assert tab.url == f"{site_under_a_base}{BASE_PATH}errors/"
    assert tab.locator("h1").inner_text().removesuffix("¶").strip() == "All errors, A to Z"
    tab.close()
