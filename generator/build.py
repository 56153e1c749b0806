"""The MkDocs edge of the pipeline: run ``mkdocs build --strict`` into a staging directory, then swap it in.

The site is built next to the current one and only moved into place when MkDocs succeeded (see
`generator.pipeline.build_site`), so a failed build leaves the previous ``site/`` exactly as it was.
``SOURCE_DATE_EPOCH`` is fixed for MkDocs (sitemap dates), so identical inputs give identical bytes.

To pass MkDocs another option: add it to `run_mkdocs`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import Project


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


def swap(staging: Path, target: Path) -> None:
    """Replace `target` by `staging`; the old tree is moved aside first and deleted last."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
