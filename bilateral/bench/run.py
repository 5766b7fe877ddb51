"""The benchmark itself: generate, import (the real CLI, in a child), sync the mirror, time every page step.

Everything happens in a temporary folder (or the --keep folder), never in data/. Figures are medians: the
machine this runs on is small and noisy. `run_bench()` returns the report as a dict (see `format_report`).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from bilateral.analysis import text_hits
from bilateral.analysis.memo import Memo
from bilateral.bench.generate import SEARCH_WORD, generate
from bilateral.bench.report import check_aims
from bilateral.filters import filter_from_query
from bilateral.store import DATA_DIR, PROJECT_ROOT

# The representative filters: (name, URL query).
FILTERS: tuple[tuple[str, dict], ...] = (
    ("none", {}),
    ("energy 2014-2024", {"theme": "energy", "from": "2014-01-01", "to": "2024-12-31"}),
    ("dyad CHN-RUS", {"dyad": "CHN-RUS"}),
    (f"text '{SEARCH_WORD}'", {"text": SEARCH_WORD}),
)
# The reference: one bare pandas boolean filter pass (energy theme, 2014-2024) over every row in memory.
REFERENCE = "energy 2014-2024"


class Clock:
    """Seconds spent inside the database (execute and fetch), summed across cursors."""

    def __init__(self):
        self.seconds = 0.0


class _TimedCursor:
    def __init__(self, cursor, clock: Clock):
        self._cursor, self._clock = cursor, clock

    def _timed(self, name: str, *args):
        started = time.perf_counter()
        try:
            return getattr(self._cursor, name)(*args)
        finally:
            self._clock.seconds += time.perf_counter() - started

    def execute(self, *args):
        self._timed("execute", *args)
        return self

    def df(self):
        return self._timed("df")

    def fetchone(self):
        return self._timed("fetchone")

    def fetchall(self):
        return self._timed("fetchall")

    def fetch_df_chunk(self, *args):
        return self._timed("fetch_df_chunk", *args)

    def fetchnumpy(self):
        return self._timed("fetchnumpy")

    def __getattr__(self, name):
        return getattr(self._cursor, name)


class TimedDb:
    """The mirror seen through a clock: page code runs unchanged; the time its SQL takes is counted.

    Its memo (bilateral.analysis.memo) is its own, emptied before each page run, so a page is timed as
    after a change of filter: it asks for each span and text list once, as the app does.
    """

    copies_text_rows = True  # as the app's mirror: a search's rows copied for the pages after its first

    def __init__(self, db):
        self.db, self.clock = db, Clock()
        self.memo = Memo()

    def cursor(self):
        return _TimedCursor(self.db.cursor(), self.clock)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _mb(size: float) -> float:
    return round(size / 2**20, 1)


def machine() -> dict:
    """What the figures were measured on."""
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    import duckdb
    import sqlalchemy

    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "memory_mb": memory,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "duckdb": duckdb.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "pandas": pd.__version__,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _child_env(db_path: Path) -> dict:
    env = dict(os.environ)
    env["BILATERAL_DB"] = str(db_path)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _vm_hwm_mb(pid: int) -> float | None:
    """The peak resident memory so far of a running process (Linux), or None."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds a running process has used so far (Linux), or None."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return None


