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
    from bilateral.filters import Filter
    from bilateral.graph import add_communities, build_actor_graph
    from bilateral.registry import load_actors
    from bilateral.report import build_report, report_html
    from bilateral.report_pdf import report_pdf

    interactions, articles = store.load_filtered(store.connect(), Filter())
    print(f"{len(interactions)} interactions, {len(articles)} articles; browser: {export.find_browser()}")
    caption = export.Caption.now(len(interactions), "All records")
    figures = {name: charts.build_figure(name, interactions, Filter()) for name in ("timeline", "network")}
    for fmt in ("png", "svg", "pdf", "html"):  # png first: its first run includes starting Chromium
        for name, fig in figures.items():
            first = timed(lambda fig=fig, fmt=fmt: export.chart_bytes(fig, fmt, caption))
            later = [
                timed(lambda fig=fig, fmt=fmt: export.chart_bytes(fig, fmt, caption)) for _ in range(repeats)
            ]
            print(row(f"chart {name} {fmt}", first, later))
    graph = add_communities(build_actor_graph(interactions, load_actors()))
    for label, fn in (
        ("records CSV", lambda: export.records_csv(interactions)),
        ("records XLSX", lambda: export.records_xlsx(interactions, articles, "All records")),
        ("records JSONL", lambda: export.records_jsonl(interactions, articles)),
        ("network GraphML", lambda: export.graph_graphml(graph)),
        ("network GEXF", lambda: export.graph_gexf(graph)),
        ("report PDF (build + render)", lambda: report_pdf(build_report(interactions, articles, Filter()))),
        ("report HTML (build + render)", lambda: report_html(build_report(interactions, articles, Filter()))),
    ):
        first = timed(fn)
        later = [timed(fn) for _ in range(max(3, repeats // 2))]
        print(row(label, first, later))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
