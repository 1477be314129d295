"""``python -m sphinx_brief new DIR``: the same as the ``sphinx-brief`` command."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
