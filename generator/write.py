"""Write rendered files into the generated docs directory, touching only what changed.

Unchanged files keep their modification time, so `mkdocs serve` reloads only what an edit affected, and
files that are no longer produced are removed (with directories left empty). The docs directory is
entirely generated: anything in it that the renderer did not produce is deleted.

To keep a hand-written file in the site, put it under ``templates/static/`` so the renderer produces it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def write_tree(root: Path, files: dict[str, str]) -> WriteReport:
    report = WriteReport()
    root.mkdir(parents=True, exist_ok=True)
    existing: dict[str, int] = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            existing[path.relative_to(root).as_posix()] = path.lstat().st_size
    made: set[Path] = set()
    for rel, text in files.items():
        data = text.encode("utf-8")
        target = root / rel
        # Compare only when the size matches: an unchanged file keeps its mtime (fast live reload).
        if existing.get(rel) == len(data) and target.read_bytes() == data:
            report.unchanged += 1
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if target.is_symlink():
            target.unlink()
        target.write_bytes(data)
        report.written.append(rel)
    for rel in sorted(set(existing) - set(files)):
        (root / rel).unlink()
        report.removed.append(rel)
    for folder, dirs, names in sorted(os.walk(root, topdown=False), reverse=True):
        if not dirs and not names and Path(folder) != root:
            Path(folder).rmdir()
    return report
