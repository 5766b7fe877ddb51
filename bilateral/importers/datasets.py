"""One mapper per field dataset: a parsed row in, (interaction row, source article) out, or Skip(reason).

The column positions are the datasets' own (GDELT 1.0 daily: 58 columns, backfile 57, GDELT 2.0: 61;
ICEWS by its header names; PLOVER/POLECAT by its keys); every decision is a lookup in mapping.rules().
Checks run in a fixed order, so each skipped row is counted under the first reason that applies:
event code, actors present, actors in the registry, actors state-level, two different states, date, score.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bilateral.importers.mapping import (
    EventRule,
    Rules,
    Skip,
    _count,
    _iso,
    _score,
    host,
    interaction_row,
    themes_text,
    url_or_none,
)
from bilateral.model import Dataset, Direction, stable_id

# GDELT: the positions of DATEADDED and SOURCEURL by the number of columns (None: the file has none).
GDELT_WIDTHS = {57: (None, None), 58: (56, 57), 61: (59, 60)}
NO_TYPE = "no PLOVER type for the CAMEO code (01: public statements)"

Article = tuple  # the arguments of mapping.source_article, built only for articles not yet seen
Mapped = tuple[dict, Article]


def _event(rules: Rules, code: str) -> EventRule:
    rule = rules.cameo_event(code) if code[:2].isdigit() else None
    if rule is None:
        raise Skip("unknown CAMEO event code")
    if rule.event_type is None:
        raise Skip(NO_TYPE)
    return rule


def _cameo_state(rules: Rules, code: str, country: str, sector: str) -> str:
    """Registry code of a CAMEO actor that is a state (or one of its state sectors) or a known bloc."""
    if not code and not country:
        raise Skip("actor missing")
    found = rules.cameo_actor(code, country)
    if found is None:
        raise Skip("actor without a country" if not country else "actor's state not in the registry")
    if sector and not code.startswith("IGO") and sector not in rules.state_sectors["cameo"]:
        raise Skip("non-state actor (sector not government or military)")
    return found


@lru_cache(maxsize=1 << 16)
def _article_id(dataset: Dataset, url: str | None, key: str) -> str:
    return stable_id("a", url) if url else stable_id("a", dataset.value, key)


def gdelt(fields: list[str], rules: Rules) -> Mapped:
    """A GDELT 1.0 or 2.0 event row (split on tabs)."""
    rule = _event(rules, fields[26])
    actors = (
        _cameo_state(rules, fields[5], fields[7], fields[12]),
        _cameo_state(rules, fields[15], fields[17], fields[22]),
    )
    date = _iso(fields[1])
    added_at, url_at = GDELT_WIDTHS[len(fields)]
    url = url_or_none(fields[url_at]) if url_at else None
    if url:
        article_date = _iso(fields[added_at])
        article = (Dataset.GDELT, url, article_date, f"GDELT source: {host(url)}", host(url), url)
    else:
        article = (Dataset.GDELT, f"day:{date}", date, f"GDELT events of {date}", "GDELT", None)
    row = interaction_row(
        Dataset.GDELT, fields[0], date, actors, rule, _score(fields[30], rule.event_type.default_score),
        _article_id(Dataset.GDELT, url, article[1]), source_url=url, num_mentions=_count(fields[31]),
        num_sources=_count(fields[32]), num_articles=_count(fields[33]),
    )  # fmt: skip
    return row, article


def _icews_state(rules: Rules, name: str, sectors: str, country: str) -> str:
    country = "" if country == "NA" else country
    itself = rules.icews_actors.get(name)
    if itself and (not country or rules.icews_actors.get(country) == itself):
        return itself
    if not country:
        raise Skip("actor without a country" if name else "actor missing")
    found = rules.icews_actors.get(country)
    if found is None:
        raise Skip("actor's state not in the registry")
    if not rules.state_sectors["icews"].intersection(sectors.split(",")):
        raise Skip("non-state actor (sector not government or military)")
    return found


def icews(fields: dict[str, str], rules: Rules) -> Mapped:
    """An ICEWS event row (a dict by the header's column names)."""
    rule = _event(rules, fields["CAMEO Code"])
    actors = (
        _icews_state(rules, fields["Source Name"], fields["Source Sectors"], fields["Source Country"]),
        _icews_state(rules, fields["Target Name"], fields["Target Sectors"], fields["Target Country"]),
    )
    date = _iso(fields["Event Date"])
    story = fields["Story ID"]
    source = fields["Publisher"] or "ICEWS"
    article = (Dataset.ICEWS, f"story:{story}", date, f"ICEWS story {story}", source, None)
    row = interaction_row(
        Dataset.ICEWS, fields["Event ID"], date, actors, rule,
        _score(fields["Intensity"], rule.event_type.default_score),
        _article_id(Dataset.ICEWS, None, article[1]), story_id=story or None,
    )  # fmt: skip
    return row, article


def _plover_state(rules: Rules, actor: dict) -> str:
    code = str(actor.get("code") or "").strip().upper()
    sector = str(actor.get("sector") or "").strip().upper() or code[3:6]
    return _cameo_state(rules, code, code[:3], sector)


def plover(record: dict, rules: Rules) -> Mapped:
    """A PLOVER/POLECAT record (one JSON object)."""
    event = str(record.get("event") or "").strip().upper()
    rule = rules.plover_events.get(event)
    if rule is None:
        raise Skip("unknown PLOVER event")
    if rule.event_type is None:
        raise Skip("header record (DOCUMENT), not an event")
    sources, targets = record.get("source") or [], record.get("target") or []
    if sources and targets:
        pair, direction = (sources[0], targets[0]), Direction.DIRECTED
    elif len(sources) >= 2:
        pair, direction = (sources[0], sources[1]), Direction.MUTUAL
    else:
        raise Skip("actor missing")
    actors = (_plover_state(rules, pair[0]), _plover_state(rules, pair[1]))
    contexts = [c.strip().lower() for c in str(record.get("context") or "").split(",")]
    themes = themes_text(";".join(rules.plover_contexts.get(c, "") for c in contexts))
    if themes:
        rule = EventRule(rule.event_type, themes)
    date = _iso(str(record.get("date") or ""))
    publication = str(record.get("publication") or "").strip() or "PLOVER"
    key = f"{publication}|{date}"
    article = (Dataset.PLOVER, key, date, f"PLOVER records of {date} ({publication})", publication, None)
    row = interaction_row(
        Dataset.PLOVER, str(record.get("id") or ""), date, actors, rule, rule.event_type.default_score,
        _article_id(Dataset.PLOVER, None, key), direction=direction.value,
        evidence=str(record.get("text") or "").strip() or None,
    )  # fmt: skip
    if not row["source_row_id"]:
        raise Skip("record without an id")
    return row, article


MAPPERS: dict[str, Callable] = {"gdelt": gdelt, "icews": icews, "plover": plover}
