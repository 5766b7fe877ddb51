"""What a click on a chart selects, as an SQL condition on the mirror's rows.

A chart point carries customdata saying what it stands for: ["period", start, theme, dyad] (a bar or a
line point), ["record", id, ...] (a key event), ["theme", theme] (a theme bar), ["node", code, ...] and
["edge", a, b, ...] (the network). Anything else is ignored.
"""

from __future__ import annotations

import pandas as pd

from bilateral.analysis.periods import Period
from bilateral.filters import theme_mask


def selection_condition(
    picked: list[list], period: Period | str = Period.YEAR, rollup: bool = True
) -> tuple[str, list] | None:
    """The OR of the picked points' conditions, or None when nothing usable was picked."""
    one, two = ("state1", "state2") if rollup else ("actor1", "actor2")
    clauses, params = [], []
    for item in picked:
        kind = item[0] if item else None
        if kind == "period" and len(item) >= 4:
            parts = [f"date_trunc('{Period(period).value}', date) = CAST(? AS DATE)"]
            values: list = [pd.Timestamp(item[1]).date()]
            if item[2]:
                parts.append("(theme_mask & ?) != 0")
                values.append(theme_mask([item[2]]))
            if item[3]:
                parts.append("dyad = ?")
                values.append(item[3])
            clauses.append(" AND ".join(parts))
            params += values
        elif kind == "record" and len(item) >= 2:
            clauses.append("id = ?")
            params.append(item[1])
        elif kind == "theme" and len(item) >= 2:
            clauses.append("(theme_mask & ?) != 0")
            params.append(theme_mask([item[1]]))
        elif kind == "node" and len(item) >= 2:
            clauses.append(f"({one} = ? OR {two} = ?)")
            params += [item[1], item[1]]
        elif kind == "edge" and len(item) >= 3:
            clauses.append(f"(({one} = ? AND {two} = ?) OR ({one} = ? AND {two} = ?))")
            params += [item[1], item[2], item[2], item[1]]
    if not clauses:
        return None
    return "(" + " OR ".join(f"({c})" for c in clauses) + ")", params
