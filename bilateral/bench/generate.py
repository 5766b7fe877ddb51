"""A synthetic record file for the benchmark: generated at run time, streamed to disk, never in data/.

Every title, summary and evidence says SYNTHETIC. The mix is meant to look like an analyst's archive: every
actor of the registry (states, blocs, leaders, ministries and state firms with parents, so roll-up happens),
a few heavy dyads that take a large share of the rows and a Zipf-like tail, 10 themes (1-2 per row), 25
years with more recent coverage, the PLOVER types with their default scores plus noise (kept in -10..10),
and some commentary. Articles come first, then their interactions, one JSON object per line; about three
interactions per article. Memory stays flat: rows are made and written a chunk of articles at a time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from bilateral.model import DEFAULT_SCORES, EVENT_QUAD, SCORE_MAX, SCORE_MIN, EventType, Theme
from bilateral.registry import load_actors

FIRST_DAY = dt.date(2001, 1, 1)
YEARS = 25
CHUNK_ARTICLES = 20_000
# (dyad, share of ALL rows): the heavy dyads an analyst of this corpus would follow.
HEAVY_DYADS = (
    (("CHN", "RUS"), 0.14),
    (("CHN", "USA"), 0.08),
    (("RUS", "USA"), 0.06),
    (("RUS", "UKR"), 0.05),
    (("CHN", "IND"), 0.02),
)
# A leader or a state body stands in for its state this often (so the roll-up has work to do).
STAND_IN = 0.25
EVENT_WEIGHTS = {
    "AGREE": 10, "CONSULT": 16, "SUPPORT": 8, "CONCEDE": 2, "COOPERATE": 9, "AID": 3, "RETREAT": 1,
    "REQUEST": 6, "ACCUSE": 8, "REJECT": 5, "THREATEN": 4, "PROTEST": 3, "SANCTION": 5, "MOBILIZE": 3,
    "COERCE": 3, "ASSAULT": 2,
}  # fmt: skip
THEME_WEIGHTS = {
    "military": 12, "energy": 14, "supply_chain": 6, "trade": 13, "finance": 8, "technology": 8,
    "cyber": 4, "diplomacy": 20, "information": 5, "security": 10,
}  # fmt: skip
MODALITIES = (("fact", 0.70), ("reported", 0.15), ("intent", 0.08), ("commentary", 0.07))
SOURCES = (
    "Synthetic Wire",
    "Synthetic Daily",
    "Synthetic Review",
    "Synthetic News Agency",
    "Synthetic Monitor",
)
TOPICS = (
    "a gas pipeline", "grain exports", "a naval drill", "chip export controls", "a currency swap line",
    "a border incident", "a summit communique", "port access", "satellite launches", "rare earth supply",
    "a cyber intrusion", "oil prices", "a visa regime", "nuclear fuel", "a rail corridor", "fishing rights",
    "a vaccine deal", "arms sales", "a debt payment", "a data law",
)  # fmt: skip
# The word the benchmark's text search looks for; it occurs in one topic of twenty.
SEARCH_WORD = "pipeline"


def _ordered_codes() -> tuple[list[str], dict[str, list[str]]]:
    """Registry codes, most active first (states by registry order, then blocs, then the rest), and for
    each state the leaders and bodies that may stand in for it."""
    actors = load_actors()
    rank = {"state": 0, "bloc": 1, "leader": 2, "organisation": 3, "media": 4, "other": 5}
    codes = sorted(actors, key=lambda c: (rank.get(actors[c].kind.value, 9), list(actors).index(c)))
    stand_ins: dict[str, list[str]] = {}
    for code, actor in actors.items():
        if actor.parent and actor.kind.value != "state":
            stand_ins.setdefault(actor.parent, []).append(code)
    return codes, stand_ins


def _weights(values: dict[str, float] | tuple) -> tuple[list[str], np.ndarray]:
    pairs = list(values.items()) if isinstance(values, dict) else list(values)
    names = [k for k, _ in pairs]
    weights = np.array([w for _, w in pairs], dtype=float)
    return names, weights / weights.sum()


def generate(path: Path, rows: int, seed: int = 20261204) -> dict:
    """Write `rows` synthetic interactions (and about rows/3 articles) as JSONL to `path`; returns counts."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    counts = {"articles": 0, "interactions": 0, "bytes": 0}
    with path.open("w", encoding="utf-8") as handle:
        for lines in _chunks(rows, seed, counts):
            handle.write(lines)
    counts["bytes"] = path.stat().st_size
    return counts


