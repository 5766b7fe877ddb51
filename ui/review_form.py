"""The review form shared by Add article and the Review queue: article fields, the interactions editor,
where each date came from, and saving the reviewed article."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from bilateral import store
from bilateral.errors import BilateralError
from bilateral.extract.dates import GIVEN
from bilateral.extract.review import build_records
from bilateral.model import Article
from bilateral.wording import count_noun
from ui import extract_view as view
from ui import form_errors


def article_fields(article: dict, key: str) -> dict:
    """Title, date, source and URL inputs prefilled from the extraction; the date says where it came from."""
    left, right = st.columns(2)
    labels = view.ARTICLE_LABELS
    title = left.text_input(labels["title"], value=article.get("title") or "", key=f"{key}_title")
    date = right.text_input(
        labels["date"],
        value=article.get("date") or "",
        key=f"{key}_date",
        help="From the page's metadata, a dateline or a publication line; otherwise type it.",
    )
    source = left.text_input(labels["source"], value=article.get("source") or "", key=f"{key}_source")
    url = right.text_input(labels["url"], value=article.get("url") or "", key=f"{key}_url")
    if article.get("date") and date == article["date"] and article.get("date_source") != GIVEN:
        st.caption(f"Article date taken from: {article.get('date_source') or 'the analyst'}")
    if not date:
        st.warning("No date is stated in the article: type it before saving.")
    return {"title": title, "date": date, "source": source, "url": url or None}


def interactions_editor(rows: pd.DataFrame, actor_codes: list[str], key: str) -> pd.DataFrame:
    """The editable interactions table; an empty event date means the article's date on saving."""
    codes = sorted(view.registry()) + sorted(set(actor_codes) - set(view.registry()))
    config = review_table_columns(codes)
    st.subheader("Interactions")
    st.caption(
        "Commentary rows are kept out of the scores. Add, fix or delete rows; unknown actors cannot be saved."
    )
    return st.data_editor(
        rows, column_config=config, num_rows="dynamic", hide_index=True, width="stretch", key=key
    )


def review_table_columns(codes: list[str]) -> dict:
    """The review table's columns: the shared ones, with the event date said as such."""
    return {
        **view.review_columns(codes),
        "date": st.column_config.TextColumn("Event date", help="Empty: the article's date"),
        "date_source": st.column_config.TextColumn("Event date from", disabled=True),
    }


def save_reviewed(meta: dict, edited: pd.DataFrame, text: str, actor: str = "local") -> Article | None:
    """Validate and save the reviewed article in one transaction (audited as `actor`); shows the outcome,
    returns the article."""
    try:
        article, interactions = build_records(meta, edited, set(view.registry()), text)
        saved = store.save_article(view.connection(), article, interactions, actor=actor)
    except BilateralError as error:
        form_errors.not_saved(error, view.ARTICLE_LABELS, view.column_labels(review_table_columns([])))
        return None
    st.success(
        f"Saved {article.title} ({article.date}) with {count_noun(len(interactions), 'interaction')} at "
        f"{dt.datetime.now():%H:%M}; it now shows in every view. {saved}"
    )
    return article


def dropped_furniture(lines: list[str]) -> None:
    """What was left out of the text as page furniture, for the analyst to check."""
    if lines:
        with st.expander(f"Page furniture left out ({count_noun(len(lines), 'line')})"):
            st.text("\n".join(lines))
