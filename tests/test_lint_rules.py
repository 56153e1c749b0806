"""Every lint rule has one fixture that triggers exactly that rule, with the message and fix hint it prints.

Fixtures live in tests/fixtures/lint/<CODE>/: the record files to lint and `expected.txt`, the exact lines
the lint prints. The base record (tests/fixtures/base-record.yaml) lints clean; each fixture changes one
thing in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BASE_FQN, BASE_RECORD, FIXTURES, run_cli
from generator.problems import RULES_BY_CODE, Severity
from generator.rules import RULES

LINT_FIXTURES = FIXTURES / "lint"


def _lint(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    code, _out, err = run_cli(["--root", str(project), "lint", *extra], capsys)
    return code, [line for line in err.splitlines() if not line.startswith("lint: ")]


def test_every_rule_has_a_fixture() -> None:
    assert sorted(p.name for p in LINT_FIXTURES.iterdir() if p.is_dir()) == sorted(RULES_BY_CODE)


def test_rule_codes_are_unique_and_documented() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.description.endswith("."), rule.code
        assert rule.fix and rule.fix[0].isupper(), rule.code


def test_base_record_is_clean(make_project, capsys) -> None:
    project = make_project({f"{BASE_FQN}.yaml": BASE_RECORD.read_text()})
    code, lines = _lint(project, capsys)
    assert (code, lines) == (0, [])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_fixture_triggers_only_its_rule(rule, make_project, capsys) -> None:
    fixture = LINT_FIXTURES / rule.code
    project = make_project()
    errors_dir = project / "data" / "errors"
    for source in sorted(fixture.iterdir()):
        if source.name == "published.txt":  # the list of published ids lives in data/
            shutil.copy2(source, project / "data" / source.name)
        elif source.name == "clients":  # client records: clients/<client>/<name>.yaml
            shutil.copytree(source, project / "data" / "clients")
        elif source.name != "expected.txt":
            shutil.copy2(source, errors_dir / source.name)
    code, lines = _lint(project, capsys)
    assert lines == (fixture / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert {line.split(": ", 1)[1].split(" ", 1)[0] for line in lines} == {rule.code}
    for line in lines:
        assert line.startswith("data/")  # data/errors/... or data/clients/...
        location = line.split(": ", 1)[0].split(":")
        assert len(location) == 3 and location[1].isdigit() and location[2].isdigit()
        assert f" — {rule.fix}" in line
    assert code == (1 if rule.severity is Severity.ERROR else 0)


def test_github_annotations(make_project, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    fixture = LINT_FIXTURES / "KEI303"
    project = make_project({p.name: p.read_text() for p in fixture.glob("*.yaml")})
    code, out, _err = run_cli(["--root", str(project), "lint"], capsys)
    assert code == 1
    assert out.splitlines() == [
        f"::error file=data/errors/{BASE_FQN}.yaml,line=6,col=1,title=KEI303 retriable-mismatch::KEI303 retriable is "
        "true but PolicyViolationException is not retriable in Kafka 4.1.1 (set it to false) — "
        + RULES_BY_CODE["KEI303"].fix
    ]


def test_all_problems_are_collected_before_failing(make_project, capsys) -> None:
    """Two broken files and two problems in one file: every one is reported in one run."""
    bad_yaml = (LINT_FIXTURES / "KEI001" / f"{BASE_FQN}.yaml").read_text()
    two = (
        BASE_RECORD.read_text()
        .replace("retriable: false", "retriable: true")
        .replace("frequency: rare", "frequency: often")
    )
    other = two.replace(BASE_FQN, "org.apache.kafka.common.errors.InvalidConfigurationException")
    project = make_project(
        {f"{BASE_FQN}.yaml": bad_yaml, "org.apache.kafka.common.errors.InvalidConfigurationException.yaml": other}
    )
    code, lines = _lint(project, capsys)
    codes = sorted(line.split(": ", 1)[1].split(" ", 1)[0] for line in lines)
    assert code == 1
    assert codes == ["KEI001", "KEI104", "KEI302", "KEI303", "KEI402"]


def test_lint_paths_limits_the_report(make_project, capsys) -> None:
    broken = (LINT_FIXTURES / "KEI303" / f"{BASE_FQN}.yaml").read_text()
    project = make_project({f"{BASE_FQN}.yaml": broken})
    other = project / "data" / "errors" / "notes.txt"
    other.write_text("x")
    code, lines = _lint(project, capsys, str(project / "data" / "errors" / f"{BASE_FQN}.yaml"))
    assert code == 1 and len(lines) == 1 and "KEI303" in lines[0]


def test_lint_changed_reports_only_records_changed_against_a_base(make_project, capsys) -> None:
    """`lint --changed BASE` (what the pull-request workflow runs) reports problems of changed files only."""
    import subprocess

    broken = (LINT_FIXTURES / "KEI303" / f"{BASE_FQN}.yaml").read_text()
    other = "org.apache.kafka.common.errors.InvalidConfigurationException"
    other_text = (
        BASE_RECORD.read_text()
        .replace(BASE_FQN, f"org.apache.kafka.common.errors.{other.rsplit('.', 1)[1]}")
        .replace("protocol:\n  code: 44\n  name: POLICY_VIOLATION\n", "protocol:\n  code: 40\n  name: INVALID_CONFIG\n")
        .replace("PolicyViolationException:", "InvalidConfigurationException:")
        .replace("  - code: 40\n", "  - code: 42\n")
    )
    project = make_project({f"{BASE_FQN}.yaml": broken, f"{other}.yaml": other_text})

    def git(*argv: str) -> None:
        subprocess.run(["git", *argv], cwd=project, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A")
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "base")
    (project / "data" / "errors" / f"{other}.yaml").write_text(
        other_text.replace("retriable: false", "retriable: true")
    )
    code, lines = _lint(project, capsys, "--changed", "HEAD")
    assert code == 1
    assert [line.split(":", 1)[0] for line in lines] == [f"data/errors/{other}.yaml"]
    assert "KEI303" in lines[0]


def test_every_rules_module_is_imported_so_its_rules_register() -> None:
    """A topic module the package forgot to import would drop its rules silently."""
    import sys

    import generator.rules

    modules = {p.stem for p in Path(generator.rules.__file__).parent.glob("*.py")} - {"__init__"}
    assert modules <= {m.rsplit(".", 1)[-1] for m in sys.modules if m.startswith("generator.rules.")}
    assert generator.rules.CHECKS["exception"] and generator.rules.CHECKS["client"]


def test_every_hedge_and_filler_phrase_contains_one_of_the_words_looked_for_first() -> None:
    """`phrases` runs a rule's regular expression only where one of its words occurs: a phrase of the rule
    without any of them would never be reported. One sample per alternative of each expression."""
    from generator.rules.style import _FILLER, _FILLER_WORDS, _HEDGE_WORDS, _HEDGES

    hedges = [
        "In the source we checked, it retries.",
        "In the code I looked at, it retries.",
        "The sources we read say so.",
        "Code I checked says so.",
        "Apache/Kafka trunk of 2024 differs.",
        "A 3.4/3.5-era broker.",
        "A 3.4/3.5 era broker.",
        "As of this writing it retries.",
        "At the time of writing it retries.",
        "As of late-2024 it retries.",
        "We could not verify this against the source.",
    ]
    fillers = [
        "It fails for various reasons.",
        "It fails for a variety of reasons.",
        "This error can occur anywhere.",
        "It is important to note that it fails.",
        "It is worth noting that it fails.",
        "Needless to say, it fails.",
        "Simply put, it fails.",
    ]
    for pattern, words, samples in ((_HEDGES, _HEDGE_WORDS, hedges), (_FILLER, _FILLER_WORDS, fillers)):
        for sample in samples:
            assert pattern.search(sample), sample
            assert any(word in sample.lower() for word in words), sample
