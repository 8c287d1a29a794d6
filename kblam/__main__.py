"""Entry point of `python -m kblam`."""

import sys

from .cli import main

sys.exit(main())
