"""Bilateral: the router. Page config and navigation only; each page is a script under pages/."""

import streamlit as st

from bilateral.auth import Role
from ui.auth import require_user

st.set_page_config(page_title="Bilateral", page_icon=":material/hub:", layout="wide")
user = require_user()  # with a user list (or OpenID Connect) everyone signs in; otherwise one local user

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
    st.Page("pages/records.py", title="Records", icon=":material/table_rows:", url_path="records"),
]
work = [
    st.Page("pages/report.py", title="Report", icon=":material/description:", url_path="report"),
    st.Page("pages/add_article.py", title="Add article", icon=":material/note_add:", url_path="add-article"),
]

if user.can(Role.EDITOR):
    work.append(st.Page("pages/history.py", title="History", icon=":material/history:", url_path="history"))
st.navigation({"Analysis": analysis, "Work": work}).run()
