"""The Explain page in Chromium: size of its matcher index, and the time to rank a 10 KB, 100 KB and 1 MB paste.

Builds the real catalog's site into a temporary directory, serves it on 127.0.0.1, opens /explain/ in
Debian's headless Chromium (Playwright), and times, inside the page, a paste of a generated log (the mix of
`benchmarks.explain`: ordinary lines with 0.5% error lines) from the input event to the rendered list.
Targets: index under 150 KB gzip-compressed; a 1 MB paste ranked in under 300 ms.

To time another size: add it to `SIZES`.
"""

from __future__ import annotations

import functools
import gzip
import shutil
import statistics
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SIZES = (10 << 10, 100 << 10, 1 << 20)
RUNS = 5

_TIME_PASTE = """text => {
  const box = document.getElementById("kei-explain-input");
  box.value = text;
  const start = performance.now();
  box.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste"}));
  const ms = performance.now() - start;
  return [ms, document.querySelectorAll("#kei-explain-results li").length];
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _paste(size: int) -> str:
    from .explain import make_log

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "paste.log"
        make_log(path, size)
        return path.read_bytes()[:size].decode("utf-8", "replace")


def run() -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from generator.paths import Project
    from generator.pipeline import build_site

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("explain page benchmark: Debian's chromium is needed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="kei-explain-page-") as tmp:
        from .synthetic import scratch_project

        root = scratch_project(Path(tmp) / "project", REPO / "data", Path(tmp) / "project" / "data")
        built = build_site(Project(root))
        if not built.ok:
            raise SystemExit(built.message)
        index = (root / "site" / "explain" / "matcher.json").read_bytes()
        result = {"index_kb": len(index) / 1024, "index_kb_gz": len(gzip.compress(index, 6)) / 1024}
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/explain/")
                page.wait_for_selector("#kei-explain[data-ready]")
                for size in SIZES:
                    text = _paste(size)
                    times = []
                    for _ in range(RUNS):
                        ms, shown = page.evaluate(_TIME_PASTE, text)
                        times.append(ms)
                    result[f"paste_{size >> 10}kb_ms"] = statistics.median(times)
                    result[f"paste_{size >> 10}kb_results"] = shown
                browser.close()
        finally:
            server.shutdown()
    print(
        f"explain page: index {result['index_kb']:.0f} KB, {result['index_kb_gz']:.0f} KB gzip (target < 150 KB); "
        + ", ".join(f"{size >> 10} KB paste {result[f'paste_{size >> 10}kb_ms']:.0f} ms" for size in SIZES)
        + f" (median of {RUNS}; target: 1 MB < 300 ms)"
    )
    return result


if __name__ == "__main__":
    run()
