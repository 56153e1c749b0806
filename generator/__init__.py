"""Kafka Error Index generator: YAML records -> validated, cross-linked Markdown for MkDocs.

The pipeline, I/O only at its ends: `loader` reads record files safely, `schema` and `rules` validate,
`catalog` enriches, `render` produces ``{path: text}``, `write` updates ``docs/`` and `build` runs MkDocs
into ``site/``. `explain`, `scaffold`, `coverage` and `refresh` reuse the same catalog; `cli` is the
command line.

To add a stage or a command: give it a module of its own that takes the catalog (or the project) and
returns data, and wire it up in `cli`.
"""

__version__ = "0.1.0"
