"""Export: real bytes of every format (signatures, sizes, text, pixels), inert formulas, graph round trips."""

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import tempfile
import tracemalloc

import networkx as nx
import numpy as np
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from export_data import HOSTILE_TITLE, synthetic_db
from PIL import Image

from bilateral import charts, export
from bilateral.analysis import article_queries, open_mirror, queries, row_queries
from bilateral.analysis.frames import frame_db
from bilateral.export import Caption, ExportError
from bilateral.export import tables as export_tables
from bilateral.filters import Filter
from bilateral.model import Modality, Theme

needs_browser = pytest.mark.skipif(
    not export.browser_available(), reason="no Chromium: apt-get install chromium"
)
CAPTION = Caption(n_records=24, filters="Energy · CHN-RUS", made=dt.date(2030, 1, 2))


ALL = Filter()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The synthetic store's mirror (in memory)."""
    return open_mirror(synthetic_db(tmp_path_factory.mktemp("db") / "export.sqlite3"), in_memory=True)


def bar_figure() -> go.Figure:
    return go.Figure(
        go.Bar(x=["Energy", "Military"], y=[3, 5], marker_color="#1f77b4"),
        layout={
            "template": "plotly_white",
            "title": "Synthetic interactions by theme",
            "width": 800,
            "height": 450,
        },
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+7", "'+7"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert export.safe_cell(value) == expected


def test_csv_keeps_a_formula_title_inert(db):
    text = export.records_csv(db, ALL).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ',"=HYPERLINK' not in text and ",=HYPERLINK" not in text


def test_xlsx_has_three_sheets_and_inert_formulas(db):
    made = dt.datetime(2030, 1, 2, 9, 30, tzinfo=dt.UTC)
    flt = Filter(themes=(Theme.ENERGY,), dyads=("CHN-RUS",))
    data = export.records_xlsx(db, flt, made=made)
    assert data[:2] == b"PK"
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Records", "Articles", "About"]
    assert book["Records"].max_row == queries.count(db, flt) + 1
    assert book["Articles"].max_row == len(article_queries.articles_behind(db, flt)) + 1
    cells = [c for sheet in ("Records", "Articles") for row in book[sheet].iter_rows() for c in row]
    hostile = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert hostile and all(c.data_type == "s" and c.value == "'" + HOSTILE_TITLE for c in hostile)
    assert not [c for c in cells if c.data_type == "f"]
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Filters"] == "Energy · CHN-RUS"
    assert about["Exported"].startswith("2030-01-02 09:30")


@pytest.mark.parametrize("order", list(row_queries.RECORD_ORDERS))
def test_record_files_follow_the_order_asked_for(db, order):
    """The Records page's order goes into its CSV, JSONL and XLSX (the files were always oldest first)."""
    expected = row_queries.records_page(db, ALL, 10_000, order=order)["id"].tolist()
    rows = list(csv.DictReader(io.StringIO(export.records_csv(db, ALL, order).decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == expected
    lines = [json.loads(line) for line in export.records_jsonl(db, ALL, order).splitlines()]
    assert [r["id"] for r in lines if "event_type" in r] == expected
    book = openpyxl.load_workbook(io.BytesIO(export.records_xlsx(db, ALL, order=order)))
    header = [c.value for c in book["Records"][1]]
    ids = [row[header.index("id")] for row in book["Records"].iter_rows(min_row=2, values_only=True)]
    assert ids == expected


def test_a_cut_xlsx_keeps_the_first_records_of_the_order_and_says_so(db, monkeypatch):
    monkeypatch.setattr(export_tables, "XLSX_MAX_ROWS", 5)
    book = openpyxl.load_workbook(io.BytesIO(export.records_xlsx(db, ALL, order="tension")))
    header = [c.value for c in book["Records"][1]]
    scores = [row[header.index("score")] for row in book["Records"].iter_rows(min_row=2, values_only=True)]
    lowest = row_queries.records_page(db, ALL, 5, order="tension")["score"].tolist()
    assert scores == lowest and scores == sorted(scores)
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Interactions"].endswith("(the first 5 here, most tension first)")
    assert about["Order"] == "Most tension first"
    default = openpyxl.load_workbook(io.BytesIO(export.records_xlsx(db, ALL)))
    about = {row[0]: row[1] for row in default["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Interactions"].endswith("(the newest 5 here)") and "Order" not in about
    behind = article_queries.articles_behind(db, ALL)
    assert about["Articles"] == f"{len(behind)} (the newest 5 here)"
    header = [c.value for c in default["Articles"][1]]
    ids = [row[header.index("id")] for row in default["Articles"].iter_rows(min_row=2, values_only=True)]
    assert ids == behind["id"].tolist()[-5:]


def _xlsx_peak(rows) -> int:
    """Peak Python memory (bytes) of writing the XLSX of these rows to a file."""
    target = frame_db(rows)
    tracemalloc.start()
    try:
        with tempfile.TemporaryFile() as handle:
            assert export.write_records_xlsx(target, ALL, handle) == len(rows)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_xlsx_is_written_a_chunk_at_a_time(db, monkeypatch):
    """Three times the records, about the same peak memory: the workbook streams its rows (built whole,
    a 1M-row export passed 12 GB). Measured by tracemalloc, with chunks of one DuckDB vector (2,048 rows)."""
    monkeypatch.setattr(export_tables, "EXPORT_CHUNK", 2048)
    base = row_queries.records_page(db, ALL, 10_000)
    one = pd.concat([base.assign(id=base["id"] + f"-{k}") for k in range(175)], ignore_index=True)
    three = pd.concat([base.assign(id=base["id"] + f"-{k}") for k in range(525)], ignore_index=True)
    assert len(one) >= 2 * 2048 and len(three) == 3 * len(one)
    small, large = _xlsx_peak(one), _xlsx_peak(three)
    assert large < 1.5 * small, (small, large)


def test_xlsx_survives_control_characters(db):
    dirty = row_queries.records_page(db, ALL, 100).assign(evidence="bell\x07 and null\x00 removed")
    book = openpyxl.load_workbook(io.BytesIO(export.records_xlsx(frame_db(dirty), ALL)))
    assert book["Records"]["L2"].value == "bell and null removed"


def test_xlsx_about_names_each_dataset_when_field_data_is_exported(db):
    """Curated records alone say so; with GDELT rows the About sheet names both, with counts, and says
    which are machine-coded (it said 'Bilateral curated dataset' over GDELT rows)."""
    rows = row_queries.records_page(db, ALL, 100)
    mixed = rows.assign(dataset=["gdelt" if n < 5 else "curated" for n in range(len(rows))])

    def about(frame):
        book = openpyxl.load_workbook(io.BytesIO(export.records_xlsx(frame_db(frame), ALL)))
        return {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}

    assert about(rows)["Data source"] == "Bilateral curated dataset"
    assert about(mixed)["Data source"] == (
        f"Curated Bilateral records ({len(rows) - 5} interactions) and machine-coded GDELT (5 interactions)"
    )
    assert export.data_source_text({"gdelt": 1}) == "Machine-coded GDELT (1 interaction)"


def test_graph_files_load_back_with_the_same_nodes_and_edges():
    graph = nx.Graph()
    graph.add_edge("CHN", "RUS", count=np.int64(5), mean_score=np.float64(3.5), themes=("energy", "trade"))
    graph.add_edge("USA", "CHN", count=2, mean_score=float("nan"), note=None)
    graph.add_node("RUS", name="Russia", pos=(0.1, 0.2), community=np.int32(1))
    for writer, reader in ((export.graph_graphml, nx.read_graphml), (export.graph_gexf, nx.read_gexf)):
        back = reader(io.BytesIO(writer(graph)))
        assert set(back.nodes) == set(graph.nodes)
        assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
        assert back.edges["CHN", "RUS"]["count"] == 5
        assert back.edges["CHN", "RUS"]["themes"] == "energy;trade"
        assert back.nodes["RUS"]["name"] == "Russia"


def test_actor_graph_of_the_records_round_trips(db):
    from bilateral.charts import network_data

    graph, _ = network_data(db, ALL)
    back = nx.read_graphml(io.BytesIO(export.graph_graphml(graph)))
    assert set(back.nodes) == set(graph.nodes) and back.number_of_edges() == graph.number_of_edges()


def test_caption_names_source_records_filters_and_date():
    text = export.caption_text(CAPTION)
    for part in ("Bilateral curated dataset", "24 records", "Energy · CHN-RUS", "2030-01-02"):
        assert part in text


def test_with_caption_adds_an_annotation_and_leaves_the_input_alone():
    fig = bar_figure()
    captioned = export.with_caption(fig, CAPTION)
    assert not fig.layout.annotations
    assert "24 records" in captioned.layout.annotations[-1].text
    assert captioned.layout.margin.b > 80
    grown = captioned.layout.margin.b - export.captions.DEFAULT_MARGIN_BOTTOM
    assert captioned.layout.height == fig.layout.height + grown  # the plot keeps its size


def test_html_is_one_offline_file_with_the_caption():
    page = export.chart_bytes(bar_figure(), "html", CAPTION, title="Synthetic").decode()
    assert (
        page.startswith("<html")
        or page.lstrip().lower().startswith("<!doctype html")
        or "<html" in page[:200]
    )
    assert "<script src=" not in page and "cdn.plot.ly/plotly" not in page
    assert "24 records" in page and "Synthetic interactions by theme" in page
    assert len(page) > 1_000_000  # plotly.js itself is inlined


def test_unknown_format_is_a_named_error():
    with pytest.raises(ExportError, match="choose one of"):
        export.chart_image(bar_figure(), "gif")


def test_missing_browser_says_how_to_enable_export(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert not export.browser_available()
    with pytest.raises(ExportError, match="apt-get install chromium"):
        export.chart_image(bar_figure(), "png")


def test_a_program_that_is_not_a_browser_fails_at_once(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'not a browser'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    with pytest.raises(ExportError, match="is not a working Chrome/Chromium"):
        export.chart_image(bar_figure(), "svg")


@needs_browser
def test_png_is_2x_and_not_black():
    data = export.chart_bytes(bar_figure(), "png", CAPTION)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(data)).convert("RGB")
    height = export.with_caption(bar_figure(), CAPTION).layout.height
    assert image.size == (1600, 2 * height) and height > 450
    pixels = np.asarray(image, dtype=float)
    assert pixels.mean() > 200  # mostly white paper, not a black box
    blue = (pixels[..., 2] > 150) & (pixels[..., 0] < 80)
    assert blue.mean() > 0.02  # the bars are drawn in colour


@needs_browser
def test_svg_holds_the_chart_text_and_caption():
    data = export.chart_bytes(bar_figure(), "svg", CAPTION)
    text = data.decode()
    assert text.startswith("<svg") and "Synthetic interactions by theme" in text
    assert 'width="800"' in text[:300]  # vector: natural size, not the PNG's 2x
    assert "24 records" in text and "Energy" in text


@needs_browser
def test_pdf_signature():
    data = export.chart_bytes(bar_figure(), "pdf", CAPTION)
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]


@needs_browser
def test_figures_under_streamlits_template_do_not_export_black():
    """Runs in a child process: `import streamlit` changes plotly's default template process-wide."""
    code = (
        "import io, numpy as np, streamlit, plotly.graph_objects as go, plotly.express as px\n"
        "from PIL import Image\n"
        "from bilateral import export\n"
        "png = export.chart_image(go.Figure(go.Bar(x=['a'], y=[1])), 'png')\n"
        "assert np.asarray(Image.open(io.BytesIO(png)).convert('RGB')).mean() > 200\n"
        "try:\n"
        "    export.chart_image(px.bar(x=['a'], y=[1]), 'png')\n"
        "except export.ExportError as error:\n"
        "    assert 'explicit template' in str(error)\n"
        "else:\n"
        "    raise SystemExit('px figure under the streamlit template was not refused')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr


def test_xlsx_filters_come_from_filter_describe(db):
    flt = Filter(themes=(Theme.ENERGY,), dyads=("CHN-RUS",))
    words = flt.describe()
    book = openpyxl.load_workbook(io.BytesIO(export.records_xlsx(db, flt)))
    assert any(words == row[1] for row in book["About"].iter_rows(values_only=True))


@needs_browser
@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_an_exported_long_title_stays_inside_the_image(db, page, fmt):
    """A filter of three themes, four dyads, two modalities and dates ran past a 1000 px export's edge
    (plotly never wraps a title): the export puts it in a subtitle, and every line of it ends inside."""
    flt = Filter(
        themes=(Theme.ENERGY, Theme.MILITARY, Theme.SUPPLY_CHAIN),
        dyads=("CHN-RUS", "CHN-USA", "RUS-USA", "RUS-UKR"),
        modalities=(Modality.FACT, Modality.REPORTED),
        date_from=dt.date(2014, 1, 1),
        date_to=dt.date(2024, 12, 31),
    )
    fig = charts.build_figure("timeline", db, flt)
    assert len(fig.layout.title.text) > 140  # the filter is long
    data = export.chart_bytes(fig, fmt, CAPTION)
    if fmt == "svg":
        page.set_content(f"<body style='margin:0'>{data.decode()}</body>")
    else:
        page.set_content(data.decode())
        page.wait_for_selector(".gtitle")
    edges = page.evaluate(
        """() => {
            const svg = document.querySelector('svg.main-svg');
            const right = svg.getBoundingClientRect().right;
            return [...document.querySelectorAll('.gtitle, .gtitle-subtitle')]
                .map(t => [t.textContent, t.getBoundingClientRect().right, right]);
        }"""
    )
    assert len(edges) == 2, edges  # the subject, and the filter under it
    assert all(end <= right - 8 for _, end, right in edges), edges
    assert edges[0][0] == "Interactions per month by theme"
    assert "CHN-RUS" in edges[1][0] and "Supply chain" in edges[1][0]


def test_a_limited_file_holds_the_first_records_and_only_their_articles(db):
    """The app's files stop at export.APP_FILE_ROWS: the first records in the page's order, and in JSONL
    and XLSX the articles behind those records only (so the JSONL still imports whole)."""
    first = row_queries.records_page(db, ALL, 3, order="tension")
    lines = [json.loads(line) for line in export.records_jsonl(db, ALL, "tension", limit=3).splitlines()]
    assert [r["id"] for r in lines if "event_type" in r] == first["id"].tolist()
    assert {r["id"] for r in lines if "event_type" not in r} == set(first["article_id"])
    rows = list(
        csv.DictReader(io.StringIO(export.records_csv(db, ALL, "tension", limit=3).decode("utf-8-sig")))
    )
    assert [r["id"] for r in rows] == first["id"].tolist()
    book = openpyxl.load_workbook(io.BytesIO(export.records_xlsx(db, ALL, order="tension", limit=3)))
    header = [c.value for c in book["Articles"][1]]
    articles = [row[header.index("id")] for row in book["Articles"].iter_rows(min_row=2, values_only=True)]
    assert sorted(articles) == sorted(set(first["article_id"]))
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Interactions"] == f"{queries.count(db, ALL)} (the first 3 here, most tension first)"
    assert about["Articles"] == len(articles)
