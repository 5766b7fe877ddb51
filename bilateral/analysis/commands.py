"""`python -m bilateral watch`: what moved, for a daily or weekly digest (cron); registered by the CLI."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math

from bilateral import store
from bilateral.analysis import mirror_session
from bilateral.analysis.watch import WatchSettings, move_evidence, moves, theme_label
from bilateral.errors import FilterError
from bilateral.filters import add_filter_arguments, filter_from_cli
from bilateral.store.notes import list_notes
from bilateral.wording import count_noun


def register(subparsers) -> None:
    """Add the `watch` command to the CLI."""
    p = subparsers.add_parser(
        "watch", help="flagged moves of the last four weeks against each dyad's baseline"
    )
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="replay a past moment (default: the latest week)")
    p.add_argument(
        "--threshold", type=_above_zero(float), default=2.0, help="z-score beyond which a move is flagged (2)"
    )
    p.add_argument(
        "--min-volume", type=_above_zero(int), default=3, help="events needed before anything is flagged (3)"
    )
    p.add_argument("--all", action="store_true", help="list the largest moves even when none is flagged")
    p.add_argument("--limit", type=_above_zero(int), default=10, help="at most this many moves (10)")
    p.add_argument("--json", action="store_true", help="one JSON object")
    add_filter_arguments(p)
    p.set_defaults(func=cmd_watch)


def _above_zero(kind):
    """An argparse type: a number of `kind` above zero. Why: '--threshold -1' said that nothing moved
    beyond -1 σ, and '--limit 0' listed nothing, where a typo deserves its name."""

    def parse(value: str):
        try:
            number = kind(value)
        except ValueError:
            number = None
        if number is None or not number > 0:
            raise argparse.ArgumentTypeError(
                f"{value!r} is not a {'whole ' if kind is int else ''}number above 0"
            )
        return number

    return parse


def _as_of(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise FilterError(f"--as-of {value!r} is not a date YYYY-MM-DD") from error


def _number(value) -> float | None:
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 3)
    )


def _week_end(move) -> dt.date:
    """The last day of a move's four weeks (its last week starts on `as_of_week`)."""
    return (move.as_of_week + dt.timedelta(days=6)).date()


def _nothing_moved(found, threshold: float, filters: str) -> str:
    """The line for a watch with no flagged move: which four weeks were looked at, and how to see the
    largest moves anyway (an analyst replaying a quiet month otherwise saw one bare sentence)."""
    if found.empty:
        return f"Nothing moved beyond {threshold:g} σ ({filters}): no records in the weeks looked at."
    first = found.iloc[0]
    start, end = first.recent_start.date(), _week_end(first)
    return (
        f"Nothing moved beyond {threshold:g} σ from {start} to {end} ({filters}); "
        "--all lists the largest moves."
    )


def cmd_watch(args) -> int:
    """Print the flagged moves (or, with --all, the largest), each with its strongest records and notes."""
    flt, as_of = filter_from_cli(args), _as_of(args.as_of)
    settings = WatchSettings(threshold=args.threshold, min_volume=args.min_volume)
    db = store.connect()
    with mirror_session(db) as mirror:
        found = moves(mirror, flt, as_of, settings, None, one_per_pair=False)
        shown = found if args.all else found.loc[found["flagged"]]
        shown = shown.head(args.limit)
        evidence = {i: move_evidence(mirror, flt, row) for i, row in shown.iterrows()}
    items = []
    for i, row in shown.iterrows():
        scope_notes = list_notes(
            db.engine,
            row.recent_start.date(),
            _week_end(row),
            dyads=(row.pair,),
        )
        items.append(
            {
                "dyad": row.pair,
                "theme": row.theme,
                "direction": row.direction,
                "size": _number(row["size"]),
                "flagged": bool(row.flagged),
                "recent_start": row.recent_start.date().isoformat(),
                "as_of_week": row.as_of_week.date().isoformat(),
                "recent_end": _week_end(row).isoformat(),
                "events_recent": int(row.recent_count),
                "per_week_recent": _number(row.volume_recent),
                "per_week_baseline": _number(row.volume_base),
                "volume_z": _number(row.volume_z),
                "net_index_recent": _number(row.net_recent),
                "net_index_baseline": _number(row.net_base),
                "net_index_z": _number(row.net_z),
                "evidence": [
                    {
                        "date": f"{e.date:%Y-%m-%d}",
                        "actors": f"{e.actor1} → {e.actor2}",
                        "event_type": e.event_type,
                        "score": float(e.score),
                        "title": e.title,
                        "source": e.source,
                        "url": e.url or None,
                    }
                    for e in evidence[i].itertuples()
                ],
                "notes": [
                    {"date": n.date_from, "to": n.date_to, "author": n.author, "text": n.text}
                    for n in scope_notes
                ],
            }
        )
    if args.json:
        print(
            json.dumps(
                {"filters": flt.describe(), "threshold": args.threshold, "moves": items},
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    if not items:
        print(_nothing_moved(found, args.threshold, flt.describe()))
        return 0
    print(f"What moved, {items[0]['recent_start']} to {items[0]['recent_end']} ({flt.describe()}):")
    for item in items:
        mark, theme = "⚑" if item["flagged"] else " ", theme_label(item["theme"])
        events = count_noun(item["events_recent"], "event")
        print(
            f"{mark} {item['dyad']} · {theme}: {item['direction']}, {item['size']:.1f} σ "
            f"({events} in 4 weeks, {item['per_week_baseline']:.2f}/week before)"
        )
        for e in item["evidence"]:
            print(
                f"    {e['date']} {e['actors']} {e['event_type']} {e['score']:+.1f} · "
                f"{e['title']} ({e['source']})"
            )
        for n in item["notes"]:
            print(f"    note {n['date']} by {n['author']}: {n['text']}")
    return 0
