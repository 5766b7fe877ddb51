"""The mirror's derived columns, in SQL: the roll-up to states, dyads, the theme bit mask, the search text.

Why SQL: the mirror computes them while DuckDB inserts a batch read from the store, so no value passes
through pandas (the old load built and enriched a pandas frame per 50,000 rows). `enrich` runs the same SQL
over interactions given in memory (test data), so there is one declaration of each derived column.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

from bilateral.filters import theme_mask
from bilateral.model import Modality

# The text filter searches lower-cased text made once at load: each row's evidence (`rows.search`), and
# each article's title and summary joined by a unit separator, which no typed needle holds
# (`articles.search`). Why apart: title and summary are an article's, the same for each of its rows; kept
# with every row they made the text scanned nearly three times as long (10M rows: 0.46 -> 0.27 s a search).
SEARCH_SQL = "lower(coalesce(evidence, ''))"
ARTICLE_SEARCH_SQL = "lower(concat_ws(chr(31), coalesce(title, ''), coalesce(summary, '')))"
# Commentary stays out of scores unless asked for: a flag made at load, since comparing each row's modality
# text cost every scored query ~2.5 ms at 1M rows (a boolean column: ~0.5 ms).
COMMENTARY_SQL = f"coalesce(modality = '{Modality.COMMENTARY.value}', false)"
# Columns made by the mirror itself from a table's other columns, wherever rows come in (load or frame).
# Each article's number in the mirror (from a sequence; a rewritten article takes a new one) and each row's
# copy of its article's: a distinct count of small integers is a bit string (queries.ARTICLES_COUNTED),
# where one of article ids hashed every row's text id (1M rows, a dyad's headline: 15 -> 9 ms). The mirror
# and a frame write a batch's articles before its rows.
ARTICLE_NUMBER_SQL = "nextval('article_numbers')"
ROW_ARTICLE_NUMBER_SQL = "(SELECT a.no FROM articles AS a WHERE a.id = article_id)"
MADE = {
    "rows": {"search": SEARCH_SQL, "commentary": COMMENTARY_SQL, "article_no": ROW_ARTICLE_NUMBER_SQL},
    "articles": {"search": ARTICLE_SEARCH_SQL, "no": ARTICLE_NUMBER_SQL},
}
# Made only for the mirror's own queries (the text filter's scan, the article count): no frame a page, an
# export or a report gets holds them.
INTERNAL = {"rows": ("search", "article_no"), "articles": ("search", "no")}


def whole(table: str) -> str:
    """What a query asking for whole records of a mirror table selects: every column but INTERNAL's.

    Why: fetching a few rows scattered over the table decompresses each column's blocks around them; the
    lower-cased evidence was a fifth of fetching the 40 key events at 1M."""
    return f"* EXCLUDE ({', '.join(INTERNAL[table])})"


WHOLE_ROW, WHOLE_ARTICLE = whole("rows"), whole("articles")


def _state(n: int) -> str:
    return f"coalesce(r{n}.state, i.actor{n})"


def _dyad(first: str, second: str) -> str:
    return f"least({first}, {second}) || '-' || greatest({first}, {second})"


# How a mirror column is made from a row read from the store (`i`), the actor registry's roll-up (`rollup`
# as r1 and r2: leaders and state bodies to their state) and the theme sets' bit masks (`theme_masks` as m).
# Columns not named here are copied.
ROW_SQL = {
    "date": "CAST(i.date AS DATE)",
    "state1": _state(1),
    "state2": _state(2),
    "dyad": _dyad(_state(1), _state(2)),  # of the states, codes sorted
    "dyad_raw": _dyad("i.actor1", "i.actor2"),  # of the codes as coded
    "themes": "coalesce(i.themes, '')",
    "theme_mask": "m.mask",
    "verbatim": "CAST(i.verbatim AS BOOLEAN)",
    **MADE["rows"],
}
ROW_JOINS = (
    " LEFT JOIN rollup r1 ON r1.code = i.actor1 LEFT JOIN rollup r2 ON r2.code = i.actor2"
    " LEFT JOIN theme_masks m ON m.themes = coalesce(i.themes, '')"
)
ARTICLE_SQL = {
    "date": "TRY_CAST(i.date AS DATE)",
    "verbatim": "CAST(i.verbatim AS BOOLEAN)",
    **MADE["articles"],
}


def rollup_table(rollup: dict[str, str]) -> pa.Table:
    """The registry's roll-up (code -> state) as the `rollup` of ROW_JOINS."""
    codes, states = list(rollup), list(rollup.values())
    return pa.table({"code": pa.array(codes, pa.string()), "state": pa.array(states, pa.string())})


def masks_table(themes, masks: dict[str, int]) -> pa.Table:
    """The `theme_masks` of ROW_JOINS: the ';'-joined theme sets in `themes` (NULL as '') are added to
    `masks` (each computed once, by filters.theme_mask, which refuses an unknown theme); all are returned."""
    for key in {t or "" for t in themes} - masks.keys():
        masks[key] = theme_mask(t for t in key.split(";") if t)
    keys, values = list(masks), list(masks.values())
    return pa.table({"themes": pa.array(keys, pa.string()), "mask": pa.array(values, pa.int64())})


def enrich(frame: pd.DataFrame, rollup: dict[str, str]) -> pd.DataFrame:
    """Interactions given in memory, shaped like the mirror's rows: dates as dates, themes as text, and the
    derived state1, state2, dyad, dyad_raw and theme_mask made by ROW_SQL."""
    out = frame.copy()
    out["date"] = pd.to_datetime(out["date"])
    out["themes"] = out["themes"].fillna("").astype(str)
    out["verbatim"] = out["verbatim"].astype(bool) if "verbatim" in out else False
    derived = ["state1", "state2", "dyad", "dyad_raw", "theme_mask"]
    given = pd.DataFrame({"n": range(len(out)), **{c: out[c] for c in ("actor1", "actor2", "themes")}})
    with duckdb.connect(":memory:") as con:
        con.register("incoming", given)
        con.register("rollup", rollup_table(rollup))
        con.register("theme_masks", masks_table(out["themes"], {}))
        values = ", ".join(f"{ROW_SQL[c]} AS {c}" for c in derived)
        made = con.execute(f"SELECT {values} FROM incoming i{ROW_JOINS} ORDER BY i.n").df()
    for column in derived:
        out[column] = made[column].to_numpy()
    out["theme_mask"] = out["theme_mask"].astype("int64")
    return out
