"""Records: the interactions the filter keeps, a page at a time, with the evidence of the selected row."""

import math

import streamlit as st

from bilateral import auth
from bilateral.analysis.row_queries import RECORD_ORDERS
from bilateral.tables import record_table
from bilateral.wording import count_noun
from ui import auth as ui_auth
from ui import loaders, record_editor, views
from ui.downloads import data_downloads
from ui.sidebar import filter_sidebar

PAGE_SIZE = 500

focus = st.query_params.pop("record", None)  # a link from History: open that record
if focus:
    st.session_state["records_focus"] = focus
flt = filter_sidebar()
st.title("Records")
user = ui_auth.current_user()
if st.session_state.get("records_focus"):
    opened = st.session_state["records_focus"]
    with st.container(border=True):
        if (found := loaders.record(opened)) is not None:
            views.evidence_card(found)
        if user is not None and user.can(auth.Role.EDITOR):
            record_editor.editor(opened, user)
        st.button("Close", key="records_focus_close", on_click=st.session_state.pop, args=("records_focus",))

head = views.filtered_or_stop(flt, articles=False)
pages = max(1, math.ceil(head.interactions / PAGE_SIZE))
left, middle, right = st.columns([3, 1.3, 1], vertical_alignment="bottom")
order = middle.selectbox(
    "Order",
    list(RECORD_ORDERS),
    format_func=lambda name: RECORD_ORDERS[name].label,
    key="records_order",
    on_change=st.session_state.pop,  # a new order starts at its first page
    args=("records_page", None),
    help="Orders every matching record, not only this page. Records without a score come last in the "
    "score orders.",
)
page = right.number_input(f"Page (of {pages:,})", 1, pages, value=1, key="records_page") if pages > 1 else 1
first = (page - 1) * PAGE_SIZE
frame = loaders.records_page(flt, PAGE_SIZE, first, order)
left.caption(
    f"{count_noun(head.interactions, 'interaction')} · {flt.describe()} · "
    f"{RECORD_ORDERS[order].label.lower()}, {first + 1:,}–{first + len(frame):,} shown; "
    "select a row to read its evidence."
)
data_downloads(flt, key="records", order=order)
event = views.records(frame, key="records_table", height=views.table_height(len(frame), 460))
rows = event["selection"]["rows"] if event else []
if not rows:
    st.caption("Select a row to read its evidence and open its source.")
    st.stop()

selected_id = record_table(frame).iloc[rows[0]]["id"]
views.evidence_card(frame.loc[frame["id"] == selected_id].iloc[0])
if user is not None and user.can(auth.Role.EDITOR):
    with st.expander("Correct this interaction"):
        record_editor.editor(selected_id, user)
