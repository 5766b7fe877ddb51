"""The report and the report/chart CLI: real PDF text (pypdf), one offline HTML file, sources complete."""

import datetime as dt
import html
import io
from pathlib import Path

import plotly.graph_objects as go
import pytest
from export_data import CYRILLIC_TITLE, HOSTILE_TITLE, synthetic_db
from helpers import run_cli
from pypdf import PdfReader

from bilateral import charts, export, store
from bilateral.analysis import article_queries, open_mirror, queries, row_queries
from bilateral.analysis.frames import frame_db
from bilateral.filters import Filter
from bilateral.model import Modality, Theme
from bilateral.report import build_report
from bilateral.report.html import report_html
from bilateral.report.pdf import report_pdf

ROOT = Path(__file__).resolve().parent.parent
needs_browser = pytest.mark.skipif(
    not export.browser_available(), reason="no Chromium: apt-get install chromium"
)
ENERGY = Filter(themes=(Theme.ENERGY,))


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.sqlite3"
    synthetic_db(path).engine.dispose()
    return path


@pytest.fixture(scope="module")
def db(db_path):
    """The synthetic store's mirror, in memory (the CLI tests open the file's own)."""
    return open_mirror(store.connect(str(db_path), seed=False), in_memory=True)


@pytest.fixture(scope="module")
def energy_report(db):
    return build_report(db, ENERGY)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_sources_are_every_article_behind_the_interactions_numbered(energy_report, db):
    sources = energy_report.sources
    assert set(sources["id"]) == set(row_queries.records_page(db, ENERGY, 1000)["article_id"])
    assert list(sources["number"]) == list(range(1, len(sources) + 1))
    cited = {int(s.strip("[]")) for s in energy_report.key_events["Source"]}
    assert cited <= set(sources["number"])


def test_headline_numbers_and_main_charts(energy_report):
    headline = dict(energy_report.headline)
    assert headline["Articles"] == str(len(energy_report.sources))
    assert [name for name, _ in energy_report.figures] == ["timeline", "cooperation", "network"]
    for _, fig in energy_report.figures:
        assert "Filters: Energy" in fig.layout.annotations[-1].text


def test_a_one_dyad_report_leaves_out_the_two_dot_network(db):
    """Rolled up, a one-dyad filter's network is two actors and one tie: no chart for it."""
    dyad = Filter(dyads=("CHN-RUS",))
    assert charts.network_graph(db, dyad).number_of_nodes() == 2
    assert [name for name, _ in build_report(db, dyad).figures] == ["timeline", "cooperation"]


def test_html_report_is_one_offline_file(energy_report):
    page = report_html(energy_report).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script src=" not in page and "cdn.plot.ly/plotly" not in page
    assert page.count("chart-timeline") >= 1 and "chart-network" in page and "chart-cooperation" in page
    assert "<b>Filters:</b> Energy" in page
    assert "&lt;" not in energy_report.filters and "https://example.org/story/" in page
    assert page.count("<li value=") == len(energy_report.sources)


@needs_browser
def test_pdf_report_has_selectable_filters_charts_and_sources(energy_report):
    data = report_pdf(energy_report)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = pdf_text(data)
    assert "Filters: Energy" in text and "Headline numbers" in text and "Key events" in text
    assert f"Sources ({len(energy_report.sources)})" in text
    for row in energy_report.sources.itertuples():
        assert f"[{row.number}]" in text and row.url in text.replace("\n", "")
    images = sum(len(page.images) for page in reader.pages)
    assert images == 3  # timeline, cooperation, network


@needs_browser
def test_pdf_prints_hostile_and_cyrillic_titles_as_text(db):
    text = pdf_text(report_pdf(build_report(db, Filter(), figures={})))
    assert HOSTILE_TITLE in text
    assert CYRILLIC_TITLE.split(":")[0] in text


def test_report_of_nothing_still_builds(db):
    flt = Filter(text="no such words anywhere")
    report = build_report(db, flt)
    assert report.sources.empty and report.key_events.empty
    nothing = "No events match the filters (commentary is not listed as an event)."
    assert nothing in report_html(report).decode()
    assert report_pdf(build_report(db, flt, figures={})).startswith(b"%PDF-")


