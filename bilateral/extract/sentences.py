"""Sentences with character offsets and paragraph numbers, by rule (no model needed).

Offsets point into the article text, so that every interaction can show its evidence in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "gov",
    "sen",
    "rep",
    "st",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "u.k",
    "e.u",
    "a.m",
    "p.m",
    "fig",
    "approx",
    "dept",
}
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, where it starts and ends in the article text, and its paragraph."""

    text: str
    start: int
    end: int
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by blank lines."""
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _is_boundary(text: str, end: int, next_start: int) -> bool:
    """False after an abbreviation or an initial ("U.S.", "Gen.", "J.") and before a lower-case word."""
    word = re.search(r"([\w.]+)[.!?]*[\"'”’)\]]*$", text[max(0, end - 60) : end])
    token = word.group(1).rstrip(".").lower() if word else ""
    if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return False
    following = text[next_start : next_start + 1]
    return not following or not following.islower()


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, in order; a paragraph break always ends a sentence."""
    out = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        start = p_start
        for match in _END.finditer(text, p_start, p_end):
            next_start = (
                match.end() + len(text[match.end() : p_end]) - len(text[match.end() : p_end].lstrip())
            )
            if _is_boundary(text, match.end(), next_start):
                out.extend(_sentence(text, start, match.end(), number))
                start = next_start
        out.extend(_sentence(text, start, p_end, number))
    return out


def _sentence(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return []
    lead = len(chunk) - len(chunk.lstrip())
    start += lead
    return [
        Sentence(
            text=re.sub(r"\s", " ", stripped), start=start, end=start + len(stripped), paragraph=paragraph
        )
    ]
