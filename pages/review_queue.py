"""Review queue: drafts coded by `python -m bilateral ingest FOLDER`, each opened in the review form."""

import pandas as pd
import streamlit as st

from bilateral import auth
from bilateral.extract import queue
from bilateral.extract.review import frame_from_dict
from ui import auth as ui_auth
from ui import extract_view as view
from ui import review_form as form
from ui import views
from ui.sidebar import page_without_filter

LISTING_COLUMNS = {  # the drafts as the analyst reads them, in this order: the coding fits 1100 px
    "draft": st.column_config.NumberColumn("Draft", format="#%d", width=60),
    "date": st.column_config.TextColumn("Article date", width=95),
    "title": st.column_config.TextColumn("Title", width="medium"),
    "first_pass": st.column_config.TextColumn(
        "Coded on the first pass", width="medium", help="Actors, direction and event type, before review"
    ),
    "file": st.column_config.TextColumn("File", width="small"),
    "duplicate": st.column_config.TextColumn("Likely duplicate of", width="medium"),
}

page_without_filter()
user = ui_auth.require_role(auth.Role.EDITOR, "reviewing the queue")
st.title("Review queue")
st.caption(
    "Articles coded in bulk with `python -m bilateral ingest FOLDER` wait here as drafts: open one, "
    "correct it and save it as reviewed, or skip or reject it."
)
conn = view.connection()
counts = queue.counts(conn)
status = st.radio(
    "Show",
    [s.value for s in queue.DraftStatus],
    format_func=lambda s: f"{s} ({counts[s]})",
    horizontal=True,
    key="queue_status",
)
drafts = queue.list_drafts(conn, status)
if not drafts:
    st.info(f"No {status} drafts. Run `python -m bilateral ingest FOLDER` to queue a folder of articles.")
    st.stop()

listing = pd.DataFrame(
    [
        {"draft": d.id, "file": d.file, "title": d.title, "date": d.date, "first_pass": d.codes}
        | {"duplicate": d.duplicate or ""}
        for d in drafts
    ]
)
st.dataframe(
    listing, hide_index=True, width="stretch", key="queue_table", column_config=LISTING_COLUMNS,
    column_order=[c for c in LISTING_COLUMNS if c != "duplicate" or listing[c].ne("").any()],
)  # fmt: skip
titles = {d.id: f"#{d.id} {d.title or d.file}" for d in drafts}
chosen = st.selectbox("Draft to review", list(titles), format_func=titles.get, key="queue_draft")
draft = queue.get_draft(conn, chosen)
if draft.duplicate:
    st.warning(f"Likely duplicate: {views.escape(draft.duplicate)}")

key = f"queue_{draft.id}"
meta = form.article_fields(draft.result["article"], key)
with st.expander("Article text"):
    st.text(draft.result["article"]["text"])
form.dropped_furniture(draft.result.get("furniture_dropped", []))
st.write("Themes: " + ", ".join(draft.result.get("themes", [])))
codes = [a["code"] for a in draft.result.get("actors", [])]
edited = form.interactions_editor(frame_from_dict(draft.result), codes, f"{key}_editor")

save, skip, reject = st.columns(3)
if save.button("Save as reviewed", type="primary", key="queue_save"):
    article = form.save_reviewed(meta, edited, draft.result["article"]["text"], actor=user.name)
    if article is not None:
        queue.mark(conn, draft.id, queue.DraftStatus.SAVED, article.id)
if skip.button("Skip for now", key="queue_skip"):
    queue.mark(conn, draft.id, queue.DraftStatus.SKIPPED)
    st.info(f"Draft #{draft.id} skipped: it waits under 'skipped'.")
if reject.button("Reject", key="queue_reject"):
    queue.mark(conn, draft.id, queue.DraftStatus.REJECTED)
    st.info(f"Draft #{draft.id} rejected: nothing was saved.")
