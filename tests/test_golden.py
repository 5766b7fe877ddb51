"""Same results as before the data layer: figures' data, stats and exported files on data/, filter by filter.

tests/golden/before_data_layer.json was made by tests/golden/make_golden.py on the pandas-era code
(commit ce2eb53), which loaded every row into pandas; today the database counts. Both must agree.
"""

import csv
import io
import json

import networkx as nx
import pytest
from golden_compare import decoded, differences, figure_differences, key_events_without, load_golden

from bilateral import charts, export
from bilateral.analysis import summary
from bilateral.charts.network import separated
from bilateral.filters import filter_from_query
from bilateral.registry import load_actors

GOLDEN = load_golden()


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def cases():
    for name, entry in GOLDEN.items():
        for key in entry["figures"]:
            yield name, key


@pytest.mark.parametrize(("name", "key"), list(cases()))
def test_figure_data_as_before(curated_mirror, actors, name, key):
    entry = GOLDEN[name]
    golden = entry["figures"][key]
    flt, _ = filter_from_query(entry["query"])
    options = {k: tuple(v) if isinstance(v, list) else v for k, v in golden["options"].items()}
    spec = json.loads(
        charts.build_figure(key.split("/")[0], curated_mirror, flt, actors=actors, **options).to_json()
    )
    network = key.startswith("network")
    whole = not network or (
        _in_one_part(curated_mirror, flt, options, actors) and not _markers_overlapped(golden)
    )
    golden, spec, problems = key_events_without(golden, spec, _commentary(curated_mirror))
    assert problems == []
    assert figure_differences(golden, spec, any_trace_order=network, positions=whole) == []


def _commentary(db) -> set[str]:
    """The ids of the commentary records: key events leave them out since the snapshot."""
    rows = db.cursor().execute("SELECT id FROM rows WHERE modality = 'commentary'").fetchall()
    return {row[0] for row in rows}


def test_the_snapshot_drew_commentary_as_key_events_and_today_does_not(curated_mirror, actors):
    commentary = _commentary(curated_mirror)
    golden = GOLDEN["all"]["figures"]["timeline/0"]
    drawn = lambda figure: {p[1] for t in decoded(figure["data"]) if t.get("name") == "Key events"  # noqa: E731
                            for p in t["customdata"]}  # fmt: skip
    assert drawn(golden) & commentary  # what the rule above takes out was there
    spec = json.loads(charts.build_figure("timeline", curated_mirror, filter_from_query({})[0], actors=actors,
                                          **golden["options"]).to_json())  # fmt: skip
    assert not drawn(spec) & commentary


def _markers_overlapped(golden: dict) -> bool:
    """Whether the snapshot drew two actors' markers over each other: they are pushed apart now."""
    nodes = next(t for t in decoded(golden["data"]) if t.get("mode") == "markers+text")
    positions = dict(zip(nodes["text"], zip(nodes["x"], nodes["y"], strict=True), strict=True))
    return separated(positions, nodes["text"], nodes["marker"]["size"]) != positions


def _in_one_part(db, flt, options: dict, actors) -> bool:
    """Whether the network is one connected part: laid out as before (several parts are packed now)."""
    if options.get("ego"):
        return True
    graph = charts.network_graph(db, flt, options.get("rollup", True), actors)
    return graph.number_of_nodes() == 0 or nx.is_connected(graph)


def test_only_the_networks_of_several_parts_leave_their_positions_unchecked(curated_mirror, actors):
    several = set()
    for name, key in cases():
        if key.startswith("network"):
            flt, _ = filter_from_query(GOLDEN[name]["query"])
            if not _in_one_part(curated_mirror, flt, GOLDEN[name]["figures"][key]["options"], actors):
                several.add((name, key))
    assert several == {  # the HUAWEI-MTS pair, and leaders apart from their states (rollup off)
        ("all", "network/0"), ("all", "network/1"), ("chn_rus_2014", "network/1"),
        ("energy", "network/1"), ("usa_material_conflict", "network/1"),
    }  # fmt: skip


def test_only_one_network_in_one_part_drew_markers_over_each_other(curated_mirror, actors):
    overlapped = set()
    for name, key in cases():
        figure = GOLDEN[name]["figures"][key]
        if key.startswith("network") and _markers_overlapped(figure):
            flt, _ = filter_from_query(GOLDEN[name]["query"])
            if _in_one_part(curated_mirror, flt, figure["options"], actors):
                overlapped.add((name, key))
    assert overlapped == {("military_scores", "network/1")}  # leaders apart from states: two touched


@pytest.mark.parametrize("name", list(GOLDEN))
def test_stats_and_exports_as_before(curated_mirror, name):
    entry = GOLDEN[name]
    flt, _ = filter_from_query(entry["query"])
    assert differences(entry["stats"], summary.summary_stats(curated_mirror, flt)) == []
    assert _without_provenance_csv(export.records_csv(curated_mirror, flt).decode("utf-8")) == entry["csv"]
    assert _comparable(export.records_jsonl(curated_mirror, flt)) == _comparable(
        entry["jsonl"].encode("utf-8")
    )


NEW_FIELDS = (
    "source_checked",
    "publisher",
    "dataset",
)  # declared since the snapshot: in today's exports only
# Field data (issue 10) added provenance columns: every curated row says dataset "curated" and has no source
# row; the rest of each row must be as before.
PROVENANCE = (
    "dataset", "source_row_id", "source_url", "num_mentions", "num_sources", "num_articles", "story_id",
)  # fmt: skip


def _without_provenance_csv(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    keep = [i for i, name in enumerate(rows[0]) if name not in PROVENANCE]
    assert all(row[i] in ("curated", "") for row in rows[1:] for i in range(len(row)) if i not in keep)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[row[i] for i in keep] for row in rows])
    return ("\ufeff" if text.startswith("\ufeff") else "") + out.getvalue()


def _comparable(jsonl: bytes) -> list[dict]:
    """JSONL records without the seeding time (it differs by run) and without the fields added since."""
    lines = [json.loads(line) for line in jsonl.decode("utf-8").splitlines()]
    return [{k: v for k, v in line.items() if k not in ("added_at", *NEW_FIELDS)} for line in lines]
