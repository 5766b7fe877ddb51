"""Freed memory goes back to the system after a large piece of work (bilateral.memory), and the page-query
mirror's DuckDB hands its own back after each task."""

from __future__ import annotations

from bilateral import memory, store
from bilateral.analysis.mirror import Mirror


def _resident_mb() -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def test_release_memory_returns_a_fragmented_heap_to_the_system():
    """200 MB of 2 KB strings (glibc's heap, not Python's small-object arenas) freed but for one in a
    hundred: free() alone keeps the pages, since live chunks pin the heap; release_memory hands them back."""
    before = _resident_mb()
    chunks = [bytes(2048) + i.to_bytes(4, "little") for i in range(100_000)]
    kept = chunks[::100]
    del chunks
    pinned = _resident_mb()
    memory.release_memory()
    released = _resident_mb()
    assert pinned - before > 100, "the freed chunks should still be resident before the release"
    assert pinned - released > 100
    assert len(kept) == 1_000


def test_released_makes_then_releases(monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "release_memory", lambda: calls.append("released"))
    make = memory.released(lambda: calls.append("made") or b"file")
    assert calls == []  # nothing is made before a click
    assert make() == b"file"
    assert calls == ["made", "released"]


def test_the_mirror_hands_duckdbs_freed_memory_back(tmp_path):
    """With DuckDB's defaults the app server kept ~40 MB more after three downloads (docs/benchmarks.md)."""
    mirror = Mirror(store.connect(str(tmp_path / "store.sqlite3"), seed=False))
    settings = dict(
        mirror.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'allocator_%threshold' "
            "OR name = 'allocator_background_threads'"
        ).fetchall()
    )
    assert settings["allocator_flush_threshold"] in ("0 bytes", "0MB", "0B")
    assert settings["allocator_background_threads"] == "true"
