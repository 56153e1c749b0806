"""Hostile and broken records: every one gives `path:line:col: CODE`, exit 1, no traceback, within seconds
and bounded memory, and the previous site/ stays as it was. Injection attempts are refused or rendered inert.
"""

from __future__ import annotations

import hashlib
import re
import resource
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BASE_FQN, BASE_RECORD, FIXTURES, REPO, run_cli

HOSTILE = FIXTURES / "hostile"
CASES = [
    line.split("\t")
    for line in (HOSTILE / "expected.tsv").read_text().splitlines()
    if line and not line.startswith("#")
]
LINE = re.compile(r"^data/(errors/)?[^:]+:\d+:\d+: KEI\d{3} .+ — .+$")
TARGET = f"{BASE_FQN}.yaml"


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project with a good site already built, reused by every case."""
    from conftest import build_project
    from generator.cli import main

    root = build_project(tmp_path_factory.mktemp("hostile") / "project", {TARGET: BASE_RECORD.read_text()})
    assert main(["--root", str(root), "build"]) == 0
    return root


def _check(root: Path, capsys: pytest.CaptureFixture[str], expected_code: str, started: float) -> str:
    before = tree_digest(root / "site")
    code, _out, err = run_cli(["--root", str(root), "build"], capsys)
    assert time.perf_counter() - started < 10
    assert code == 1
    assert "Traceback" not in err
    problems = [line for line in err.splitlines() if not line.startswith(("build:", "lint:"))]
    assert problems and all(LINE.match(line) for line in problems), problems
    assert any(f": {expected_code} " in line for line in problems), problems
    assert tree_digest(root / "site") == before
    assert not list(root.glob(".site.*"))
    return err


def test_there_are_enough_cases() -> None:
    assert len(CASES) + 6 >= 25  # static files here plus the generated cases below


@pytest.mark.parametrize(("name", "code"), CASES, ids=[name for name, _ in CASES])
def test_hostile_record_is_refused_cleanly(name: str, code: str, built: Path, capsys) -> None:
    record = built / "data" / "errors" / TARGET
    record.write_bytes((HOSTILE / name).read_bytes())
    try:
        _check(built, capsys, code, time.perf_counter())
    finally:
        record.write_text(BASE_RECORD.read_text())


GENERATED = {
    "non-utf8": (lambda: BASE_RECORD.read_bytes().replace(b"the controller", b"the contr\xff\xfeoller"), "KEI003"),
    "byte-order-mark": (lambda: b"\xef\xbb\xbf" + BASE_RECORD.read_bytes(), "KEI003"),
    "nul-byte": (lambda: BASE_RECORD.read_bytes().replace(b"the controller", b"the \x00controller"), "KEI003"),
    "ten-megabyte-string": (
        lambda: BASE_RECORD.read_bytes().replace(b"summary: >-\n", b"summary: >-\n  " + b"x" * 10_000_000 + b"\n"),
        "KEI005",
    ),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_record(name: str, built: Path, capsys) -> None:
    make, code = GENERATED[name]
    record = built / "data" / "errors" / TARGET
    record.write_bytes(make())
    try:
        _check(built, capsys, code, time.perf_counter())
    finally:
        record.write_text(BASE_RECORD.read_text())


def test_symlink_pointing_outside_data_is_refused(built: Path, capsys, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text(BASE_RECORD.read_text())
    link = built / "data" / "errors" / "org.apache.kafka.common.errors.InvalidConfigurationException.yaml"
    link.symlink_to(outside)
    try:
        err = _check(built, capsys, "KEI006", time.perf_counter())
        assert "symbolic link" in err
    finally:
        link.unlink()


def test_directory_named_like_a_record_is_refused(built: Path, capsys) -> None:
    folder = built / "data" / "errors" / "org.apache.kafka.common.errors.InvalidConfigurationException.yaml"
    folder.mkdir()
    try:
        _check(built, capsys, "KEI006", time.perf_counter())
    finally:
        folder.rmdir()


@pytest.mark.parametrize("name", ["billion-laughs.yaml", "deep-flow-nesting.yaml", "deep-dash-nesting.yaml"])
def test_resource_bombs_stay_within_memory_and_time(name: str, make_project) -> None:
    """In a separate process capped at 1 GiB of address space: a bomb that expanded would die, not pass."""
    project = make_project({TARGET: (HOSTILE / name).read_bytes()})

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "lint"],
        cwd=REPO,
        capture_output=True,
        text=True,
        preexec_fn=cap,
        timeout=60,
        check=False,
    )
    assert time.perf_counter() - started < 20
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "KEI00" in proc.stderr


INERT = sorted(HOSTILE.glob("inert-*.yaml"))


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Records that try to break out of code blocks, attributes or templates: they lint clean and build."""
    from conftest import build_project
    from generator.cli import main

    root = build_project(tmp_path_factory.mktemp("inert") / "project", copy_records_from=REPO / "data" / "errors")
    for index, path in enumerate(INERT):
        fqn = f"org.apache.kafka.common.errors.{['InvalidConfigurationException', 'PolicyViolationException', 'InvalidPartitionsException', 'InvalidReplicationFactorException', 'InvalidReplicaAssignmentException'][index]}"
        text = path.read_text().replace(BASE_FQN, fqn).replace("PolicyViolationException:", fqn.rsplit(".", 1)[1] + ":")
        code = {
            "InvalidConfigurationException": (40, "INVALID_CONFIG"),
            "PolicyViolationException": (44, "POLICY_VIOLATION"),
            "InvalidPartitionsException": (37, "INVALID_PARTITIONS"),
            "InvalidReplicationFactorException": (38, "INVALID_REPLICATION_FACTOR"),
            "InvalidReplicaAssignmentException": (39, "INVALID_REPLICA_ASSIGNMENT"),
        }[fqn.rsplit(".", 1)[1]]
        text = text.replace("  code: 44\n  name: POLICY_VIOLATION\n", f"  code: {code[0]}\n  name: {code[1]}\n")
        text = text.replace(f"  - code: {code[0]}\n", "  - code: 42\n")
        (root / "data" / "errors" / f"{fqn}.yaml").write_text(text)
    code = main(["--root", str(root), "build"])
    assert code == 0
    return root / "site"


