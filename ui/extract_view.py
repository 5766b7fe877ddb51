"""Streamlit helpers of the Add article page: cached extraction, upload reading, duplicate candidates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bilateral import store
from bilateral.analysis import article_queries
from bilateral.errors import ExtractError
from bilateral.extract import extract
from bilateral.extract.encoding import decode_article
from bilateral.extract.pipeline import Extraction
from bilateral.model import Direction, EventType, Modality
from bilateral.registry import load_actors
from ui import loaders

# An article's text, in Streamlit's megabytes (MiB) so the uploader says the limit read_upload keeps; the
# Import page takes up to maxUploadSize (config.toml).
MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 2**20
MAX_TEXT_CHARS = 200_000


@st.cache_data(show_spinner=False, max_entries=32)
def cached_extract(text: str, date: str | None) -> Extraction:
    """The extractor's first pass, cached per text and date so reruns of the page cost nothing."""
    return extract(text, date=date)


@st.cache_resource(show_spinner=False)
def registry() -> dict:
    """The actor registry: the codes an interaction may be saved with."""
    return load_actors()


ARTICLE_LABELS = {  # the article's fields as the review form and the Records editor label them
    "title": "Title",
    "date": "Date (YYYY-MM-DD)",
    "source": "Source (outlet)",
    "url": "URL",
    "summary": "Summary",
}


def column_labels(columns: dict) -> dict[str, str]:
    """Each column's label in a table's configuration (for messages that name a field)."""
    return {name: column["label"] for name, column in columns.items() if column}


def review_columns(codes: list[str]) -> dict:
    """The review table's columns: Add article and the Records page's editor use the same form."""
    return {
        "date": st.column_config.TextColumn("Date (YYYY-MM-DD)", max_chars=10),
        "actor1": st.column_config.SelectboxColumn("Actor 1", options=codes, required=True),
        "actor2": st.column_config.SelectboxColumn("Actor 2", options=codes, required=True),
        "direction": st.column_config.SelectboxColumn(
            "Direction", options=[d.value for d in Direction], required=True
        ),
        "event_type": st.column_config.SelectboxColumn(
            "Event type", options=[e.value for e in EventType], required=True
        ),
        "score": st.column_config.NumberColumn("Score", min_value=-10.0, max_value=10.0, step=0.5),
        "themes": st.column_config.TextColumn("Themes (a;b)"),
        "modality": st.column_config.SelectboxColumn(
            "Modality", options=[m.value for m in Modality], required=True
        ),
        "negated": st.column_config.CheckboxColumn("Negated", disabled=True),
        "evidence": st.column_config.TextColumn("Evidence", width="large"),
        "confidence": st.column_config.NumberColumn("Confidence", disabled=True, format="%.2f"),
        "cue": st.column_config.TextColumn("Cue", disabled=True),
    }


def connection() -> store.Store:
    """The store the app writes to (the one loaders reads through its mirror)."""
    return loaders.database()


def stored_articles(title: str | None = None, url: str | None = None) -> pd.DataFrame:
    """Duplicate candidates, read fresh: same URL or a close title (mirror), and articles with stored text."""
    close = article_queries.similar_titles(loaders.mirror(), title or "", url)
    with_text = store.articles_with_text(connection())
    return pd.concat([with_text, close], ignore_index=True).drop_duplicates("id")


def read_upload(upload) -> str:
    """The text of one uploaded file; ExtractError when it is too large or not text."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ExtractError(
            f"{upload.name} is {upload.size / 2**20:.1f} MB; files up to {MAX_UPLOAD_MB} MB can be added"
        )
    return decode_article(upload.getvalue(), upload.name)
