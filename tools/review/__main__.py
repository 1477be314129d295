"""``python -m tools.review``: see :mod:`tools.review.cli`."""

import sys

from .cli import main

sys.exit(main())
