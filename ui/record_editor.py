"""Correct a stored interaction or article on the Records page: the Add article review form, one record.

Session state holds only what is being edited: the version each open record was read at (a save names it,
so a change someone else saved in between is refused and shown, never overwritten) and the last delete
(for undo).
"""

from __future__ import annotations

import streamlit as st

from bilateral import auth
from bilateral.errors import BilateralError, RecordError
from bilateral.model import Direction, EventType, Modality, Theme, article_from_dict, interaction_from_dict
from bilateral.store import changes
from bilateral.wording import actor_label
from ui import extract_view, form_errors, loaders
from ui.views import escape

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
    newer = "" if opened == row["version"] else f"; the store now holds version {row['version']}"
    st.caption(f"Editing {kind} {escape(record_id)}, opened at version {opened}{newer}.")
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
    return _interaction_form(row)


INTERACTION_LABELS = {  # the interaction's fields as the editor labels them (and a refused save names them)
    "date": "Date (YYYY-MM-DD)",
    "actor1": "Actor 1",
    "actor2": "Actor 2",
    "direction": "Direction",
    "event_type": "Event type",
    "score": "Score (−10 to +10)",
    "themes": "Themes",
    "modality": "Modality",
    "evidence": "Evidence",
}


def _interaction_form(row: dict) -> dict:
    """One labelled field per part of the interaction, the evidence whole in a text area, the themes by name.

    Why not the review table's one-row grid: at 1100 px it showed six of its nine columns, cut the evidence
    to a line and asked for the themes as codes separated by semicolons."""
    labels, key = INTERACTION_LABELS, f"records_field_{row['id']}"
    names = extract_view.registry()
    codes = _with(sorted(names), row["actor1"], row["actor2"])
    named = {"format_func": lambda code: actor_label(code, names)}
    date, first, second = st.columns([1, 2, 2])
    out = {"date": date.text_input(labels["date"], value=row["date"] or "", max_chars=10, key=f"{key}_date")}
    for column, field in ((first, "actor1"), (second, "actor2")):
        index = codes.index(row[field])
        out[field] = column.selectbox(labels[field], codes, index=index, key=f"{key}_{field}", **named)
    direction, event, score = st.columns([1, 2, 2])
    out["direction"] = _choice(direction, labels["direction"], Direction, row["direction"], f"{key}_dir")
    out["event_type"] = _choice(event, labels["event_type"], EventType, row["event_type"], f"{key}_event")
    # "%.1f", not "%+.1f": the browser's number box shows nothing at all for a format with a sign flag
    out["score"] = score.number_input(
        labels["score"], -10.0, 10.0, value=float(row["score"]), step=0.5, format="%.1f", key=f"{key}_score"
    )
    themes, modality = st.columns([3, 1])
    stored_themes = [t for t in str(row["themes"] or "").split(";") if t]
    out["themes"] = themes.multiselect(
        labels["themes"], _with([t.value for t in Theme], *stored_themes), default=stored_themes,
        format_func=lambda t: Theme(t).label if t in THEME_VALUES else t, key=f"{key}_themes",
    )  # fmt: skip
    out["modality"] = _choice(modality, labels["modality"], Modality, row["modality"], f"{key}_modality")
    out["evidence"] = st.text_area(labels["evidence"], value=row["evidence"] or "", key=f"{key}_evidence")
    return out


THEME_VALUES = {t.value for t in Theme}


def _with(options: list[str], *stored: str) -> list[str]:
    """The options, with any stored value they lack appended (a code since dropped from the registry is
    shown as it is, not silently replaced by the first option)."""
    return [*options, *(v for v in dict.fromkeys(stored) if v and v not in options)]


def _choice(column, label: str, vocabulary, stored: str, key: str) -> str:
    """A select box over a vocabulary's values, at the stored one."""
    options = _with([v.value for v in vocabulary], stored)
    return column.selectbox(label, options, index=options.index(stored), key=key)


def _save(kind: str, row: dict, edited: dict, opened: int, opened_key: str, user: auth.User) -> None:
    raw = {k: v for k, v in row.items() if k not in changes.BOOKKEEPING}
    raw.update({k: (None if isinstance(v, float) and v != v else v) for k, v in edited.items()})
    if kind == "interaction":
        raw.pop("quad_class", None)  # follows the event type
        record, problems = interaction_from_dict(raw, "edit form", 1, set(extract_view.registry()))
    else:
        record, problems = article_from_dict(raw, "edit form", 1)
    try:
        if problems:
            raise RecordError(problems)
        version = changes.update_record(loaders.database().engine, record, opened, user.name)
    except BilateralError as error:
        form_errors.not_saved(error, extract_view.ARTICLE_LABELS if kind == "article" else INTERACTION_LABELS)
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
