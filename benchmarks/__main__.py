"""`python -m benchmarks [build SIZE ... | explain [MB] | page | serve]`: all four by default."""

from __future__ import annotations

import sys

from . import build, explain, explain_page, serve

if __name__ == "__main__":
    part = sys.argv[1] if len(sys.argv) > 1 else "all"
    if part in {"all", "build"}:
        build.run(tuple(int(a) for a in sys.argv[2:]) or build.SIZES)
    if part in {"all", "explain"}:
        explain.run(int(sys.argv[2]) if part == "explain" and len(sys.argv) > 2 else 1024)
    if part in {"all", "page"}:
        explain_page.run()
    if part in {"all", "serve"}:
        serve.run()
