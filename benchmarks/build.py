"""Build benchmark: synthetic catalogs of 400, 2,000 and 10,000 records, generated and built with MkDocs.

For each size, in a fresh temporary project, one full build (`pipeline.build_site`, what `make site` runs):
the time MkDocs ran, the generator's time (the rest of the build: reading, rendering and writing docs/, and
any lint that MkDocs outlasted), the lint's own time (it runs beside MkDocs, on the core MkDocs leaves
idle), the peak memory of the generator and of its children (MkDocs, workers), the per-page MkDocs time,
the average and largest entry page, and the search index size. The generator's share of the full build is
a ratio of two times measured in the same run.

Targets (2 cores): generator share at most 10%; per-page cost at 10,000 at most 1.3x the cost at 400;
10,000 records in under 2 minutes and under 1 GB; entry pages under 20 KB as a browser downloads them (gzip).
The entry target was 40 KB of raw HTML until the content bar's sections made most of a page its article
(TimeoutException: 51 of 72 KB): a reader pays the compressed size, which is what is held to a limit now.

To add a measurement: compute it in `measure` and add a column to `TABLE`.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from .synthetic import make_project

SIZES = (400, 2000, 10000)


def measure(root: Path) -> dict[str, float]:
    """Runs in its own process so that peak memory figures belong to this size only."""
    sys.path.insert(0, str(root))
    from generator.paths import Project
    from generator.pipeline import build_site

    built = build_site(Project(root), root / "site")
    if not built.ok:
        problems = built.generate.errors
        raise SystemExit(
            "synthetic catalog does not build: " + (problems[0].format(root) if problems else built.message[-3000:])
        )
    generator_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mkdocs_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    generate_s, mkdocs_s = built.generator_seconds, built.mkdocs_seconds
    site = root / "site"
    pages = list(site.rglob("index.html"))
    entry_pages = sorted((site / "errors").glob("*/index.html"))
    entries = [p.stat().st_size for p in entry_pages]
    entries_gz = [len(gzip.compress(p.read_bytes(), 6)) for p in entry_pages]
    return {
        "records": len(built.generate.catalog.records) if built.generate.catalog else 0,
        "pages": len(pages),
        "generate_s": generate_s,
        "mkdocs_s": mkdocs_s,
        "lint_s": built.lint_seconds,
        "share": generate_s / (generate_s + mkdocs_s),
        "per_page_ms": 1000 * mkdocs_s / len(pages),
        "generator_mb": generator_rss,
        "mkdocs_mb": mkdocs_rss,
        "entry_kb_avg": sum(entries) / len(entries) / 1024,
        "entry_kb_max": max(entries) / 1024,
        "entry_gz_kb_max": max(entries_gz) / 1024,
        "search_index_mb": (site / "search" / "search_index.json").stat().st_size / 2**20,
        # the Explain page's matcher index, as a static host sends it (gzip): should grow linearly with the records
        "explain_kb_gz": len(gzip.compress((site / "explain" / "matcher.json").read_bytes(), 6)) / 1024,
        "total_s": generate_s + mkdocs_s,
    }


TABLE = [
    ("records", "{:>7.0f}"),
    ("pages", "{:>6.0f}"),
    ("generate_s", "{:>9.1f}"),
    ("mkdocs_s", "{:>8.1f}"),
    ("lint_s", "{:>6.1f}"),
    ("share", "{:>6.1%}"),
    ("per_page_ms", "{:>8.1f}"),
    ("generator_mb", "{:>8.0f}"),
    ("mkdocs_mb", "{:>8.0f}"),
    ("entry_kb_avg", "{:>8.1f}"),
    ("entry_kb_max", "{:>8.1f}"),
    ("entry_gz_kb_max", "{:>8.1f}"),
    ("search_index_mb", "{:>8.1f}"),
    ("explain_kb_gz", "{:>8.0f}"),
    ("total_s", "{:>7.1f}"),
]


def run(sizes: tuple[int, ...] = SIZES) -> list[dict[str, float]]:
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"kei-bench-{size}-") as tmp:
            root = make_project(Path(tmp) / "project", size)
            env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.build", "--measure", str(root)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
                cwd=Path(__file__).parent.parent,
            )
            if out.returncode != 0:
                raise SystemExit(out.stderr[-3000:] or out.stdout[-3000:])
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(_row(results[-1]), flush=True) if len(results) > 1 else print(
                _header() + "\n" + _row(results[-1]), flush=True
            )
    _verdict(results)
    return results


def _header() -> str:
    return " ".join(f"{name:>{len(fmt.format(0))}}"[: max(len(fmt.format(0)), len(name))] for name, fmt in TABLE)


def _row(result: dict[str, float]) -> str:
    return " ".join(f"{fmt.format(result[name]):>{len(name)}}" for name, fmt in TABLE)


def _verdict(results: list[dict[str, float]]) -> None:
    by_size = {int(r["records"]): r for r in results}
    checks = [
        f"generator share <= 10%: {'yes' if all(r['share'] <= 0.10 for r in results) else 'NO'}",
        f"entry pages < 20 KB gzip: {'yes' if all(r['entry_gz_kb_max'] < 20 for r in results) else 'NO'}",
    ]
    if 400 in by_size and 10000 in by_size:
        ratio = by_size[10000]["per_page_ms"] / by_size[400]["per_page_ms"]
        big = by_size[10000]
        checks += [
            f"per-page cost 10,000 vs 400: {ratio:.2f}x (target <= 1.3x)",
            f"10,000 records: {big['total_s']:.0f} s (target < 120 s), peak {max(big['mkdocs_mb'], big['generator_mb']):.0f} MB (target < 1024 MB)",
        ]
    print("\n".join(checks))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(Path(sys.argv[2]))))
    else:
        run(tuple(int(a) for a in sys.argv[1:]) or SIZES)
