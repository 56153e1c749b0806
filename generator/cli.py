"""Command line: ``python -m generator <command>`` (installed as ``kafka-errors``).

Each sub-command is a small function that returns the process exit code; `main` turns any unexpected
exception into a one-line message and exit code 2, so no Python traceback reaches a user (set
``KEI_DEBUG=1`` to see it).

To add a command: write ``_cmd_<name>(args) -> int``, register its parser in `_parser`, and document it in
the README's command list.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from .paths import Project
from .problems import Problem
from .versions import KAFKA_VERSION


def _project(args: argparse.Namespace) -> Project:
    return Project.find(Path(args.root) if getattr(args, "root", None) else None)


def _on_github() -> bool:
    """On GitHub Actions, problems are also printed as annotations so they show on the pull request."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _print_problems(problems: list[Problem], project: Project, *, github: bool) -> None:
    for found in problems:
        print(found.format(project.root), file=sys.stderr)
        if github:
            print(found.github_annotation(project.root))


def _summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    suggestions = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {suggestions} suggestion{'s' * (suggestions != 1)}"


def _changed_files(project: Project, base: str) -> set[Path]:
    """Record files changed against `base` (committed, staged, unstaged and untracked)."""

    def git(*argv: str) -> list[str]:
        out = subprocess.run(["git", *argv], cwd=project.root, capture_output=True, text=True, check=True)
        return [line for line in out.stdout.splitlines() if line]

    names = git("diff", "--name-only", f"{base}...HEAD", "--", "data/errors")
    names += git("diff", "--name-only", "HEAD", "--", "data/errors")
    names += git("ls-files", "--others", "--exclude-standard", "--", "data/errors")
    return {project.root / n for n in names}


def _cmd_lint(args: argparse.Namespace) -> int:
    from .pipeline import load_catalog
    from .rules import RULES

    project = _project(args)
    if args.rules:
        for rule in RULES:
            print(f"{rule.code}  {rule.name:24} {rule.severity.value:10} {rule.description}")
        return 0
    only = None
    if args.changed is not None:
        try:
            only = _changed_files(project, args.changed)
        except (subprocess.CalledProcessError, OSError) as err:
            print(f"lint: cannot list files changed against {args.changed!r}: {err}", file=sys.stderr)
            return 2
    if args.paths:
        only = {Path(p).resolve() for p in args.paths}
    result = load_catalog(project, only)
    github = args.github or _on_github()
    _print_problems(result.problems, project, github=github)
    failed = any(p.is_error for p in result.problems)
    print(f"lint: {_summary(result.problems)}" + (" — fix the errors above" if failed else ""), file=sys.stderr)
    return 1 if failed else 0


def _cmd_new(args: argparse.Namespace) -> int:
    from .facts_tables import load_facts
    from .pipeline import load_catalog
    from .scaffold import ScaffoldError, create
    from .schema import load_schema

    project = _project(args)
    try:
        schema = load_schema(project.schema)
        path = create(" ".join(args.name), load_facts(project.facts, schema.client_ids), project.errors, schema)
    except ScaffoldError as err:
        print(f"new: {err}", file=sys.stderr)
        return 1
    print(f"created {path.relative_to(project.root)}")
    result = load_catalog(project, {path})
    _print_problems([p for p in result.problems if p.is_error], project, github=False)
    if result.errors:
        print("new: the draft does not validate; this is a bug in the scaffolder, please report it", file=sys.stderr)
        return 1
    print("next: write every TODO, run `make lint`, then set status: complete")
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    from .pipeline import generate

    project = _project(args)
    result = generate(project)
    _print_problems(result.problems, project, github=_on_github())
    if result.errors:
        print(f"generate: {_summary(result.problems)}; docs/ was not updated", file=sys.stderr)
        return 1
    print(
        f"generate: {result.files} files ({len(result.report.written)} written, {len(result.report.removed)} removed) "
        f"in {result.seconds:.2f}s"
    )
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build_site

    project = _project(args)
    result = build_site(project, Path(args.site_dir) if args.site_dir else None)
    _print_problems(result.generate.problems, project, github=_on_github())
    if not result.ok:
        print(f"build: {result.message}", file=sys.stderr)
        return 1
    gen, extra = result.generate, result.generator_seconds
    print(
        f"build: {gen.files} files generated, mkdocs build in {result.mkdocs_seconds:.2f}s with the lint alongside "
        f"({result.lint_seconds:.2f}s); generator {extra:.2f}s, {100 * extra / result.seconds:.0f}% of "
        f"{result.seconds:.2f}s -> {args.site_dir or 'site'}/"
    )
    return 0


