"""Record tables for display: the columns an analyst reads, with links made safe.

Record text is untrusted: a URL is kept only when it is http(s), so no other scheme becomes a link.
"""

from __future__ import annotations

import pandas as pd

from bilateral.model import Dataset, QuadClass, Theme, check_url

TABLE_COLUMNS = [
    "date", "dyad", "actors", "event_type", "quad", "score", "themes", "modality", "title", "source", "url",
    "evidence", "dataset", "id",
]  # fmt: skip
NO_EVIDENCE = "no evidence sentence (machine-coded)"
NO_URL = "No link: find it by outlet and date"


def no_evidence_note(dataset: str, linked: bool) -> str:
    """A card's line for a machine-coded row without an evidence sentence: where to read more.

    Why both cases: an ICEWS row has no link; "open the source" above "No link" read as a contradiction."""
    if linked:
        return f"No evidence sentence ({dataset}, machine-coded): open the source."
    return f"No evidence sentence ({dataset}, machine-coded) and no link: find the report by outlet and date."


def safe_url(url) -> str | None:
    """The URL when it is an http(s) link to a host, else None."""
    if not isinstance(url, str) or not url.strip():
        return None
    return url.strip() if check_url(url.strip()) is None else None


def theme_labels(themes) -> str:
    """'energy;trade' (or ('energy', 'trade')) -> 'Energy, Trade'."""
    if isinstance(themes, str):
        themes = [t for t in themes.split(";") if t]
    return ", ".join(Theme(t).label for t in themes)


def record_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The interactions as display rows (see TABLE_COLUMNS), in the frame's order.

    Why not sorted here: the records come in the order the analyst chose (row_queries.RECORD_ORDERS);
    sorting them by date again undid "Most tension first"."""
    if frame.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(frame["date"]).dt.date,
            "dyad": frame["dyad"],
            "actors": frame["actor1"] + " → " + frame["actor2"],
            "event_type": frame["event_type"],
            "quad": frame["quad_class"].map(lambda q: QuadClass(int(q)).label),
            "score": frame["score"],
            "themes": frame["themes"].map(theme_labels),
            "modality": frame["modality"],
            "title": frame["title"],
            "source": frame["source"],
            "url": source_links(frame),
            "evidence": frame["evidence"].where(frame["evidence"].notna(), NO_EVIDENCE),
            "dataset": _column(frame, "dataset", Dataset.CURATED.value).map(lambda d: Dataset(d).label),
            "id": frame["id"],
        }
    )
    return out.reset_index(drop=True)


def _column(frame: pd.DataFrame, name: str, default) -> pd.Series:
    return frame[name].fillna(default) if name in frame else pd.Series(default, index=frame.index)


def source_links(frame: pd.DataFrame) -> pd.Series:
    """The link of each row: its own source URL (imported rows), else its article's; http(s) only."""
    own = _column(frame, "source_url", None)
    return own.where(own.notna(), frame["url"]).map(safe_url)
