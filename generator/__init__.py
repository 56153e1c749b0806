"""Kafka Error Index generator: YAML records -> validated, cross-linked Markdown for MkDocs.

The pipeline (see docs in README and ../architecture): `loader` reads files safely, `schema` and `rules`
validate, `catalog` enriches, `render` produces ``{path: text}``, `write` updates ``docs/`` and `build`
runs MkDocs into ``site/``. `explain`, `scaffold` and `coverage` reuse the same catalog.
"""

__version__ = "0.1.0"
