"""Input text made ready for extraction: HTML reduced to its main text, boilerplate dropped, headline apart.

Web pages arrive as HTML or as text copied from the page; both carry lines that are not the article
("top of page", cookie and share lines). The date is taken only from an explicit dateline or page
metadata, never guessed from phrases like "a day prior".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

SKIPPED_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "figure",
    "iframe",
    "template",
}
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "tr",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "table",
}
DATE_META = {
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "og:published_time",
    "sailthru.date",
}
MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?!\d)"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
)
DATELINE = re.compile(
    r"^\s*(?:(?:published|posted|updated|date|dateline)\s*:?\s*|[A-Z][A-Z .'-]{2,40},\s*)", re.IGNORECASE
)


@dataclass(frozen=True)
class Page:
    """What a page reduces to: its text, the title it declares and the date its metadata gives."""

    text: str
    title: str | None = None
    date: str | None = None


class _MainText(HTMLParser):
    """Collects visible text, skipping page furniture, and the title and date the page declares."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = self.in_h1 = False
        self.title = self.h1 = ""
        self.date: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag in SKIPPED_TAGS:
            self.skip_depth += 1
        elif (
            tag == "meta"
            and (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            in DATE_META
        ):
            self.date = self.date or parse_date(attrs.get("content", ""))
        elif tag == "time" and attrs.get("datetime"):
            self.date = self.date or parse_date(attrs["datetime"])
        self.in_title = self.in_title or tag == "title"
        self.in_h1 = self.in_h1 or tag == "h1"
        if tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self.skip_depth:
            self.skip_depth -= 1
        self.in_title = self.in_title and tag != "title"
        self.in_h1 = self.in_h1 and tag != "h1"
        if tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)
            if self.in_h1:
                self.h1 += data


def looks_like_html(raw: str) -> bool:
    """True when the text is an HTML page or fragment rather than plain text."""
    return bool(re.search(r"<(?:html|body|p|div|article|h1|br)\b", raw[:5000], re.IGNORECASE))


def html_to_page(raw: str) -> Page:
    """The main text of an HTML page, with its h1 (else <title>) and metadata date."""
    parser = _MainText()
    parser.feed(raw)
    parser.close()
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    text = re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()
    title = " ".join((parser.h1 or parser.title).split()) or None
    return Page(text=text, title=title, date=parser.date)


def parse_date(value: str) -> str | None:
    """An ISO date from text stating a full date (2024-02-08, 8 February 2024, Feb. 8, 2024), else None."""
    for pattern in DATE_PATTERNS:
        match = pattern.search(value or "")
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mon"]) if parts.get("mon") else MONTHS[parts["month"][:3].lower()]
        try:
            return dt.date(int(parts["year"]), month, int(parts["day"])).isoformat()
        except ValueError:
            continue
    return None


def drop_boilerplate(text: str, boilerplate: re.Pattern) -> str:
    """The text without page-furniture lines; paragraphs keep their blank-line separation."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept = ["" if boilerplate.match(line) else line for line in lines]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, body): the first line is the headline when it stands alone and reads like one."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    words = first.split()
    headline_like = 0 < len(words) <= 25 and not first.endswith((".", ":", ";", ",")) and rest.strip()
    if headline_like:
        return first, rest.strip()
    return None, text.strip()


def find_dateline(body: str) -> str | None:
    """The date stated in a dateline or a "Published:" line in the first lines, else None."""
    for line in body.split("\n")[:4]:
        head = line.strip()[:120]
        if head and DATELINE.match(head) and (date := parse_date(head)):
            return date
        if head and len(head) < 60 and (date := parse_date(head)) and len(head.split()) <= 6:
            return date
    return None
