"""The pipeline, in one place: load → validate → enrich → render → write → build.

- `read_records`: read every record file (`loader`) and check it against the schema (`schema`);
- `lint`: the coded rules (`rules`) over those records;
- `load_catalog`: both, then enrich the clean records into a `model.Catalog` (facts from `facts`);
- `generate`: render the catalog (`render`, plus the Explain page's index from `explain.web`) and write the
  Markdown tree (`write`); it also runs under `mkdocs serve` (`mkdocs_hook`);
- `build_site`: read and render, then start MkDocs on the rendered pages (`build`) and, while it builds a
  staging site, lint and write docs/; the site is swapped in only when both succeeded, so a failed build
  leaves ``site/`` exactly as it was, and docs/ too when the lint failed. The lint's verdict decides whether
  a build lands, not what it renders, and MkDocs uses one core: run one after the other, the lint and the
  writing of docs/ were about half of the generator's time in every build (`make bench`).

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
from .build import MkDocs, swap
from .explain.web import explain_files
from .facts import Facts
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


@dataclass
class Records:
    """The records that passed the schema, by id, with what they are checked against and the problems so far."""

    facts: Facts
    schema: RecordSchema
    by_id: dict[str, Record]
    problems: list[Problem]


def read_records(project: Project) -> Records:
    """Read every record file and check it against the schema; records whose core fields are broken are left
    out (the rules assume the schema's shapes), and so is the second of two records with one id."""
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
    return Records(facts, schema, records, problems)


def lint(project: Project, read: Records, *, serial: bool = False) -> list[Problem]:
    """The coded rules over the records, and the published ids. `serial` keeps it in this process (a build
    lints while MkDocs uses the other core)."""
    records = list(read.by_id.values())
    published = project.data / "published.txt"
    return [
        *rules.check_all(records, read.facts, read.schema, serial=serial),
        *rules.check_published(records, project.record_ids_on_disk(), published, read_published(published)),
    ]


def load_catalog(project: Project, only: set[Path] | None = None, *, lenient: bool = False) -> LoadResult:
    """Read and check every record. `only` limits the reported problems to those files (lint --changed).

    With `lenient`, a catalog is returned even when some records have errors: those records are left out.
    Builds are never lenient; `explain` is, so one broken record does not stop it."""
    read = read_records(project)
    records = read.by_id
    problems = read.problems + lint(project, read)
    failed = any(p.is_error for p in problems)
    if failed and lenient:
        broken = {p.path for p in problems if p.is_error}
        records = {fqn: r for fqn, r in records.items() if str(r.path) not in broken}
        failed = False
    if only is not None:
        keep = {p.resolve() for p in only}
        problems = [p for p in problems if Path(p.path).resolve() in keep]
    return LoadResult(None if failed else Catalog(read.facts, read.schema, records), with_lines(problems))


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
    files = render(project, loaded.catalog)
    report = write_tree(docs_dir or project.docs, files)
    return GenerateResult(loaded.problems, loaded.catalog, len(files), report, time.perf_counter() - start)


def render(project: Project, catalog: Catalog) -> dict[str, str]:
    """Every generated file of docs/, by path: the pages, the JSON export and the Explain page's index."""
    document = export_document(catalog)  # the JSON export, which the Explain page's index is built from too
    files = render_site(catalog, project.templates, site_info(project.mkdocs_yml), document)
    files.update(explain_files(catalog, document))  # the Explain page's matcher index: the command's names
    return files


@dataclass
class BuildResult:
    ok: bool
    generate: GenerateResult
    mkdocs_seconds: float = 0.0
    message: str = ""
    seconds: float = 0.0  # the whole build, MkDocs included
    lint_seconds: float = 0.0  # the lint, which ran while MkDocs did

    @property
    def generator_seconds(self) -> float:
        """What the build added to MkDocs' own time: reading, rendering, writing, and any lint MkDocs outlasted."""
        return self.seconds - self.mkdocs_seconds


def build_site(project: Project, site_dir: Path | None = None) -> BuildResult:
    """Read and render, then lint and write docs/ while MkDocs builds a staging site from the rendered pages.

    The lint decides whether the build lands, not what is rendered, so it runs beside MkDocs on the core MkDocs
    leaves idle; on a lint error MkDocs is stopped and neither docs/ nor site/ changes. Records that fail the
    schema stop the build before anything is rendered."""
    start = time.perf_counter()
    target = (site_dir or project.site).resolve()
    read = read_records(project)
    if any(p.is_error for p in read.problems):
        return _not_built(read.problems + lint(project, read), start)
    staging = target.with_name(f".{target.name}.building-{os.getpid()}")
    mkdocs: MkDocs | None = None
    try:
        try:
            catalog = Catalog(read.facts, read.schema, read.by_id)
            files = render(project, catalog)
        except Exception:
            # Rendering may trip over what the lint rejects (a link to no record): report the lint's words instead.
            problems = read.problems + lint(project, read)
            if any(p.is_error for p in problems):
                return _not_built(problems, start)
            raise
        project.docs.mkdir(exist_ok=True)  # MkDocs checks that the configured docs_dir exists
        mkdocs = MkDocs(project, staging, files)
        generated = GenerateResult([], catalog, len(files), seconds=time.perf_counter() - start)
        lint_start = time.perf_counter()
        problems = read.problems + lint(project, read, serial=True)
        lint_seconds = time.perf_counter() - lint_start
        if any(p.is_error for p in problems):
            mkdocs.stop()
            return _not_built(problems, start)
        generated.problems = with_lines(problems)
        generated.report = write_tree(project.docs, files)  # as `generate` does: only a clean catalog reaches docs/
        code, output = mkdocs.finish()
        if code != 0 or not (staging / "index.html").is_file():
            detail = "\n".join(line for line in output.splitlines() if not line.startswith("INFO"))
            message = f"mkdocs build failed (exit {code}); the previous site/ is unchanged\n{detail}"
            return BuildResult(False, generated, mkdocs.seconds, message, time.perf_counter() - start, lint_seconds)
        swap(staging, target)
        return BuildResult(True, generated, mkdocs.seconds, "", time.perf_counter() - start, lint_seconds)
    finally:
        if mkdocs is not None:
            mkdocs.stop()
        shutil.rmtree(staging, ignore_errors=True)


def _not_built(problems: list[Problem], start: float) -> BuildResult:
    """A build that stopped on record errors: every problem found, located, and nothing written."""
    message = "lint errors: the site was not built; the previous site/ is unchanged"
    return BuildResult(
        False, GenerateResult(with_lines(problems)), message=message, seconds=time.perf_counter() - start
    )