def _run_child(argv: list[str], env: dict, marker: str | None = None) -> dict:
    """Run a child process; its wall time, peak memory (wait4), stdout, and the time and peak memory at
    the moment a stdout line starting with `marker` appeared (the end of the import, before the CLI goes
    on to bring the mirror up to date)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=PROJECT_ROOT)  # fmt: skip
    lines, at_marker, peak_at_marker, cpu_at_marker = [], None, None, None
    assert process.stdout is not None
    for line in process.stdout:
        if marker and at_marker is None and line.startswith(marker):
            at_marker = time.perf_counter() - started
            peak_at_marker = _vm_hwm_mb(process.pid)
            cpu_at_marker = _cpu_seconds(process.pid)
        lines.append(line)
    stderr = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({process.returncode}): {stderr.strip()[-2000:]}")
    return {
        "seconds": seconds,
        "peak_mb": usage.ru_maxrss / 1024,
        "stdout": "".join(lines),
        "at_marker": at_marker,
        "peak_at_marker_mb": peak_at_marker,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "cpu_at_marker": cpu_at_marker,
    }


def _mirror_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".mirror.duckdb")


def _remove_mirror(db_path: Path) -> None:
    for path in (_mirror_file(db_path), Path(str(_mirror_file(db_path)) + ".wal")):
        path.unlink(missing_ok=True)


def _median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_import(data_file: Path, db_path: Path, rows: int, log, quick: bool = False) -> dict:
    """The real CLI import in a child process: rows/s, CPU and peak memory (up to the import's end, and of
    the whole command, which then brings the mirror up to date)."""
    env = _child_env(db_path)
    # The database exists and is seeded with the curated set before the clock starts: the import is timed
    # alone.
    _run_child([sys.executable, "-m", "bilateral", "init"], env)
    _remove_mirror(db_path)
    startup = statistics.median(
        _run_child([sys.executable, "-c", "import bilateral.cli"], env)["seconds"]
        for _ in range(1 if quick else 3)
    )
    log(f"importing {rows:,} interactions with `python -m bilateral import --quiet` ...")
    child = _run_child(
        [sys.executable, "-m", "bilateral", "import", str(data_file), "--quiet"], env, "added "
    )
    import_seconds = child["at_marker"] or child["seconds"]
    return {
        "command": f"python -m bilateral import {data_file.name} --quiet",
        "result": child["stdout"].strip().splitlines()[0] if child["stdout"].strip() else "",
        "wall_seconds": round(child["seconds"], 2),
        "import_seconds": round(import_seconds, 2),
        "startup_seconds": round(startup, 2),
        "rows_per_s": round(rows / import_seconds),
        "rows_per_s_after_startup": round(rows / max(import_seconds - startup, 1e-9)),
        "cpu_seconds": round(child["cpu_at_marker"], 2) if child["cpu_at_marker"] else None,
        "rows_per_cpu_s": round(rows / child["cpu_at_marker"]) if child["cpu_at_marker"] else None,
        "peak_mb_import": round(child["peak_at_marker_mb"], 1) if child["peak_at_marker_mb"] else None,
        "peak_mb_whole_command": round(child["peak_mb"], 1),
        "cli_mirror_sync_seconds": round(child["seconds"] - import_seconds, 2),
    }


def measure_mirror(db_path: Path, log, quick: bool = False, cold: dict | None = None) -> dict:
    """The mirror: a first full sync (new mirror file: the app's cold start), then opening it up to date in a
    fresh process (the first page after a server restart), and its file size.

    cold: the full sync the import command already made (seconds), used instead of a second one (big runs)."""
    env = _child_env(db_path)
    if cold is None:
        _remove_mirror(db_path)
        log("mirror: first full sync in a fresh process ...")
        first = json.loads(
            _run_child([sys.executable, "-m", "bilateral.bench.child", "mirror"], env)["stdout"]
        )
        first["measured_by"] = "a fresh process, mirror file removed"
    else:
        first = {"seconds": cold["cli_mirror_sync_seconds"], "peak_mb": cold["peak_mb_whole_command"],
                 "measured_by": "the import command's own sync (peak: the whole import command)"}  # fmt: skip
    opens = [
        json.loads(_run_child([sys.executable, "-m", "bilateral.bench.child", "mirror"], env)["stdout"])
        for _ in range(1 if quick else 3)
    ]
    return {
        "first_sync_seconds": round(first["seconds"], 2),
        "first_sync_peak_mb": round(first["peak_mb"], 1),
        "first_sync_measured_by": first["measured_by"],
        "rows": opens[0]["rows"],
        "persisted": opens[0]["persisted"],
        "open_seconds": round(statistics.median(o["seconds"] for o in opens), 3),
        "open_peak_mb": round(statistics.median(o["peak_mb"] for o in opens), 1),
        "file_mb": _mb(_mirror_file(db_path).stat().st_size) if _mirror_file(db_path).exists() else None,
    }


def pandas_reference(mirror, repeat: int) -> dict:
    """Median of ONE bare pandas boolean filter pass (energy theme, 2014-2024) over every row, in memory.

    The rows are loaded once, here in the benchmark only (the columns the filter reads)."""
    from bilateral.filters import theme_mask

    frame = mirror.cursor().execute("SELECT date, theme_mask, dyad, score FROM rows").df()
    frame["date"] = pd.to_datetime(frame["date"])
    bit = theme_mask(["energy"])
    low, high = pd.Timestamp("2014-01-01"), pd.Timestamp("2024-12-31")

    def one_pass():
        mask = ((frame["theme_mask"] & bit) != 0) & (frame["date"] >= low) & (frame["date"] <= high)
        return frame[mask]

    one_pass()
    seconds = _median_time(one_pass, max(repeat, 5))
    return {"filter": REFERENCE, "rows": len(frame), "ms": _ms(seconds), "matched": len(one_pass())}


def _figure_bytes(result) -> int:
    if isinstance(result, go.Figure):
        return len(result.to_json())
    return 0


class FileDb:
    """A mirror file opened read-only, for the page queries alone (the replicated benchmark)."""

    def __init__(self, path: Path):
        import duckdb

        self.con = duckdb.connect(str(path), read_only=True, config={"threads": 2, "memory_limit": "512MB"})

    def cursor(self):
        return self.con.cursor()

    def close(self) -> None:
        self.con.close()


def replicate_mirror(source: Path, target: Path, times: int, log) -> int:
    """A copy of a mirror file with every row `times` times (new ids, same dates, actors and text): a big
    set for the page queries when importing it through SQLite would take too long. Returns its rows."""
    import duckdb

    shutil.copyfile(source, target)
    con = duckdb.connect(str(target), config={"threads": 2, "memory_limit": "512MB"})
    con.execute("SET enable_progress_bar = false")  # it drew a line of bars for the ~20 s of copying
    try:
        log(f"replicating the mirror's rows {times} times ...")
        columns = [r[0] for r in con.execute("DESCRIBE rows").fetchall()]
        picked = ", ".join("id || '-r' || k AS id" if c == "id" else c for c in columns)
        con.execute(f"INSERT INTO rows SELECT {picked} FROM rows, range(1, {times}) AS r(k)")
        con.execute("CHECKPOINT")
        return con.execute("SELECT count(*) FROM rows").fetchone()[0]
    finally:
        con.close()


def measure_pages(store_, repeat: int, filters=FILTERS, log=print, open_db=None) -> dict:
    """Per filter and page: each step cold (the page's first run after opening the mirror) and warm (median of
    `repeat` runs of the whole page), the SQL time inside it, the page totals, figure JSON bytes.

    open_db: a callable giving a fresh database to query (default: the store's mirror, synced)."""
    from bilateral.analysis.mirror import Mirror
    from bilateral.page_steps import PAGES

    def open_mirror():
        mirror = Mirror(store_)
        mirror.sync()
        return mirror

    out = {}
    for name, query in filters:
        flt, notes = filter_from_query(query)
        if notes:
            raise ValueError(f"benchmark filter {name!r}: {notes}")
        mirror = (open_db or open_mirror)()
        db = TimedDb(mirror)
        log(f"pages, filter {name} ...")
        pages = {}
        for page, steps in PAGES.items():  # each page's first run after opening the mirror: cold
            (timings,) = _page_runs(db, flt, steps, 1)
            pages[page] = {"steps": {step: {"cold_ms": _ms(wall), "cold_db_ms": _ms(sql)}
                                     for step, (wall, sql, _) in timings.items()}}  # fmt: skip
        # warm: once what the app makes in the background for the pages after a first is made (a text
        # search's rows: analysis/text_hits.py); the cold runs above paid for it beside their own work
        text_hits.copies_made()
        for page, steps in PAGES.items():
            report, runs = pages[page], list(_page_runs(db, flt, steps, repeat))
            for step, entry in report["steps"].items():
                walls, sqls, _ = zip(*(run[step] for run in runs), strict=True)
                entry.update(warm_ms=_ms(statistics.median(walls)), warm_db_ms=_ms(statistics.median(sqls)))
            stats = report["steps"].values()
            report.update(
                cold_ms=round(sum(s["cold_ms"] for s in stats), 2),
                warm_ms=round(sum(s["warm_ms"] for s in stats), 2),
                warm_db_ms=round(sum(s["warm_db_ms"] for s in stats), 2),
                figure_json_bytes=sum(_figure_bytes(result) for _, _, result in runs[-1].values()),
            )
        mirror.close()
        out[name] = {"query": query, "describe": flt.describe(), "pages": pages}
    return out


def _page_runs(db, flt, steps, runs: int):
    """`runs` runs of a page, one after another: its steps in order, each (wall seconds, SQL seconds, result),
    by step name.

    Why whole pages: a step may use what the page's earlier steps found (their results, and the spans they
    read), as on the page itself; the memo is emptied first, as a change of filter leaves it."""
    for _ in range(runs):
        db.memo.clear()
        done, timings = {}, {}
        for step in steps:
            db.clock.seconds = 0.0
            started = time.perf_counter()
            done[step.name] = step.run(db, flt, done)
            timings[step.name] = (time.perf_counter() - started, db.clock.seconds, done[step.name])
        yield timings


def _add_ratios(report: dict) -> None:
    reference = report["pandas_pass"]["ms"]
    for entry in report["filters"].values():
        for page in entry["pages"].values():
            page["ratio_to_pandas_pass"] = round(page["warm_ms"] / reference, 2) if reference else None


def run_bench(
    rows: int = 100_000,
    repeat: int = 5,
    keep: Path | None = None,
    use_data: bool = False,
    log: Callable[[str], None] | None = None,
    filters=FILTERS,
    quick: bool = False,
) -> dict:
    """Generate `rows` synthetic interactions, import, mirror, time the pages; or (use_data) time the pages
    on a copy of the curated store. Returns the report. quick: fewer repeats of the child processes
    (tests)."""
    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    if folder.resolve().is_relative_to(DATA_DIR.resolve()):
        raise ValueError(f"the benchmark never writes into data/ ({folder})")
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "bench.sqlite3"
    for old in folder.glob("bench.sqlite3*"):
        old.unlink()
    report: dict = {"machine": machine(), "folder": str(folder), "repeat": repeat}
    try:
        if use_data:
            report["source"] = "curated data/ (seeded into a temporary database)"
            _run_child([sys.executable, "-m", "bilateral", "init"], _child_env(db_path))
        else:
            report["source"] = "synthetic (generated)"
            data_file = folder / "synthetic.jsonl"
            log(f"generating {rows:,} synthetic interactions in {data_file} ...")
            started = time.perf_counter()
            counts = generate(data_file, rows)
            report["generate"] = {**counts, "seconds": round(time.perf_counter() - started, 2),
                                  "file_mb": _mb(counts["bytes"])}  # fmt: skip
            report["import"] = measure_import(data_file, db_path, rows, log, quick)
            if not keep:
                data_file.unlink()
        big = not use_data and rows > 2_000_000  # a second full sync would only repeat the import's own
        report["mirror"] = measure_mirror(db_path, log, quick, report["import"] if big else None)
        from bilateral import store

        opened = store.connect(str(db_path), seed=False)
        try:
            report["rows"], report["articles"] = opened.counts()[1], opened.counts()[0]
            from bilateral.analysis.mirror import Mirror

            mirror = Mirror(opened)
            mirror.sync()
            report["pandas_pass"] = pandas_reference(mirror, repeat)
            mirror.close()
            report["filters"] = measure_pages(opened, repeat, filters, log)
        finally:
            opened.engine.dispose()
        _add_ratios(report)
        report["aims"] = check_aims(report)
        report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    return report


def run_replicated(folder: Path, times: int, repeat: int = 5, log=None) -> dict:
    """Page timings on the mirror of a kept benchmark folder with every row `times` times (see
    replicate_mirror): the page-query aims at 10M rows without a 10M-row import."""
    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    source = _mirror_file(Path(folder) / "bench.sqlite3")
    if not source.exists():
        raise ValueError(f"no benchmark mirror in {folder}: run bench --keep {folder} first")
    target = Path(folder) / f"replicated-x{times}.duckdb"
    started = time.perf_counter()
    rows = replicate_mirror(source, target, times, log)
    report: dict = {"machine": machine(), "folder": str(folder), "repeat": repeat, "rows": rows,
                    "source": f"the generated set's mirror, every row {times} times (new ids)",
                    "replicate_seconds": round(time.perf_counter() - started, 1),
                    "mirror": {"file_mb": _mb(target.stat().st_size)}}  # fmt: skip
    try:
        db = FileDb(target)
        report["pandas_pass"] = pandas_reference(db, repeat)
        db.close()
        report["filters"] = measure_pages(None, repeat, FILTERS, log, open_db=lambda: FileDb(target))
    finally:
        target.unlink(missing_ok=True)
    _add_ratios(report)
    report["aims"] = check_aims(report)
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return report
