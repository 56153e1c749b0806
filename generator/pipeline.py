"""The pipeline, in one place: load → validate → enrich → render → write → build.

- `load_catalog`: read every record file (`loader`), check it against the schema (`schema`) and the coded
  rules (`rules`), and enrich the clean records into a `model.Catalog` (facts from `facts`);
- `generate`: render the catalog (`render`, plus the Explain page's index from `explain.web`) and write the
  Markdown tree (`write`); it also runs under `mkdocs serve` (`mkdocs_hook`);
- `build_site`: run MkDocs into a staging directory and swap it in (`build`), so a failed build leaves the
  previous ``site/`` exactly as it was.

Files are read only at the edges (the loader, the facts and schema loaders, the templates) and each input is
parsed once. To add a stage: call it here, between the stages whose output it reads and whose input it makes.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import rules
from .build import run_mkdocs, swap
from .explain.web import explain_files
from .facts_tables import load_facts
from .lines import with_lines
from .loader import read_published, read_record
from .model import Catalog, Record
from .parallel import pmap
from .paths import Project
from .problems import Problem
from .render import render_site
from .render.export import export_document
from .render.site import site_info
from .schema import RecordSchema, load_schema
from .write import WriteReport, write_tree


@dataclass
class LoadResult:
    catalog: Catalog | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def record_files(project: Project) -> list[Path]:
    """Every entry of data/errors and data/clients/<client>/ except dotfiles; non-YAML entries are reported by
    the loader."""
    files = sorted(p for p in project.errors.iterdir() if not p.name.startswith(".")) if project.errors.is_dir() else []
    if project.clients.is_dir():
        for folder in sorted(p for p in project.clients.iterdir() if p.is_dir() and not p.name.startswith(".")):
            files += sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    return files


def load_catalog(project: Project, only: set[Path] | None = None, *, lenient: bool = False) -> LoadResult:
    """Read and check every record. `only` limits the reported problems to those files (lint --changed).

    With `lenient`, a catalog is returned even when some records have errors: those records are left out.
    Builds are never lenient; `explain` is, so one broken record does not stop it."""
    schema = load_schema(project.schema)
    facts = load_facts(project.facts, schema.client_ids)
    records: dict[str, Record] = {}
    problems: list[Problem] = []
    for path, data, found, schema_problems in pmap(_read_and_validate, record_files(project), schema):
        problems += found + schema_problems
        if data is None:
            continue
        if not isinstance(data, dict) or not (
            isinstance(data.get("fqn"), str)
            or (isinstance(data.get("client"), str) and isinstance(data.get("name"), str))
        ):
            continue
        record = Record(path, data)
        if any(
            p.where[:1] in {(), ("fqn",), ("name",)} and p.code == "KEI101" for p in schema_problems
        ) or not _well_formed(data, schema):
            continue
        if record.id in records:
            problems += rules.duplicate(record, records[record.id])
            continue
        records[record.id] = record
    problems += rules.check_all(list(records.values()), facts, schema)
    published = project.data / "published.txt"
    problems += rules.check_published(
        list(records.values()), project.record_ids_on_disk(), published, read_published(published)
    )
    failed = any(p.is_error for p in problems)
    if failed and lenient:
        broken = {p.path for p in problems if p.is_error}
        records = {fqn: r for fqn, r in records.items() if str(r.path) not in broken}
        failed = False
    if only is not None:
        keep = {p.resolve() for p in only}
        problems = [p for p in problems if Path(p.path).resolve() in keep]
    return LoadResult(None if failed else Catalog(facts, schema, records), with_lines(problems))


def _read_and_validate(schema: RecordSchema, path: Path) -> tuple[Path, Any, list[Problem], list[Problem]]:
    """One record file: read it and check it against the schema (runs in a worker for large catalogs)."""
    data, found = read_record(path)
    return path, data, found, (schema.validate(path, data) if data is not None else [])


def _well_formed(data: dict[str, Any], schema: RecordSchema) -> bool:
    """Rules assume the schema's shapes; a record whose core fields have the wrong type is skipped by them."""
    return (
        isinstance(data.get("components"), list)
        and isinstance(data.get("status"), str)
        and all(isinstance(data.get(k, []), list) for k in schema.list_fields)
        and isinstance(data.get("client_notes", {}), dict)
    )


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
    document = export_document(loaded.catalog)  # the JSON export, which the Explain page's index is built from too
    files = render_site(loaded.catalog, project.templates, site_info(project.mkdocs_yml), document)
    files.update(explain_files(loaded.catalog, document))  # the Explain page's matcher index: the command's names
    report = write_tree(docs_dir or project.docs, files)
    return GenerateResult(loaded.problems, loaded.catalog, len(files), report, time.perf_counter() - start)


@dataclass
class BuildResult:
    ok: bool
    generate: GenerateResult
    mkdocs_seconds: float = 0.0
    message: str = ""


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
    swap(staging, target)
    return BuildResult(True, generated, seconds)
