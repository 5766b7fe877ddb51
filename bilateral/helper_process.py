"""A helper process of ours: a request written to its stdin, its answer read from its stdout, and the last
line of its stderr as the reason when it fails.

Why one: the mirror's ADBC reader (analysis/store_reader.py) and the field import's mapping (ChildStream
below) each run a child this way, and each needs the same care: stderr kept in a
file (a pipe left unread can fill and stall the child), and a child cut short killed and reaped.
"""

from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from typing import IO

from bilateral.errors import BilateralError
from bilateral.paths import PROJECT_ROOT


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


class ChildStream(HelperProcess):
    """What a generator function of ours yields, made in a child process and read here an item at a time.

    Why: a field import's reading and mapping (Python) and its writing (the database driver, Python too)
    share one interpreter lock on a second thread; in a second process they run side by side on two cores.
    (Record files gain nothing from it: their reading is mostly pyarrow, which works outside the lock, and
    handing the checked rows across cost what it saved: 1M interactions 20.3 -> 19.8 s, 14% more CPU.)
    `what` names the work in the error when the child dies. The child is `python -c "...serve_stream()"`:
    it reads the pickled ("module:function", args) on stdin and writes ("item", item) per item, then
    ("end", None), or ("error", the BilateralError it raised), which is raised here as the in-process path
    would raise it.
    """

    def __init__(self, function: str, args: tuple, what: str):
        self.what = what
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH")) if p)
        code = "from bilateral.helper_process import serve_stream; serve_stream()"
        request = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
        super().__init__([sys.executable, "-c", code], request, env)

    def __iter__(self) -> Iterator:
        while True:
            try:
                tag, payload = pickle.load(self.stdout)
            except (EOFError, pickle.UnpicklingError):
                raise BilateralError(f"{self.what} failed: {self.failure()}") from None
            if tag == "error":
                raise payload
            if tag == "end":
                return
            yield payload


def serve_stream() -> None:
    """The child's side of ChildStream: run the requested generator, writing each item as it comes."""
    function, args = pickle.load(sys.stdin.buffer)
    module, name = function.split(":")
    out = sys.stdout.buffer
    try:
        for item in getattr(importlib.import_module(module), name)(*args):
            pickle.dump(("item", item), out, protocol=pickle.HIGHEST_PROTOCOL)
        message = ("end", None)
    except BilateralError as error:
        message = ("error", error)
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()
