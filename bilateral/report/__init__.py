"""The one-click report: title, date, filters in words, headline numbers, main charts, key events, sources.

A Report is built once from the page queries (plain values and captioned figures), then written as a PDF
(report/pdf.py: real text, selectable) or as ONE offline HTML file (report/html.py: plotly.js inlined once).
Every key event points at a numbered source, and the source list holds every article behind the charts
(up to SOURCE_LIMIT: then the key events' sources and the earliest others).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from bilateral import charts
from bilateral.analysis import article_queries, dataset_queries, queries, watch
from bilateral.export import Caption, with_caption
from bilateral.export.captions import DATA_SOURCE, data_source_text
from bilateral.model import Dataset, Note, Theme
from bilateral.tables import safe_url

REPORT_TITLE = "Bilateral report"
REPORT_CHARTS = ("timeline", "cooperation", "network")
KEY_EVENT_LIMIT = 15
SOURCE_LIMIT = 1_000
KEY_EVENT_COLUMNS = ["Date", "Actors", "Event", "Score", "Title", "Dataset", "Source"]
SOURCE_COLUMNS = ["number", "outlet", "title", "date", "url"]


@dataclass(frozen=True)
class WhatChanged:
    """The report's "What changed": the moves of the four weeks to `as_of_week`, each with its evidence."""

    as_of_week: pd.Timestamp
    flagged: bool  # False: nothing was flagged, and `moves` are the largest unflagged ones, for context
    moves: pd.DataFrame  # Dyad, Theme, Move, Size, Events (4 weeks), Net index now / before
    evidence: tuple[tuple[str, pd.DataFrame], ...]  # (dyad · theme, Date / Actors / Event / Score / Source)

    @property
    def period(self) -> str:
        """'2025-11-17 to 2025-12-14'."""
        start = self.as_of_week - pd.Timedelta(weeks=3)
        return f"{start:%Y-%m-%d} to {self.as_of_week + pd.Timedelta(days=6):%Y-%m-%d}"


@dataclass(frozen=True)
class Report:
    """Everything a report shows, ready for either renderer."""

    title: str
    generated: dt.datetime
    filters: str
    headline: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, go.Figure], ...]
    key_events: pd.DataFrame
    sources: pd.DataFrame
    changes: WhatChanged | None = None
    notes: tuple[Note, ...] = ()
    sources_total: int | None = None  # articles behind the records; more than listed above SOURCE_LIMIT
    data_source: str = DATA_SOURCE  # which datasets the records come from (see data_source_text)

    @property
    def sources_heading(self) -> str:
        """'Sources (42)', or 'Sources (1,000 of 333,319)' when the list is cut."""
        total = self.sources_total if self.sources_total is not None else len(self.sources)
        if total > len(self.sources):
            return f"Sources ({len(self.sources):,} of {total:,})"
        return f"Sources ({len(self.sources):,})"

    @property
    def sources_note(self) -> str | None:
        """What a cut list holds, and where the rest is."""
        total = self.sources_total if self.sources_total is not None else len(self.sources)
        if total <= len(self.sources):
            return None
        return (
            f"The sources of the key events and the earliest of the others, {len(self.sources):,} of "
            f"{total:,}; the data export (CSV, XLSX, JSONL) names the source of every record."
        )

    @property
    def key_events_note(self) -> str:
        """What the key events are, or why there are none: commentary is not an event."""
        if self.key_events.empty:
            return "No events match the filters (commentary is not listed as an event)."
        return (
            f"The strongest scores, at most {KEY_EVENT_LIMIT}, in date order; commentary (an opinion piece's "
            "claim) is left out unless the filter's modality names it."
        )

    @property
    def generated_text(self) -> str:
        """'2026-11-29 14:30 UTC'."""
        return self.generated.strftime("%Y-%m-%d %H:%M %Z").strip()


def build_report(
    db,
    flt,
    *,
    figures: dict[str, go.Figure] | None = None,
    now: dt.datetime | None = None,
    notes: list[Note] | tuple[Note, ...] = (),
) -> Report:
    """The report of the filtered records; `figures` replaces the charts (tests), else charts builds them.

    `notes` are the analysts' notes to carry (the caller reads them from the store).
    """
    now = now or dt.datetime.now().astimezone()
    words = flt.describe()
    if figures is None:
        figures = report_figures(db, flt, notes)
    n = queries.count(db, flt)
    source = data_source_text(dataset_queries.dataset_counts(db, flt))
    caption = Caption(n_records=n, filters=words, made=now.date(), source=source)
    events = queries.key_events(db, flt, KEY_EVENT_LIMIT)
    sources, total = listed_sources(db, flt, events)
    return Report(
        title=REPORT_TITLE,
        generated=now,
        filters=words,
        headline=headline_numbers(db, flt, total),
        figures=tuple((name, with_caption(fig, caption)) for name, fig in figures.items()),
        key_events=key_event_table(events, sources),
        sources=sources,
        sources_total=total,
        changes=what_changed(db, flt),
        notes=tuple(notes),
        data_source=source,
    )


