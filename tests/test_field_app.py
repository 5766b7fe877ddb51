"""Field data in the app: the Dataset filter, per-dataset counts, distinct marks, the "do they agree?" view,
the records table without evidence, exports and the report naming each row's dataset."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bilateral import charts, export, store
from bilateral.analysis import article_queries, dataset_queries, open_mirror, queries, row_queries, summary
from bilateral.cli import main
from bilateral.filters import filter_from_query
from bilateral.importers.field import import_field_files
from bilateral.model import Dataset
from bilateral.page_steps import PAGES
from bilateral.report import key_event_table
from bilateral.tables import NO_EVIDENCE, record_table

SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"
GDELT, ICEWS = SAMPLES / "gdelt1_events_dev.tsv", SAMPLES / "icews_events_dev.tab"
TIMEOUT = 60

pytestmark = pytest.mark.skipif(not GDELT.exists(), reason="needs ../shared/samples beside the repository")


@pytest.fixture(scope="module")
def field_db(tmp_path_factory):
    """Curated records (seeded from data/) plus the GDELT and ICEWS samples, in a database of its own."""
    path = tmp_path_factory.mktemp("field") / "field.sqlite3"
    db = store.connect(str(path))
    import_field_files(db.engine, [GDELT, ICEWS])
    return path


@pytest.fixture(scope="module")
def mirror(field_db):
    return open_mirror(store.connect(str(field_db), seed=False), in_memory=True)


@pytest.fixture
def app_env(field_db, monkeypatch):
    monkeypatch.setenv("BILATERAL_DB", str(field_db))
    return field_db


def flt(**query):
    return filter_from_query(query)[0]


def run_page(page: str, **query) -> tuple[AppTest, list[dict]]:
    """The page run with these URL parameters (checked for errors), and its charts' specs."""
    at = AppTest.from_file(f"../pages/{page}.py", default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at, [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_dataset_filter_selects_rows_of_one_dataset(mirror):
    assert queries.count(mirror, flt(dataset="gdelt")) == 6
    assert queries.count(mirror, flt(dataset=["gdelt", "icews"])) == 6 + 97
    curated = queries.count(mirror, flt(dataset="curated"))
    assert curated >= 577 and queries.count(mirror, flt()) == curated + 6 + 97
    assert flt(dataset="gdelt").to_query() == {"dataset": ["gdelt"]}
    assert flt(dataset="gdelt").describe() == "GDELT"


def test_review_status_tells_curated_records_from_machine_coded_ones(mirror):
    """The field rows' source articles are `machine`: "Reviewed only" is the curated set, not GDELT's."""
    curated = queries.count(mirror, flt(dataset="curated"))
    assert queries.count(mirror, flt(status="reviewed")) == curated
    assert queries.count(mirror, flt(status="machine")) == 6 + 97
    assert flt(status="machine").describe() == "machine-coded only"


def test_dataset_summary_counts_and_date_ranges(mirror):
    summary = dataset_queries.dataset_summary(mirror, flt()).set_index("dataset")
    assert summary.loc["gdelt", "interactions"] == 6 and summary.loc["icews", "interactions"] == 97
    assert f"{summary.loc['gdelt', 'first']:%Y-%m-%d}" == "2016-07-27"
    assert f"{summary.loc['icews', 'last']:%Y-%m-%d}" == "2018-06-01"


def test_agreement_figure_draws_each_dataset_distinctly(mirror):
    fig = charts.build_figure("agreement", mirror, flt(), dyads=("CHN-USA",), period="year")
    traces = {t.meta: t for t in fig.data}
    assert set(traces) == {"curated", "gdelt", "icews"}
    assert traces["curated"].line.dash == "solid" and traces["gdelt"].line.dash == "dash"
    assert traces["curated"].name == "Curated" and traces["gdelt"].name == "GDELT (imported, machine-coded)"
    assert all(-1 <= y <= 1 for t in fig.data for y in t.y if y == y)
    assert "Do they agree? Net cooperation index of" in fig.layout.title.text  # the index, not the net score


def test_compared_dyads_are_those_two_datasets_cover_best_covered_first(mirror):
    found = dataset_queries.compared_dyads(mirror, flt())
    assert all(len(datasets) > 1 for datasets in found["datasets"])
    assert list(found["fewest"]) == sorted(found["fewest"], reverse=True)
    chn_usa = found.set_index("dyad").loc["CHN-USA"]
    assert chn_usa["datasets"] == ["curated", "gdelt", "icews"]  # the vocabulary's order
    assert "CHN-RUS" not in set(found["dyad"])  # curated records only in these samples
    also = dataset_queries.compared_dyads(mirror, flt(), also=("CHN-RUS",)).set_index("dyad")
    assert also.loc["CHN-RUS", "datasets"] == ["curated"] and also.index[-1] == "CHN-RUS"
    assert (
        set(dataset_queries.compared_dyads(mirror, flt(dataset="gdelt"))["dyad"]) == set()
    )  # one dataset kept


def test_agreement_figure_names_the_datasets_without_rows_of_its_dyad(mirror):
    """A dyad of curated records only: its one line keeps its legend, and a note says what is missing."""
    fig = charts.build_figure("agreement", mirror, flt(), dyads=("CHN-RUS",), period="year")
    assert [t.meta for t in fig.data] == ["curated"] and fig.layout.showlegend is True
    (note,) = [a.text for a in fig.layout.annotations]
    missing = "No scored GDELT or ICEWS rows for CHN-RUS under this filter"
    assert note == f"{missing}: one dataset only, nothing to compare."
    covered = charts.build_figure("agreement", mirror, flt(), dyads=("CHN-USA",), period="year")
    assert not covered.layout.annotations and covered.layout.showlegend is True
    only_icews = charts.build_figure(
        "agreement", mirror, flt(dataset=["curated", "icews"]), dyads=("PRK-USA",), period="year"
    )
    assert not only_icews.layout.annotations  # GDELT is not under the filter: nothing is missing


def test_records_without_evidence_say_so_and_link_the_source(mirror):
    rows = row_queries.records_page(mirror, flt(dataset="gdelt"), 10)
    table = record_table(rows)
    assert set(table["evidence"]) == {NO_EVIDENCE} and set(table["dataset"]) == {"GDELT"}
    assert table["url"].str.startswith("http").all()


def test_exports_and_report_name_each_rows_dataset(mirror):
    text = export.records_csv(mirror, flt(dataset=["gdelt", "curated"], dyad="CHN-USA")).decode("utf-8")
    header, *lines = text.lstrip("\ufeff").splitlines()
    assert "dataset" in header.split(",") and any(",gdelt," in line for line in lines)
    records = [json.loads(line) for line in export.records_jsonl(mirror, flt(dataset="gdelt")).splitlines()]
    assert {r["dataset"] for r in records if "event_type" in r} == {"gdelt"}
    events = key_event_table(queries.key_events(mirror, flt(dyad="CHN-USA")), _sources(mirror))
    assert {"Curated", "GDELT", "ICEWS"} >= set(events["Dataset"]) and "Dataset" in events.columns


def chart_caption_script():
    import streamlit as st

    from bilateral import export
    from bilateral.filters import filter_from_query
    from ui.downloads import chart_caption

    for query, n in (({"dyad": "CHN-USA"}, 12), ({"dyad": "CHN-USA", "dataset": "curated"}, 3)):
        st.text(export.caption_text(chart_caption(filter_from_query(query)[0], n)))


def test_chart_files_name_the_datasets_behind_their_rows(app_env, mirror, tmp_path):
    """A chart downloaded from a page, or written by the CLI, says which datasets its rows come from (it said
    'Bilateral curated dataset' over GDELT and ICEWS rows); curated rows alone still say so."""
    at = AppTest.from_function(chart_caption_script, default_timeout=TIMEOUT).run()
    assert not at.exception
    mixed, curated = (t.value for t in at.text)
    counts = dataset_queries.dataset_counts(mirror, flt(dyad="CHN-USA"))
    assert set(counts) == {"curated", "gdelt", "icews"}
    assert f"machine-coded GDELT ({counts['gdelt']} interaction" in mixed and "Curated Bilateral" in mixed
    assert "machine-coded ICEWS" in mixed and "· 12 records ·" in mixed
    assert curated.startswith("Source: Bilateral curated dataset · 3 records")
    out = tmp_path / "chart.html"
    assert main(["chart", "timeline", "--dyad", "CHN-USA", "--format", "html", "-o", str(out)]) == 0
    assert "machine-coded GDELT" in out.read_text(encoding="utf-8")


def _sources(mirror):
    from bilateral.report import source_list

    return source_list(article_queries.articles_behind(mirror, flt(dyad="CHN-USA")))


def test_cli_stats_filters_by_dataset(app_env, capsys):
    assert main(["stats", "--json", "--dataset", "icews"]) == 0
    assert json.loads(capsys.readouterr().out)["interactions"] == 97


def test_overview_shows_counts_per_dataset(app_env):
    at = AppTest.from_file("../pages/overview.py", default_timeout=TIMEOUT).run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert {"Curated", "GDELT", "ICEWS"} <= set(labels)


@pytest.mark.parametrize(
    ("dataset", "line"),
    [
        (
            "icews",
            "No evidence sentence (ICEWS, machine-coded) and no link: find the report by outlet and date.",
        ),
        ("gdelt", "No evidence sentence (GDELT, machine-coded): open the source."),
    ],
)
def test_latest_cards_say_where_to_read_a_row_without_evidence(app_env, dataset, line):
    """An ICEWS row has no link: its card says so once, instead of "open the source" above "No link"."""
    at, _ = run_page("overview", dataset=dataset)
    captions = [c.value for c in at.caption]
    assert line in captions
    assert not any(c.startswith("No link") for c in captions)
    assert len(at.get("link_button")) == (dataset == "gdelt") * len([c for c in captions if c == line])


def test_cooperation_page_overlays_curated_and_gdelt(app_env):
    at, specs = run_page("cooperation", dyad="CHN-USA")
    agreement = next(s for s in specs if "Do they agree?" in s["layout"]["title"]["text"])
    assert {t["meta"] for t in agreement["data"]} >= {"curated", "gdelt"}
    assert at.multiselect(key="filter_dataset") is not None


def test_agreement_menu_offers_the_dyads_two_datasets_cover_first_and_says_which(app_env):
    """Under a filter of dyads of curated records only, the view opens on a dyad the imported data covers
    too, and the menu names each dyad's datasets."""
    at, specs = run_page("cooperation", dyad=["CHN-RUS", "CHN-USA"])
    menu = at.selectbox(key="agreement_dyad")
    assert menu.value == "CHN-USA"  # of the page's dyads, the one two datasets cover
    labels = list(menu.options)  # as the menu shows them
    assert labels[0] == "CHN-USA · Curated, GDELT, ICEWS" and labels[-1] == "CHN-RUS · Curated only"
    agreement = next(s for s in specs if "Do they agree?" in s["layout"]["title"]["text"])
    assert {t["meta"] for t in agreement["data"]} == {"curated", "gdelt", "icews"}
    at.selectbox(key="agreement_dyad").select("CHN-RUS").run()
    agreement = [json.loads(c.proto.spec) for c in at.get("plotly_chart")][-1]
    assert "No scored GDELT or ICEWS rows for CHN-RUS" in agreement["layout"]["annotations"][0]["text"]


def test_the_benchmarks_cooperation_steps_draw_the_dyad_the_page_opens_on(mirror):
    """page_steps runs what the page runs: the agreement chart of the first dyad of its menu."""
    done = {}
    for step in PAGES["cooperation"]:
        done[step.name] = step.run(mirror, flt(dyad=["CHN-RUS", "CHN-USA"]), done)
    assert "of CHN-USA by dataset" in done["agreement figure"].layout.title.text


def test_records_table_shows_the_dataset_beside_the_date_when_several_are_loaded(app_env):
    """It came last, after the wide evidence column, out of sight at 1100 px."""
    at, _ = run_page("records")
    order = list(at.dataframe(key="records_table").proto.column_order)
    assert order[:3] == ["date", "dataset", "dyad"] and "id" not in order


def test_overview_dataset_cards_give_one_date_for_a_dataset_of_one_day(app_env):
    """The ICEWS sample is all of 1 June 2018: its card read "2018-06-01 – 2018-06-01"."""
    at, _ = run_page("overview")
    captions = [c.value for c in at.caption]
    assert "2018-06-01" in captions and "2016-07-27 – 2016-07-28" in captions
    assert not any(c == "2018-06-01 – 2018-06-01" for c in captions)
    cards = {m.label: m.proto.help for m in at.metric}
    assert cards["ICEWS"] == "2018-06-01" and cards["GDELT"] == "2016-07-27 to 2016-07-28"


def test_cooperation_page_says_why_there_is_no_overlay_under_one_dataset(app_env):
    """The store holds three datasets; a filter keeping GDELT only gets a line saying how to compare."""
    at, specs = run_page("cooperation", dataset="gdelt")
    assert not any("Do they agree?" in s["layout"]["title"]["text"] for s in specs)
    assert any("the filter keeps GDELT only" in c.value for c in at.caption)


def test_the_sidebar_offers_the_datasets_loaded(app_env, mirror):
    """The Dataset box lists what the store holds (no PLOVER here), in the vocabulary's order."""
    assert summary.loaded_datasets(mirror) == [Dataset.CURATED, Dataset.GDELT, Dataset.ICEWS]
    assert summary.choices(mirror)["dataset"] == summary.loaded_datasets(mirror)
    at, _ = run_page("overview")
    assert [str(o) for o in at.multiselect(key="filter_dataset").options] == ["Curated", "GDELT", "ICEWS"]


def test_the_cooperation_page_asks_for_datasets_only_when_several_are_loaded(mirror, tmp_path):
    """A store of curated records only skips the per-dataset count the agreement view needs."""
    curated_only = open_mirror(store.connect(str(tmp_path / "curated.sqlite3")), in_memory=True)
    assert summary.loaded_datasets(curated_only) == [Dataset.CURATED]
    steps = {s.name: s for s in PAGES["cooperation"]}
    assert steps["datasets"].run(curated_only, flt(), {}) is None
    assert list(steps["datasets"].run(mirror, flt(), {})["dataset"]) == ["curated", "icews", "gdelt"]


def test_timeline_marks_the_imported_part_of_its_bars_only_when_rows_are_mixed(mirror):
    from bilateral.charts.figures import IMPORTED_LABEL

    def imported_trace(fig):
        return [t for t in fig.data if t.name == IMPORTED_LABEL]

    mixed = charts.build_figure("timeline", mirror, flt(), period="year")
    (line,) = imported_trace(mixed)
    field_only = charts.build_figure("timeline", mirror, flt(dataset=["gdelt", "icews"]), period="year")
    field_bars = sum(sum(t.y) for t in field_only.data if t.type == "bar")
    assert sum(line.y) == field_bars > 0  # the line is the field rows' part of the same bars
    assert line.line.dash == "dot" and line.customdata[0][0] == "period"
    assert not imported_trace(field_only)
    assert not imported_trace(charts.build_figure("timeline", mirror, flt(dataset="curated"), period="year"))


def _network_parts(fig):
    from bilateral.charts.style import IMPORTED_TIES_LABEL

    handles = next(t for t in fig.data if t.name == "Ties")
    dashed = [t for t in fig.data if t.line and t.line.dash == "dash" and t.name != IMPORTED_TIES_LABEL]
    return handles, dashed, [t for t in fig.data if t.name == IMPORTED_TIES_LABEL]


def test_network_dashes_ties_resting_mostly_on_imported_rows_only_when_rows_are_mixed(mirror):
    edges = queries.edge_table(mirror, flt()).set_index(["source", "target"])
    assert edges.loc[("PRK", "USA"), ["count", "imported"]].tolist() == [32, 27]  # the GDELT/ICEWS rows
    assert edges.loc[("CHN", "USA"), ["count", "imported"]].tolist() == [86, 8]
    handles, dashed, key = _network_parts(charts.build_figure("network", mirror, flt()))
    assert len(dashed) == int((2 * edges["imported"] > edges["count"]).sum()) > 0
    assert len(key) == 1 and key[0].line.dash == "dash"
    ties = {frozenset(row[1:3]): (row[3], row[5]) for row in handles.customdata}  # (count, imported)
    assert ties[frozenset({"PRK", "USA"})] == (32, 27) and ties[frozenset({"CHN", "USA"})] == (86, 8)
    assert "Interactions: %{customdata[3]}, %{customdata[5]} of them imported (field data)" in (
        handles.hovertemplate
    )
    for only in ("curated", ["gdelt", "icews"]):  # one kind of rows: nothing to draw apart
        handles, dashed, key = _network_parts(charts.build_figure("network", mirror, flt(dataset=only)))
        assert not dashed and not key and "imported" not in handles.hovertemplate
        assert {len(row) for row in handles.customdata} == {5}


def test_network_page_says_what_the_dashed_ties_are(app_env):
    at = AppTest.from_file("../pages/network.py", default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("Dashed lines: ties resting mostly on imported" in c.value for c in at.caption)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any(t.get("name", "").startswith("Ties mostly imported") for t in spec["data"])
    at.query_params["dataset"] = "curated"
    at.run()
    assert not at.exception and not any("Dashed lines" in c.value for c in at.caption)
