"""Bilateral: the router. Page config and navigation only; each page is a script under pages/."""

from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="Bilateral", page_icon=":material/hub:", layout="wide")

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
# Written by other developers; listed once their files exist, so the app runs before they land.
workbench = [
    st.Page(path, title=title, icon=icon, url_path=url_path)
    for path, title, icon, url_path in (
        ("pages/report.py", "Report", ":material/description:", "report"),
        ("pages/add_article.py", "Add article", ":material/note_add:", "add-article"),
    )
    if (HERE / path).exists()
]

sections = {"Analysis": analysis, "Work": workbench} if workbench else {"Analysis": analysis}
st.navigation(sections).run()
