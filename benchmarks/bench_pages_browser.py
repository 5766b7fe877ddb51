"""Benchmark: each page's time from load to drawn charts in a real browser, against a one-chart hello-world.

Starts `streamlit run app.py` against the database you name (BILATERAL_DB) and, beside it, a one-chart
hello-world Streamlit page served the same way (headless, free port, the app's .streamlit/config.toml,
/_stcore/health polled), then drives Debian's /usr/bin/chromium with Playwright (never `playwright
install`). First the cold visits (the first of each page after the server started: it opens the mirror and
fills the caches), then --repeat warm rounds in fresh tabs, each round the hello-world page and then every
page, timed from navigation until every chart of the page is drawn (`[data-testid="stPlotlyChart"]
.main-svg`; the Records page, which has no chart, until its table is drawn). Prints medians, each page's
ratio to the hello-world page (of the medians, and the median of the rounds' own ratios), the same on
the page's own clock (when the last chart was drawn, seen by a MutationObserver), and the app server's
memory.

Run: .venv/bin/python benchmarks/bench_pages_browser.py --db /path/to/bench.sqlite3 [--repeat 7] [--json]
(a database made by `python -m bilateral bench --rows N --keep DIR` is DIR/bench.sqlite3).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
PAGES = ("/", "/timeline", "/cooperation", "/network", "/records")
CHART = '[data-testid="stPlotlyChart"]'
DRAWN = f"{CHART} .main-svg"
TABLE = '[data-testid="stDataFrame"]'
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# In the page: when the last chart was drawn (or the table appeared), on the page's own clock from navigation.
DRAWN_CLOCK = f"""
window.__drawnAt = null; let drawnSeen = 0;
new MutationObserver(() => {{
  const n = document.querySelectorAll('{DRAWN}').length + document.querySelectorAll('{TABLE}').length;
  if (n > drawnSeen) {{ drawnSeen = n; window.__drawnAt = performance.now(); }}
}}).observe(document, {{subtree: true, childList: true}});
"""
HELLO = """import plotly.graph_objects as go
import streamlit as st

st.title("Hello")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), theme=None)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(script: Path, database: Path | None, cwd: Path):
    """`streamlit run SCRIPT` headless on a free port; yields (base URL, process, seconds to healthy)."""
    port = free_port()
    # the app as `make run` serves it (ui.serve: streamlit run app.py, warmed); anything else plainly
    launcher = ["-m", "ui.serve"] if script == ROOT / "app.py" else ["-m", "streamlit", "run", str(script)]
    command = [
        sys.executable, *launcher, "--server.headless", "true",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = dict(os.environ)
    if database is not None:
        env["BILATERAL_DB"] = str(database)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {process.returncode}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r,
            ):
                if r.read().decode().strip() == "ok":
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer at {url}")
            time.sleep(0.2)
        yield url, process, time.perf_counter() - started
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def memory_mb(pid: int) -> dict:
    """Resident memory now and at its peak (VmRSS, VmHWM) of the process and its children."""
    out = {"rss_mb": 0.0, "peak_mb": 0.0}
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for one in pids:
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out["rss_mb"] += int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    out["peak_mb"] += int(line.split()[1]) / 1024
    return {k: round(v, 1) for k, v in out.items()}


def time_load(
    context, url: str, expected: int | None, timeout_ms: float = 120_000
) -> tuple[float, float, int]:
    """(Seconds from navigation to every chart drawn, or the table on a page without charts, as the harness
    sees it; the same on the page's own clock; charts seen).

    Why both: the harness notices the last chart when its next poll runs in the page, which a busy page
    delays; the page's clock (DRAWN_CLOCK) says when the chart was drawn."""
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(f"{DRAWN}, {TABLE}", timeout=timeout_ms)
        if expected is None:
            # First visit: wait for the script run to finish (the app root says so; the status widget
            # may not have appeared yet when the first table is drawn), then count the page's charts.
            page.wait_for_selector(DONE, state="attached", timeout=timeout_ms)
            expected = page.locator(CHART).count()
        page.wait_for_function(
            f"n => document.querySelectorAll('{DRAWN}').length >= n", arg=expected, timeout=timeout_ms
        )
        if expected == 0:
            page.wait_for_selector(TABLE, timeout=timeout_ms)
        seen = time.perf_counter() - started
        return seen, page.evaluate("window.__drawnAt") / 1000, expected
    finally:
        page.close()


