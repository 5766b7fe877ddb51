"""Analysts' notes on the Watch page: add one, list them, edit or delete one. Note text is shown as text."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from bilateral.errors import BilateralError
from bilateral.model import Note, Theme
from bilateral.model.validation import problems_of
from bilateral.store import notes as note_store
from ui import loaders


def _say_problems(error: Exception) -> None:
    if isinstance(error, ValidationError):
        for problem in problems_of(error, "note", 0):
            st.error(f"Not saved: {problem.field}: {problem.message}")
    else:
        st.error(f"Not saved: {error}")


def add_note_form(pairs: list[str], themes: list[str], default_day: dt.date) -> None:
    """A form pinning a note to a day or a period, optionally to one of the watched dyads and themes.

    The form keeps what was typed when a save fails (clear_on_submit stays off); after a save the page
    reruns with a fresh form (its widget keys carry a counter) and says what was saved.
    """
    flash = st.session_state.pop("watch_note_flash", None)
    if flash:
        st.success(flash)
    n = st.session_state.get("watch_note_round", 0)
    with st.form(f"watch_note_form_{n}", border=True):
        st.markdown("**Pin a note**")
        text = st.text_area(
            "Note", key=f"watch_note_text_{n}", max_chars=2000, placeholder="e.g. Summit postponed"
        )
        left, middle, right = st.columns(3)
        start = left.date_input("From", value=default_day, key=f"watch_note_from_{n}")
        end = middle.date_input("To (optional, for a period)", value=None, key=f"watch_note_to_{n}")
        author = right.text_input(
            "Author", value=os.environ.get("USER", "analyst"), key=f"watch_note_author_{n}"
        )
        left, right = st.columns(2)
        dyad = left.selectbox(
            "Dyad (optional)", [None, *pairs], key=f"watch_note_dyad_{n}", format_func=lambda d: d or "Any"
        )
        theme = right.selectbox(
            "Theme (optional)",
            [None, *[t for t in themes if t != "all"]],
            key=f"watch_note_theme_{n}",
            format_func=lambda t: Theme(t).label if t else "Any",
        )
        if not st.form_submit_button("Save note", type="primary"):
            return
    try:
        note = Note.model_validate(
            {
                "author": author,
                "date_from": start.isoformat() if start else None,
                "date_to": end.isoformat() if end else None,
                "dyad": dyad,
                "theme": theme,
                "text": text,
            }
        )
        note_store.add_note(loaders.database().engine, note)
    except (ValidationError, BilateralError) as error:
        _say_problems(error)
        return
    st.session_state["watch_note_flash"] = (
        f"Note saved ({note.date_from}); it shows on the Timeline, Cooperation and Watch charts "
        "and in the report."
    )
    st.session_state["watch_note_round"] = n + 1
    st.rerun()


def notes_list(notes: list[Note]) -> None:
    """The notes of the period as a table; select one to edit or delete it."""
    st.markdown(f"**Notes in the period ({len(notes)})**")
    if not notes:
        st.caption("No notes yet for these dyads and themes in the period.")
        return
    table = pd.DataFrame(
        [
            {
                "date": n.date_from,
                "to": n.date_to or "",
                "dyad": n.dyad or "any",
                "theme": n.theme.label if n.theme else "any",
                "author": n.author,
                "note": n.text,
                "id": n.id,
            }
            for n in notes
        ]
    )
    event = st.dataframe(
        table,
        key="watch_notes_table",
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        column_config={"id": None},
    )
    picked = event["selection"]["rows"] if event else []
    if picked:
        _edit(notes[picked[0]])


def _edit(note: Note) -> None:
    with st.form("watch_note_edit", border=True):
        st.markdown(f"**Edit the note of {note.date_from} by {note.author}**")
        text = st.text_area("Note", value=note.text, key=f"watch_note_edit_text_{note.id}", max_chars=2000)
        left, right = st.columns(2)
        saved = left.form_submit_button("Save changes", type="primary")
        deleted = right.form_submit_button("Delete the note")
    engine = loaders.database().engine
    try:
        if saved:
            note_store.update_note(engine, note.id, text=text)
            st.success("Note updated.")
        elif deleted:
            note_store.delete_note(engine, note.id)
            st.success("Note deleted.")
    except (ValidationError, BilateralError) as error:
        _say_problems(error)
