"""Synthetic records for the export and report tests: a few dyads, themes and years, one hostile title."""

from __future__ import annotations

import itertools
from pathlib import Path

from bilateral import store
from bilateral.model import article_from_dict, interaction_from_dict

HOSTILE_TITLE = '=HYPERLINK("http://x","y")'
CYRILLIC_TITLE = "Газопровод «Сила Сибири — 2»: synthetic test title"
PAIRS = [
    ("CHN", "RUS", "AGREE"),
    ("RUS", "CHN", "COOPERATE"),
    ("USA", "CHN", "ACCUSE"),
    ("USA", "RUS", "SANCTION"),
]
THEMES = [["energy"], ["military"], ["trade", "energy"], ["finance"]]


def synthetic_records(n_articles: int = 12):
    """Articles (one titled like a formula, one in Cyrillic) and two interactions for each."""
    articles, interactions = [], []
    cycle = itertools.cycle(zip(PAIRS, THEMES, strict=True))
    for i in range(n_articles):
        title = {0: HOSTILE_TITLE, 1: CYRILLIC_TITLE}.get(i, f"Synthetic article {i}")
        date = f"{2022 + i % 3}-{1 + i % 12:02d}-15"
        raw = {"title": title, "date": date, "source": f"Test Wire {i % 3}", "status": "reviewed",
               "url": f"https://example.org/story/{i}"}  # fmt: skip
        article, problems = article_from_dict(raw)
        assert not problems, problems
        articles.append(article)
        for j in range(2):
            (a1, a2, event), themes = next(cycle)
            raw = {"article_id": article.id, "date": date, "actor1": a1, "actor2": a2, "event_type": event,
                   "themes": themes, "evidence": f"Synthetic evidence {i}-{j}."}  # fmt: skip
            item, problems = interaction_from_dict(raw)
            assert not problems, problems
            interactions.append(item)
    return articles, interactions


def synthetic_db(path: Path):
    """A database file holding only the synthetic records (no curated seed); returns its Store."""
    db = store.connect(str(path), seed=False)
    articles, interactions = synthetic_records()
    store.add_records(db, articles, interactions)
    return db
