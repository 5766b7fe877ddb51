"""Benchmark: loading derived columns and applying the Filter on synthetic interactions at scale.

Synthetic rows are generated here at run time (never stored in data/). Prints medians of repeated runs.
Run: .venv/bin/python benchmarks/bench_filters.py [ROWS]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

import numpy as np
import pandas as pd

from bilateral.filters import Filter, apply_filter
from bilateral.records import EventType, Theme
from bilateral.registry import load_actors
from bilateral.store import enrich_interactions


def synthetic_interactions(rows: int, seed: int = 7) -> pd.DataFrame:
    """A raw interactions frame like the store's, with random actors, types, themes and dates."""
    rng = np.random.default_rng(seed)
    codes = np.array(sorted(load_actors()))
    themes = [t.value for t in Theme]
    types = [e.value for e in EventType]
    first = rng.integers(0, len(codes), rows)
    second = (first + rng.integers(1, len(codes), rows)) % len(codes)
    event = rng.integers(0, len(types), rows)
    days = rng.integers(0, 25 * 365, rows)
    return pd.DataFrame(
        {
            "id": [f"i-{n}" for n in range(rows)],
            "article_id": [f"a-{n // 3}" for n in range(rows)],
            "date": (pd.Timestamp("2001-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d"),
            "actor1": codes[first],
            "actor2": codes[second],
            "event_type": np.array(types)[event],
            "quad_class": [EventType(types[e]).quad_class.value for e in event],
            "score": rng.uniform(-10, 10, rows).round(1),
            "themes": [";".join(sorted(set(rng.choice(themes, 2)))) for _ in range(rows)],
            "title": "synthetic",
            "summary": "",
            "evidence": "synthetic evidence",
            "source": rng.choice(["Reuters", "AP", "TASS", "Xinhua"], rows),
            "status": "reviewed",
        }
    )


def median_seconds(action, repeat: int = 5) -> float:
    """Median wall time of `repeat` runs of action()."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(rows: int) -> None:
    raw = synthetic_interactions(rows)
    actors = load_actors()
    enriched = enrich_interactions(raw, actors)
    cases = {
        "enrich (derived columns)": lambda: enrich_interactions(raw, actors),
        "filter: theme": lambda: apply_filter(Filter(themes=(Theme.ENERGY,)), enriched),
        "filter: dyad + period": lambda: apply_filter(
            Filter(dyads=("CHN-RUS",), date_from=dt.date(2014, 1, 1)), enriched
        ),
        "filter: actor": lambda: apply_filter(Filter(actors=("RUS",)), enriched),
        "filter: text": lambda: apply_filter(Filter(text="evidence"), enriched),
    }
    print(f"{rows:,} synthetic interactions; median of 5 runs")
    for name, action in cases.items():
        print(f"  {name:28s} {median_seconds(action) * 1000:8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
