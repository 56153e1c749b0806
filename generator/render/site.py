"""Site-wide settings the pages need (repository URL for edit links), read from ``mkdocs.yml``.

Only plain keys are read, with the safe loader; ``mkdocs.yml`` must therefore not use ``!!python`` tags.

To expose another setting to templates: add a field to `SiteInfo` and read it in `site_info`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ruamel.yaml import YAML

from ..facts import ProtocolCode


@dataclass(frozen=True)
class SiteInfo:
    repo_url: str
    site_url: str = ""
    branch: str = "main"

    def edit_url(self, repo_path: str) -> str:
        """GitHub's editor for a file of the repository (the YAML record, not the generated page)."""
        return f"{self.repo_url}/edit/{self.branch}/{repo_path}"

    def new_record_url(self, code: ProtocolCode) -> str:
        """GitHub's new-file editor, prefilled with the record's file name."""
        return f"{self.repo_url}/new/{self.branch}/data/errors?filename={quote(code.fqn)}.yaml"

    def issue_url(self, template: str, title: str) -> str:
        return f"{self.repo_url}/issues/new?template={quote(template)}&title={quote(title)}"


def site_info(mkdocs_yml: Path) -> SiteInfo:
    config = YAML(typ="safe", pure=True).load(mkdocs_yml.read_text(encoding="utf-8")) if mkdocs_yml.is_file() else {}
    config = config or {}
    repo = str(config.get("repo_url") or "https://github.com/kafka-error-index/kafka-error-index").rstrip("/")
    site = str(config.get("site_url") or "https://kafka-error-index.github.io/kafka-error-index/")
    return SiteInfo(repo, site if site.endswith("/") else site + "/")