def what_changed(db, flt, shown: int = 5) -> WhatChanged | None:
    """The flagged moves of the four weeks to the filter's end (or the latest week), with their strongest
    records; when none is flagged, the largest moves for context. None when there is nothing to compare."""
    found = watch.moves(db, flt, limit=None, one_per_pair=True)
    if found.empty:
        return None
    flagged = found.loc[found["flagged"]]
    chosen = (flagged if len(flagged) else found).head(shown)
    table = pd.DataFrame(
        {
            "Dyad": chosen["pair"],
            "Theme": chosen["theme"].map(watch.theme_label),
            "Move": chosen["direction"],
            "Size": chosen["size"].map(lambda v: f"{v:.1f} σ"),
            "Events (4 weeks)": chosen["recent_count"].astype(int).astype(str),
            "Net index now / before": [
                f"{_signed(a)} / {_signed(b)}"
                for a, b in zip(chosen["net_recent"], chosen["net_base"], strict=True)
            ],
        }
    )
    evidence = []
    for row in chosen.itertuples():
        events = watch.move_evidence(db, flt, row)
        arrow = events["direction"].map({"mutual": " ↔ "}).fillna(" → ")
        evidence.append(
            (
                f"{row.pair} · {table.loc[row.Index, 'Theme']}",
                pd.DataFrame(
                    {
                        "Date": events["date"].dt.strftime("%Y-%m-%d"),
                        "Actors": events["actor1"] + arrow + events["actor2"],
                        "Event": events["event_type"],
                        "Score": events["score"].map(lambda s: f"{s:+.1f}"),
                        "Source": events["title"].fillna("") + " (" + events["source"].fillna("") + ")",
                    }
                ),
            )
        )
    return WhatChanged(
        found["as_of_week"].iloc[0], bool(len(flagged)), table.reset_index(drop=True), tuple(evidence)
    )


