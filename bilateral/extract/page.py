"""A web page or pasted text reduced to the article: main text, title, outlet, URL, and no page furniture.

HTML goes through trafilatura (main text and metadata: title, date, site name, canonical URL); pasted
text and trafilatura's output then lose the furniture lines named in data/lexicon/markers.json
(bylines, captions, "Read more", share and comment prompts, adverts, link lists under a heading, and
everything under a comment heading). The wire dateline ("MOSCOW, Dec 10 (Wire) -") is cut from the first
paragraph and kept apart, so its city is never read as an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bilateral.extract.lexicon import Lexicon
from bilateral.extract.text import MONTHS, html_to_page, looks_like_html, parse_date

MAX_FURNITURE_WORDS = 25
# A dateline: a place in capitals ("MOSCOW", "BEIJING/WASHINGTON") or, when a date follows, as a name is
# written ("Moscow", "New Delhi"), with its state or province after it ("WOODSIDE, California"); the date
# month first ("Dec 10, 2019") or day first ("3 March 2024").
_PLACE_CAPS = r"(?-i:[A-Z][A-Z.'’ -]{1,40})"
_PLACE_NAME = r"(?-i:[A-Z][a-z.'’]+(?:[ -][A-Z][a-z.'’]+){0,3})"
_MONTH_WORD = r"(?P<month>[A-Z][a-z]{2,8})\.?"
DATELINE_PREFIX = re.compile(
    rf"^(?P<place>{_PLACE_CAPS}(?:/{_PLACE_CAPS})*|(?P<named>{_PLACE_NAME}))"
    rf"(?:,\s*{_PLACE_NAME}(?=,\s*[A-Z\d]|\s*\())?"  # a state or province: "WOODSIDE, California, Nov 15"
    rf"(?:,\s*(?P<date>(?:{_MONTH_WORD}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_WORD.replace('month', 'month2')})"
    r"(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^)\n]{1,40})\))?\s*[-–—]+\s+"
)


@dataclass
class Page:
    """The article part of a page: body text, what the page says about itself, and what was dropped."""

    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None
    agency: str | None = None  # the wire or outlet the dateline names ("Reuters"), when it names one
    header: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def read_html(raw: str) -> Page:
    """Main text and metadata of an HTML page (trafilatura; the plain parser when it finds no text)."""
    import trafilatura  # imported here: ~0.3 s, and only HTML needs it

    doc = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = re.sub(r"\n+", "\n\n", (meta.get("text") or "").strip())
    fallback = html_to_page(raw)
    if not text:
        return Page(text=fallback.text, title=fallback.title, date=fallback.date)
    title = meta.get("title") or fallback.title
    date = parse_date(meta.get("date") or "") or fallback.date
    return Page(text=text, title=title, date=date, source=meta.get("sitename"), url=meta.get("url"))


def strip_furniture(text: str, lexicon: Lexicon) -> tuple[str, list[str]]:
    """(text without furniture, dropped lines): lines, link lists under a heading, comment sections."""
    kept, dropped, in_list = [], [], False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            in_list = False
            kept.append("")
            continue
        short = len(stripped.split()) <= MAX_FURNITURE_WORDS
        if short and lexicon.furniture_comments.match(stripped):
            dropped.append(stripped)
            break
        if in_list and short and not stripped.endswith((".", '."', ".”")):
            dropped.append(stripped)
            continue
        in_list = False
        if short and lexicon.furniture_section.match(stripped.rstrip(":")):
            in_list = True
        if short and (
            lexicon.furniture_line.match(stripped)
            or lexicon.boilerplate.match(stripped)
            or lexicon.furniture_section.match(stripped.rstrip(":"))
            or (stripped.startswith(("- ", "• ", "* ")) and not stripped.endswith("."))
        ):
            dropped.append(stripped)
            continue
        inline = lexicon.furniture_inline.search(line)
        if inline and inline.start() > 0:
            dropped.append(line[inline.start() :].strip())
            line = line[: inline.start()]
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip(), dropped


def cut_dateline(body: str) -> tuple[str, str | None]:
    """(body, dateline): 'BEIJING, Aug 5, 2022 (Ledger) - ' taken off the first paragraph."""
    return _split_dateline(body)[:2]


def _split_dateline(body: str) -> tuple[str, str | None, str | None]:
    """(body, dateline, agency): cut_dateline, with the wire or outlet the dateline names ('Reuters' of
    'MOSCOW, Dec 10 (Reuters)'; not a bracket that holds a number, such as a time or an update's date)."""
    match = DATELINE_PREFIX.match(body)
    if not match or not (match.group("date") or match.group("agency")):
        return body, None, None
    month = match.group("month") or match.group("month2")
    if (month and month[:3].lower() not in MONTHS) or (match.group("named") and not month):
        return body, None, None  # "Russia, May..." is no dateline; a place not in capitals needs its date
    agency = (match.group("agency") or "").strip()
    named = agency if agency and not any(ch.isdigit() for ch in agency) else None
    return body[match.end() :], match.group().strip(" -–—"), named


def _split_title(text: str) -> tuple[str | None, str]:
    """(headline, rest): the first line is the headline when it stands alone and reads like one."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if 0 < len(first.split()) <= 25 and not first.endswith((".", ":", ";", ",")) and rest.strip():
        return first, rest.strip()
    return None, text.strip()


def read_page(raw: str, lexicon: Lexicon) -> Page:
    """The article of an HTML page or of pasted text, furniture dropped, headline and dateline apart."""
    page = read_html(raw) if looks_like_html(raw) else Page(text=raw)
    header = [line.strip() for line in page.text.split("\n")[:10] if line.strip()]
    body, dropped = strip_furniture(page.text, lexicon)
    title = page.title
    if title and body.startswith(title):
        body = body[len(title) :].strip()
    elif not title:
        title, body = _split_title(body)
    body, page.dateline, page.agency = _split_dateline(body)
    page.text, page.title, page.header, page.dropped = body, title, header, dropped
    return page
