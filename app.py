"""Bilateral: the router. Page config and navigation only; each page is a script under pages/."""

from pathlib import Path

import streamlit as st

# The tab's icon is a file of ours: a ":material/...:" page icon makes the browser fetch it from Google's
# font servers, and the app runs offline.
ICON = Path(__file__).resolve().parent / "ui" / "assets" / "icon.svg"
st.set_page_config(page_title="Bilateral", page_icon=str(ICON), layout="wide")

analysis = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="", default=True),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page(
        "pages/cooperation.py",
        title="Cooperation vs tension",
        icon=":material/balance:",
        url_path="cooperation",
    ),
    st.Page("pages/network.py", title="Actor network", icon=":material/hub:", url_path="network"),
    st.Page("pages/watch.py", title="Watch", icon=":material/monitoring:", url_path="watch"),
    st.Page("pages/records.py", title="Records", icon=":material/table_rows:", url_path="records"),
]
work = [
    st.Page("pages/report.py", title="Report", icon=":material/description:", url_path="report"),
    st.Page("pages/add_article.py", title="Add article", icon=":material/note_add:", url_path="add-article"),
    st.Page("pages/review_queue.py", title="Review queue", icon=":material/inbox:", url_path="review-queue"),
    st.Page("pages/import.py", title="Import", icon=":material/upload_file:", url_path="import"),
    st.Page("pages/history.py", title="History", icon=":material/history:", url_path="history"),
]

# Navigation first, so the sidebar's links are the router's from the first moment (a slow first database
# open must not leave Streamlit's own pages/ links on screen); then sign-in; the History page refuses viewers.
page = st.navigation({"Analysis": analysis, "Work": work})


def sign_in() -> None:
    """With a user list (or OpenID Connect) everyone signs in; otherwise one local user.

    Imported here, after the navigation: ui.auth brings in the whole package, seconds on a cold start,
    during which Streamlit would otherwise show its own pages/ links.
    """
    from ui.auth import require_user

    require_user()


sign_in()
page.run()
