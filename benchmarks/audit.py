"""`make audit`: Lighthouse (mobile) on four pages of the built site, served gzip-compressed as a static host would.

Serves ``site/`` on 127.0.0.1 with a small server that compresses text responses when the request's
Accept-Encoding allows gzip (Python's http.server never does, and Lighthouse would then measure uncompressed
bytes no real host sends), answers unknown paths with ``404.html`` and status 404, and runs the Lighthouse of
``node_modules`` (pinned in package.json / package-lock.json; `make audit` installs it) with Debian's Chromium.

Prints one row per page: the median over `--runs` runs (3 by default: a single performance score swings with
the machine's load, which is printed too) of the four category scores and of the bytes transferred, and exits
1 when a page misses a target: performance >= 0.95; accessibility, best practices and SEO 1.00; at most
150 KiB transferred.
Not part of `make test`: scores depend on the machine's load.

To audit another page: add it to `PAGES`. To change a target: edit `TARGETS` / `MAX_KIB`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "",
    "entry": "errors/org.apache.kafka.common.errors.OutOfOrderSequenceException/",
    "code": "codes/45/",
    "A-Z": "errors/",
}
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
MAX_KIB = 150.0
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed (level 9, cached in memory) when the client accepts it; 404.html for misses."""

    _cache: ClassVar[dict[Path, bytes]] = {}
    _lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _file(self) -> Path | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # let the base class redirect to the slash form
            path = path / "index.html"
        return path if path.is_file() else None

    def do_GET(self) -> None:
        self._send(body=True)

    def do_HEAD(self) -> None:
        self._send(body=False)

    def _send(self, body: bool) -> None:
        path = self._file()
        status = 200
        if path is None:
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                super().do_GET() if body else super().do_HEAD()
                return
            path, status = Path(self.directory) / "404.html", 404
        data = path.read_bytes()
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        compress = accepts and path.suffix in _COMPRESSIBLE
        if compress:
            with self._lock:
                if path not in self._cache:
                    self._cache[path] = gzip.compress(data, compresslevel=9, mtime=0)
                data = self._cache[path]
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            self.wfile.write(data)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse(url: str) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            "--only-categories=" + ",".join(TARGETS),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: float(report["categories"][name]["score"] or 0) for name in TARGETS}
    scores["kib"] = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    for name in TARGETS:  # say what cost the points, so a failed target can be fixed without re-running
        if scores[name] < 1:
            for ref in report["categories"][name]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                    print(f"  {name}: {ref['id']} ({audit['score']}) {audit.get('displayValue', '')}", file=sys.stderr)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site", type=Path, default=REPO / "site", help="the built site (default: site/)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is reported (default: 3)")
    parser.add_argument("--page", action="append", choices=list(PAGES), help="audit only this page (repeatable)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci` (make audit does)", file=sys.stderr)
        return 2
    server, base = serve(args.site)
    failed = []
    try:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"median of {args.runs} Lighthouse runs per page; load average {load:.1f} on {os.cpu_count()} CPUs")
        print(f"{'page':<7} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'KiB':>7}")
        for name, path in PAGES.items():
            if args.page and name not in args.page:
                continue
            print(f"{name}: {base + path}", file=sys.stderr)
            runs = [lighthouse(base + path) for _ in range(max(1, args.runs))]
            s = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            print(
                f"{name:<7} {s['performance']:>5.2f} {s['accessibility']:>5.2f} "
                f"{s['best-practices']:>5.2f} {s['seo']:>5.2f} {s['kib']:>7.1f}",
                flush=True,
            )
            failed += [f"{name} {k} {s[k]:.2f} < {t}" for k, t in TARGETS.items() if s[k] < t]
            failed += [f"{name} {s['kib']:.1f} KiB > {MAX_KIB}"] if s["kib"] > MAX_KIB else []
    finally:
        server.shutdown()
    for miss in failed:
        print(f"missed: {miss}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
