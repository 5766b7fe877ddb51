"""Real browser, field data: import a GDELT sample, then see the Dataset filter, the distinct marks of
imported rows (the curated vs GDELT overlay on the Cooperation page, the dashed ties of the network)."""

from __future__ import annotations

import pytest
from conftest import FIELD_BROWSER, running_app
from conftest import GDELT_SAMPLE as GDELT
from test_browser import LOAD_MS, assert_no_error, open_page, screenshot

from bilateral.charts.style import IMPORTED_TIES_LABEL
from bilateral.cli import main

pytestmark = FIELD_BROWSER
LEGEND = "GDELT (imported, machine-coded)"


@pytest.fixture
def field_server(tmp_path, monkeypatch):
    """An app whose database holds the curated records and the imported GDELT sample."""
    database = tmp_path / "field.sqlite3"
    monkeypatch.setenv("BILATERAL_DB", str(database))
    assert main(["import", str(GDELT), "--quiet"]) == 0
    with running_app(database) as url:
        yield url


def test_imported_sample_shows_dataset_filter_distinct_marks_and_overlay(page, field_server):
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.set_default_timeout(LOAD_MS)
    open_page(page, f"{field_server}/cooperation?dyad=CHN-USA")
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("Dataset", exact=True).count() == 1
    page.get_by_text("Do they agree? Curated vs imported data").wait_for()
    overlay = page.locator('[data-testid="stPlotlyChart"]', has_text="Do they agree?")
    overlay.locator(".scatterlayer .trace").nth(1).wait_for()
    assert overlay.locator(".legendtext", has_text=LEGEND).count() == 1
    assert overlay.locator(".legendtext", has_text="Curated").count() == 1
    dashes = overlay.locator(".scatterlayer .trace .js-line").evaluate_all(
        "lines => lines.map(l => l.style.strokeDasharray || 'solid')"
    )
    assert len(set(dashes)) >= 2  # curated solid, GDELT dashed
    assert_no_error(page)
    overlay.scroll_into_view_if_needed()
    screenshot(page, "cooperation-agreement")
    open_page(page, f"{field_server}/network")
    network = page.locator('[data-testid="stPlotlyChart"]', has_text="Actor network")
    network.locator(".legendtext", has_text=IMPORTED_TIES_LABEL).wait_for()
    ties = network.locator(".scatterlayer .trace .js-line").evaluate_all(
        "lines => lines.map(l => l.style.strokeDasharray || 'solid')"
    )
    assert "solid" in ties and len(set(ties)) >= 2  # curated ties solid, the mostly-GDELT ones dashed
    page.get_by_text("Dashed lines: ties resting mostly on imported").wait_for()
    assert_no_error(page)
    open_page(page, f"{field_server}/records?dataset=gdelt")
    page.wait_for_selector('[data-testid="stDataFrame"]')
    assert sidebar.locator('span[data-tag][aria-label="GDELT"]').count() == 1
    assert_no_error(page)
