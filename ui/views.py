"""Shared page pieces: a chart whose selection lists records, record tables and the evidence card.

Record text is untrusted: it is escaped before it reaches markdown, never rendered as HTML, and only
http(s) URLs become links (bilateral.tables.safe_url).
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from bilateral.charts import selected_customdata
from bilateral.charts.style import wrap_title
from bilateral.model import Dataset
from bilateral.tables import NO_URL, TABLE_COLUMNS, no_evidence_note, record_table, safe_url
from bilateral.wording import count_noun, date_span
from ui import loaders
from ui.sidebar import reset_filter

PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "svg", "filename": "bilateral-chart"},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}
SELECT_CONFIG = {**PLOTLY_CONFIG, "modeBarButtonsToRemove": []}
EVENT_COLUMN_PX = 104  # the longest PLOVER types (COOPERATE, THREATEN) whole; "small" (75 px) cut them
RECORD_COLUMNS = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small"),
    "dyad": st.column_config.TextColumn("Dyad", width="small"),
    "actors": st.column_config.TextColumn("Actors"),
    "event_type": st.column_config.TextColumn("Event", width=EVENT_COLUMN_PX),
    "quad": st.column_config.TextColumn("Quad class"),
    "score": st.column_config.NumberColumn("Score", format="%+.1f", width="small"),
    "themes": st.column_config.TextColumn("Themes"),
    "modality": st.column_config.TextColumn("Modality", width="small"),
    "title": st.column_config.TextColumn("Article"),
    "source": st.column_config.TextColumn("Source"),
    "url": st.column_config.LinkColumn("Link", display_text="open ↗", width="small"),
    "evidence": st.column_config.TextColumn("Evidence", width="large"),
    "dataset": st.column_config.TextColumn("Dataset", width="small"),
    "id": None,
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def filtered_or_stop(flt, *, articles: bool):
    """The filter's headline numbers (its articles counted when asked); when nothing matches, say so and
    stop the page (a guard clause)."""
    head = loaders.headline(flt, articles=articles)
    if head.interactions == 0:
        nothing_matches(flt, "No interactions match")
    return head


def nothing_matches(flt, what: str, remedy: str = "Widen it in the sidebar, or reset it.") -> None:
    """The empty state of a page: what matched nothing, under which filter (in its own words, as the
    titles give it), a button that resets the filter; then stop the page."""
    if flt.is_empty():
        st.info(f"{what}: no filter is set, and the data holds none.", icon=":material/filter_alt_off:")
        st.stop()
    st.info(f"{what} the filter {escape(flt.describe())}. {remedy}", icon=":material/filter_alt_off:")
    st.button("Reset filters", key="empty_reset", on_click=reset_filter, icon=":material/filter_alt_off:")
    st.stop()


def reader_zone() -> str:
    """The reader's time zone (the browser's, as Streamlit reports it); UTC when it reports none, or one
    Python does not know.

    Why here: the package stores and returns UTC; only the page knows whose clock it is read on, and the
    times a page shows and the days its date filter means must be on that one clock."""
    zone = st.context.timezone or "UTC"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return zone


def local_times(stamps: pd.Series) -> tuple[pd.Series, str]:
    """UTC timestamps on the reader's clock (see reader_zone), and the zone's name."""
    zone = reader_zone()
    return stamps.dt.tz_convert(zone), zone


def escape(text) -> str:
    """Untrusted text made inert for st.markdown (every markdown control character escaped)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None or text != text else str(text))


FULL_WIDTH_TITLE_CHARS = 78  # the longest title a chart across the page shows on one line at 1100 px


def chart(
    fig: go.Figure, key: str, selectable: bool = True, title_chars: int | None = FULL_WIDTH_TITLE_CHARS
) -> list[list]:
    """Draw a figure with our own template (theme=None); returns the customdata of selected points.

    title_chars: a longer title puts its filter in a subtitle (charts.style.wrap_title), in place, so the
    chart's downloads drawn after it carry the same title; None leaves it (a chart laid out around it)."""
    if title_chars:
        wrap_title(fig, title_chars)
    if not selectable:
        st.plotly_chart(fig, key=key, theme=None, config=PLOTLY_CONFIG)
        return []
    event = st.plotly_chart(
        fig, key=key, theme=None, config=SELECT_CONFIG, on_select="rerun", selection_mode=("points", "box")
    )
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        points = []
    return selected_customdata(fig, points)


