"""Build orchestration: lint → render → write docs/ → ``mkdocs build --strict`` into a temporary directory → swap.

The site is built next to the current one and only moved into place when MkDocs succeeded, so a failed
build (lint errors, a broken link, a crash) leaves the previous ``site/`` exactly as it was.
``SOURCE_DATE_EPOCH`` is fixed for MkDocs (sitemap dates), so identical inputs give identical bytes.

To add a build step: put pure work in `generate` (it also runs under ``mkdocs serve``) and file-system or
subprocess work in `build_site`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog, load_catalog
from .explain.web import explain_files
from .paths import Project
from .problems import Problem
from .render import render_site
from .render.site import site_info
from .write import WriteReport, write_tree


@dataclass
class GenerateResult:
    problems: list[Problem]
    catalog: Catalog | None = None
    files: int = 0
    report: WriteReport = field(default_factory=WriteReport)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def generate(project: Project, docs_dir: Path | None = None) -> GenerateResult:
    """Validate the records and, if they are clean, write the Markdown tree. Never writes on errors."""
    start = time.perf_counter()
    loaded = load_catalog(project)
    if loaded.catalog is None:
        return GenerateResult(loaded.problems, seconds=time.perf_counter() - start)
    files = render_site(loaded.catalog, project.templates, site_info(project.mkdocs_yml))
    files.update(explain_files(loaded.catalog))  # the Explain page's matcher index: the command's names and rules
    report = write_tree(docs_dir or project.docs, files)
    return GenerateResult(loaded.problems, loaded.catalog, len(files), report, time.perf_counter() - start)


def source_date_epoch(project: Project) -> str:
    """The caller's SOURCE_DATE_EPOCH, else the last commit's time, else 0: never the wall clock."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=project.root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return out.stdout.strip()
    except OSError:
        pass
    return "0"


@dataclass
class BuildResult:
    ok: bool
    generate: GenerateResult
    mkdocs_seconds: float = 0.0
    message: str = ""


def run_mkdocs(project: Project, site_dir: Path) -> subprocess.CompletedProcess[str]:
    # Not --quiet: MkDocs 1.6 counts strict-mode warnings only when they are logged, and -q silences them.
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(project), "NO_MKDOCS_2_WARNING": "1"}
    argv = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--config-file",
        str(project.mkdocs_yml),
        "--site-dir",
        str(site_dir),
    ]
    return subprocess.run(argv, cwd=project.root, env=env, text=True, capture_output=True, check=False)


def build_site(project: Project, site_dir: Path | None = None) -> BuildResult:
    target = (site_dir or project.site).resolve()
    generated = generate(project)
    if generated.errors:
        return BuildResult(
            False, generated, message="lint errors: the site was not built; the previous site/ is unchanged"
        )
    staging = target.with_name(f".{target.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    start = time.perf_counter()
    proc = run_mkdocs(project, staging)
    seconds = time.perf_counter() - start
    if proc.returncode != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        detail = "\n".join(line for line in (proc.stderr + proc.stdout).splitlines() if not line.startswith("INFO"))
        return BuildResult(
            False,
            generated,
            seconds,
            f"mkdocs build failed (exit {proc.returncode}); the previous site/ is unchanged\n{detail}",
        )
    _swap(staging, target)
    return BuildResult(True, generated, seconds)


def _swap(staging: Path, target: Path) -> None:
    """Replace `target` by `staging`; the old tree is moved aside first and deleted last."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
