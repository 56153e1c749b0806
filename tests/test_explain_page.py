"""The Explain page in headless Chromium: same ranking as the command, private, offline, shareable, accessible.

The page (templates/explain.md.j2, javascripts/explain*.js) ranks a paste in the browser from the matcher
index that generator/explain/web.py writes. These tests run it on every sample log of
tests/fixtures/explain and compare with `Explainer`, watch the network while a log is pasted, and drive it
with the keyboard.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from generator.explain import Explainer, Matcher
from generator.explain.web import browser_index
from generator.paths import Project
from generator.pipeline import load_catalog

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLES = sorted((FIXTURES / "explain").glob("*.log"))


@cache
def matcher() -> Matcher:
    loaded = load_catalog(Project(REPO))
    assert loaded.catalog is not None
    return Matcher(loaded.catalog, "")


def command_ranking(text: bytes) -> list[str]:
    explainer = Explainer(matcher())
    explainer.feed(io.BytesIO(text))
    return [f.target.id for f in explainer.ranked()]


@pytest.fixture(scope="module")
def explain_page(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "explain/")
    page.wait_for_selector("#kei-explain[data-ready]")
    yield page
    assert errors == []
    context.close()


def paste(page, text: str) -> list[str]:
    """Put `text` in the box as a paste does (one input event of type insertFromPaste); the ids listed."""
    page.evaluate(
        """text => { const box = document.getElementById("kei-explain-input"); box.value = text;
                     box.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true})); }""",
        text,
    )
    return page.eval_on_selector_all("#kei-explain-results > li", "items => items.map(li => li.dataset.id)")


def test_every_sample_log_ranks_the_same_in_the_page_and_the_command(explain_page) -> None:
    assert len(SAMPLES) >= 30
    for sample in SAMPLES:
        expected = command_ranking(sample.read_bytes())
        assert expected, sample.name
        assert paste(explain_page, sample.read_text(encoding="utf-8"))[:3] == expected[:3], sample.name


def test_the_page_agrees_with_the_command_beyond_the_top_three_on_a_long_mixed_log(explain_page) -> None:
    # every sample after another, twice, with CRLF line ends: many traces, repeated lines, a Caused-by chain each
    text = "\r\n".join(p.read_text(encoding="utf-8") for p in SAMPLES * 2)
    expected = command_ranking(text.encode("utf-8"))
    assert len(expected) > 25
    assert paste(explain_page, text) == expected[:25]  # the first 25, then "Show all matches"
    explain_page.click("#kei-explain-more")
    shown = explain_page.eval_on_selector_all("#kei-explain-results > li", "items => items.map(li => li.dataset.id)")
    assert shown == expected


def test_the_index_is_the_commands_names_and_targets(tmp_path: Path) -> None:
    index = browser_index(matcher())
    assert index["names"] == matcher().names
    assert [t[0] for t in index["targets"]] == [t.id for t in matcher().targets]
    assert index["markers"][0] == "Caused by:"
    assert len(index["flags"]) == len(index["names"]) == len(index["targets_of"])


def test_a_result_shows_title_summary_the_matched_line_and_the_client(explain_page) -> None:
    ids = paste(explain_page, (FIXTURES / "explain" / "librdkafka-msg-timed-out.log").read_text(encoding="utf-8"))
    assert ids[0] == "librdkafka/_MSG_TIMED_OUT"
    first = explain_page.locator("#kei-explain-results > li").first
    assert "client: librdkafka" in first.locator(".kei-explain-title").inner_text()
    assert first.locator(".kei-explain-summary").inner_text().strip()
    assert first.locator(".kei-explain-line mark").count() == 1
    link = first.locator(".kei-explain-title a").get_attribute("href")
    assert link.endswith("/clients/librdkafka/_MSG_TIMED_OUT/")
    assert re.fullmatch(r"\d+ matching entr(y|ies).*", explain_page.locator("#kei-explain-status").inner_text())


def test_the_root_cause_comes_first_and_wrappers_last(explain_page) -> None:
    log = (
        "org.apache.kafka.common.KafkaException: Failed to construct kafka producer\n"
        "\tat org.apache.kafka.clients.producer.KafkaProducer.<init>(KafkaProducer.java:473)\n"
        "Caused by: org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed\n"
    )
    ids = paste(explain_page, log)
    assert ids == [
        "org.apache.kafka.common.errors.SaslAuthenticationException",
        "org.apache.kafka.common.KafkaException",
    ]
    assert ids == command_ranking(log.encode())
    assert explain_page.locator("#kei-explain-results > li").first.locator(".kei-explain-root").count() == 1


def test_pasted_html_is_shown_as_text(explain_page) -> None:
    paste(explain_page, '<img src=x onerror="window.pwned=1"> org.apache.kafka.common.errors.TimeoutException <b>x</b>')
    line = explain_page.locator(".kei-explain-line code").first
    assert "<img src=x" in line.inner_text()
    assert explain_page.locator("#kei-explain-results img, #kei-explain-results b").count() == 0
    assert explain_page.evaluate("window.pwned === undefined")


def test_unknown_input_says_so_and_offers_the_search(explain_page) -> None:
    assert paste(explain_page, "hello world\nnothing to see here") == []
    assert "No known Kafka error" in explain_page.locator("#kei-explain-status").inner_text()
    explain_page.click("#kei-explain-search")
    explain_page.wait_for_function("document.getElementById('__search').checked")
    assert explain_page.locator("input.md-search__input").input_value() == "hello world"
    explain_page.keyboard.press("Escape")


def test_the_paste_never_leaves_the_page_and_it_works_offline(browser, base_url) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + "explain/")
    page.wait_for_selector("#kei-explain[data-ready]")
    page.wait_for_load_state("networkidle")
    loaded = list(requests)
    assert loaded and all(url.startswith(base_url) for url in loaded), loaded
    context.set_offline(True)
    secret = "secret-token-4711 org.apache.kafka.common.errors.RecordTooLargeException: The message is 9 bytes"
    ids = paste(page, secret)
    assert ids and ids[0] == "org.apache.kafka.common.errors.RecordTooLargeException"
    page.wait_for_timeout(300)
    assert requests == loaded, "pasting made a request"
    assert "secret-token" not in page.url
    context.close()


def test_the_shared_link_names_the_entries_and_not_the_text(browser, base_url) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "explain/")
    page.wait_for_selector("#kei-explain[data-ready]")
    ids = paste(page, (FIXTURES / "explain" / "java-producer-fenced.log").read_text(encoding="utf-8"))
    page.click("#kei-explain-copy")
    page.wait_for_function("/Link copied/.test(document.getElementById('kei-explain-status').textContent)")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(base_url + "explain/#r=")
    assert "Producer" not in link.split("#r=")[1].replace("ProducerFencedException", "")  # ids only, no log text
    shared = context.new_page()
    shared.goto(link)
    shared.wait_for_selector("#kei-explain[data-ready]")
    shared.wait_for_selector("#kei-explain-results > li")
    assert shared.eval_on_selector_all("#kei-explain-results > li", "items => items.map(li => li.dataset.id)") == ids
    context.close()


def test_keyboard_labels_and_announcements(explain_page) -> None:
    box = explain_page.get_by_label("Paste a log, a stack trace or an error message")
    assert box.evaluate("el => el.id") == "kei-explain-input"
    assert explain_page.locator("#kei-explain-status").get_attribute("aria-live") == "polite"
    paste(explain_page, (FIXTURES / "explain" / "java-producer-fenced.log").read_text(encoding="utf-8"))
    box.focus()
    focused = []
    for _ in range(12):
        explain_page.keyboard.press("Tab")
        focused.append(explain_page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert "kei-explain-copy" in focused  # reachable from the box without a mouse
    explain_page.keyboard.press("Shift+Tab")


def test_a_multi_line_paste_into_the_search_box_leads_to_the_explain_page(browser, base_url) -> None:
    page = browser.new_page()
    page.goto(base_url)
    page.locator("input.md-search__input").focus()
    log = (FIXTURES / "explain" / "java-producer-record-too-large.log").read_text(encoding="utf-8")
    page.evaluate(
        """text => { const data = new DataTransfer(); data.setData("text/plain", text);
                     document.querySelector("input.md-search__input").dispatchEvent(
                       new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})); }""",
        log,
    )
    hint = page.locator("#kei-explain-hint a")
    assert hint.is_visible()
    assert "secret" not in (hint.get_attribute("href") or "") and hint.get_attribute("href").endswith("/explain/")
    hint.click()
    page.wait_for_selector("#kei-explain-results > li")
    assert page.locator("#kei-explain-input").input_value() == log
    first = page.eval_on_selector("#kei-explain-results > li", "li => li.dataset.id")
    assert first == command_ranking(log.encode("utf-8"))[0]
    assert page.evaluate("sessionStorage.getItem('kei-explain-paste')") is None  # handed over once, then deleted
    page.close()


def test_the_explain_page_is_linked_from_the_header_the_navigation_and_the_home_page(browser, base_url) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(base_url + "errors/org.apache.kafka.common.errors.TimeoutException/")
    header = page.locator(".md-header #kei-header-explain")
    assert header.is_visible() and header.get_attribute("href") == base_url + "explain/"
    nav = page.eval_on_selector_all(".md-nav a", "links => links.map(a => a.href)")
    assert base_url + "explain/" in nav
    page.goto(base_url)
    assert page.locator("main a[href='explain/']").count() >= 1  # the home page's "Explain it"
    page.goto(base_url + "explain/")
    assert page.locator("#kei-header-explain").get_attribute("aria-current") == "page"
    page.close()


def test_index_file_is_compact_json(real_site: Path) -> None:
    raw = (real_site / "site" / "explain" / "matcher.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert data["version"] == 1 and "\n" not in raw.rstrip("\n")


def test_a_kafka_entry_found_by_a_clients_name_says_whose_name_it_is(explain_page) -> None:
    log = "%4|1732100000.123|PRODUCE| rdkafka#producer-1: Produce failed: Broker: Not leader for partition\n"
    assert paste(explain_page, log)[0] == "org.apache.kafka.common.errors.NotLeaderOrFollowerException"
    title = explain_page.locator("#kei-explain-results > li").first.locator(".kei-explain-title").inner_text()
    assert "as librdkafka names it" in title
