"""Real-browser downloads: every chart format, the data and graph files, and the report, as a user gets them.

Uses the app server and Chromium launch settings of conftest.py; each file that arrives is checked by its
bytes (signature, size, text), not by the button existing.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import numpy as np
import openpyxl
import pytest
from conftest import CHROMIUM
from PIL import Image
from pypdf import PdfReader

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"
    ),
]

CHART = '[data-testid="stPlotlyChart"] .main-svg'
LOAD_MS = 60_000
SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<svg", "pdf": b"%PDF-", "html": b"<html"}
# page path, download key, text the chart's SVG holds
CHARTS = [
    ("timeline", "timeline", "Interactions per"),
    ("cooperation", "cooperation", "Cooperation vs tension"),
    ("network", "network", "Actor network"),
]


@pytest.fixture
def page_at(page, app_server):
    """Open an app path and wait until Streamlit has drawn the page's first chart or button."""

    def open_path(path: str, ready: str = CHART):
        page.set_viewport_size({"width": 1440, "height": 1000})
        page.set_default_timeout(LOAD_MS)
        page.goto(f"{app_server}/{path}")
        page.wait_for_selector(ready)
        return page

    return open_path


def download(page, key: str) -> tuple[str, bytes]:
    """Click the download button with this widget key; the file's suggested name and bytes."""
    button = page.locator(f".st-key-{key} button")
    button.scroll_into_view_if_needed()
    page.wait_for_selector(SCRIPT_DONE, state="attached")  # a lazy download clicked mid-rerun may never start
    with page.expect_download(timeout=LOAD_MS) as info:
        button.click()
    arrived = info.value
    assert arrived.failure() is None, arrived.failure()
    return arrived.suggested_filename, Path(arrived.path()).read_bytes()


def check_chart_file(fmt: str, data: bytes, text: str) -> None:
    assert data.startswith(SIGNATURES[fmt]) or SIGNATURES[fmt] in data[:300], fmt
    if fmt == "png":
        image = Image.open(io.BytesIO(data)).convert("RGB")
        assert image.width >= 2000  # 2x the 1000 px layout
        assert np.asarray(image, dtype=float).mean() > 180  # white paper, not black
    elif fmt == "svg":
        svg = data.decode()
        assert text in svg and "Bilateral curated dataset" in svg
    elif fmt == "pdf":
        assert b"%%EOF" in data[-64:]
    else:
        page = data.decode()
        assert "<script src=" not in page and "Bilateral curated dataset" in page


@pytest.mark.parametrize(("path", "key", "text"), CHARTS)
def test_each_chart_downloads_in_every_format(page_at, path, key, text):
    page = page_at(path)
    for fmt in SIGNATURES:
        name, data = download(page, f"download_{key}_{fmt}")
        assert name.startswith(f"bilateral-{key}") and name.endswith(f".{fmt}")
        check_chart_file(fmt, data, text)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_filtered_chart_caption_names_the_filter(page_at):
    page = page_at("timeline?theme=energy")
    _, data = download(page, "download_timeline_svg")
    assert "Filters: Energy" in data.decode()


def test_records_download_as_csv_xlsx_and_jsonl(page_at):
    page = page_at("records", ready='[data-testid="stDataFrame"]')
    _, csv = download(page, "download_records_csv")
    assert csv.decode("utf-8-sig").startswith("id,date,actor1")
    dates = [line.split(",")[1] for line in csv.decode("utf-8-sig").splitlines()[1:] if line.startswith("i-")]
    assert dates[0] == max(dates) and dates == sorted(dates, reverse=True)  # the page's order, newest first
    _, xlsx = download(page, "download_records_xlsx")
    assert openpyxl.load_workbook(io.BytesIO(xlsx)).sheetnames == ["Records", "Articles", "About"]
    _, jsonl = download(page, "download_records_jsonl")
    assert jsonl.count(b"\n") > 10 and jsonl.startswith(b"{")


def test_network_downloads_as_graphml_and_gexf(page_at):
    page = page_at("network")
    _, graphml = download(page, "download_network_graph_graphml")
    _, gexf = download(page, "download_network_graph_gexf")
    first, second = nx.read_graphml(io.BytesIO(graphml)), nx.read_gexf(io.BytesIO(gexf))
    assert first.number_of_nodes() > 2 and set(first.nodes) == set(second.nodes)


def test_report_page_gives_a_pdf_with_filters_charts_and_sources(page_at):
    page = page_at("report?theme=energy", ready=".st-key-report_download button")
    name, data = download(page, "report_download")
    assert name.endswith(".pdf") and data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Filters: Energy" in text and "Sources (" in text and "[1] " in text
    assert sum(len(p.images) for p in reader.pages) == 3


def test_report_html_works_offline(page_at, browser, tmp_path):
    page = page_at("report", ready=".st-key-report_download button")
    page.locator(".st-key-report_format button", has_text="HTML").click()
    page.wait_for_selector('.st-key-report_download button:has-text("Build the report (HTML)")')
    name, data = download(page, "report_download")
    assert name.endswith(".html")
    path = tmp_path / name
    path.write_bytes(data)
    offline = browser.new_page()
    requested = []

    def block(route):
        requested.append(route.request.url)
        route.abort()

    offline.route("http*://**/*", block)
    offline.goto(path.as_uri())
    offline.wait_for_selector(".js-plotly-plot .main-svg", timeout=LOAD_MS)
    assert offline.locator(".js-plotly-plot").count() == 3 and requested == []
    # A table's first column (dates, dyads, labels) keeps to one line in a narrow window: "2025-10-23"
    # had broken after "2025-10-" beside a long source title.
    offline.set_viewport_size({"width": 700, "height": 900})
    lines = offline.evaluate(
        """() => [...document.querySelectorAll('td:first-child')].map(td => {
            const range = document.createRange(); range.selectNodeContents(td);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })"""
    )
    assert lines and max(lines) == 1
    offline.close()