def _chunks(rows: int, seed: int, counts: dict) -> Iterator[str]:
    rng = np.random.default_rng(seed)
    codes, stand_ins = _ordered_codes()
    code_array = np.array(codes, dtype=object)
    zipf = 1.0 / np.arange(1, len(codes) + 1) ** 1.15
    zipf /= zipf.sum()
    heavy = [(pair, share) for pair, share in HEAVY_DYADS if pair[0] in codes and pair[1] in codes]
    heavy_share = sum(s for _, s in heavy)
    heavy_pairs = np.array([pair for pair, _ in heavy], dtype=object).reshape(-1, 2)
    heavy_p = np.array([s for _, s in heavy]) / heavy_share if heavy else np.array([])
    events, event_p = _weights(EVENT_WEIGHTS)
    event_quad = np.array([int(EVENT_QUAD[EventType(e)]) for e in events])
    event_score = np.array([DEFAULT_SCORES[EventType(e)] for e in events])
    themes, theme_p = _weights(THEME_WEIGHTS)
    assert set(themes) == {t.value for t in Theme}
    modalities, modality_p = _weights(MODALITIES)
    # Coverage grows over the years: day weights rise linearly from 1 to 4.
    days = (dt.date(FIRST_DAY.year + YEARS, 1, 1) - FIRST_DAY).days
    day_p = np.linspace(1.0, 4.0, days)
    day_p /= day_p.sum()
    date_text = np.array(
        [(FIRST_DAY + dt.timedelta(days=int(d))).isoformat() for d in range(days)], dtype=object
    )
    done = 0
    article_no = 0
    while done < rows:
        per_article = rng.integers(1, 6, CHUNK_ARTICLES)  # 1..5, mean 3
        cumulative = np.cumsum(per_article)
        take = min(CHUNK_ARTICLES, int(np.searchsorted(cumulative, rows - done, side="left")) + 1)
        per_article = per_article[:take]
        per_article[-1] -= max(0, int(per_article.sum()) - (rows - done))
        n = int(per_article.sum())
        article_dates = date_text[rng.choice(days, take, p=day_p)]
        first, second = _actors(rng, n, code_array, zipf, heavy_pairs, heavy_p, heavy_share, stand_ins)
        event = rng.choice(len(events), n, p=event_p)
        score = np.clip(np.round(event_score[event] + rng.normal(0.0, 1.2, n), 1), SCORE_MIN, SCORE_MAX)
        theme1 = rng.choice(len(themes), n, p=theme_p)
        theme2 = rng.choice(len(themes), n, p=theme_p)
        two = (rng.random(n) < 0.4) & (theme2 != theme1)
        modality = rng.choice(len(modalities), n, p=modality_p)
        mutual = rng.random(n) < 0.3
        auto = rng.random(n) < 0.5
        confidence = np.round(rng.uniform(0.5, 1.0, n), 2)
        topic = rng.integers(0, len(TOPICS), n)
        source = rng.integers(0, len(SOURCES), take)
        parts = []
        row = 0
        for a in range(take):
            aid = f"a-synth-{article_no + a:09d}"
            date = article_dates[a]
            parts.append(
                f'{{"id": "{aid}", "title": "SYNTHETIC benchmark article {article_no + a}", '
                f'"title_kind": "descriptive", "date": "{date}", "source": "{SOURCES[source[a]]}", '
                f'"url": "https://example.org/synthetic/{article_no + a}", '
                f'"summary": "SYNTHETIC summary: generated for the benchmark, not a real event.", '
                f'"status": "reviewed"}}\n'
            )
            for _ in range(per_article[a]):
                i = row
                row += 1
                theme_list = (
                    f'["{themes[theme1[i]]}", "{themes[theme2[i]]}"]'
                    if two[i]
                    else f'["{themes[theme1[i]]}"]'
                )
                parts.append(
                    f'{{"id": "i-synth-{done + i:010d}", "article_id": "{aid}", "date": "{date}", '
                    f'"actor1": "{first[i]}", "actor2": "{second[i]}", '
                    f'"direction": "{"mutual" if mutual[i] else "directed"}", '
                    f'"event_type": "{events[event[i]]}", '
                    f'"quad_class": {event_quad[event[i]]}, "score": {score[i]:.1f}, "themes": {theme_list}, '
                    f'"modality": "{modalities[modality[i]]}", '
                    f'"evidence": "SYNTHETIC: {first[i]} and {second[i]} over {TOPICS[topic[i]]} '
                    f'(row {done + i})", '
                    f'"coder": "{"auto" if auto[i] else "human"}", "confidence": {confidence[i]:.2f}}}\n'
                )
        counts["articles"] += take
        counts["interactions"] += n
        article_no += take
        done += n
        yield "".join(parts)


def _actors(rng, n, code_array, zipf, heavy_pairs, heavy_p, heavy_share, stand_ins):
    """actor1, actor2 codes for n rows: heavy dyads first, a Zipf tail, leaders/bodies standing in."""
    first = code_array[rng.choice(len(code_array), n, p=zipf)]
    second = code_array[rng.choice(len(code_array), n, p=zipf)]
    if len(heavy_pairs):
        is_heavy = rng.random(n) < heavy_share
        pick = rng.choice(len(heavy_pairs), int(is_heavy.sum()), p=heavy_p)
        swap = rng.random(len(pick)) < 0.5
        pairs = heavy_pairs[pick]
        first[is_heavy] = np.where(swap, pairs[:, 1], pairs[:, 0])
        second[is_heavy] = np.where(swap, pairs[:, 0], pairs[:, 1])
    for column in (first, second):
        replace = rng.random(n) < STAND_IN
        for i in np.flatnonzero(replace):
            options = stand_ins.get(column[i])
            if options:
                column[i] = options[rng.integers(0, len(options))]
    same = first == second
    while same.any():
        second[same] = code_array[rng.choice(len(code_array), int(same.sum()), p=zipf)]
        same = first == second
    return first, second


def read_sample(path: Path, limit: int = 2000) -> list[dict]:
    """The first `limit` records of a generated file (tests validate them)."""
    out = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            out.append(json.loads(line))
            if len(out) >= limit:
                break
    return out
