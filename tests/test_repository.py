"""Repository plumbing: CI workflows, pre-commit and editor settings refer only to things that exist."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from ruamel.yaml import YAML

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
MAKEFILE = (REPO / "Makefile").read_text()
MAKE_TARGETS = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.M))
GENERATOR_COMMANDS = {"lint", "build", "generate", "coverage", "explain", "new", "refresh"}


def _commands(text: str) -> list[list[str]]:
    out = []
    for raw in text.splitlines():
        line = re.sub(r"\$\{\{[^}]*\}\}", "EXPR", raw.split(" #", 1)[0]).strip()
        if line:
            out.append(shlex.split(line))
    return out


def _check_command(argv: list[str]) -> None:
    head = argv[0]
    if head == "make":
        targets = [a for a in argv[1:] if "=" not in a and not a.startswith("-")]
        assert targets and set(targets) <= MAKE_TARGETS, argv
    elif head.startswith((".ci/", "./")):
        assert (REPO / head).is_file(), argv
    elif head.endswith("python") and argv[1:3] == ["-m", "generator"]:
        assert argv[3] in GENERATOR_COMMANDS, argv
    elif head == "git":
        assert argv[1] == "config", argv  # only configuration, never a change to the checkout
    else:
        pytest.fail(f"unexpected command in a workflow: {argv}")


def test_there_are_test_and_pages_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {"test.yml", "pages.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid_and_runs_only_repository_commands(path) -> None:
    doc = YAML(typ="safe").load(path.read_text())
    assert doc["name"] and doc["jobs"]
    assert True in doc or "on" in doc  # YAML 1.1 readers turn `on` into True; both forms are fine
    for job in doc["jobs"].values():
        for step in job["steps"]:
            assert "uses" in step or "run" in step, step
            if "run" in step:
                for argv in _commands(step["run"]):
                    _check_command(argv)


def test_test_workflow_runs_the_ci_script_which_runs_make_test() -> None:
    doc = YAML(typ="safe").load((REPO / ".github" / "workflows" / "test.yml").read_text())
    runs = [s.get("run", "") for s in doc["jobs"]["test"]["steps"]]
    assert ".ci/run" in runs
    ci = (REPO / ".ci" / "run").read_text()
    assert ci.rstrip().endswith("make test")
    readme = (REPO / "README.md").read_text().splitlines()
    assert readme[3].startswith("make site") and readme[4].startswith("make test")


def test_pages_workflow_deploys_the_built_site() -> None:
    doc = YAML(typ="safe").load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    steps = doc["jobs"]["build"]["steps"]
    assert any(s.get("run") == "make site" for s in steps)
    assert any(
        s.get("uses", "").startswith("actions/upload-pages-artifact") and s["with"]["path"] == "site" for s in steps
    )


def test_issue_forms_and_pr_template() -> None:
    forms = {p.name: YAML(typ="safe").load(p.read_text()) for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml")}
    assert {"wrong-information.yml", "add-exception.yml", "config.yml"} <= set(forms)
    for name in ("wrong-information.yml", "add-exception.yml"):
        assert forms[name]["body"] and all("type" in item for item in forms[name]["body"])
    template = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text()
    assert "- [ ]" in template and "make lint" in template


def test_pre_commit_hooks_use_project_commands() -> None:
    doc = YAML(typ="safe").load((REPO / ".pre-commit-config.yaml").read_text())
    entries = [hook["entry"] for repo in doc["repos"] for hook in repo["hooks"]]
    assert any("generator lint" in e for e in entries) and any("ruff format" in e for e in entries)
    for entry in entries:
        argv = shlex.split(entry)
        assert argv[0].startswith(".venv/bin/")
        if argv[1:3] == ["-m", "generator"]:
            assert argv[3] in GENERATOR_COMMANDS


def test_editor_settings_point_at_the_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text())
    ((schema, pattern),) = settings["yaml.schemas"].items()
    assert (REPO / schema).is_file() and pattern == "data/errors/*.yaml"
    assert "indent_style = space" in (REPO / ".editorconfig").read_text()
