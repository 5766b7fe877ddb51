"""Snapshot figures' data, stats and exports from the pre-data-layer code (commit ce2eb53)."""

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ["BILATERAL_DB"] = str(Path(tempfile.mkdtemp()) / "g.sqlite3")
from bilateral import charts, export, store
from bilateral.filters import filter_from_query
from bilateral.registry import load_actors
from bilateral.stats import summary_stats

FILTERS = {
    "all": {},
    "energy": {"theme": ["energy"]},
    "chn_rus_2014": {"dyad": ["CHN-RUS"], "from": "2014-01-01"},
    "usa_material_conflict": {"actor": ["USA"], "quad": ["4"]},
    "text_gas": {"text": "gas"},
    "military_scores": {
        "theme": ["military", "security"],
        "min_score": "-5",
        "max_score": "8",
        "to": "2022-12-31",
    },
}
OPTIONS = {
    "timeline": [{}, {"period": "month"}, {"period": "week"}],
    "cooperation": [
        {},
        {"period": "quarter", "window": 2},
        {"include_commentary": True, "dyads": ("CHN-RUS", "RUS-USA")},
    ],
    "net": [{}],
    "heatmap": [{}, {"include_commentary": True}],
    "quad_mix": [{}],
    "theme_mix": [{}],
    "network": [{}, {"rollup": False}, {"ego": "CHN"}],
}
conn = store.connect()
actors = load_actors()
out = {}
for name, params in FILTERS.items():
    flt, notes = filter_from_query(params)
    assert not notes, notes
    inter, arts = store.load_filtered(conn, flt)
    entry = {"stats": summary_stats(inter, arts), "figures": {}}
    for fig_name, variants in OPTIONS.items():
        for i, opts in enumerate(variants):
            fig = charts.build_figure(fig_name, inter, flt, actors=actors, **opts)
            spec = json.loads(fig.to_json())
            entry["figures"][f"{fig_name}/{i}"] = {
                "options": {k: list(v) if isinstance(v, tuple) else v for k, v in opts.items()},
                "data": spec["data"],
                "title": spec["layout"].get("title", {}).get("text"),
            }
    entry["csv"] = export.records_csv(inter).decode("utf-8")
    entry["jsonl"] = export.records_jsonl(inter, arts).decode("utf-8")
    out[name] = {"query": params, **entry}
Path(sys.argv[1]).write_text(json.dumps(out, sort_keys=True, ensure_ascii=False, default=str))
print({k: v["stats"]["interactions"] for k, v in out.items()})
