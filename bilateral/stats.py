"""Counts of the filtered records: the numbers behind `stats`, the Overview and the report."""

from __future__ import annotations

import pandas as pd

from bilateral.model import QuadClass, Theme


def summary_stats(interactions: pd.DataFrame, articles: pd.DataFrame) -> dict:
    """Headline counts: records, period, and interactions by theme, dyad, event type, quad class and year."""
    dates = interactions["date"].dropna()
    by_theme = {t.value: 0 for t in Theme}
    for themes in interactions["themes"]:
        for theme in themes:
            by_theme[theme] += 1
    return {
        "articles": len(articles),
        "interactions": len(interactions),
        "date_min": dates.min().date().isoformat() if len(dates) else None,
        "date_max": dates.max().date().isoformat() if len(dates) else None,
        "by_theme": by_theme,
        "by_dyad": _counts(interactions["dyad"]),
        "by_event_type": _counts(interactions["event_type"]),
        "by_quad_class": {
            str(q.value): int((interactions["quad_class"] == q.value).sum()) for q in QuadClass
        },
        "by_year": {str(year): int(n) for year, n in dates.dt.year.value_counts().sort_index().items()},
        "by_source": _counts(articles["source"]),
    }


def _counts(series: pd.Series) -> dict[str, int]:
    return {str(key): int(n) for key, n in series.value_counts().items()}
