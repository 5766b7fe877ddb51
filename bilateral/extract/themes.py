"""Themes from the lexicon: per interaction (its evidence sentence) and per article (all its text)."""

from __future__ import annotations

from collections import Counter

from bilateral.extract.lexicon import Lexicon
from bilateral.model import EventType, Theme


def sentence_themes(text: str, lexicon: Lexicon) -> tuple[Theme, ...]:
    """Every theme whose keywords occur in the text, in the record model's theme order."""
    return tuple(theme for theme in Theme if theme in lexicon.themes and lexicon.themes[theme].search(text))


def interaction_themes(sentence: str, event_type: EventType, lexicon: Lexicon) -> tuple[Theme, ...]:
    """The sentence's themes, or the event type's default theme: a record needs at least one."""
    found = sentence_themes(sentence, lexicon)
    return found or (lexicon.event_default_theme.get(event_type, Theme.DIPLOMACY),)


def article_themes(sentences: list[str], lexicon: Lexicon) -> list[Theme]:
    """Themes of the whole article, most frequent first (ties in the record model's order)."""
    counts = Counter(theme for text in sentences for theme in sentence_themes(text, lexicon))
    order = list(Theme)
    return sorted(counts, key=lambda t: (-counts[t], order.index(t)))
