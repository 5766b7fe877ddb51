"""The download buttons and the Report page under AppTest (the bytes themselves: test_export, test_report)."""

import datetime as dt

import pytest
from export_data import synthetic_db
from streamlit.testing.v1 import AppTest

from bilateral.filters import Filter
from bilateral.model import Theme
from ui.downloads import NO_BROWSER_NOTE, file_name


def chart_buttons_script():
    import plotly.graph_objects as go

    from bilateral.filters import Filter
    from ui.downloads import chart_downloads, data_downloads, graph_downloads

    fig = go.Figure(go.Bar(x=["a"], y=[1]), layout={"template": "plotly_white"})
    chart_downloads(fig, name="timeline", flt=Filter(), n_records=1, key="timeline")
    import networkx as nx

    data_downloads(Filter(), key="records", order="newest")
    graph_downloads(nx.path_graph(3), Filter(), key="network")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "pages.sqlite3"
    synthetic_db(path).engine.dispose()
    monkeypatch.setenv("BILATERAL_DB", str(path))
    return path


def keys(at) -> set[str]:
    return {button.key for button in at.get("download_button")}


def test_file_names_say_what_for_which_filter_and_when():
    today = dt.date.today().isoformat()
    assert file_name("timeline", Filter(), "png") == f"bilateral-timeline-{today}.png"
    named = file_name("report", Filter(themes=(Theme.ENERGY,), dyads=("CHN-RUS",)), "pdf")
    assert named == f"bilateral-report-energy-chn-rus-{today}.pdf"


def test_every_format_has_a_button(monkeypatch, db):
    monkeypatch.setenv("BROWSER_PATH", "/bin/sh")  # any executable: only its presence is checked here
    at = AppTest.from_function(chart_buttons_script).run()
    assert not at.exception
    chart = {f"download_timeline_{fmt}" for fmt in ("png", "svg", "pdf", "html")}
    data = {"download_records_csv", "download_records_xlsx", "download_records_jsonl"}
    graph = {"download_network_graphml", "download_network_gexf"}
    assert chart | data | graph <= keys(at)


def test_without_a_browser_html_remains_and_one_line_says_how(monkeypatch, db):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = AppTest.from_function(chart_buttons_script).run()
    assert not at.exception
    assert "download_timeline_html" in keys(at) and "download_timeline_png" not in keys(at)
    assert NO_BROWSER_NOTE in [c.value for c in at.caption]


def test_report_page_offers_one_button(db):
    at = AppTest.from_file("../pages/report.py", default_timeout=60).run()
    assert not at.exception
    assert "report_download" in keys(at)
    assert any("interactions from" in c.value for c in at.caption)


def test_report_page_with_nothing_matching_says_so(db):
    at = AppTest.from_file("../pages/report.py", default_timeout=60)
    at.query_params["text"] = "nothing matches this"
    at.run()
    assert not at.exception
    assert at.info and "report_download" not in keys(at)


def test_over_the_app_file_limit_the_page_says_so_and_gives_the_command(monkeypatch, db):
    """A filter matching more than export.APP_FILE_ROWS records: the buttons stay, a caption says what the
    files hold, and the command that writes every record (in the page's order, with the filter) is shown."""
    from bilateral import export

    monkeypatch.setattr(export, "APP_FILE_ROWS", 5)
    at = AppTest.from_function(chart_buttons_script).run()
    assert not at.exception and "download_records_csv" in keys(at)
    said = [c.value for c in at.caption if c.value.startswith("Files made here hold the first 5 of the ")]
    assert said and "matching records (newest first). For every record, run:" in said[0]
    assert [c.value for c in at.code] == ["python -m bilateral export-data -o records.csv --order newest"]
    monkeypatch.setattr(export, "APP_FILE_ROWS", 1_000_000)
    at = AppTest.from_function(chart_buttons_script).run()
    assert not at.code and not any(c.value.startswith("Files made here") for c in at.caption)
