"""Words for people: a count with its noun in the right number ("1 interaction", "2,345 interactions").

Why one helper: counts reach the pages from many places, and each spelled its own plural ("1 interactions",
"change(s)"); pages, captions and summaries now all say it the same way.
"""

from __future__ import annotations

from bilateral.model import Dataset


def actor_label(code: str, names) -> str:
    """'RUS · Russia': an actor's code with its name from the registry `names` (code -> actor), the code
    alone when the registry does not know it. One wording for the sidebar's and the record editor's menus."""
    return f"{code} · {names[code].name}" if code in names else code


def coverage_label(dyad: str, datasets) -> str:
    """'PRK-USA · Curated, ICEWS' or 'CHN-RUS · Curated only': a dyad with the datasets that have its rows
    (Dataset values), for the menu of the "do they agree?" view."""
    labels = [Dataset(d).label for d in datasets]
    if len(labels) < 2:
        return f"{dyad} · {labels[0]} only" if labels else f"{dyad} · no scored rows"
    return f"{dyad} · {', '.join(labels)}"


def plural(word: str) -> str:
    """The plural of an English noun of this app ("article" -> "articles", "entry" -> "entries")."""
    if word.endswith("y") and word[-2:-1] not in ("", *"aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def count_noun(n: int, word: str, many: str | None = None) -> str:
    """`n` with thousands separators and `word`, singular for exactly one: count_noun(2, "tie") -> "2 ties".

    `many` gives the plural when the rule in plural() does not ("1 person", "2 people")."""
    return f"{n:,} {word if n == 1 else (many or plural(word))}"


def date_span(first, last, joiner: str = " – ") -> str:
    """'2001-06-15 – 2025-12-10', or the one date when both are the same day ('2018-06-01', where a
    dataset's card read '2018-06-01 – 2018-06-01')."""
    if first.date() == last.date():
        return f"{first:%Y-%m-%d}"
    return f"{first:%Y-%m-%d}{joiner}{last:%Y-%m-%d}"


def period_words(first, last) -> str:
    """A span of dates short enough for a headline card: "2001–2025", "Mar–Jun 2024", "Jun 2024".

    Why not "2001-06 – 2025-12": at 1100 px the Overview's card cut it to "2001-06 …" (and "2001 – 2025",
    its spaces 4 px too wide, to "2001 – 2…"); the exact dates go in the card's help."""
    if first.year != last.year:
        return f"{first:%Y}–{last:%Y}"
    if first.month != last.month:
        return f"{first:%b}–{last:%b %Y}"
    return f"{last:%b %Y}"
