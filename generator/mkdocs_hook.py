"""MkDocs hook for `mkdocs serve`: regenerate docs/ from data/ and templates/ on every rebuild.

`python -m generator build` generates the Markdown itself before running MkDocs, so for `mkdocs build` this
hook does nothing. Under `mkdocs serve` it watches the records, schema and templates and regenerates
before each rebuild; only changed files are written, so live reload stays fast. Lint errors are logged
and the previous pages stay in place.

This is the only MkDocs integration: no plugin of our own, so the site engine stays swappable.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import generate
from generator.paths import Project

log = logging.getLogger("mkdocs.hooks.kafka_error_index")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config: Any) -> None:
    if _serving:
        _regenerate()


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    project = Project.find()
    for path in (project.errors, project.schema.parent, project.templates, project.facts):
        server.watch(str(path))
    return server


def _regenerate() -> None:
    result = generate(Project.find())
    for found in result.problems:
        (log.error if found.is_error else log.info)(found.format(Project.find().root))
    if result.errors:
        log.error("records have lint errors: pages were not regenerated")
