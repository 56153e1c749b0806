"""The code stays small, typed and explained: ruff (lint and format), mypy, and a docstring on every module."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

SOURCES = ["generator", "tests", "benchmarks", "scripts"]


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", *SOURCES)
    assert lint.returncode == 0, lint.stdout[-3000:]
    fmt = _run("ruff", "format", "--check", *SOURCES)
    assert fmt.returncode == 0, fmt.stdout[-3000:]


def test_mypy() -> None:
    result = _run("mypy", "generator")
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_module_explains_itself() -> None:
    """Each module opens with a docstring saying what it does; generator modules also say how to extend them."""
    for path in sorted([*REPO.joinpath("generator").rglob("*.py"), *REPO.joinpath("benchmarks").glob("*.py")]):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, path
        if path.parent.name != "benchmarks" and path.name not in {"__main__.py"}:
            assert "To " in doc or "to add" in doc.lower() or "extend" in doc.lower(), f"{path}: say how to extend it"


def test_modules_stay_small() -> None:
    for path in sorted(REPO.joinpath("generator").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 400, f"{path} has {lines} lines; split it by topic"
