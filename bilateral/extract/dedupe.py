"""Likely duplicates of an article among those stored: same URL, near-identical title or text.

Checked before saving so that the analyst can stop; the store still refuses an exact duplicate.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd

TITLE_THRESHOLD = 0.9
TEXT_THRESHOLD = 0.8
SHINGLE = 5


@dataclass(frozen=True)
class Duplicate:
    """A stored article that looks like the one being added, and why."""

    article_id: str
    title: str
    reason: str
    similarity: float


def normalise_url(url: str | None) -> str:
    """A URL as compared: lower-case host; no scheme, 'www.', fragment, tracking parameters, final slash."""
    if not isinstance(url, str) or not url.strip():  # a missing URL may arrive as None or as NaN
        return ""
    parts = urlsplit(url.strip())
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(("utm_", "fbclid", "gclid"))]
    )
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit(("", host, parts.path.rstrip("/"), query, "")).lstrip("/")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def title_similarity(a: str, b: str) -> float:
    """0..1 similarity of two titles, ignoring case and punctuation."""
    left, right = " ".join(_words(a)), " ".join(_words(b))
    return difflib.SequenceMatcher(None, left, right).ratio() if left and right else 0.0


def text_similarity(a: str, b: str) -> float:
    """0..1 Jaccard similarity of the word 5-grams of two texts (robust to boilerplate at the edges)."""

    def shingles(text: str) -> set:
        words = _words(text)
        return {tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}

    left, right = shingles(a), shingles(b)
    return len(left & right) / len(left | right) if left and right else 0.0


def find_duplicates(
    stored: pd.DataFrame, title: str | None, text: str | None, url: str | None
) -> list[Duplicate]:
    """Stored articles with the same URL, a near-identical title or text; most similar first."""
    found = []
    target_url = normalise_url(url)
    for row in stored.to_dict("records"):
        stored_title = str(row.get("title") or "")
        if target_url and normalise_url(row.get("url")) == target_url:
            found.append(Duplicate(row["id"], stored_title, "same URL", 1.0))
        elif title and (score := title_similarity(title, stored_title)) >= TITLE_THRESHOLD:
            found.append(Duplicate(row["id"], stored_title, "near-identical title", round(score, 2)))
        elif (
            text
            and isinstance(row.get("text"), str)
            and (score := text_similarity(text, row["text"])) >= TEXT_THRESHOLD
        ):
            found.append(Duplicate(row["id"], stored_title, "near-identical text", round(score, 2)))
    return sorted(found, key=lambda d: -d.similarity)
