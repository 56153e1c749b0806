"""The MkDocs edge of the pipeline: run ``mkdocs build --strict`` into a staging directory, then swap it in.

The site is built next to the current one and only moved into place when MkDocs succeeded and the lint was
clean (see `generator.pipeline.build_site`), so a failed build leaves the previous ``site/`` exactly as it was.
MkDocs runs in the background (`MkDocs`) from a staging copy of docs/, because the pipeline lints the records
while it runs: MkDocs uses one core, and the lint would otherwise add its seconds to every build.
``SOURCE_DATE_EPOCH`` is fixed for MkDocs (sitemap dates), so identical inputs give identical bytes.

To pass MkDocs another option: add it to the argument list in `MkDocs.__init__`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .paths import Project

# The environment variable that points MkDocs at a staging copy of docs/ (`generator.mkdocs_hook.on_config`).
DOCS_DIR_VARIABLE = "KAFKA_ERROR_INDEX_DOCS_DIR"


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


class MkDocs:
    """One ``mkdocs build --strict`` running in the background: the build lints the records while it runs.

    Output goes to a temporary file, not a pipe, so a chatty build never blocks on a full pipe while nobody
    reads it; a thread notes when the process ends, so its time is known even when it ends before `finish`."""

    def __init__(self, project: Project, site_dir: Path, docs_dir: Path | None = None) -> None:
        # Not --quiet: MkDocs 1.6 counts strict-mode warnings only when they are logged, and -q silences them.
        env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(project), "NO_MKDOCS_2_WARNING": "1"}
        if docs_dir is not None:
            env[DOCS_DIR_VARIABLE] = str(docs_dir)  # read by `mkdocs_hook.on_config`
        argv = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
        argv += ["--config-file", str(project.mkdocs_yml), "--site-dir", str(site_dir)]
        self._output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finish/stop, which every caller reaches
        self.started = time.perf_counter()
        self.ended: float | None = None
        self._process = subprocess.Popen(argv, cwd=project.root, env=env, stdout=self._output, stderr=subprocess.STDOUT)
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        self._process.wait()
        self.ended = time.perf_counter()

    @property
    def seconds(self) -> float:
        """How long MkDocs ran (so far, while it still runs)."""
        return (self.ended or time.perf_counter()) - self.started

    def finish(self) -> tuple[int, str]:
        """Wait for MkDocs; its exit status and everything it printed."""
        self._waiter.join()
        self._output.seek(0)
        text = self._output.read().decode("utf-8", "replace")
        self._output.close()
        return self._process.returncode, text

    def stop(self) -> None:
        """End MkDocs now (the lint found errors, or the build failed): nothing it wrote is kept."""
        if self._process.poll() is None:
            self._process.kill()
        self._waiter.join()
        self._output.close()


def run_mkdocs(project: Project, site_dir: Path) -> tuple[int, str]:
    """Build `site_dir` from the generated docs/ and wait: the exit status and MkDocs' output."""
    return MkDocs(project, site_dir).finish()


def swap(staging: Path, target: Path) -> None:
    """Replace `target` by `staging`; the old tree is moved aside first and deleted last."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
