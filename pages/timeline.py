"""Timeline: interactions over time, stacked by theme, with the key events; a selection lists its records."""

import streamlit as st

from bilateral import metrics
from ui import loaders, views
from ui.downloads import chart_downloads
from ui.sidebar import filter_sidebar

flt = filter_sidebar()
st.title("Timeline")
st.caption(flt.describe())

frame = views.filtered_or_stop(flt)

period = st.segmented_control(
    "Bin by",
    list(metrics.Period),
    default=metrics.auto_period(frame),
    format_func=lambda p: p.label,
    key="timeline_period",
    required=True,
)
period = metrics.Period(period or metrics.auto_period(frame))

fig = loaders.figure("timeline", flt, period=period.value)
picked = views.chart(fig, key="timeline_chart")
chart_downloads(fig, name="timeline", flt=flt, n_records=len(frame), key="timeline")
st.caption(
    "Bars count interactions per period by theme; an interaction with two themes counts in both. "
    "Markers below are the key events (the strongest scores), coloured from tension (red) to cooperation "
    "(blue); hover for the title and source."
)

chosen = metrics.records_for_selection(frame, picked, period)
views.selection(
    chosen,
    key="timeline_records",
    prompt="Click a bar or a key event (or drag a box) to list the records behind it.",
)
