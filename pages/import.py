"""Import: record files or field data (GDELT, ICEWS, PLOVER) uploaded from the browser, with progress."""

import streamlit as st

from bilateral import auth
from ui import auth as ui_auth
from ui import import_view as view
from ui.sidebar import page_without_filter

page_without_filter()
user = ui_auth.require_role(auth.Role.EDITOR, "importing")
st.title("Import")
st.caption(
    "Add record files (JSONL, CSV or XLSX of articles and interactions) or field event data (GDELT, ICEWS, "
    "PLOVER). An import is all or nothing: a file with any problem adds nothing, and each problem is "
    "listed with its file, line and field. Rows already stored are skipped, so importing a file again "
    "adds nothing. Files larger than the upload limit import from the command line: "
    "`python -m bilateral import FILE`."
)
with st.form("import_form"):
    uploads = st.file_uploader(
        "Files", type=view.UPLOAD_TYPES, accept_multiple_files=True, key="import_files"
    )
    choice = st.selectbox("Format", list(view.FORMATS), key="import_format")
    dry_run = st.checkbox("Check only: read and check everything, write nothing", key="import_dry_run")
    submitted = st.form_submit_button("Import", type="primary")
if submitted:
    if not uploads:
        st.warning("Choose one or more files first.")
    else:
        st.session_state[view.OUTCOME] = view.run_import(uploads, view.FORMATS[choice], dry_run, user.name)
if view.OUTCOME in st.session_state:
    view.show_outcome(st.session_state[view.OUTCOME])