def _signed(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{value:+.2f}"


def report_bytes(db, flt, fmt: str, figures: dict[str, go.Figure] | None = None, notes=()) -> bytes:
    """The report as PDF or HTML bytes: the one call the Report page makes (on its download thread)."""
    from bilateral.report.html import report_html
    from bilateral.report.pdf import report_pdf

    report = build_report(db, flt, figures=figures, notes=notes)
    return report_html(report) if fmt == "html" else report_pdf(report)


def report_figures(db, flt, notes=()) -> dict[str, go.Figure]:
    """The main charts (timeline, cooperation vs tension, network), built as the dashboard builds them,
    with the analysts' notes on the charts over time; the network only when it joins three actors or more.

    Why: under a one-dyad filter the network is two dots and a line across a whole page, which says
    nothing the headline's most active dyad does not."""
    joined = charts.network_graph(db, flt).number_of_nodes()
    names = [name for name in REPORT_CHARTS if name != "network" or joined > 2]
    return {name: charts.build_figure(name, db, flt, notes=tuple(notes)) for name in names}


def contents_text(articles: int) -> str:
    """What a report of `articles` articles holds, in words, for the page that builds it; the source list's
    limit named when the articles are more than it lists.

    Why: "every source" promised a list of 333,000 articles that the report cuts at SOURCE_LIMIT."""
    sources = (
        "a numbered list of every source (outlet, title, date, link)"
        if articles <= SOURCE_LIMIT
        else f"a numbered list of {SOURCE_LIMIT:,} of the {articles:,} sources (outlet, title, date, link): "
        "the key events' and the earliest others'; the data export names the source of every record"
    )
    return (
        "The report holds the title, the date, these filters, the headline numbers, what changed in the last "
        "four weeks (with its evidence and the analysts' notes), the timeline and cooperation vs tension "
        f"charts, the actor network when it joins three actors or more, the key events and {sources}."
    )


def listed_sources(db, flt, events: pd.DataFrame, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """(the numbered source list, the number of articles behind the records).

    Why a limit: a report of a million records would list hundreds of thousands of articles; it lists the
    key events' sources and the earliest others up to SOURCE_LIMIT, and says where the rest are."""
    limit = SOURCE_LIMIT if limit is None else limit
    total = article_queries.article_count(db, flt)
    listed = article_queries.articles_behind(db, flt, limit=limit if total > limit else None)
    missing = set(events["article_id"]) - set(listed["id"]) if len(events) else set()
    if missing:
        listed = pd.concat([listed, article_queries.articles_by_id(db, sorted(missing))], ignore_index=True)
    return source_list(listed), total


def headline_numbers(db, flt, articles: int) -> tuple[tuple[str, str], ...]:
    """The few numbers a reader looks at first: how much, over when, how cooperative, between whom."""
    clause, params = queries.conditions(db, flt)
    total, cooperative, mean, first, last = queries.scalar_row(
        db,
        "SELECT count(*), count(*) FILTER (quad_class <= 2), avg(score), min(date), max(date) "
        f"FROM rows WHERE {clause}",
        params,
    )
    if total == 0:
        return (("Interactions", "0"), ("Articles", "0"))
    dyads = queries.run(
        db,
        f"SELECT dyad, count(*) AS n FROM rows WHERE {clause} GROUP BY dyad ORDER BY n DESC, dyad LIMIT 1",
        params,
    )
    themes = queries.theme_totals(db, flt, every_theme=True).sort_values(
        "count", ascending=False, kind="stable"
    )
    top = themes.iloc[0] if len(themes) and themes["count"].iloc[0] > 0 else None
    return (
        ("Interactions", f"{total:,}"),
        ("Articles", f"{articles:,}"),
        ("Period", f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"),
        ("Cooperative (quad 1-2)", f"{cooperative / total:.0%} ({cooperative:,} of {total:,})"),
        ("Mean score", f"{mean:+.1f} (scale -10 to +10)"),
        ("Most active dyad", f"{dyads['dyad'].iloc[0]} ({int(dyads['n'].iloc[0]):,})"),
        (
            "Most frequent theme",
            f"{Theme(top['theme']).label} ({int(top['count']):,})" if top is not None else "none",
        ),
    )


def source_list(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles given, numbered 1.. in date order: number, outlet, title, date, url."""
    used = articles.sort_values(["date", "source", "title"], na_position="last").reset_index(drop=True)
    return pd.DataFrame(
        {
            "id": used["id"],
            "number": range(1, len(used) + 1),
            "outlet": used["source"].fillna(""),
            "title": used["title"].fillna(""),
            "date": used["date"].map(lambda d: "undated" if pd.isna(d) else f"{d:%Y-%m-%d}"),
            "url": used["url"].fillna(""),
            "publisher": used["publisher"].fillna("") if "publisher" in used else "",
        }
    )


def key_event_table(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The strongest interactions (queries.key_events) by date, each with its article's title and source
    number: a reader sees what happened without turning to the list of sources."""
    if events.empty:
        return pd.DataFrame(columns=KEY_EVENT_COLUMNS)
    numbers = dict(zip(sources["id"], sources["number"], strict=True))
    arrow = events["direction"].map({"mutual": " ↔ "}).fillna(" → ")
    return pd.DataFrame(
        {
            "Date": events["date"].dt.strftime("%Y-%m-%d"),
            "Actors": events["actor1"] + arrow + events["actor2"],
            "Event": events["event_type"],
            "Score": events["score"].map(lambda s: f"{s:+.1f}"),
            "Title": events["title"].fillna(""),
            "Dataset": _datasets(events),
            "Source": events["article_id"].map(lambda a: f"[{numbers.get(a, '?')}]"),
        }
    ).reset_index(drop=True)


def _datasets(events: pd.DataFrame) -> pd.Series:
    """The label of each row's dataset ("Curated", "GDELT"); rows without one are curated."""
    values = events["dataset"] if "dataset" in events else pd.Series(None, index=events.index, dtype=object)
    return values.fillna(Dataset.CURATED.value).map(lambda d: Dataset(d).label)


def via(publisher) -> str:
    """' (page published by X)' when the linked page's publisher is not the outlet named, else ''."""
    return f" (page published by {publisher})" if isinstance(publisher, str) and publisher else ""


def is_web_url(url: str) -> bool:
    """Only http(s) addresses become links (never javascript: or file:)."""
    return safe_url(url) is not None
