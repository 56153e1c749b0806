"""The code stays small, typed and explained: ruff (lint and format), mypy, and a docstring on every module."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

SOURCES = ["generator", "tests", "benchmarks", "scripts"]


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", *SOURCES)
    assert lint.returncode == 0, lint.stdout[-3000:]
    fmt = _run("ruff", "format", "--check", *SOURCES)
    assert fmt.returncode == 0, fmt.stdout[-3000:]


def test_mypy_strict() -> None:
    result = _run("mypy", "generator")  # pyproject.toml: strict = true
    assert result.returncode == 0, result.stdout[-3000:]
    assert "strict = true" in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def _imports(path: Path, module: str) -> set[str]:
    """The generator modules `module` imports, including each one's parent packages (importing
    `generator.render.export` runs `generator/render/__init__.py` first). Imports under TYPE_CHECKING count too:
    a cycle that only the type checker sees is still a cycle in the design."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(node.level - 1, 0)):
                base = base.rpartition(".")[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
            found.update(f"{target}.{alias.name}" for alias in node.names)
            found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    with_parents = set()
    for name in found:
        parts = name.split(".")
        with_parents.update(".".join(parts[:i]) for i in range(2, len(parts) + 1))
    return with_parents


def _module_graph() -> dict[str, set[str]]:
    paths = {}
    for path in sorted(REPO.joinpath("generator").rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        paths[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {name: _imports(path, name) & paths.keys() for name, path in paths.items()}
    return {name: deps - {name} - _parents(name) for name, deps in graph.items()}


def _parents(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path (first module repeated at the end), or [] if there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state and (found := visit(dep)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    graph = _module_graph()
    assert "generator.model" in graph and graph["generator.pipeline"], "the graph must see the package"
    assert _cycle(graph) == [], " -> ".join(_cycle(graph))


def test_the_model_is_at_the_bottom() -> None:
    """The data model reads no file and imports nothing above it: only the facts and schema types."""
    assert _module_graph()["generator.model"] <= {"generator.facts", "generator.schema"}


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
        assert lines <= 300, f"{path} has {lines} lines; split it by topic"


def test_architecture_names_every_module_and_only_modules_that_exist() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"generator/[\w/]+\.py", text))
    assert named, "ARCHITECTURE.md names the modules by path"
    assert all((REPO / path).is_file() for path in named), sorted(p for p in named if not (REPO / p).is_file())
    packages = {"render", "rules", "explain"}
    for path in sorted(REPO.joinpath("generator").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        short = path.stem  # modules of a package are named in its row, e.g. `pages` in generator/render/
        in_package = path.parent.name in packages and f"generator/{path.parent.name}/" in text
        assert rel in named or (in_package and (f"`{short}`" in text or short == "__init__")), rel
