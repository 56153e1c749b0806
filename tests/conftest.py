"""Shared test helpers: the repository root and throw-away copies of the project to build or lint.

`make_project` creates a project in a temporary directory with the real schema, facts, templates and
generator (symlinked, read-only use) and only the record files a test gives it, so tests never touch the
real data/, docs/ or site/. For the browser tests (tests/test_browser*.py): `real_site` served on 127.0.0.1
(`base_url`), one headless Chromium (`browser`), and `search`, which types a query into Material's search box.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

FIXTURES = REPO / "tests" / "fixtures"
BASE_RECORD = FIXTURES / "base-record.yaml"
BASE_FQN = "org.apache.kafka.common.errors.PolicyViolationException"
# The client libraries whose own errors and names the catalog covers (issue #12), written out: the facts, the
# schema and the coverage must each name exactly these.
CLIENT_LIBRARIES = frozenset({"librdkafka", "kafkajs", "kafka-python", "aiokafka", "sarama", "franz-go", "kafka-go"})


def build_project(
    root: Path, records: dict[str, str | bytes] | None = None, *, copy_records_from: Path | None = None
) -> Path:
    """A project at `root`: symlinks to the shared inputs, a real data/facts copy, and the given records."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("schema", "templates", "overrides", "generator"):
        (root / name).symlink_to(REPO / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")  # a copy: MkDocs resolves docs_dir next to it
    (root / "data").mkdir()
    shutil.copytree(REPO / "data" / "facts", root / "data" / "facts")
    errors = root / "data" / "errors"
    if copy_records_from is not None:
        shutil.copytree(copy_records_from, errors, symlinks=True)
        clients = copy_records_from.parent / "clients"
        if clients.is_dir():
            shutil.copytree(clients, root / "data" / "clients", symlinks=True)
    else:
        errors.mkdir()
    for name, content in (records or {}).items():
        # `<client>/<name>.yaml` is a client library's own error: data/clients/<client>/<name>.yaml
        target = root / "data" / "clients" / name if "/" in name else errors / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def factory(records: dict[str, str | bytes] | None = None, **kwargs: object) -> Path:
        return build_project(tmp_path / f"project{next(counter)}", records, **kwargs)  # type: ignore[arg-type]

    return factory


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from generator.cli import main

    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalog built once per test session with `build` (lint, generate, mkdocs build --strict)."""
    from generator.cli import main

    root = build_project(tmp_path_factory.mktemp("real") / "project", copy_records_from=REPO / "data" / "errors")
    assert main(["--root", str(root), "build"]) == 0
    return root


# -- browser tests -------------------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(real_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(real_site / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it with apt")
        pytest.skip("chromium is not installed (apt install chromium): browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def heading(page) -> str:
    return page.locator("h1").inner_text().removesuffix("¶").strip()


def search(page, query: str) -> list[str]:
    """Type the query into Material's search box; the result pages in order (site-relative, no anchors)."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the box on keyup
    page.wait_for_function(
        """q => { const m = document.querySelector('.md-search-result__meta');
                  return document.querySelector('input.md-search__input').value === q && m &&
                         !/Initializing|Type to start/i.test(m.textContent); }""",
        arg=query,
        timeout=20000,
    )
    page.wait_for_timeout(250)  # results render right after the meta line
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > li.md-search-result__item > a.md-search-result__link",
        "links => links.map(a => a.href)",
    )
    pages: list[str] = []
    base = page.url.split("#")[0].split("?")[0]
    for href in hrefs:
        path = href.split("#")[0].split("?")[0].removeprefix(base)
        if path not in pages:
            pages.append(path)
    return pages
