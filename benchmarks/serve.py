"""Live-reload benchmark: how long after saving a record does `mkdocs serve` serve the updated page?

Runs `make serve`'s command (generate, then `mkdocs serve --livereload --dirty`) on a copy of the real
catalog, edits one record's summary, and polls the page until the new text is served. Target: under
2 seconds at the real catalog's size.

To measure another kind of edit: change `_edit`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.render.site import site_info  # noqa: E402

from .synthetic import scratch_project  # noqa: E402

RECORD = "org.apache.kafka.common.errors.OutOfOrderSequenceException"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _edit(path: Path, marker: str) -> None:
    """Replace the summary (it must stay a valid record, or the page is not regenerated)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("summary: >-")
    end = start + 1
    while lines[end].startswith("  "):
        end += 1
    lines[start:end] = ["summary: >-", f"  {marker}"]
    path.write_text("\n".join(lines), encoding="utf-8")


def run(rounds: int = 3) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="kei-serve-") as tmp:
        root = scratch_project(Path(tmp) / "project", REPO / "data", Path(tmp) / "project" / "data")
        subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(root), "generate"],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--livereload",
                "--dirty",
                "--no-strict",
                "-a",
                f"127.0.0.1:{port}",
            ],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        base = urllib.parse.urlsplit(site_info(root / "mkdocs.yml").site_url).path  # serve mounts the site here
        url = f"http://127.0.0.1:{port}{base}errors/{RECORD}/"
        try:
            deadline = time.time() + 120
            while RECORD.rsplit(".", 1)[1] not in _get(url):
                if time.time() > deadline:
                    raise SystemExit("mkdocs serve did not come up")
                time.sleep(0.5)
            time.sleep(2)
            latencies = []
            for index in range(rounds):
                marker = f"Edited by the live-reload benchmark, round {index}: the page must show this summary."
                _edit(root / "data" / "errors" / f"{RECORD}.yaml", marker)
                start = time.perf_counter()
                while marker not in _get(url):
                    if time.perf_counter() - start > 60:
                        raise SystemExit("the edit never reached the served page")
                    time.sleep(0.05)
                latencies.append(time.perf_counter() - start)
                time.sleep(3)  # let the follow-up rebuild (of the regenerated docs/) settle
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(
        "live reload, edit -> served page: "
        + ", ".join(f"{s:.2f} s" for s in latencies)
        + f" (target < 2 s; {len(list((REPO / 'data' / 'errors').glob('*.yaml')))} records)"
    )
    return latencies


if __name__ == "__main__":
    run()
