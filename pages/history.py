"""History: who changed what and when, with the values before and after (editors and admins)."""

import streamlit as st

from bilateral import auth
from bilateral.store import history
from ui import auth as ui_auth
from ui import loaders
from ui.sidebar import page_without_filter

page_without_filter()
ui_auth.require_role(auth.Role.EDITOR, "the History page")
st.title("History")
st.caption("Every insert, edit, delete, undo and import, newest first; open a record to correct it.")

engine = loaders.database().engine
person_col, from_col, to_col, record_col = st.columns(4)
person = person_col.selectbox("Person", ["everyone", *history.people(engine)], key="history_person")
since = from_col.date_input("From", value=None, key="history_from")
until = to_col.date_input("To", value=None, key="history_to")
record = record_col.text_input("Record id", key="history_record", max_chars=200)

frame = history.history_frame(
    engine, None if person == "everyone" else person, since, until, record.strip() or None, limit=500
)
if frame.empty:
    st.info("No change matches these filters.")
    st.stop()
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    key="history_table",
    column_config={
        "link": st.column_config.LinkColumn("Record", display_text="open"),
        "before": st.column_config.TextColumn("Before (JSON)"),
        "after": st.column_config.TextColumn("After (JSON)"),
    },
)
st.caption(f"{len(frame):,} change(s) shown (at most 500).")
