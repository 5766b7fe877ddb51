"""Dates from what the article states: the article's own date, and each event's date in its sentence.

The article date comes, in this order, from the caller, the page's metadata, a wire dateline that
gives a year ("BEIJING, Aug 5, 2022 (Wire) -"), a publication line near the top ("Published 2017/7/5",
"April 27, 2022", "Posted Mon 18 May 2020"), or a dateline without a year whose year a header line gives.
An event's date is read only in its own sentence: a full date, a month and day, or a relative day
("on Tuesday", "yesterday", "last week") counted back from the article date. Nothing is guessed:
a date the text does not give stays empty, and every date says where it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bilateral.extract.text import MONTHS, parse_date

GIVEN = "given"  # the source of an article date the caller gave (the analyst typed it)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
SLASH_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[/.](?P<mon>\d{1,2})[/.](?P<day>\d{1,2})(?!\d)")
MONTH_DAY = re.compile(
    r"(?:\b" + _MONTH + r"\s+(?P<day>\d{1,2})\b(?!,?\s+\d{4})(?!\s*(?:percent|%|billion|million)))"
    r"|(?:\b(?P<day2>\d{1,2})\s+" + _MONTH.replace("month", "month2") + r"(?!,?\s+\d{4}))",
    re.IGNORECASE,
)
RELATIVE = re.compile(
    r"\b(?:(?P<on>on|last|this|since|from|until|by|next)\s+)?"
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?P<word>yesterday|today|tonight|this morning|this afternoon|this evening|last week|last month"
    r"|the day before)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """A date and where it came from, in words the review form shows."""

    date: str
    source: str


def full_date(text: str) -> str | None:
    """An ISO date from a string that states a full date, slashes included ("2017/7/5")."""
    match = SLASH_DATE.search(text or "")
    if match:
        try:
            return dt.date(int(match["year"]), int(match["mon"]), int(match["day"])).isoformat()
        except ValueError:
            pass
    return parse_date(text)


def _month_day(match: re.Match, year: int) -> dt.date | None:
    month = match["month"] or match["month2"]
    day = match["day"] or match["day2"]
    try:
        return dt.date(year, MONTHS[month[:3].lower()], int(day))
    except ValueError:
        return None


def article_date(
    given: str | None, metadata: str | None, dateline: str | None, header: list[str]
) -> Found | None:
    """The article's date by precedence (see the module docstring), or None when none is stated.

    A given date that is not a day in the form YYYY-MM-DD (a half-typed or "21/05/2014" date in the review
    form) is passed over: event dates are counted from the article date, and saving names the field."""
    if given and _iso_day(given):
        return Found(given, GIVEN)
    if metadata:
        return Found(metadata, "page metadata")
    if dateline and (date := full_date(dateline)):
        return Found(date, f"dateline '{dateline}'")
    for line in header:
        if len(line) <= 80 and (date := full_date(line)):
            return Found(date, f"publication line '{line}'")
    years = {int(d[:4]) for line in header if (d := full_date(line))}
    match = MONTH_DAY.search(dateline or "")
    if match and len(years) == 1 and (day := _month_day(match, years.pop())):
        return Found(day.isoformat(), f"dateline '{dateline}'")
    return None


def _iso_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _back_to(weekday: str, anchor: dt.date) -> dt.date:
    """The last such weekday on or before the anchor (news reports the past)."""
    return anchor - dt.timedelta(days=(anchor.weekday() - WEEKDAYS.index(weekday.lower())) % 7)


def event_date(sentence: str, anchor: str | None) -> Found | None:
    """The date the sentence gives its event, resolved against the article date; None when it gives none."""
    if date := full_date(sentence):
        return Found(date, "stated in the sentence")
    if not anchor:
        return None
    base = dt.date.fromisoformat(anchor)
    match = MONTH_DAY.search(sentence)
    if match and (day := _month_day(match, base.year)):
        day = day if day <= base + dt.timedelta(days=1) else _month_day(match, base.year - 1)
        return Found(day.isoformat(), f"'{match.group().strip()}' in the sentence, year of the article")
    for match in RELATIVE.finditer(sentence):
        if match["weekday"] and (match["on"] or "on").lower() in ("on", "last"):
            day = _back_to(match["weekday"], base - dt.timedelta(days=match["on"] == "last"))
            return Found(day.isoformat(), f"'{match.group()}' before the article date")
        word = (match["word"] or "").lower()
        if word in ("yesterday", "the day before"):
            return Found((base - dt.timedelta(days=1)).isoformat(), f"'{word}' before the article date")
        if word in ("today", "tonight") or word.startswith("this "):
            return Found(anchor, f"'{word}': the article date")
        if word == "last week":
            return Found(
                (base - dt.timedelta(days=7)).isoformat(), "'last week': a week before (approximate)"
            )
    return None
