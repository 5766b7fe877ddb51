"""Entry point of `python -m bilateral`."""

import sys

from bilateral.cli import main

sys.exit(main())
