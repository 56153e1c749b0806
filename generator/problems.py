"""Lint problems: every finding of the loader, the schema check or a lint rule is a `Problem` that names a rule by
its code (``KEI101``). The rules are declared where they are checked and registered in `generator.rule_codes`.

To add a rule: see `generator.rule_codes`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .rule_codes import RULES_BY_CODE, Rule, Severity

__all__ = ["RULES_BY_CODE", "Problem", "Rule", "Severity", "problem"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. `where` is the path of keys inside the record; `line`/`col` are filled in from it."""

    path: str
    line: int
    col: int
    code: str
    message: str
    where: tuple[str | int, ...] = ()
    value_line: int = -1  # line inside a multi-line text value (0-based), to point at the exact line

    @property
    def rule(self) -> Rule:
        return RULES_BY_CODE[self.code]

    @property
    def is_error(self) -> bool:
        return self.rule.severity is Severity.ERROR

    def format(self, root: Path | None = None) -> str:
        """``path:line:col: CODE message — how to fix``, the shape editors and CI parse."""
        return f"{_display(self.path, root)}:{self.line}:{self.col}: {self.code} {self.message} — {self.rule.fix}"

    def github_annotation(self, root: Path | None = None) -> str:
        """A GitHub Actions workflow command so the problem shows on the pull request diff."""
        level = "error" if self.is_error else "warning"
        text = (
            f"{self.code} {self.message} — {self.rule.fix}".replace("%", "%25")
            .replace("\r", "%0D")
            .replace("\n", "%0A")
        )
        return f"::{level} file={_display(self.path, root)},line={self.line},col={self.col},title={self.code} {self.rule.name}::{text}"


def problem(
    path: str | Path,
    code: str,
    message: str,
    *,
    line: int = 1,
    col: int = 1,
    where: tuple[str | int, ...] = (),
    value_line: int = -1,
) -> Problem:
    """Build a problem, refusing codes that are not in the registry (a typo would otherwise go unnoticed)."""
    if code not in RULES_BY_CODE:
        raise KeyError(f"unknown rule code {code}")
    return Problem(str(path), line, col, code, message, where, value_line)


def _display(path: str, root: Path | None) -> str:
    if root is None:
        return path
    try:
        return os.path.relpath(path, root)
    except ValueError:
        return path
