"""History: who changed what and when, the change in words, a page at a time (editors and admins)."""

import math

import streamlit as st

from bilateral import auth
from bilateral.store import history
from bilateral.wording import count_noun
from ui import auth as ui_auth
from ui import loaders
from ui.sidebar import page_without_filter
from ui.views import local_times, reader_zone, table_height

PAGE_SIZE = 500
COLUMNS = {  # in the order shown: the change before the ids, so a narrow window still shows it
    "at": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm", width=125),
    "actor": st.column_config.TextColumn("Who", width="small"),
    "action": st.column_config.TextColumn("Action", width="small"),
    "kind": st.column_config.TextColumn("Record", width="small"),
    "changes": st.column_config.TextColumn("Change", width="large"),
    "link": st.column_config.LinkColumn("Open", display_text="open ↗", width="small"),
    "record_id": st.column_config.TextColumn("Record id", width=120),
    "version": st.column_config.TextColumn("Version", width="small"),  # text: an import has none
}

page_without_filter()
ui_auth.require_role(auth.Role.EDITOR, "the History page")
st.title("History")
st.caption("Every addition, edit, delete, undo and import, newest first; open a record to correct it.")

engine = loaders.database().engine
person_col, from_col, to_col, record_col = st.columns(4)
person = person_col.selectbox("Person", ["everyone", *history.people(engine)], key="history_person")
since = from_col.date_input("From", value=None, key="history_from")
until = to_col.date_input("To", value=None, key="history_to")
record = record_col.text_input("Record id", key="history_record", max_chars=200)

asked = (None if person == "everyone" else person, since, until, record.strip() or None)
zone = reader_zone()  # the days asked for are the days the table's times are on
total = history.history_count(engine, *asked, zone=zone)
if total == 0:
    st.info("No change matches these filters.")
    st.stop()
pages = math.ceil(total / PAGE_SIZE)
left, right = st.columns([4, 1])
page = right.number_input(f"Page (of {pages:,})", 1, pages, value=1, key="history_page") if pages > 1 else 1
first = (page - 1) * PAGE_SIZE
frame = history.history_frame(engine, *asked, limit=PAGE_SIZE, offset=first, zone=zone)
frame["at"], zone = local_times(frame["at"])
span = f"{first + 1:,}–{first + len(frame):,}"
left.caption(f"{count_noun(total, 'change')} · newest first, {span} shown · times in {zone}")
table = history.without_empty_columns(frame)
st.dataframe(
    table, hide_index=True, width="stretch", key="history_table", column_config=COLUMNS,
    column_order=[c for c in COLUMNS if c in table], height=table_height(len(table), 700),
)  # fmt: skip
