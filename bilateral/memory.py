"""Freed memory handed back to the system after a large piece of work (an import, a file made for download).

Why: memory freed inside the process stays in its allocators (glibc's heap, Arrow's pool) and counts in
the server's resident size; after three 100,000-record downloads the app server kept about 350 MB more than
before them, where the files themselves were long gone.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def release_memory() -> None:
    """Give freed memory back to the system: Arrow's pool's unused blocks, then glibc's heap (malloc_trim;
    a no-op elsewhere)."""
    import pyarrow  # already loaded wherever there was Arrow memory to free

    pyarrow.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def released(make: Callable[[], T]) -> Callable[[], T]:
    """`make`, then release_memory: for the callables a download button runs to make its file."""

    def run() -> T:
        made = make()
        release_memory()
        return made

    return run
