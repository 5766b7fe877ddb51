"""Compare today's figures, stats and exports on data/ with the snapshot the pandas-era code made."""

from __future__ import annotations

import base64
import json
import math
from pathlib import Path

import numpy as np

GOLDEN = Path(__file__).resolve().parent / "golden" / "before_data_layer.json"


def load_golden() -> dict:
    """The snapshot: per named filter, its query, stats, figures' data and exports."""
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def decoded(value):
    """JSON with plotly's typed arrays ({"dtype", "bdata"}) turned into plain lists."""
    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"}:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
            if "shape" in value:
                array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
            return array.tolist()
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        if len(value) >= 3 and value[0] == "edge":  # an undirected tie: its two ends in either order
            return ["edge", *sorted(value[1:3]), *value[3:]]
        return [decoded(v) for v in value]
    return value


def _point_arrays(value, prefix: str, n: int) -> list[str]:
    """Dotted paths of the per-point arrays (lists of length n) in a trace."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _point_arrays(v, f"{prefix}{k}.", n)]
    return [prefix[:-1]] if isinstance(value, list) and len(value) == n else []


def _canonical_trace(trace: dict) -> dict:
    """A trace with its points in a canonical order: ties in date may come out in any order."""
    x = trace.get("x")
    if not isinstance(x, list) or len(x) < 2:
        return trace
    keys = _point_arrays(trace, "", len(x))
    columns = [_get(trace, k) for k in keys]
    points = sorted(zip(*columns, strict=True), key=lambda p: json.dumps(p, sort_keys=True, default=str))
    out = json.loads(json.dumps(trace))
    for i, key in enumerate(keys):
        _set(out, key, [p[i] for p in points])
    return out


def _get(d: dict, dotted: str):
    for part in dotted.split("."):
        if not isinstance(d, dict) or part not in d:
            return None
        d = d[part]
    return d


def _set(d: dict, dotted: str, value) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        d = d[part]
    d[parts[-1]] = value


def differences(before, after, path: str = "", rel: float = 1e-9) -> list[str]:
    """Where two JSON values differ (numbers within a relative tolerance)."""
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for key in sorted(set(before) | set(after)):
            if key not in after or key not in before:
                out.append(f"{path}.{key}: only in {'before' if key in before else 'after'}")
            else:
                out += differences(before[key], after[key], f"{path}.{key}", rel)
        return out
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return [f"{path}: length {len(before)} != {len(after)}"]
        out = []
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            out += differences(b, a, f"{path}[{i}]", rel)
        return out
    if isinstance(before, int | float) and isinstance(after, int | float) and not isinstance(before, bool):
        if math.isclose(before, after, rel_tol=rel, abs_tol=1e-9) or (
            math.isnan(before) and math.isnan(after)
        ):
            return []
    elif before == after:
        return []
    return [f"{path}: {str(before)[:80]!r} != {str(after)[:80]!r}"]


PLACEMENT = (
    "textposition",  # where a name sits by its point: drawing, not data (network names no longer overprint)
    "mode",  # lines, markers or both: drawing (the net chart now marks its points: a lone one showed none)
    "legendgroup",  # how the legend groups, titles and orders its entries: the Timeline's key events were
    "legendgrouptitle",  # listed under the title "Theme"; they now have a group of their own after the
    "legendrank",  # themes (the entries' names are still compared)
)


def _without(trace: dict, keys: tuple[str, ...]) -> dict:
    return {k: v for k, v in trace.items() if k not in keys}


CELL_LABELS = ("text", "texttemplate", "textfont")  # a heatmap's printed means: drawing, its z is compared
# (cells are labelled only up to charts.figures.LABELLED_COLUMNS columns: over 25 the labels ran together)
MARKER_SHAPE = ("symbol", "size")  # a line's markers: circle, square, diamond... so series that run together
# (and a report printed in grey) tell their dyads apart; a bubble's size is compared where it varies (a list)
POSITIONS = ("x", "y")  # where a network draws its actors and ties: layout, not data, when parts moved


def figure_differences(
    golden_figure: dict, spec: dict, any_trace_order: bool = False, positions: bool = True
) -> list[str]:
    """Differences between a snapshot figure and today's figure JSON (data and title).

    any_trace_order: compare the traces as a set (the network draws one trace per tie, in the graph's
    edge order, which for an ego view follows a Python set and so may differ between runs).
    positions: compare the points' coordinates too (False for a network of several parts, which are now
    packed beneath the largest; everything else of its traces is still compared).
    """
    left_out = PLACEMENT if positions else (*PLACEMENT, *POSITIONS)

    def compared(trace: dict) -> dict:
        cut = (*left_out, *CELL_LABELS) if trace.get("type") == "heatmap" else left_out
        kept = _without(trace, cut)
        marker = kept.pop("marker", None)
        if isinstance(marker, dict):  # a series' marker shape: drawing (the net chart's dyads)
            marker = {k: v for k, v in marker.items() if k not in MARKER_SHAPE or isinstance(v, (list, dict))}
        if marker:
            kept["marker"] = marker
        return _canonical_trace(kept)

    before = [compared(t) for t in decoded(golden_figure["data"])]
    after = [compared(t) for t in decoded(spec["data"])]
    if any_trace_order:
        before, after = (
            sorted(side, key=lambda t: json.dumps(t, sort_keys=True)) for side in (before, after)
        )
    title = spec["layout"].get("title", {}).get("text")
    return differences(before, after, "data") + (
        [] if title == golden_figure["title"] else [f"title {title!r}"]
    )


def key_events_without(golden_figure: dict, spec: dict, left_out: set[str]) -> tuple[dict, dict, list[str]]:
    """The snapshot's and today's figures with the key events the snapshot drew for `left_out` records
    taken out of it, and the ones that took their places out of today's; and what breaks the rule.

    Why: key events leave commentary out since the snapshot (an opinion piece's claim marked a day on
    which nothing happened). The rule: every other key event as before, and only weaker ones, no more
    than were left out, in their places (the next strongest under the same limit)."""
    before, after = json.loads(json.dumps(decoded(golden_figure["data"]))), decoded(spec["data"])
    problems: list[str] = []
    for i, trace in enumerate(before):
        if trace.get("name") != "Key events" or i >= len(after):
            continue
        ids = [point[1] for point in trace["customdata"]]
        dropped = [j for j, record in enumerate(ids) if record in left_out]
        kept_y = [abs(trace["y"][j]) for j in range(len(ids)) if j not in dropped]
        _keep_points(trace, [j for j in range(len(ids)) if j not in dropped])
        now = after[i]
        newcomers = [j for j, point in enumerate(now["customdata"]) if point[1] not in set(ids)]
        if len(newcomers) > len(dropped):
            problems.append(f"data[{i}]: {len(newcomers)} new key events for {len(dropped)} left out")
        if kept_y and any(abs(now["y"][j]) > min(kept_y) for j in newcomers):
            problems.append(f"data[{i}]: a new key event stronger than the weakest kept")
        _keep_points(now, [j for j in range(len(now["customdata"])) if j not in newcomers])
    return {**golden_figure, "data": before}, {**spec, "data": after}, problems


def _keep_points(trace: dict, keep: list[int]) -> None:
    for key in _point_arrays(trace, "", len(trace["x"])):
        values = _get(trace, key)
        _set(trace, key, [values[j] for j in keep])