def test_key_events_leave_the_opinion_piece_out_unless_asked(curated_mirror):
    """The seed article's claims (commentary, dated by the piece) are not events of 9 February 2024."""
    month = {"dyads": ("CHN-RUS",), "date_from": dt.date(2024, 2, 1), "date_to": dt.date(2024, 2, 29)}
    report = build_report(curated_mirror, Filter(**month), figures={})
    assert "2024-02-09" not in report.key_events["Date"].tolist()
    assert "is left out unless the filter's modality names it" in html.unescape(report_html(report).decode())
    asked = build_report(curated_mirror, Filter(**month, modalities=(Modality.COMMENTARY,)), figures={})
    assert asked.key_events["Date"].tolist() == ["2024-02-09", "2024-02-09"]
    # each key event says what happened: its article's title, beside the source's number
    assert set(asked.key_events["Title"]) == {"China-Russia Ties: A Strategic Alliance in the Making"}
    columns = ["Date", "Actors", "Event", "Score", "Title", "Dataset", "Source"]
    assert list(report.key_events.columns) == columns


@needs_browser
@pytest.mark.parametrize("name", ["timeline", "cooperation", "network", "heatmap"])
def test_every_chart_exports_in_every_format(name, db):
    fig = charts.build_figure(name, db, Filter())
    caption = export.Caption.now(queries.count(db, Filter()), "All records")
    signatures = {"png": b"\x89PNG", "svg": b"<svg", "pdf": b"%PDF-", "html": b"<html"}
    for fmt, signature in signatures.items():
        data = export.chart_bytes(fig, fmt, caption)
        assert signature in data[:200], (name, fmt)
        if fmt in ("svg", "html"):
            assert b"Bilateral curated dataset" in data and b"24 records" in data


