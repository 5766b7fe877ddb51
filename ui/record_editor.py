"""Correct a stored interaction or article on the Records page: the Add article review form, one record.

Session state holds only what is being edited: the version each open record was read at (a save names it,
so a change someone else saved in between is refused and shown, never overwritten) and the last delete
(for undo).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bilateral import auth
from bilateral.errors import BilateralError, RecordError
from bilateral.model import article_from_dict, interaction_from_dict
from bilateral.store import changes
from ui import extract_view, form_errors, loaders
from ui.views import escape

FIELDS = ["date", "actor1", "actor2", "direction", "event_type", "score", "themes", "modality", "evidence"]
ARTICLE_FIELDS = ["title", "date", "source", "url", "summary"]
UNDO = "records_undo"


def stored(record_id: str) -> tuple[str, dict] | None:
    """(kind, stored row) of an interaction or article id, or None."""
    engine = loaders.database().engine
    for kind in ("interaction", "article"):
        row = changes.get_record(engine, kind, record_id)
        if row is not None:
            return kind, row
    return None


def editor(record_id: str, user: auth.User) -> None:
    """The edit form, Save, Delete and Undo for one record (editors and admins only)."""
    undo_panel(user)
    found = stored(record_id)
    if found is None:
        st.warning(f"No record {escape(record_id)} is stored.")
        return
    kind, row = found
    if row["deleted_at"]:
        st.info(f"This {kind} was deleted at {escape(row['deleted_at'])}.")
        return
    opened_key = f"records_opened_{kind}_{record_id}"
    opened = st.session_state.setdefault(opened_key, row["version"])
    st.caption(
        f"Editing {kind} {escape(record_id)}, version {opened} (the store holds version {row['version']})."
    )
    edited = _form(kind, row)
    save, delete, reload = st.columns(3)
    if save.button("Save changes", type="primary", key="records_save"):
        _save(kind, row, edited, opened, opened_key, user)
    if delete.button(f"Delete this {kind}", key="records_delete"):
        _delete(kind, record_id, opened, opened_key, user)
    if opened != row["version"] and reload.button("Load the stored version", key="records_reload"):
        st.session_state.pop(opened_key, None)
        st.rerun()


def _form(kind: str, row: dict) -> dict:
    if kind == "article":
        labels = extract_view.ARTICLE_LABELS
        return {
            f: (st.text_area if f == "summary" else st.text_input)(
                labels[f], value=row[f] or "", key=f"records_article_{f}"
            )
            for f in ARTICLE_FIELDS
        }
    frame = pd.DataFrame([{f: row[f] for f in FIELDS}])
    columns = extract_view.review_columns(sorted(extract_view.registry()))
    config = {k: v for k, v in columns.items() if k in FIELDS}
    key = f"records_edit_{row['id']}"
    edited = st.data_editor(frame, column_config=config, num_rows="fixed", hide_index=True, key=key)
    return edited.iloc[0].to_dict()


def _save(kind: str, row: dict, edited: dict, opened: int, opened_key: str, user: auth.User) -> None:
    raw = {k: v for k, v in row.items() if k not in changes.BOOKKEEPING}
    raw.update({k: (None if isinstance(v, float) and v != v else v) for k, v in edited.items()})
    if kind == "interaction":
        raw.pop("quad_class", None)  # follows the event type
        raw["themes"] = [t.strip() for t in str(raw.get("themes") or "").split(";") if t.strip()]
        record, problems = interaction_from_dict(raw, "edit form", 1, set(extract_view.registry()))
    else:
        record, problems = article_from_dict(raw, "edit form", 1)
    try:
        if problems:
            raise RecordError(problems)
        version = changes.update_record(loaders.database().engine, record, opened, user.name)
    except BilateralError as error:
        labels = extract_view.column_labels(extract_view.review_columns([]))
        form_errors.not_saved(error, extract_view.ARTICLE_LABELS if kind == "article" else labels)
        return
    st.session_state[opened_key] = version
    st.success(f"Saved: version {version}. The change is in History.")


def _delete(kind: str, record_id: str, opened: int, opened_key: str, user: auth.User) -> None:
    try:
        changes.delete_record(loaders.database().engine, kind, record_id, user.name, expected_version=opened)
    except BilateralError as error:
        st.error(escape(str(error)))
        return
    st.session_state.pop(opened_key, None)
    st.session_state[UNDO] = (kind, record_id)
    st.rerun()


def undo_panel(user: auth.User) -> None:
    """After a delete: say so, with Undo."""
    last = st.session_state.get(UNDO)
    if not last:
        return
    kind, record_id = last
    left, right = st.columns([4, 1])
    left.info(f"Deleted {kind} {escape(record_id)}.")
    if right.button("Undo", key="records_undo_button"):
        try:
            changes.restore_record(loaders.database().engine, kind, record_id, user.name)
        except BilateralError as error:
            st.error(escape(str(error)))
            return
        st.session_state.pop(UNDO, None)
        st.rerun()
