"""Streamlit helpers of the Add article page: cached extraction, upload reading, the store connection."""

from __future__ import annotations

import sqlite3

import pandas as pd
import streamlit as st

from bilateral import store
from bilateral.errors import ExtractError
from bilateral.extract import extract
from bilateral.extract.pipeline import Extraction
from bilateral.registry import load_actors

MAX_UPLOAD_BYTES = 5_000_000  # as .streamlit/config.toml maxUploadSize (MB), so both say the same
MAX_TEXT_CHARS = 200_000


@st.cache_data(show_spinner=False, max_entries=32)
def cached_extract(text: str, date: str | None) -> Extraction:
    """The extractor's first pass, cached per text and date so reruns of the page cost nothing."""
    return extract(text, date=date)


@st.cache_resource(show_spinner=False)
def registry() -> dict:
    """The actor registry: the codes an interaction may be saved with."""
    return load_actors()


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> sqlite3.Connection:
    return store.connect(path)


def connection() -> sqlite3.Connection:
    """The store connection for the database BILATERAL_DB names (one per path)."""
    return _connection(str(store.database_path()))


def stored_articles() -> pd.DataFrame:
    """Stored articles, read fresh: a duplicate check must see what was saved a moment ago."""
    return store.load_articles(connection())


def read_upload(upload) -> str:
    """The text of one uploaded file; ExtractError when it is too large or not text."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ExtractError(
            f"{upload.name} is {upload.size / 1e6:.1f} MB; "
            f"files up to {MAX_UPLOAD_BYTES / 1e6:.0f} MB can be added"
        )
    try:
        return upload.getvalue().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ExtractError(
            f"{upload.name} is not UTF-8 text; save it as UTF-8 and upload it again"
        ) from error
