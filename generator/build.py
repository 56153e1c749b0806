"""The MkDocs edge of the pipeline: run ``mkdocs build --strict`` into a staging directory, then swap it in.

The site is built next to the current one and only moved into place when MkDocs succeeded and the lint was
clean (see `generator.pipeline.build_site`), so a failed build leaves the previous ``site/`` exactly as it was.
MkDocs runs in the background (`MkDocs`), given the rendered pages in one file, because the pipeline lints
the records and writes docs/ while it runs: MkDocs uses one core, and both would otherwise add their seconds
to every build.
``SOURCE_DATE_EPOCH`` is fixed for MkDocs (sitemap dates), so identical inputs give identical bytes.

To pass MkDocs another option: add it to the argument list in `MkDocs.__init__`.
"""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .paths import Project

# The environment variable that hands MkDocs the rendered pages (`generator.mkdocs_hook.on_files`): a folder with
# PAGES_FILE (the number of pages, then each page as a (path, text) pair, marshalled one after another) and an
# empty docs folder for MkDocs to walk instead of docs/.
PAGES_VARIABLE = "KAFKA_ERROR_INDEX_PAGES"
PAGES_FILE = "pages.marshal"


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

    With `pages`, MkDocs takes the rendered pages from one file (`PAGES_VARIABLE`) rather than from docs/, so the
    build need not write thousands of files before MkDocs may start (creating a file costs more than writing its
    bytes). Output goes to a temporary file, not a pipe, so a chatty build never blocks on a full pipe while
    nobody reads it; a thread notes when the process ends, so its time is known even when it ends unwatched."""

    def __init__(self, project: Project, site_dir: Path, pages: dict[str, str] | None = None) -> None:
        # Not --quiet: MkDocs 1.6 counts strict-mode warnings only when they are logged, and -q silences them.
        env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(project), "NO_MKDOCS_2_WARNING": "1"}
        self._pages: tempfile.TemporaryDirectory[str] | None = None
        if pages is not None:
            self._pages = tempfile.TemporaryDirectory(prefix="kei-pages-")
            folder = Path(self._pages.name)
            (folder / "docs").mkdir()
            with (folder / PAGES_FILE).open("wb") as handle:
                # The count, then one (path, text) per page: marshal is the fastest exact serialisation of
                # strings, and page by page neither side holds a second copy of the whole catalog's text.
                marshal.dump(len(pages), handle)
                for item in pages.items():
                    marshal.dump(item, handle)
            env[PAGES_VARIABLE] = str(folder)
        argv = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
        argv += ["--config-file", str(project.mkdocs_yml), "--site-dir", str(site_dir)]
        self._output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finish/stop, which every caller reaches
        self.started = time.perf_counter()  # writing the pages above is the generator's time, not MkDocs'
        self.ended: float | None = None
        self._process = subprocess.Popen(argv, cwd=project.root, env=env, stdout=self._output, stderr=subprocess.STDOUT)
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        self._process.wait()
        self.ended = time.perf_counter()

    @property
    def seconds(self) -> float:
        """How long MkDocs ran (so far, while it still runs), from its start to its exit."""
        return (self.ended or time.perf_counter()) - self.started

    def finish(self) -> tuple[int, str]:
        """Wait for MkDocs; its exit status and everything it printed."""
        self._waiter.join()
        self._output.seek(0)
        text = self._output.read().decode("utf-8", "replace")
        self._close()
        return self._process.returncode, text

    def stop(self) -> None:
        """End MkDocs now (the lint found errors, or the build failed): nothing it wrote is kept."""
        if self._process.poll() is None:
            self._process.kill()
        self._waiter.join()
        self._close()

    def _close(self) -> None:
        self._output.close()
        if self._pages is not None:
            self._pages.cleanup()
            self._pages = None


def swap(staging: Path, target: Path) -> None:
    """Replace `target` by `staging`; the old tree is moved aside first and deleted last."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
