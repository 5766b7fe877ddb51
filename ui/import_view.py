"""The Import page's Streamlit parts: uploaded files to a private folder, the import with live progress,
and its outcome kept in the session so it survives the next rerun."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from bilateral.errors import BilateralError
from bilateral.importers.dispatch import FIELD, RECORDS, Outcome, Status, import_paths
from bilateral.registry import load_actors
from ui import loaders
from ui.views import escape

FORMATS = {
    "Detect from the file": None,
    "Our records (JSONL, CSV or XLSX of articles and interactions)": RECORDS,
    "GDELT event file (.CSV, .txt, .zip)": "gdelt",
    "ICEWS events (.tab, .zip)": "icews",
    "PLOVER / POLECAT (JSON or JSONL)": "plover",
}
UPLOAD_TYPES = ["jsonl", "ndjson", "json", "csv", "xlsx", "tsv", "txt", "tab", "zip"]
OUTCOME = "import_outcome"
MAX_PROBLEMS_SHOWN = 200


def save_uploads(uploads, folder: Path) -> list[Path]:
    """The uploaded files written into `folder` under their own names (no folders, no clashes)."""
    paths = []
    for number, upload in enumerate(uploads):
        name = Path(upload.name).name or f"upload-{number}"
        path = folder / name
        if path.exists():
            path = folder / f"{path.stem}-{number}{path.suffix}"
        with path.open("wb") as handle:
            handle.write(upload.getbuffer())
        paths.append(path)
    return paths


def run_import(uploads, given: str | None, dry_run: bool, actor: str) -> Outcome | str:
    """Import the uploads with a live progress line; the outcome, or the error's words."""
    with tempfile.TemporaryDirectory(prefix="bilateral-import-") as folder:
        paths = save_uploads(uploads, Path(folder))
        with st.status("Checking…" if dry_run else "Importing…", expanded=True) as status:
            line = st.empty()

            def show(progress: Status) -> None:
                line.text(progress.line)

            try:
                outcome = import_paths(loaders.database().engine, paths, set(load_actors()), given, actor,
                                       dry_run, show)  # fmt: skip
            except BilateralError as error:
                status.update(label="Nothing imported", state="error")
                return as_uploaded(str(error), Path(folder))
            done = "Checked" if dry_run else ("Imported" if outcome.written else "Nothing imported")
            status.update(label=done, state="complete" if not outcome.problems else "error")
            line.text(outcome.summary)
    return outcome


def as_uploaded(message: str, folder: Path) -> str:
    """An error's words with the server's upload folder taken out, so a file is named as it was uploaded
    ("recs.zip!arts.jsonl:1: ...", not "/tmp/bilateral-import-7socw2iq/recs.zip!arts.jsonl:1: ...")."""
    return message.replace(f"{folder}{os.sep}", "")


def show_outcome(outcome: Outcome | str) -> None:
    """The last import's outcome: its summary, and each problem as file, line, field, message (as text)."""
    if isinstance(outcome, str):
        st.error(escape(outcome))
        return
    if outcome.problems:
        st.error(escape(outcome.summary))
        frame = pd.DataFrame(
            [(Path(p.path).name, p.line, p.field, p.message) for p in outcome.problems[:MAX_PROBLEMS_SHOWN]],
            columns=["file", "line", "field", "problem"],
        )
        st.dataframe(frame, hide_index=True, width="stretch", key="import_problems")
        st.caption("Fix these lines in the file and import it again: nothing was written.")
        return
    st.success(escape(outcome.summary))
    if outcome.written:
        target = "pages/records.py"
        label = "See the imported rows in Records" if outcome.kind == FIELD else "See the records"
        st.page_link(target, label=label, icon=":material/table_rows:")
