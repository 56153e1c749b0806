"""Shared test helpers: the repository root and throw-away copies of the project to build or lint.

`make_project` creates a project in a temporary directory with the real schema, facts, templates and
generator (symlinked, read-only use) and only the record files a test gives it, so tests never touch the
real data/, docs/ or site/.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

FIXTURES = REPO / "tests" / "fixtures"
BASE_RECORD = FIXTURES / "base-record.yaml"
BASE_FQN = "org.apache.kafka.common.errors.PolicyViolationException"


def build_project(
    root: Path, records: dict[str, str | bytes] | None = None, *, copy_records_from: Path | None = None
) -> Path:
    """A project at `root`: symlinks to the shared inputs, a real data/facts copy, and the given records."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("schema", "templates", "overrides", "generator"):
        (root / name).symlink_to(REPO / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")  # a copy: MkDocs resolves docs_dir next to it
    (root / "data").mkdir()
    shutil.copytree(REPO / "data" / "facts", root / "data" / "facts")
    errors = root / "data" / "errors"
    if copy_records_from is not None:
        shutil.copytree(copy_records_from, errors, symlinks=True)
        clients = copy_records_from.parent / "clients"
        if clients.is_dir():
            shutil.copytree(clients, root / "data" / "clients", symlinks=True)
    else:
        errors.mkdir()
    for name, content in (records or {}).items():
        # `<client>/<name>.yaml` is a client library's own error: data/clients/<client>/<name>.yaml
        target = root / "data" / "clients" / name if "/" in name else errors / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def factory(records: dict[str, str | bytes] | None = None, **kwargs: object) -> Path:
        return build_project(tmp_path / f"project{next(counter)}", records, **kwargs)  # type: ignore[arg-type]

    return factory


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from generator.cli import main

    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalog built once per test session with `build` (lint, generate, mkdocs build --strict)."""
    from generator.cli import main

    root = build_project(tmp_path_factory.mktemp("real") / "project", copy_records_from=REPO / "data" / "errors")
    assert main(["--root", str(root), "build"]) == 0
    return root
