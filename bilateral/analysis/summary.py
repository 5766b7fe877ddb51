"""What the data holds as a whole, in the mirror: the values the sidebar offers, the datasets loaded (and so
whether there are two to compare), and the `stats` summary.

Why apart from bilateral.analysis.queries: those are the small frames each page draws; these list the
data's vocabularies and counts for the sidebar and the CLI, built from the same conditions and headline.
"""

from __future__ import annotations

import pandas as pd

from bilateral.analysis.dataset_queries import compared_dyads, dataset_summary
from bilateral.analysis.memo import remembered
from bilateral.analysis.queries import headline, run, scope, theme_totals
from bilateral.model import Dataset, QuadClass


def loaded_datasets(db) -> list[Dataset]:
    """The datasets the data holds, in the vocabulary's order, remembered per data state.

    Why: a page that compares datasets asks first whether there are two (one scan of a column with a few
    values: 10M rows, 11 ms, against 53 for counting and dating them under the filter)."""

    def found() -> list[Dataset]:
        present = set(run(db, "SELECT dataset FROM rows GROUP BY dataset")["dataset"])
        return [d for d in Dataset if d.value in present]

    return remembered(db, ("loaded datasets",), found)


def compared_datasets(db, flt) -> pd.DataFrame | None:
    """The dataset summary under the filter when the data holds two datasets or more, else None: what the
    Cooperation page's "Do they agree?" view needs, asked only when there can be something to compare."""
    if len(loaded_datasets(db)) < 2:
        return None
    return dataset_summary(db, flt)


def dyad_coverage(db, flt, include_commentary: bool = False, also=()) -> dict[str, list[str]]:
    """{dyad: its datasets} of dataset_queries.compared_dyads, in its order (best covered first, then
    `also`)."""
    found = compared_dyads(db, flt, include_commentary, also=tuple(also))
    return dict(zip(found["dyad"], found["datasets"], strict=True))


def agreement_menu(covered: dict[str, list[str]], dyads) -> list[str]:
    """The dyads the "do they agree?" view offers, in order: the page's dyads that two datasets or more
    cover, the other dyads they cover, then the rest of the page's dyads. `covered`: {dyad: its datasets}
    (dataset_queries.compared_dyads), best covered first."""
    both = [d for d, datasets in covered.items() if len(datasets) > 1]
    return list(dict.fromkeys([*(d for d in dyads if d in both), *both, *dyads]))


def choices(db) -> dict[str, list]:
    """Values the sidebar offers: actors, dyads, sources and datasets present in the data."""
    each = " UNION ".join(
        f"SELECT {c} AS code FROM rows GROUP BY {c}" for c in ("actor1", "actor2", "state1", "state2")
    )
    actors = run(db, f"SELECT code FROM ({each}) ORDER BY code")
    dyads = run(db, "SELECT dyad FROM (SELECT dyad FROM rows GROUP BY dyad UNION "
                    "SELECT dyad_raw FROM rows GROUP BY dyad_raw) ORDER BY dyad")  # fmt: skip
    sources = run(db, "SELECT source FROM rows WHERE source IS NOT NULL GROUP BY source ORDER BY source")
    return {
        "actor": actors["code"].tolist(),
        "dyad": dyads["dyad"].tolist(),
        "source": sources["source"].tolist(),
        "dataset": loaded_datasets(db),
    }


def summary_stats(db, flt) -> dict:
    """Headline counts: records, period, and interactions by theme, dyad, event type, quad class and year."""
    source, clause, params = scope(db, flt)
    head = headline(db, flt, articles=True)

    def counts(expression: str) -> dict[str, int]:
        out = run(
            db,
            f"SELECT {expression} AS k, count(*) AS n FROM {source} WHERE {clause} "
            "GROUP BY k ORDER BY n DESC, k",
            params,
        )
        return {str(k): int(n) for k, n in zip(out["k"], out["n"], strict=True)}

    by_theme = theme_totals(db, flt, every_theme=True)
    by_quad = counts("quad_class")
    behind = "" if flt.is_empty() else f"WHERE no IN (SELECT article_no FROM {source} WHERE {clause})"
    sources = run(
        db,
        f"SELECT source, count(*) AS n FROM articles {behind} GROUP BY source ORDER BY n DESC, source",
        [] if flt.is_empty() else params,
    )
    return {
        "articles": head.articles,
        "interactions": head.interactions,
        "date_min": head.first.date().isoformat() if head.first is not None else None,
        "date_max": head.last.date().isoformat() if head.last is not None else None,
        "by_theme": dict(zip(by_theme["theme"], by_theme["count"].astype(int).tolist(), strict=True)),
        "by_dyad": counts("dyad"),
        "by_event_type": counts("event_type"),
        "by_quad_class": {str(q.value): by_quad.get(str(q.value), 0) for q in QuadClass},
        "by_year": dict(sorted(counts("CAST(year(date) AS VARCHAR)").items())),
        "by_source": {str(k): int(n) for k, n in zip(sources["source"], sources["n"], strict=True)},
    }
