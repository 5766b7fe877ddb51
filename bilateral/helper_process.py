"""A helper process of ours: a request written to its stdin, its answer read from its stdout, and the last
line of its stderr as the reason when it fails.

Why one: the mirror's ADBC reader (analysis/store_reader.py) and the field-data mapping
(importers/mapping_process.py) each run a child this way, and each needs the same care: stderr kept in a
file (a pipe left unread can fill and stall the child), and a child cut short killed and reaped.
"""

from __future__ import annotations

import subprocess
import tempfile
from typing import IO


class HelperProcess:
    """`argv` started with `request` on its stdin; `stdout` to read; `failure()` once it went wrong."""

    def __init__(self, argv: list[str], request: bytes, env: dict | None = None):
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (the child's stderr until close())
        self._process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors, env=env
        )
        self._process.stdin.write(request)
        self._process.stdin.close()

    @property
    def stdout(self) -> IO[bytes]:
        """What the child writes: its answer."""
        return self._process.stdout

    def failure(self) -> str:
        """The last line the child wrote to stderr (its error), or what its exit code says, once it ended
        (stopped first if it still runs)."""
        self._stop()
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else f"it ended with code {self._process.returncode}"

    def close(self) -> None:
        """Stop the child if it still runs (its reader stopped early) and release its pipes."""
        self._stop()
        self._process.stdout.close()
        self._errors.close()

    def _stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def __enter__(self) -> HelperProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
