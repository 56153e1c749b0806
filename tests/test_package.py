"""`pip install .` gives a `kafka-errors` command that works without a checkout, from data packaged with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel (hatchling from the lock, no network) and install it into a bare directory."""
    work = tmp_path_factory.mktemp("package")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work / "wheel"),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (work / "wheel").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/_bundle/data/facts/kafka-4.1.1-protocol-errors.tsv" in names
    assert "generator/_bundle/schema/record.schema.json" in names
    assert sum(n.startswith("generator/_bundle/data/errors/") for n in names) == len(
        list((REPO / "data" / "errors").glob("*.yaml"))
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(work / "site"), str(wheel)],
        check=True,
        capture_output=True,
    )
    return work / "site"


def _run(installed: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run(
        [str(installed / "bin" / "kafka-errors"), *argv], check=False, cwd=cwd, env=env, capture_output=True, text=True
    )


def test_installed_explain_uses_packaged_data(installed: Path, tmp_path: Path) -> None:
    result = _run(
        installed, "explain", "--json", str(FIXTURES / "explain" / "sarama-message-too-large.log"), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)["matches"][0]
    assert first["id"] == "org.apache.kafka.common.errors.RecordTooLargeException"
    assert first["url"].startswith("https://") and first["url"].endswith(
        "/errors/org.apache.kafka.common.errors.RecordTooLargeException/"
    )


def test_installed_command_reads_stdin_and_lists_commands(installed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    piped = subprocess.run(
        [str(installed / "bin" / "kafka-errors"), "explain"],
        check=False,
        cwd=tmp_path,
        env=env,
        text=True,
        input="Error: NOT_LEADER_OR_FOLLOWER\n",
        capture_output=True,
    )
    assert piped.returncode == 0 and piped.stdout.startswith("1. NotLeaderOrFollowerException")
    usage = _run(installed, "--help", cwd=tmp_path)
    assert usage.stdout.startswith("usage: kafka-errors") and "explain" in usage.stdout
