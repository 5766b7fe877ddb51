"""Records: every interaction the filter keeps, sortable, with the evidence of the selected row."""

import streamlit as st

from bilateral.tables import record_table
from ui import loaders, views
from ui.downloads import data_downloads
from ui.sidebar import filter_sidebar

flt = filter_sidebar()
st.title("Records")

frame = views.filtered_or_stop(flt)

st.caption(
    f"{len(frame):,} interactions · {flt.describe()} · newest first; click a column to sort, "
    "use the table's search icon to find text, select a row to read its evidence."
)
data_downloads(frame, loaders.all_articles(), flt, key="records")
event = views.records(frame, key="records_table", height=460)
rows = event["selection"]["rows"] if event else []
if not rows:
    st.caption("Select a row to read its evidence and open its source.")
    st.stop()

selected_id = record_table(frame).iloc[rows[0]]["id"]
views.evidence_card(frame.loc[frame["id"] == selected_id].iloc[0])