@needs_browser
def test_cli_chart_svg_names_its_filters(db_path, tmp_path):
    out = tmp_path / "out.svg"
    result = run_cli(
        "chart",
        "cooperation",
        "--dyad",
        "CHN-RUS",
        "--dyad",
        "USA-CHN",
        "--format",
        "svg",
        "-o",
        str(out),
        db=db_path,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert text.startswith("<svg") and "Cooperation vs tension" in text
    assert "Filters: CHN-RUS, CHN-USA" in text


@needs_browser
def test_cli_report_pdf_names_its_filters_and_lists_sources(db_path, tmp_path):
    out = tmp_path / "report.pdf"
    result = run_cli("report", "--theme", "energy", "--format", "pdf", "-o", str(out), db=db_path)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "Filters: Energy" in text and "Sources (" in text and "https://example.org/story/" in text


def test_cli_report_html_from_the_suffix(db_path, tmp_path):
    out = tmp_path / "report.html"
    result = run_cli("report", "--dyad", "CHN-RUS", "-o", str(out), db=db_path)
    assert result.returncode == 0, result.stderr
    assert "<b>Filters:</b> CHN-RUS" in out.read_text()


def test_cli_chart_with_no_matching_records_fails_with_a_message(db_path, tmp_path):
    result = run_cli(
        "chart", "timeline", "--text", "nothing matches this", "-o", str(tmp_path / "x.png"), db=db_path
    )
    assert result.returncode == 1
    assert "no interactions match the filters" in result.stderr and not (tmp_path / "x.png").exists()


def test_curated_report_lists_confirmed_links_and_says_where_there_is_none(tmp_path):
    """On data/: the PDF's numbered references carry each confirmed link, and say where there is none."""
    db = tmp_path / "curated.sqlite3"
    out = tmp_path / "cyber.pdf"
    result = run_cli(
        "report",
        "--theme",
        "cyber",
        "--from",
        "2014-05-19",
        "--to",
        "2016-12-31",
        "--format",
        "pdf",
        "-o",
        str(out),
        db=db,
    )
    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "https://www.upi.com/Top_News/World-News/2014/05/19/" in "".join(text.split())
    assert "No link: find it by outlet and date" in " ".join(text.split())
    assert "page published by Lincoln Daily News" in " ".join(text.split())


def test_a_long_source_list_is_cut_with_the_key_events_sources_kept(db, monkeypatch):
    from bilateral import report as report_module

    monkeypatch.setattr(report_module, "SOURCE_LIMIT", 5)
    monkeypatch.setattr(report_module, "KEY_EVENT_LIMIT", 2)
    built = report_module.build_report(db, Filter(), figures={})
    total = article_queries.article_count(db, Filter())
    assert total > 5 and built.sources_total == total
    cited = {int(s.strip("[]")) for s in built.key_events["Source"]}
    assert "?" not in "".join(built.key_events["Source"]) and cited <= set(built.sources["number"])
    assert len(built.sources) <= 5 + len(built.key_events)
    assert built.sources_heading == f"Sources ({len(built.sources):,} of {total:,})"
    assert dict(built.headline)["Articles"] == f"{total:,}"
    html = report_html(built).decode("utf-8")
    assert built.sources_heading in html and "the data export (CSV, XLSX, JSONL)" in html


def test_the_page_says_the_source_list_is_cut_when_the_articles_are_more_than_it_lists():
    from bilateral.report import SOURCE_LIMIT, contents_text

    whole = contents_text(SOURCE_LIMIT)
    assert whole.endswith("a numbered list of every source (outlet, title, date, link).")
    cut = contents_text(333_551)
    assert "every source" not in cut
    assert f"a numbered list of {SOURCE_LIMIT:,} of the 333,551 sources" in cut
    assert "the data export names the source of every record" in cut


def test_the_report_names_the_datasets_its_records_come_from(db, energy_report):
    """Curated records alone: 'Bilateral curated dataset'; with GDELT rows, each dataset with its count,
    in the report's header and in every chart's caption (it said 'curated' over GDELT rows)."""
    assert energy_report.data_source == "Bilateral curated dataset"
    rows = row_queries.records_page(db, ENERGY, 100)
    mixed = frame_db(rows.assign(dataset=["gdelt"] * 3 + ["curated"] * (len(rows) - 3)))
    report = build_report(mixed, ENERGY, figures={"bar": go.Figure(go.Bar(x=[1], y=[1]))})
    said = f"Curated Bilateral records ({len(rows) - 3} interactions)"
    said += " and machine-coded GDELT (3 interactions)"
    assert report.data_source == said
    assert f"Data: {said}" in report_html(report).decode("utf-8")
    assert said in " ".join(a.text for a in report.figures[0][1].layout.annotations)


@needs_browser
def test_the_pdf_charts_heading_is_on_the_page_of_the_first_chart(curated_mirror):
    """On data/ with Energy and CHN-RUS the first chart did not fit under the heading: "Charts" stood
    alone at the foot of page 1 above half a page of white, the charts beginning on page 2."""
    built = build_report(curated_mirror, Filter(themes=(Theme.ENERGY,), dyads=("CHN-RUS",)))
    pages = PdfReader(io.BytesIO(report_pdf(built))).pages
    (heading,) = [p for p in pages if "Charts" in p.extract_text().splitlines()]
    assert heading.images


SECTION_HEADINGS = ("Headline numbers", "What changed", "Analysts' notes", "Charts", "Key events", "Sources")


def _body_lines(page) -> list[str]:
    """A PDF page's lines of text without its footer (the report's title and the page number)."""
    lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
    return [line for line in lines if not line.startswith(("Bilateral report ·", "page "))]


@needs_browser
@pytest.mark.parametrize("flt", [ENERGY, Filter()], ids=["energy", "all"])
def test_no_pdf_page_ends_on_a_heading_or_holds_a_line_alone(curated_mirror, flt):
    """On data/ with Energy, "Analysts' notes (0)" ended page 1 and page 2 held only "No notes in the
    period.", the charts starting on page 3: the Charts heading and its first chart were kept together
    inside a second KeepTogether, which reportlab measures as endless, so they always took a new page."""
    pages = PdfReader(io.BytesIO(report_pdf(build_report(curated_mirror, flt)))).pages
    for number, page in enumerate(pages, start=1):
        lines = _body_lines(page)
        if not lines:
            assert page.images, f"page {number} is empty"
            continue
        drawn_below = lines[-1] == "Charts" and page.images  # a chart is an image: its heading is last text
        assert drawn_below or not lines[-1].startswith(SECTION_HEADINGS), (number, lines[-3:])
        if number < len(pages):
            assert len(lines) > 3 or page.images, (number, lines)
    charts = next(i for i, page in enumerate(pages) if "Charts" in _body_lines(page))
    notes = next(i for i, p in enumerate(pages) if any(x.startswith("Analysts'") for x in _body_lines(p)))
    assert charts == notes or len(_body_lines(pages[notes])) > 20, "the charts left a page mostly empty"
