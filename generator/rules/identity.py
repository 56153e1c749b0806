"""Identity rules: one file per record, named by its fqn; ids unique; published ids never disappear.

To add a rule about file names or ids: write it here and register it in `generator.rules`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import Problem, problem
from ..rule_codes import rule
from .base import Context, check, emit

if TYPE_CHECKING:
    from ..model import Record


def duplicate(record: Record, first: Record) -> list[Problem]:
    return [emit(record, "KEI202", f"id {record.id} is already used by {first.path.name}", (record.id_field,))]


@check("exception", "client")
@rule(
    "KEI201",
    "filename-mismatch",
    "The file name is not <fqn>.yaml for the record's fqn.",
    "Rename the file to match its fqn, or fix the fqn.",
)
def check_filename(record: Record, ctx: Context) -> Iterable[Problem]:
    if record.kind == "client":
        expected = f"{record.get('client')}/{record.get('name')}.yaml"
        if f"{record.path.parent.name}/{record.path.name}" != expected:
            yield emit(record, "KEI201", f"the file of {record.id} must be data/clients/{expected}", ("name",))
        return
    if record.path.stem != record.id:
        yield emit(
            record,
            "KEI201",
            f"file is named {record.path.name} but the fqn is {record.id}; expected {record.id}.yaml",
            ("fqn",),
        )


@rule(
    "KEI202",
    "duplicate-id",
    "Two records claim the same id (fqn or redirect_from).",
    "Keep one record per class; merge the two files and list the old id under redirect_from.",
)
def check_redirects(records: list[Record]) -> Iterable[Problem]:
    owner: dict[str, Record] = {r.id: r for r in records}
    for record in records:
        for index, old in enumerate(
            record.get("redirect_from", []) if isinstance(record.get("redirect_from"), list) else []
        ):
            if old in owner and owner[old] is not record:
                yield emit(
                    record,
                    "KEI202",
                    f"redirect_from {old} is already the id of {owner[old].path.name}",
                    ("redirect_from", index),
                )
            elif isinstance(old, str):
                owner[old] = record


@rule(
    "KEI204",
    "record-deleted",
    "A record listed in data/published.txt has no file any more.",
    "Records are never deleted: restore the file and set `retired` with the version, or list the old id under the new record's redirect_from.",
)
def check_published(
    records: list[Record], on_disk: set[str], published: Path, ids: list[tuple[int, str]]
) -> Iterable[Problem]:
    """Every id ever published (`ids`, read from `published` by the loader) still resolves: to a file (even a
    broken one), or via another record's redirect_from."""
    known = set(on_disk)
    for record in records:
        redirects = record.get("redirect_from")
        if isinstance(redirects, list):
            known.update(r for r in redirects if isinstance(r, str))
    for number, fqn in ids:
        if fqn not in known:
            file = f"data/clients/{fqn}.yaml" if "/" in fqn else f"data/errors/{fqn}.yaml"
            yield problem(published, "KEI204", f"{fqn} was published but {file} is gone", line=number)
