"""The Overview's "What moved" panel: the dyads and themes furthest from their own baseline, at a glance."""

from __future__ import annotations

import dataclasses
import math
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from bilateral.filters import Filter
from bilateral.model import Theme
from ui import loaders, views

SIGNS = {"toward cooperation": "▲", "toward tension": "▼", "more activity": "●", "less activity": "○"}
COLUMNS = {
    "pair": st.column_config.TextColumn("Dyad", width="small"),
    "theme_label": st.column_config.TextColumn("Theme", width="small"),
    "move": st.column_config.TextColumn(
        "Move", help="Against the 52 weeks before: the index's direction, or the volume's"
    ),
    "size": st.column_config.TextColumn(
        "Size",
        width="small",
        help="The larger of the volume and index z-scores; ⚑ beyond the threshold, with enough events",
    ),
    "recent_count": st.column_config.NumberColumn("Events, 4 wk", width="small"),
    "index": st.column_config.TextColumn("Net index: now / before", width="small"),
    "trend": st.column_config.LineChartColumn("Weekly events, 56 weeks", y_min=0, width="medium"),
    "timeline": st.column_config.LinkColumn("Open", display_text="timeline ↗", width="small"),
    "cooperation": st.column_config.LinkColumn("", display_text="cooperation ↗", width="small"),
}


def move_filter(flt: Filter, row, baseline: bool = True) -> Filter:
    """The filter that shows one move: its dyad and theme, and its weeks (with the baseline, or the recent
    window only)."""
    start = row.recent_start - pd.Timedelta(weeks=52) if baseline else row.recent_start
    end = row.as_of_week + pd.Timedelta(days=6)
    themes = () if row.theme == "all" else (Theme(row.theme),)
    return dataclasses.replace(
        flt, dyads=(row.pair,), themes=themes, date_from=start.date(), date_to=end.date()
    )


def link(page: str, flt: Filter) -> str:
    """A relative link to a page with the filter in its URL (works under any base path)."""
    return f"{page}?{urlencode(flt.to_query(), doseq=True)}"


def _pair(now: float, before: float, fmt: str) -> str:
    show = lambda v: "–" if v is None or (isinstance(v, float) and math.isnan(v)) else format(v, fmt)  # noqa: E731
    return f"{show(now)} / {show(before)}"


def moves_table(moved: pd.DataFrame, flt: Filter) -> pd.DataFrame:
    """The moves as the panel shows them."""
    rows = []
    for row in moved.itertuples():
        rows.append(
            {
                "pair": row.pair,
                "theme_label": "All themes" if row.theme == "all" else Theme(row.theme).label,
                "move": f"{SIGNS.get(row.direction, '')} {row.direction}".strip(),
                "size": f"{'⚑ ' if row.flagged else ''}{row.size:.1f} σ",
                "recent_count": row.recent_count,
                "index": _pair(row.net_recent, row.net_base, "+.2f"),
                "trend": list(row.trend),
                "timeline": link("timeline", move_filter(flt, row)),
                "cooperation": link("cooperation", move_filter(flt, row)),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def what_moved(flt: Filter) -> None:
    """The panel: the largest moves of the last four weeks, links to the filtered pages, records on click."""
    moved = loaders.moves(flt, as_of=flt.date_to)
    st.subheader("What moved")
    if moved.empty:
        st.caption("Nothing to compare: no scored interactions in the weeks before the latest one.")
        return
    first = moved.iloc[0]
    st.caption(
        f"The four weeks {first.recent_start:%d %b} – {first.as_of_week + pd.Timedelta(days=6):%d %b %Y} "
        "against the 52 weeks before, per dyad and theme; size in standard deviations of the baseline. "
        f"{int(moved['flagged'].sum())} flagged (⚑: beyond 2 σ with at least 3 events). Select a row for its "
        "records; the Watch page follows any dyad week by week."
    )
    event = st.dataframe(
        moves_table(moved, flt),
        key="overview_moves",
        hide_index=True,
        column_config=COLUMNS,
        on_select="rerun",
        selection_mode="single-row",
    )
    picked = event["selection"]["rows"] if event else []
    row = moved.iloc[picked[0] if picked else 0]
    open_links(flt, row, "Selected" if picked else "Largest move")
    if picked:
        scope = move_filter(flt, row, baseline=False)
        st.markdown(f"**Records behind the move: {views.escape(scope.describe())}**")
        views.records(loaders.records_page(scope, 200), key="overview_move_records", height=300)


def open_links(flt: Filter, row, lead: str) -> None:
    """Links that open the move's dyad, theme and weeks on the Timeline, Cooperation and Watch pages."""
    scope = move_filter(flt, row).to_query()
    theme = "all themes" if row.theme == "all" else Theme(row.theme).label
    with st.container(horizontal=True, gap="small", key="overview_move_links"):
        st.caption(f"{lead}: {row.pair} · {theme}, {row.direction}")
        _page_link("timeline", "Timeline", ":material/timeline:", scope)
        _page_link("cooperation", "Cooperation", ":material/balance:", scope)
        _page_link(
            "watch",
            "Watch",
            ":material/monitoring:",
            {k: v for k, v in scope.items() if k not in ("from", "to")},
        )


def _page_link(page: str, label: str, icon: str, query: dict) -> None:
    """A link to another page of the app with the query; a plain relative link when this page runs on its
    own (without the router, Streamlit knows no other page)."""
    try:
        st.page_link(f"pages/{page}.py", label=label, icon=icon, query_params=query)
    except StreamlitAPIException:
        st.markdown(f"[{label}]({page}?{urlencode(query, doseq=True)})")
