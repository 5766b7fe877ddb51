"""Benchmark: chart export (first vs later, per format), data files and the report, on the curated data.

The first image of a process starts kaleido's Chromium; later ones reuse it. Prints the first time and
the median of REPEATS later runs. Uses a throwaway database seeded from data/.
Run: .venv/bin/python benchmarks/bench_export.py [REPEATS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def timed(fn) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def row(label: str, first: float, later: list[float]) -> str:
    median = statistics.median(later) if later else float("nan")
    return f"{label:<34} first {first:7.3f} s   median of {len(later)} later {median:7.3f} s"


def main(repeats: int = 7) -> None:
    os.environ["BILATERAL_DB"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere
    from bilateral import charts, export, store
    from bilateral.analysis import open_mirror, queries
    from bilateral.filters import Filter
    from bilateral.report import build_report
    from bilateral.report.html import report_html
    from bilateral.report.pdf import report_pdf

    db, everything = open_mirror(store.connect()), Filter()
    head = queries.headline(db, everything)
    print(f"{head.interactions} interactions, {head.articles} articles; browser: {export.find_browser()}")
    caption = export.Caption.now(head.interactions, "All records")
    figures = {name: charts.build_figure(name, db, everything) for name in ("timeline", "network")}
    for fmt in ("png", "svg", "pdf", "html"):  # png first: its first run includes starting Chromium
        for name, fig in figures.items():
            first = timed(lambda fig=fig, fmt=fmt: export.chart_bytes(fig, fmt, caption))
            later = [
                timed(lambda fig=fig, fmt=fmt: export.chart_bytes(fig, fmt, caption)) for _ in range(repeats)
            ]
            print(row(f"chart {name} {fmt}", first, later))
    graph, _ = charts.network_data(db, everything)
    for label, fn in (
        ("records CSV", lambda: export.records_csv(db, everything)),
        ("records XLSX", lambda: export.records_xlsx(db, everything)),
        ("records JSONL", lambda: export.records_jsonl(db, everything)),
        ("network GraphML", lambda: export.graph_graphml(graph)),
        ("network GEXF", lambda: export.graph_gexf(graph)),
        ("report PDF (build + render)", lambda: report_pdf(build_report(db, everything))),
        ("report HTML (build + render)", lambda: report_html(build_report(db, everything))),
    ):
        first = timed(fn)
        later = [timed(fn) for _ in range(max(3, repeats // 2))]
        print(row(label, first, later))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
