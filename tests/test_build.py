"""End-to-end builds: strict build of the real catalog, determinism, and failed builds that change nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import BASE_FQN, BASE_RECORD, FIXTURES, REPO, run_cli

pytestmark = pytest.mark.slow


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_real_catalog_builds_strict_with_every_code_page(real_site: Path) -> None:
    site = real_site / "site"
    records = sorted((REPO / "data" / "errors").glob("*.yaml"))
    for code in [c for c in range(-1, 134) if c != 0]:
        assert (site / "codes" / str(code) / "index.html").is_file(), code
    for record in records:
        assert (site / "errors" / record.stem / "index.html").is_file(), record.stem
    export = json.loads((site / "api" / "v1" / "errors.json").read_text())
    assert len(export["errors"]) == len(records) and len(export["codes"]) == 134
    assert (site / "search" / "search_index.json").is_file()


def test_entry_page_edit_button_opens_the_yaml_record(real_site: Path) -> None:
    page = (
        real_site / "site" / "errors" / "org.apache.kafka.common.errors.OutOfOrderSequenceException" / "index.html"
    ).read_text()
    assert "/edit/main/data/errors/org.apache.kafka.common.errors.OutOfOrderSequenceException.yaml" in page
    assert 'rel="edit"' in page


def test_two_builds_are_byte_identical(real_site: Path, tmp_path: Path, capsys) -> None:
    code, _out, _err = run_cli(["--root", str(real_site), "build", "--site-dir", str(tmp_path / "second")], capsys)
    assert code == 0
    assert tree_digest(tmp_path / "second") == tree_digest(real_site / "site")


def test_pages_handed_to_mkdocs_build_the_same_site_as_docs(real_site: Path, tmp_path: Path) -> None:
    """A build hands MkDocs the rendered pages in one file (`mkdocs_hook.on_files`) instead of docs/; MkDocs run
    on the docs/ that the build also wrote gives the same bytes (same files, same order in the search index)."""
    from generator.build import MkDocs
    from generator.paths import Project

    code, output = MkDocs(Project(real_site), tmp_path / "from-docs").finish()
    assert code == 0, output
    assert tree_digest(tmp_path / "from-docs") == tree_digest(real_site / "site")


def test_lint_error_leaves_previous_site_untouched(make_project, capsys) -> None:
    project = make_project({f"{BASE_FQN}.yaml": BASE_RECORD.read_text()})
    assert run_cli(["--root", str(project), "build"], capsys)[0] == 0
    before = tree_digest(project / "site")
    broken = (FIXTURES / "lint" / "KEI001" / f"{BASE_FQN}.yaml").read_text()
    (project / "data" / "errors" / f"{BASE_FQN}.yaml").write_text(broken)
    code, _out, err = run_cli(["--root", str(project), "build"], capsys)
    assert code == 1
    assert f"data/errors/{BASE_FQN}.yaml:12:8: KEI001" in err
    assert "Traceback" not in err
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.*"))


def test_mkdocs_failure_leaves_previous_site_untouched(make_project, capsys) -> None:
    project = make_project({f"{BASE_FQN}.yaml": BASE_RECORD.read_text()})
    assert run_cli(["--root", str(project), "build"], capsys)[0] == 0
    before = tree_digest(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Coverage: coverage.md", "  - Coverage: missing-page.md"))
    code, _out, err = run_cli(["--root", str(project), "build"], capsys)
    assert code == 1
    assert "mkdocs build failed" in err and "missing-page.md" in err
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.*"))


@pytest.mark.parametrize(
    ("fixture", "location"), [("KEI001", ":12:8: KEI001"), ("KEI002", ":6:1: KEI002"), ("KEI103", ":6:1: KEI103")]
)
def test_bad_yaml_gives_file_line_and_exit_1(fixture, location, make_project, capsys) -> None:
    project = make_project({p.name: p.read_bytes() for p in (FIXTURES / "lint" / fixture).glob("*.yaml")})
    code, _out, err = run_cli(["--root", str(project), "build"], capsys)
    assert code == 1
    assert f"data/errors/{BASE_FQN}.yaml{location}" in err
    assert not (project / "site").exists()


def test_lint_error_found_while_mkdocs_runs_stops_it_and_keeps_docs_and_site(
    make_project, capsys, monkeypatch, tmp_path: Path
) -> None:
    """A record that passes the schema but fails a rule is caught by the lint that runs beside MkDocs: MkDocs is
    stopped, and neither docs/ nor site/ changes. Neither build leaves a staging site or the pages file behind."""
    import tempfile

    handover = tmp_path / "tmp"
    handover.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(handover))  # where `build.MkDocs` puts the pages it hands over
    project = make_project({f"{BASE_FQN}.yaml": BASE_RECORD.read_text()})
    assert run_cli(["--root", str(project), "build"], capsys)[0] == 0
    site, docs = tree_digest(project / "site"), tree_digest(project / "docs")
    assert f"errors/{BASE_FQN}.md" in docs  # written while MkDocs ran, the lint being clean
    fixture = FIXTURES / "lint" / "KEI310"
    for record in fixture.glob("*.yaml"):
        (project / "data" / "errors" / record.name).write_text(record.read_text())
    code, _out, err = run_cli(["--root", str(project), "build"], capsys)
    assert code == 1
    assert "KEI310" in err and "Traceback" not in err
    assert tree_digest(project / "site") == site
    assert tree_digest(project / "docs") == docs
    assert not list(project.glob(".site.*"))
    assert not list(handover.iterdir())


def test_render_failure_on_a_record_the_lint_rejects_reports_the_lint(make_project, capsys, monkeypatch) -> None:
    """Rendering runs before the lint has its say; when it trips over a record the lint rejects, the reader gets
    the lint's file:line message, not a traceback. A render failure on clean records is a bug and is raised."""
    from generator import pipeline

    def broken_render(project: object, catalog: object) -> dict[str, str]:
        raise KeyError("a link to no record")

    monkeypatch.setattr(pipeline, "render", broken_render)
    project = make_project({p.name: p.read_text() for p in (FIXTURES / "lint" / "KEI310").glob("*.yaml")})
    code, _out, err = run_cli(["--root", str(project), "build"], capsys)
    assert code == 1
    assert "KEI310" in err and "Traceback" not in err and not (project / "site").exists()
    clean = make_project({f"{BASE_FQN}.yaml": BASE_RECORD.read_text()})
    code, _out, err = run_cli(["--root", str(clean), "build"], capsys)
    assert code == 2 and "a link to no record" in err  # the CLI's one-line message for an internal error
    assert not (clean / "site").exists() and not list(clean.glob(".site.*"))
