"""Where the project's inputs and outputs live.

In a checkout, everything hangs off the repository root (the parent of this package). An installed
package (``pip install .``) carries ``data/``, ``schema/`` and ``templates/`` inside ``generator/_bundle``;
`Project.find` picks whichever exists, so ``kafka-errors explain`` works without a checkout.

To add a directory the generator reads: add a property here and, if the installed command needs it, list
it under ``force-include`` in ``pyproject.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, root: Path | None = None) -> Project:
        if root is not None:
            return cls(root.resolve())
        checkout = PACKAGE_DIR.parent
        if (checkout / "data" / "facts").is_dir() and (checkout / "schema").is_dir():
            return cls(checkout)
        return cls(PACKAGE_DIR / "_bundle")

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def errors(self) -> Path:
        return self.data / "errors"

    @property
    def clients(self) -> Path:
        """Records of client libraries' own errors: data/clients/<client>/<name>.yaml."""
        return self.data / "clients"

    def record_ids_on_disk(self) -> set[str]:
        """The id of every record file: `<fqn>` in data/errors, `<client>/<name>` in data/clients."""
        ids = {p.stem for p in self.errors.glob("*.yaml")}
        ids |= {f"{p.parent.name}/{p.stem}" for p in self.clients.glob("*/*.yaml")}
        return ids

    @property
    def facts(self) -> Path:
        return self.data / "facts"

    @property
    def schema(self) -> Path:
        return self.root / "schema" / "record.schema.json"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def docs(self) -> Path:
        """Generated Markdown (git-ignored), the docs_dir of mkdocs.yml."""
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"
