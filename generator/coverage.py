"""Coverage of the reference tables by records: complete, draft or missing, per protocol code and class.

The same figures feed ``python -m generator coverage`` (text or ``--json``) and the site's coverage page,
so they cannot disagree.

To report another breakdown: add a field to `Coverage` and fill it in `compute`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .versions import KAFKA_VERSION

if TYPE_CHECKING:
    from .model import Catalog


@dataclass
class Tally:
    total: int = 0
    complete: list[str] = field(default_factory=list)
    draft: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def add(self, key: str, status: str | None) -> None:
        self.total += 1
        {"complete": self.complete, "draft": self.draft}.get(status or "", self.missing).append(key)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "complete": len(self.complete),
            "draft": len(self.draft),
            "missing": len(self.missing),
            "complete_ids": self.complete,
            "draft_ids": self.draft,
            "missing_ids": self.missing,
        }


@dataclass(frozen=True)
class Retired:
    """A record of a class that 4.x removed: where it went, and how far its entry is."""

    fqn: str
    status: str
    removed_in: str
    last_version: str


@dataclass
class Coverage:
    codes: Tally
    classes: Tally
    by_module: dict[str, Tally]
    outside_reference: list[str]  # records of retired classes, not in the 4.1.1 tables
    retired: list[Retired] = field(default_factory=list)
    # Per client library: its own errors (from data/facts/clients) with or without a record.
    by_client: dict[str, Tally] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kafka_version": f"{KAFKA_VERSION}",
            "protocol_codes": self.codes.as_dict(),
            "exception_classes": self.classes.as_dict(),
            "exception_classes_by_module": {k: v.as_dict() for k, v in sorted(self.by_module.items())},
            "records_outside_reference": self.outside_reference,
            "client_errors_by_client": {k: v.as_dict() for k, v in sorted(self.by_client.items())},
            "retired_records": [
                {"id": r.fqn, "status": r.status, "removed_in": r.removed_in, "last_version": r.last_version}
                for r in self.retired
            ],
        }


def compute(catalog: Catalog) -> Coverage:
    def status(fqn: str) -> str | None:
        record = catalog.records.get(fqn)
        return record.status if record else None

    codes = Tally()
    for code in catalog.codes:
        codes.add(f"{code.code} {code.name}", status(code.fqn))
    classes = Tally()
    by_module: dict[str, Tally] = {}
    for fqn in sorted(catalog.facts.classes):
        cls = catalog.facts.classes[fqn]
        classes.add(fqn, status(fqn))
        by_module.setdefault(cls.module, Tally()).add(fqn, status(fqn))
    by_client: dict[str, Tally] = {}
    for client in sorted(catalog.facts.clients.releases):
        tally = by_client[client] = Tally()
        for error in catalog.facts.clients.own_errors(client):
            tally.add(f"{client}/{error.name}", status(f"{client}/{error.name}"))
    outside = sorted(
        fqn for fqn, r in catalog.records.items() if r.kind == "exception" and fqn not in catalog.facts.classes
    )
    retired = []
    for fqn in outside:
        gone = catalog.records[fqn].get("retired")
        if isinstance(gone, dict):
            retired.append(
                Retired(fqn, catalog.records[fqn].status, str(gone.get("version")), str(gone.get("last_version")))
            )
    return Coverage(codes, classes, by_module, outside, retired, by_client)


def format_text(coverage: Coverage) -> str:
    def line(label: str, tally: Tally) -> str:
        share = 100 * len(tally.complete) / tally.total if tally.total else 0.0
        return (
            f"{label:28} {len(tally.complete):4} complete  {len(tally.draft):4} draft  "
            f"{len(tally.missing):4} missing  of {tally.total:4}  ({share:.0f}% complete)"
        )

    lines = [
        f"Coverage of Kafka {KAFKA_VERSION} by records in data/errors",
        line("protocol error codes", coverage.codes),
        line("exception classes", coverage.classes),
    ]
    lines += [line(f"  module {module}", tally) for module, tally in sorted(coverage.by_module.items())]
    if coverage.by_client:
        lines.append("client libraries' own errors (data/facts/clients)")
        lines += [line(f"  {client}", tally) for client, tally in sorted(coverage.by_client.items())]
    if coverage.retired:
        done = sum(r.status == "complete" for r in coverage.retired)
        lines.append(f"removed from Kafka (retired records): {done} complete of {len(coverage.retired)}")
        lines += [
            f"  {r.fqn} ({r.status}; removed in {r.removed_in}, last in {r.last_version})" for r in coverage.retired
        ]
    return "\n".join(lines)
