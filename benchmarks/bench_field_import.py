"""Benchmark: GDELT import, parsing + mapping and end to end into the store, with peak memory.

Generates large GDELT 1.0 files at run time in a temporary folder (never committed) by repeating the rows
of ../shared/samples/gdelt1_events_dev.tsv with fresh GLOBALEVENTIDs:
- "sample mix": every sample row in turn (6 of 150 rows are kept, as in real GDELT most rows are skipped);
- "all kept": only the sample rows that map to two registry states, so every row is written to the store.
Prints medians of REPEATS runs: parsing + mapping rows/s (no database), end-to-end rows/s of
`import_field_files` into a fresh SQLite store, and the peak resident memory of that import's process, of
its mapping process, and of the two together (polled).
Run: .venv/bin/python benchmarks/bench_field_import.py [ROWS] [REPEATS]   (default 1,000,000 rows, 3 runs)
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "samples" / "gdelt1_events_dev.tsv"


def generate(path: Path, rows: int, lines: list[str]) -> int:
    """Write `rows` GDELT rows cycling through `lines`, each with a new GLOBALEVENTID; returns bytes."""
    with path.open("w", encoding="utf-8", newline="") as out:
        bodies = [line.split("\t", 1)[1] for line in lines]
        for start in range(0, rows, 10_000):
            block = range(start, min(rows, start + 10_000))
            out.write("".join(f"{900000000 + i}\t{bodies[i % len(bodies)]}" for i in block))
    return path.stat().st_size


def kept_lines(lines: list[str]) -> list[str]:
    """The sample rows the mapping keeps."""
    from bilateral.importers.datasets import gdelt
    from bilateral.importers.mapping import Skip, rules

    out = []
    for line in lines:
        try:
            gdelt(line.rstrip("\n").split("\t"), rules())
            out.append(line)
        except Skip:
            pass
    return out


def parse_and_map(path: Path) -> tuple[float, float]:
    """Rows per second of reading and mapping the file (no database): by the wall clock, and by CPU time
    (on a shared machine the second says what the code does when it has the core to itself)."""
    from bilateral.importers.field import FieldProgress
    from bilateral.importers.mapping_process import mapped_rows

    progress = FieldProgress()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in mapped_rows([path], "gdelt", progress):
        pass
    return progress.read / (time.perf_counter() - start), progress.read / (time.process_time() - cpu)


class MemoryWatch:
    """Polls, every 0.1 s, this process's resident memory and its child processes' (the mapping process):
    the child's own high-water mark (VmHWM), and the largest sum of the two seen at one time.

    Why not getrusage(RUSAGE_CHILDREN): it counted the importing process's 140 MB at the moment it forked
    the mapping process, which then runs in ~40 MB of its own."""

    def __init__(self):
        self.child_mb = self.together_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.1):
            with contextlib.suppress(OSError):
                children = Path(f"/proc/{me}/task/{me}/children").read_text().split()
                rss = _status_mb(me, "VmRSS")
                for pid in children:
                    self.child_mb = max(self.child_mb, _status_mb(pid, "VmHWM"))
                    rss += _status_mb(pid, "VmRSS")
                self.together_mb = max(self.together_mb, rss)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _status_mb(pid, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(path: str, database: str) -> None:
    """One end-to-end import in this (child) process; prints rows/s, kept and peak MB as JSON."""
    from bilateral import store
    from bilateral.importers.field import import_field_files

    db = store.connect(f"sqlite:///{database}", seed=False)
    watcher = MemoryWatch()
    start = time.perf_counter()
    progress = import_field_files(db.engine, [Path(path)], "gdelt")
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    watcher.stop()
    print(json.dumps({"rows_per_s": progress.read / seconds, "kept": progress.kept, "peak_mb": peak_mb,
                      "mapping_mb": watcher.child_mb, "together_mb": watcher.together_mb}))  # fmt: skip


def end_to_end(path: Path, folder: Path, run: int) -> dict:
    database = folder / f"e2e-{path.stem}-{run}.sqlite3"
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(database)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    database.unlink()
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(rows: int = 1_000_000, repeats: int = 3) -> None:
    sys.path.insert(0, str(ROOT))
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    with tempfile.TemporaryDirectory(prefix="bench-field-") as tmp:
        folder = Path(tmp)
        for label, source in (("sample mix", lines), ("all kept", kept_lines(lines))):
            path = folder / f"{label.replace(' ', '-')}.tsv"
            size = generate(path, rows, source)
            rates = [parse_and_map(path) for _ in range(repeats)]
            parse, parse_cpu = (statistics.median(r[i] for r in rates) for i in (0, 1))
            runs = [end_to_end(path, folder, i) for i in range(repeats)]
            e2e = statistics.median(r["rows_per_s"] for r in runs)
            peak = statistics.median(r["peak_mb"] for r in runs)
            mapping = statistics.median(r["mapping_mb"] for r in runs)
            together = statistics.median(r["together_mb"] for r in runs)
            print(
                f"{label:<11} {rows:,} rows ({size / 1e6:,.0f} MB), {runs[0]['kept']:,} kept: "
                f"parse+map {parse:,.0f} rows/s (CPU time: {parse_cpu:,.0f}/s); "
                f"end to end {e2e:,.0f} rows/s; peak memory {peak:,.0f} MB, its mapping process "
                f"{mapping:,.0f} MB, both together {together:,.0f} MB (medians of {repeats})"
            )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(sys.argv[2], sys.argv[3])
    else:
        main(*(int(a) for a in sys.argv[1:3]))