def _cmd_coverage(args: argparse.Namespace) -> int:
    import json

    from .coverage import compute, format_text
    from .pipeline import load_catalog

    project = _project(args)
    result = load_catalog(project)
    if result.catalog is None:
        _print_problems(result.errors, project, github=False)
        print("coverage: fix the lint errors first", file=sys.stderr)
        return 1
    coverage = compute(result.catalog)
    print(json.dumps(coverage.as_dict(), indent=2) if args.json else format_text(coverage))
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    import json

    from .explain import Explainer, Matcher, as_json, format_text, iter_inputs
    from .pipeline import load_catalog
    from .render.site import site_info

    project = _project(args)
    loaded = load_catalog(project, lenient=True)
    assert loaded.catalog is not None  # lenient loading always gives a catalog
    if loaded.errors:
        skipped = sorted({Path(p.path).name for p in loaded.errors})
        print(
            f"explain: warning: {len(skipped)} record(s) with lint errors left out: {', '.join(skipped)}",
            file=sys.stderr,
        )
    matcher = Matcher(loaded.catalog, args.site_url or site_info(project.mkdocs_yml).site_url)
    explainer = Explainer(matcher)
    try:
        for _name, stream in iter_inputs(args.paths):
            explainer.feed(stream)
    except OSError as err:
        print(f"explain: cannot read {err.filename or 'input'}: {err.strerror or err}", file=sys.stderr)
        return 2
    findings = explainer.ranked()
    if args.json:
        print(json.dumps(as_json(findings), indent=2, ensure_ascii=False))
    else:
        format_text(findings)
    return 0


def _cmd_refresh(args: argparse.Namespace) -> int:
    from .refresh import refresh

    project = _project(args)
    stale = refresh(project, check=args.check)
    for path in stale:
        verb = "is out of date" if args.check else "rewritten"
        print(f"refresh: {path.relative_to(project.root)} {verb}", file=sys.stderr)
    if args.check and stale:
        print("refresh: run `python -m generator refresh` and commit the result", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    invoked = Path(sys.argv[0]).name
    parser = argparse.ArgumentParser(
        prog="python -m generator" if invoked in {"__main__.py", "-m"} else invoked,
        description="Kafka Error Index: lint the records, build the site, explain logs.",
    )
    parser.add_argument("--root", help="project root (default: this checkout, or the data installed with the package)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    lint = sub.add_parser("lint", help="check every record against the schema and the lint rules")
    lint.add_argument("paths", nargs="*", help="report only these record files (all records are still loaded)")
    lint.add_argument(
        "--changed",
        metavar="BASE",
        nargs="?",
        const="origin/main",
        help="report only records changed against a git ref (default origin/main)",
    )
    lint.add_argument(
        "--github", action="store_true", help="also print ::error annotations (automatic on GitHub Actions)"
    )
    lint.add_argument("--rules", action="store_true", help="list the lint rules and exit")
    lint.set_defaults(func=_cmd_lint)

    gen = sub.add_parser("generate", help="lint, then write the generated Markdown into docs/ (no MkDocs run)")
    gen.set_defaults(func=_cmd_generate)

    build = sub.add_parser(
        "build", help="lint, generate and run `mkdocs build --strict`; site/ is replaced only on success"
    )
    build.add_argument("--site-dir", help="output directory (default: site)")
    build.set_defaults(func=_cmd_build)

    cov = sub.add_parser("coverage", help="how many protocol codes and exception classes have complete entries")
    cov.add_argument("--json", action="store_true", help="print JSON")
    cov.set_defaults(func=_cmd_coverage)

    explain = sub.add_parser("explain", help="name the Kafka errors in log files or stack traces, root cause first")
    explain.add_argument(
        "paths", nargs="*", metavar="PATH", help="log files to read; '-' or nothing reads standard input"
    )
    explain.add_argument("--json", action="store_true", help='print {"matches": [...]} as JSON, nothing else')
    explain.add_argument("--site-url", help="base URL of the site for links (default: site_url of mkdocs.yml)")
    explain.set_defaults(func=_cmd_explain)

    ref = sub.add_parser(
        "refresh", help="rewrite the generated files kept in the repository (rule table, published ids)"
    )
    ref.add_argument("--check", action="store_true", help="only report stale files; exit 1 if any")
    ref.set_defaults(func=_cmd_refresh)

    new = sub.add_parser("new", help=f"create a draft record with the Kafka {KAFKA_VERSION} facts filled in")
    new.add_argument("name", nargs="+", help="fully.qualified.ClassName, SimpleClassName, protocol NAME or code number")
    new.set_defaults(func=_cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:
        if os.environ.get("KEI_DEBUG"):
            raise
        print(
            f"{args.command}: internal error: {type(err).__name__}: {err} (rerun with KEI_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 2
