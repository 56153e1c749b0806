"""Entry point for ``python -m generator``; see `generator.cli` for the commands."""

import sys

from .cli import main

sys.exit(main())
