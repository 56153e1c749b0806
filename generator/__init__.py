"""Kafka Error Index generator: YAML records -> validated, cross-linked Markdown for MkDocs.

The pipeline (`pipeline`), I/O only at its ends: `loader` reads record files safely, `schema` and `rules`
validate, `model` holds and enriches the catalog, `render` produces ``{path: text}``, `write` updates ``docs/``
and `build` runs MkDocs into ``site/``. `explain`, `scaffold`, `coverage` and `refresh` reuse the same catalog;
`cli` is the command line. ARCHITECTURE.md at the repository's root maps every module.

To add a stage or a command: give it a module of its own that takes the catalog (or the project) and
returns data, call it from `pipeline` (a stage) or wire it up in `cli` (a command).
"""

__version__ = "0.1.0"