ROW_PX, HEADER_PX = 35, 38  # the data grid's row and header heights


def table_height(rows: int, most: int) -> int:
    """A table's height in pixels: its rows, up to `most` (then it scrolls). Why: a fixed height left a
    page of six records above a stack of empty grid lines."""
    return min(most, HEADER_PX + ROW_PX * max(rows, 1) + 2)


def record_column_order(several_datasets: bool) -> list[str]:
    """The record table's columns as shown: with field data loaded, the dataset second, beside the date;
    with the curated records alone, no dataset column (it said "Curated" on every row).

    Why second: it came last, after the wide evidence column, out of sight at 1100 px."""
    shown = [c for c in TABLE_COLUMNS if c not in ("dataset", "id")]
    return [shown[0], "dataset", *shown[1:]] if several_datasets else shown


def records(frame: pd.DataFrame, key: str, height: int | str = "auto"):
    """A page of interactions as a table (in the order given) with a link column; returns the event."""
    table = record_table(frame)
    return st.dataframe(
        table,
        key=key,
        hide_index=True,
        column_config=RECORD_COLUMNS,
        column_order=record_column_order(len(loaders.choices()["dataset"]) > 1),
        height=height,
        on_select="rerun",
        selection_mode="single-row",
    )


def selection(found: tuple[pd.DataFrame, int], key: str, prompt: str) -> None:
    """The records behind a chart selection (loaders.selection), or a prompt saying how to select."""
    frame, total = found
    if frame.empty:
        st.caption(prompt)
        return
    st.markdown(f"**{count_noun(total, 'interaction')} behind the selection**")
    if total > len(frame):
        st.caption(f"Showing the newest {len(frame):,}; narrow the filter or the selection to see others.")
    records(frame, key=key, height=table_height(len(frame), 420))


def evidence_card(row: pd.Series) -> None:
    """One interaction with its evidence and source (escaped; link only for http(s)).

    The curators' link-check note is the source button's tooltip, not text of the card: an analyst
    reading the evidence needs the link, and the note only when wondering about it."""
    with st.container(border=True):
        st.markdown(f"**{escape(row['title'])}**")
        st.caption(
            f"{pd.Timestamp(row['date']):%Y-%m-%d} · {escape(row['source'])} · "
            f"{row['actor1']} → {row['actor2']} "
            f"({row['dyad']}) · {row['event_type']} · score {row['score']:+.1f} · {row['modality']}"
        )
        url = safe_url(row.get("source_url")) or safe_url(row["url"])
        if has_evidence(row):
            st.markdown("> " + escape(row["evidence"]))
        else:
            st.caption(no_evidence_note(dataset_label(row), bool(url)))
        if has_evidence(row) and not row.get("verbatim", True):
            st.caption("Evidence: the curator's summary of the report, not a quotation.")
        if url:
            publisher = row.get("publisher")
            via = f" (published by {publisher})" if isinstance(publisher, str) and publisher else ""
            checked = row.get("source_checked")
            note = f"Link checked {escape(checked)}" if isinstance(checked, str) and checked else None
            st.link_button(f"Open the source{via}", url, icon=":material/open_in_new:", help=note)
        elif has_evidence(row):
            st.caption(f"{NO_URL}.")
        more = row.get("article_matches", 1) - 1
        if more > 0:
            st.caption(f"This article has {count_noun(more, 'more interaction')} under the filter.")


def has_evidence(row: pd.Series) -> bool:
    """True when the row has an evidence sentence (machine-coded field data may not)."""
    value = row.get("evidence")
    return isinstance(value, str) and bool(value.strip())


def dataset_label(row: pd.Series) -> str:
    """The label of the row's dataset ("Curated", "GDELT")."""
    value = row.get("dataset")
    return Dataset(value).label if isinstance(value, str) and value else Dataset.CURATED.label


def dataset_counts(summary: pd.DataFrame) -> None:
    """Per dataset: interactions and date range, as one metric each (only when more than one is loaded)."""
    if len(summary) < 2:
        return
    st.caption("By dataset: curated records beside imported, machine-coded event data")
    for column, row in zip(st.columns(len(summary)), summary.itertuples(), strict=True):
        column.metric(
            Dataset(row.dataset).label, f"{row.interactions:,}", border=True,
            help=date_span(row.first, row.last, " to "),
        )  # fmt: skip
        column.caption(date_span(row.first, row.last))
