"""A refused save shown beside its form: each problem on a line of its own, its field named as the form
labels it.

Why not str(error): RecordError's message is made for files and the CLI ("review table:2: actor1: ...",
one problem a line); st.error renders markdown, which ran those lines into one paragraph, and the
messages quote what was typed, which is untrusted text (escaped here, never rendered).
"""

from __future__ import annotations

import streamlit as st

from bilateral.errors import BilateralError, Problem, RecordError
from bilateral.extract.review import REVIEW_TABLE
from bilateral.wording import count_noun
from ui.views import escape


def not_saved(
    error: BilateralError, labels: dict[str, str], row_labels: dict[str, str] | None = None
) -> None:
    """Say the save was refused and why. `labels` maps a field to its label in the form; `row_labels` does
    so for the review table (Interactions), whose problems give their row number from 1."""
    if not isinstance(error, RecordError):
        st.error(f"Not saved: {escape(str(error))}")
        return
    lines = [f"- {escape(where(p, labels, row_labels or {}))}: {escape(p.message)}" for p in error.problems]
    fields = count_noun(len(lines), "field")
    st.error(f"Not saved (nothing was written): correct {fields} and save again.\n\n" + "\n".join(lines))


def where(problem: Problem, labels: dict[str, str], row_labels: dict[str, str]) -> str:
    """The field as the form labels it; in the review table, with its row."""
    if problem.path == REVIEW_TABLE:
        return f"Interactions, row {problem.line}, {row_labels.get(problem.field, problem.field)}"
    return labels.get(problem.field, problem.field)
