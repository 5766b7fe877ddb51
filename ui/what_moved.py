"""The Overview's "What moved" panel: the dyads and themes furthest from their own baseline, at a glance."""

from __future__ import annotations

import math
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from bilateral.analysis import watch
from bilateral.filters import Filter
from ui import loaders, views

SIGNS = {"toward cooperation": "▲", "toward tension": "▼", "more activity": "●", "less activity": "○"}
# Short headers, each explained on hover, and widths that fit the Overview's column at 1100 px
# (about 640 px for the table): the dyad is the Timeline link, so no column is a bare link.
COLUMNS = {
    "timeline": st.column_config.LinkColumn(
        "Dyad",
        width=72,
        display_text=r"dyad=([^&]+)",
        help="Opens the dyad and theme on the Timeline, over the four weeks and the 52 before",
    ),
    "theme_label": st.column_config.TextColumn("Theme", width=146),
    "move": st.column_config.TextColumn(
        "Move",
        width=165,
        help="Against the 52 weeks before: ▲ toward cooperation or ▼ toward tension (the net index), "
        "else ● more or ○ less activity; the size is the larger of the volume and index z-scores in "
        "standard deviations; ⚑ flagged",
    ),
    "recent_count": st.column_config.NumberColumn("Events", width=62, help="Scored events in the four weeks"),
    "index": st.column_config.TextColumn(
        "Net index",
        width=90,
        help="Net cooperation index, the four weeks / the 52 weeks before "
        "(−1 all tension, +1 all cooperation)",
    ),
    "trend": st.column_config.LineChartColumn(
        "Trend", y_min=0, width=72, help="Events per week over the 56 weeks (the baseline and the four weeks)"
    ),
}


def link(page: str, flt: Filter) -> str:
    """A relative link to a page with the filter in its URL (works under any base path)."""
    return f"{page}?{urlencode(flt.to_query(), doseq=True)}"


def _pair(now: float, before: float, fmt: str) -> str:
    show = lambda v: "–" if v is None or (isinstance(v, float) and math.isnan(v)) else format(v, fmt)  # noqa: E731
    return f"{show(now)} / {show(before)}"


def moves_table(moved: pd.DataFrame, flt: Filter) -> pd.DataFrame:
    """The moves as the panel shows them (the dyad's cell is its Timeline link, shown as the dyad)."""
    rows = []
    for row in moved.itertuples():
        rows.append(
            {
                "timeline": link("timeline", watch.move_scope(flt, row, with_baseline=True)),
                "theme_label": watch.theme_label(row.theme),
                "move": f"{'⚑ ' if row.flagged else ''}{SIGNS.get(row.direction, '')} "
                f"{row.direction.removeprefix('toward ')} · {row.size:.1f} σ",
                "recent_count": row.recent_count,
                "index": _pair(row.net_recent, row.net_base, "+.2f"),
                "trend": list(row.trend),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def window_caption(flt: Filter, moved: pd.DataFrame) -> str:
    """What the panel compares, with its dates and which of the filter's fields it does not apply."""
    first = moved.iloc[0]
    end = first.as_of_week + pd.Timedelta(days=6)
    at_end = flt.date_to is not None and end.date() == flt.date_to
    until = "the filter's end date" if at_end else "the filter's latest record"
    since = " (the filter's start date does not shorten it)" if flt.date_from else ""
    return (
        f"The four weeks {first.recent_start:%-d %b %Y} – {end:%-d %b %Y} (to {until}) against the 52 weeks "
        f"before{since}, per dyad and theme of the filter; commentary is left out. "
        f"{int(moved['flagged'].sum())} flagged (⚑: beyond 2 σ with at least 3 events). Select a row for its "
        "records; the Watch page follows any dyad week by week."
    )


def what_moved(flt: Filter) -> None:
    """The panel: the largest moves of the last four weeks, links to the filtered pages, records on click."""
    moved = loaders.moves(flt)
    st.subheader("What moved")
    if moved.empty:
        st.caption("Nothing to compare: no scored interactions in the weeks before the latest one.")
        return
    st.caption(window_caption(flt, moved))
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
        scope = watch.move_scope(flt, row)
        st.markdown(f"**Records behind the move: {views.escape(scope.describe())}**")
        views.records(loaders.records_page(scope, 200), key="overview_move_records", height=300)


def open_links(flt: Filter, row, lead: str) -> None:
    """Links that open the move's dyad, theme and weeks on the Timeline, Cooperation and Watch pages."""
    scope = watch.move_scope(flt, row, with_baseline=True).to_query()
    theme = watch.theme_label(row.theme)
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
