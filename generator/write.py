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
    for rel, text in files.items():
        target = root / rel
        data = text.encode("utf-8")
        try:
            if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
                report.unchanged += 1
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        report.written.append(rel)
    wanted = set(files)
    for path in sorted(root.rglob("*"), reverse=True):
        rel = path.relative_to(root).as_posix()
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif rel not in wanted:
            path.unlink()
            report.removed.append(rel)
    return report