THEME_SCRIPTS = re.compile(
    r"assets/javascripts/(bundle|workers/search)\.[0-9a-f]{8}\.min\.js$"
    r"|javascripts/(tablesort|search-query|search-results|pages|lazy-search|explain-hint|explain-core|explain)\.js$"
)


class _Scanner(HTMLParser):
    """Real attributes and script elements of a page (not text that merely looks like them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.script_srcs: list[str] = []
        self.inline: list[str] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        self.urls += [v or "" for k, v in attrs if k in {"href", "src", "action", "formaction", "xlink:href"}]
        if tag == "script":
            if values.get("src"):
                self.script_srcs.append(values["src"] or "")
            elif values.get("type") not in ("application/json", "application/ld+json"):  # data, checked apart
                self._in_script = values

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self.inline.append(data.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def test_built_html_has_no_script_that_did_not_come_from_the_theme(inert_site: Path) -> None:
    pages = sorted(inert_site.rglob("*.html"))
    assert len(pages) > 200
    inline_scripts: set[str] = set()
    for page in pages:
        scanner = _Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        assert scanner.handlers == [], page
        assert not [u for u in scanner.urls if u.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], (
            page
        )
        assert all(THEME_SCRIPTS.search(src) for src in scanner.script_srcs), (page, scanner.script_srcs)
        if page.name == "404.html" and page.parent == inert_site:
            continue  # a fixed page with a script of its own (overrides/404.html); no record text reaches it
        inline_scripts.update(
            re.sub(r'new URL\("[^"]*",location\)', "new URL(BASE,location)", body) for body in scanner.inline
        )
    # Material's own inline snippets (scope, palette, anchor target): identical on every page but for the base path.
    assert len(inline_scripts) <= 3 and all("alert" not in body for body in inline_scripts), inline_scripts


def test_injection_text_is_rendered_as_text(inert_site: Path) -> None:
    pages = {p.parent.name: p.read_text() for p in (inert_site / "errors").glob("*/index.html")}
    joined = "\n".join(pages.values())
    assert re.search(r"&lt;script&gt;alert\((&quot;|&#34;|\")fence(&quot;|&#34;|\")\)", joined)
    assert "{{ 7*7 }}" in joined.replace("&#123;", "{").replace("&#125;", "}") and ">49<" not in joined
    # the quote stays inside the attribute value: no new attribute was created
    assert re.search(r'content="[^"]*refused it&#34; onmouseover=&#34;alert\(1\)\."', joined)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=40),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
        max_leaves=25,
    )
)
def test_any_structure_is_a_catalog_or_clean_problems(data, tmp_path_factory) -> None:
    """Whatever a record holds, loading gives a catalog or coded problems: never an exception."""
    from ruamel.yaml import YAML

    from conftest import build_project
    from generator.paths import Project
    from generator.pipeline import load_catalog

    root = build_project(tmp_path_factory.mktemp("prop") / "p")
    record = data if not isinstance(data, dict) else {**data}
    path = root / "data" / "errors" / TARGET
    with path.open("w", encoding="utf-8") as handle:
        handle.write("# yaml-language-server: $schema=../../schema/record.schema.json\n")
        YAML(typ="safe", pure=True).dump(record, handle)
    result = load_catalog(Project(root))
    assert result.catalog is not None or result.errors
    for found in result.problems:
        assert re.fullmatch(r"KEI\d{3}", found.code) and found.line >= 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(mutation=st.tuples(st.integers(min_value=0, max_value=4000), st.text(max_size=30)))
def test_any_edit_of_a_valid_record_is_a_catalog_or_clean_problems(mutation, tmp_path_factory) -> None:
    """Insert arbitrary text anywhere in a valid record: still a catalog or coded problems, never a crash."""
    from conftest import build_project
    from generator.paths import Project
    from generator.pipeline import load_catalog

    position, text = mutation
    base = BASE_RECORD.read_text()
    position = min(position, len(base))
    root = build_project(tmp_path_factory.mktemp("mut") / "p", {TARGET: base[:position] + text + base[position:]})
    result = load_catalog(Project(root))
    assert result.catalog is not None or result.errors
    assert all(p.line >= 1 and p.col >= 1 for p in result.problems)


def test_fixture_files_exist_for_every_listed_case() -> None:
    assert all((HOSTILE / name).is_file() for name, _ in CASES)
    assert HOSTILE.is_dir()
