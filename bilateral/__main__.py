"""Entry point of `python -m bilateral`.

A reader that stops early (`python -m bilateral stats | head -1`) ends the command quietly with exit code
1, as Python's documentation advises, instead of a BrokenPipeError traceback on stderr.
"""

import os
import sys

from bilateral.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own flush at exit stays quiet
    code = 1
sys.exit(code)