def bench(database: Path, repeat: int) -> dict:
    """Both servers run side by side; after the cold visits, each warm round loads the hello-world page and
    then every page, so a slower minute of the machine weighs on both sides of each ratio alike.

    Why interleaved: run one after the other, the hello-world page and the app's pages were timed minutes
    apart, and this VM's speed drifts by a third over minutes (the same page's median moved 2.6 -> 4.0 s)."""
    from playwright.sync_api import sync_playwright

    report: dict = {"database": str(database), "repeat": repeat, "pages": {}}
    with (
        tempfile.TemporaryDirectory(prefix="bilateral-hello-") as folder,
        sync_playwright() as pw,
    ):
        hello = Path(folder) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        (Path(folder) / ".streamlit").mkdir()  # served the same way: the app's server settings
        shutil.copy(ROOT / ".streamlit" / "config.toml", Path(folder) / ".streamlit" / "config.toml")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(DRAWN_CLOCK)
        try:
            with (
                serve(hello, None, Path(folder)) as (hello_url, _, _),
                serve(ROOT / "app.py", database, ROOT) as (url, process, started),
            ):
                report["server_start_s"] = round(started, 2)
                hello_cold, _, hello_charts = time_load(context, hello_url, None)
                cold, charts = {}, {}
                for path in PAGES:
                    cold[path], _, charts[path] = time_load(context, url + path, None)
                warm: dict[str, list[float]] = {path: [] for path in ("hello", *PAGES)}
                in_page: dict[str, list[float]] = {path: [] for path in ("hello", *PAGES)}
                for _ in range(repeat):
                    seen, drawn, _ = time_load(context, hello_url, hello_charts)
                    warm["hello"].append(seen)
                    in_page["hello"].append(drawn)
                    for path in PAGES:
                        seen, drawn, _ = time_load(context, url + path, charts[path])
                        warm[path].append(seen)
                        in_page[path].append(drawn)
                hello_warm = statistics.median(warm["hello"])
                hello_in_page = statistics.median(in_page["hello"])
                report["hello"] = {"cold_s": round(hello_cold, 3), "warm_s": round(hello_warm, 3),
                                   "in_page_s": round(hello_in_page, 3)}  # fmt: skip
                for path in PAGES:
                    rounds = [page / base for page, base in zip(warm[path], warm["hello"], strict=True)]
                    report["pages"][path] = {
                        "cold_s": round(cold[path], 3),
                        "warm_s": round(statistics.median(warm[path]), 3),
                        "charts": charts[path],
                        "ratio_to_hello": round(statistics.median(warm[path]) / hello_warm, 2),
                        "ratio_per_round": round(statistics.median(rounds), 2),
                        "in_page_s": round(statistics.median(in_page[path]), 3),
                        "in_page_ratio": round(statistics.median(in_page[path]) / hello_in_page, 2),
                    }
                report["server_memory"] = memory_mb(process.pid)
        finally:
            context.close()
            browser.close()
    return report


def format_report(report: dict) -> str:
    lines = [
        f"database: {report['database']}; medians of {report['repeat']} warm loads",
        f"hello-world (one chart): cold {report['hello']['cold_s']:.2f} s, "
        f"warm {report['hello']['warm_s']:.2f} s (on the page's clock {report['hello']['in_page_s']:.2f} s)",
        f"app server healthy after {report['server_start_s']} s; cold = the first visit of each page",
        f"{'page':<14}{'charts':>7}{'cold s':>9}{'warm s':>9}{'x hello':>9}{'x per round':>13}"
        f"{'in page s':>11}{'x hello':>9}",
    ]
    for path, value in report["pages"].items():
        lines.append(
            f"{path:<14}{value['charts']:>7}{value['cold_s']:>9.2f}{value['warm_s']:>9.2f}"
            f"{value['ratio_to_hello']:>9.2f}{value['ratio_per_round']:>13.2f}"
            f"{value['in_page_s']:>11.2f}{value['in_page_ratio']:>9.2f}"
        )
    memory = report["server_memory"]
    lines.append(f"app server memory after every page: {memory['rss_mb']} MB (peak {memory['peak_mb']} MB)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the database file the app serves (BILATERAL_DB)")
    parser.add_argument("--repeat", type=int, default=7, help="warm rounds (hello-world, then each page)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is not installed (make browser)", file=sys.stderr)
        return 1
    report = bench(Path(args.db).resolve(), args.repeat)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
