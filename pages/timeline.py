"""Timeline: interactions over time, stacked by theme, with the key events; a selection lists its records."""

import streamlit as st

from bilateral.analysis.periods import Period, auto_period
from ui import loaders, views
from ui.downloads import chart_downloads
from ui.sidebar import filter_sidebar

flt = filter_sidebar()
st.title("Timeline")
st.caption(flt.describe())

head = views.filtered_or_stop(flt, articles=False)

suggested = auto_period(head.first, head.last)
period = st.segmented_control(
    "Bin by",
    list(Period),
    default=suggested,
    format_func=lambda p: p.label,
    key="timeline_period",
    required=True,
)
period = Period(period or suggested)

fig = loaders.figure_with_notes("timeline", flt, period=period.value)
picked = views.chart(fig, key="timeline_chart")
chart_downloads(fig, name="timeline", flt=flt, n_records=head.interactions, key="timeline")
st.caption(
    "Bars count interactions per period by theme; an interaction with two themes counts in both. "
    "Markers below are the key events (the strongest scores, commentary left out; among equal scores the "
    "curated records, then the field rows reported by the most sources), coloured from tension (red) to "
    "cooperation (blue); hover for the title and source."
)

views.selection(
    loaders.selection(flt, picked, period.value),
    key="timeline_records",
    prompt="Click a bar or a key event (or drag a box) to list the records behind it.",
)
