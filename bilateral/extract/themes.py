"""Themes from the lexicon: per interaction (its evidence sentence) and per article (all its text)."""

from __future__ import annotations

from collections import Counter

from bilateral.extract.lexicon import Lexicon
from bilateral.model import EventType, Modality, Theme


def sentence_themes(text: str, lexicon: Lexicon) -> tuple[Theme, ...]:
    """Every theme whose keywords occur in the text, in the record model's theme order (the lexicon's
    theme patterns are lower-case: see lexicon._lower_words)."""
    low = text.lower()
    return tuple(theme for theme in Theme if theme in lexicon.themes and lexicon.themes[theme].search(low))


def interaction_themes(sentence: str, event_type: EventType, lexicon: Lexicon) -> tuple[Theme, ...]:
    """The sentence's themes, or the event type's default theme: a record needs at least one."""
    found = sentence_themes(sentence, lexicon)
    return found or (lexicon.event_default_theme.get(event_type, Theme.DIPLOMACY),)


def inherit_themes(candidates: list, lexicon: Lexicon) -> list:
    """Candidates whose sentence names no theme take the themes of the event before them (a reaction
    is about what it reacts to); the first such event takes its type's default."""
    out, last = [], None
    for c in candidates:
        if c.themes and sentence_themes(c.evidence, lexicon):
            last = c.themes
        elif last:
            c = c.model_copy(update={"themes": last})
        out.append(c)
    return out


def article_themes(sentences: list[str], interactions: list, lexicon: Lexicon) -> list[Theme]:
    """The article's themes: those its scored events carry, and any theme found in over half of its
    sentences; most frequent first (ties in the record model's order).

    Keywords alone over-tag a page (a passing mention of 'sanctions' is no finance story), so a theme
    must be carried by an event or by most of the text.
    """
    counts = Counter(theme for text in sentences for theme in sentence_themes(text, lexicon))
    scored = [c for c in interactions if c.modality is not Modality.COMMENTARY]
    carried = Counter(t for c in scored for t in c.themes)
    kept = set(carried) | {t for t, n in counts.items() if n * 2 > len(sentences)}
    if not kept:
        kept = set(counts)
    order = list(Theme)
    return sorted(kept, key=lambda t: (-(carried[t] + counts[t]), order.index(t)))
