"""Real-browser tests: Playwright drives Debian's chromium against `streamlit run app.py` (see conftest)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from conftest import CHROMIUM
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"
    ),
]

SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
PAGES = [
    ("overview", ""),
    ("timeline", "timeline"),
    ("cooperation", "cooperation"),
    ("network", "network"),
    ("records", "records"),
]
CHART = '[data-testid="stPlotlyChart"] .main-svg'
LOAD_MS = 45_000
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@pytest.fixture
def viewport_page(page):
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.set_default_timeout(LOAD_MS)
    return page


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')


def choose_option(page, multiselect, name: str) -> None:
    """Pick one option of a sidebar multiselect, opening its list again when a rerun closed it: a rerun
    still running from the step before redraws the sidebar and takes the open list away."""
    option = page.get_by_role("option", name=name, exact=True)
    for attempt in range(4):
        page.wait_for_selector(DONE, state="attached")
        multiselect.click()
        try:
            option.click(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 3:
                raise
            page.keyboard.press("Escape")
    page.keyboard.press("Escape")


def close_more_filters(page, sidebar) -> None:
    """Close "More filters" (its text box gone), clicking again when a rerun still running from the step
    before drew it open again (once in a full run: the box was still there 45 s after one click)."""
    gone = "() => !document.querySelector('[aria-label=\"Text contains\"]')"
    for attempt in range(4):
        page.wait_for_selector(DONE, state="attached")
        if sidebar.get_by_label("Text contains").count() == 0:
            return
        sidebar.get_by_text("More filters").click()
        try:
            page.wait_for_function(gone, timeout=10_000)
            return
        except PlaywrightTimeout:
            if attempt == 3:
                raise


def wait_for_drawn_chart(page) -> None:
    """A plotly chart has drawn at least one trace (bars, lines, markers or a heatmap)."""
    page.wait_for_selector(CHART)
    page.wait_for_function(
        '() => document.querySelectorAll(\'[data-testid="stPlotlyChart"] .main-svg .trace,'
        ' [data-testid="stPlotlyChart"] .main-svg .hm\').length > 0'
    )


def assert_no_error(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


def screenshot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize(("name", "path"), PAGES)
def test_page_draws_without_error_or_a_request_beyond_the_app(viewport_page, app_server, name, path):
    """Offline by default: the page, its charts and the tab's icon come from the app's own server (a
    ":material/...:" page icon had the browser fetch it from Google's font servers)."""
    page = viewport_page
    elsewhere = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((app_server, "data:", "blob:")) else elsewhere.append(r.url),
    )
    open_page(page, f"{app_server}/{path}")
    if name == "records":
        page.wait_for_selector('[data-testid="stDataFrame"]')
    else:
        wait_for_drawn_chart(page)
    assert_no_error(page)
    icon = page.locator('link[rel="shortcut icon"], link[rel="icon"]').first.get_attribute("href")
    assert icon and icon.startswith(("data:image/svg+xml", app_server))  # ui/assets/icon.svg
    page.wait_for_timeout(500)
    assert elsewhere == []
    screenshot(page, name)


def test_cooperations_bin_control_shows_all_four_bins_in_an_1100_pixel_window(viewport_page, app_server):
    """Beside the dyads, the control was narrower than its buttons and scrolled Week out of sight."""
    page = viewport_page
    page.set_viewport_size({"width": 1100, "height": 1000})
    open_page(page, f"{app_server}/cooperation")
    wait_for_drawn_chart(page)
    control = page.locator(".st-key-cooperation_period")
    box = control.bounding_box()
    buttons = [b.bounding_box() for b in control.locator("button").all()]
    assert len(buttons) == 4
    assert all(box["x"] - 1 <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"] + 1 for b in buttons)
    assert not control.evaluate(
        "e => [...e.querySelectorAll('*')].some(c => c.scrollWidth > c.clientWidth + 1)"
    )


def test_overview_cards_show_their_values_whole_in_an_1100_pixel_window(viewport_page, app_server):
    """The headline cards cut what does not fit with an ellipsis: the Period read "2001-06 …", then
    "2001 – 2…"; every card's value fits its card."""
    page = viewport_page
    page.set_viewport_size({"width": 1100, "height": 1000})
    open_page(page, f"{app_server}/")
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stMetricValue\"]').length >= 7")
    values = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].map(e => {
            const v = e.querySelector('div') || e; return [v.textContent, v.scrollWidth, v.clientWidth]; })"""
    )
    assert len(values) >= 7 and "2001–2025" in [text for text, _, _ in values]
    assert [text for text, scroll, client in values if scroll > client] == []


def test_chart_download_buttons_keep_one_row_under_the_overviews_narrow_chart(viewport_page, app_server):
    """Under the theme chart (two fifths of the page at 1100 px) "HTML" wrapped onto a row of its own."""
    page = viewport_page
    page.set_viewport_size({"width": 1100, "height": 1000})
    open_page(page, f"{app_server}/")
    wait_for_drawn_chart(page)
    page.wait_for_selector(DONE, state="attached")
    for key in ("overview_themes", "overview_net"):
        buttons = page.locator(f'.st-key-downloads_{key} [data-testid="stDownloadButton"]')
        buttons.first.wait_for()
        tops = {round(buttons.nth(i).bounding_box()["y"]) for i in range(buttons.count())}
        assert buttons.count() == 4 and len(tops) == 1, (key, tops)
    png = page.locator('.st-key-downloads_overview_themes [data-testid="stDownloadButton"]').first
    assert png.inner_text().strip().endswith("PNG")


def test_theme_filter_changes_chart_and_url(viewport_page, app_server):
    page = viewport_page
    open_page(page, f"{app_server}/timeline")
    page.wait_for_selector(CHART)
    title = page.locator('[data-testid="stPlotlyChart"] .gtitle').first
    before = title.text_content()
    themes = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    choose_option(page, themes, "Energy")
    page.wait_for_url(re.compile(r"theme=energy"))
    page.wait_for_function(
        "(before) => { const t = document.querySelector('[data-testid=\"stPlotlyChart\"] .gtitle');"
        " return t && t.textContent !== before && t.textContent.includes('Energy'); }",
        arg=before,
    )
    assert_no_error(page)
    screenshot(page, "timeline-energy")


def test_a_filter_set_in_more_filters_stays_while_the_section_is_closed(viewport_page, app_server):
    """ "More filters" draws its widgets only while open; closing it must not drop what was typed in it,
    through later changes elsewhere in the sidebar and a change of page."""
    page = viewport_page
    open_page(page, f"{app_server}/records")
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_label("Text contains").count() == 0  # closed: not drawn
    sidebar.get_by_text("More filters").click()
    box = sidebar.get_by_label("Text contains")
    box.fill("pipeline")
    box.press("Enter")
    page.wait_for_url(re.compile(r"text=pipeline"))
    close_more_filters(page, sidebar)
    themes = sidebar.locator('[data-testid="stMultiSelect"]').first
    choose_option(page, themes, "Energy")
    page.wait_for_url(re.compile(r"theme=energy"))
    assert "text=pipeline" in page.url
    sidebar.get_by_role("link", name="Timeline").click()
    page.wait_for_url(re.compile(r"/timeline\?.*text=pipeline"))
    wait_for_drawn_chart(page)
    assert "theme=energy" in page.url
    # Arriving on a page with a filter the section holds may open it (sidebar._open_more_when_set): when the
    # page's run finds the filter in the session rather than in the address, which a page change can do
    page.wait_for_selector(DONE, state="attached")
    box = sidebar.get_by_label("Text contains")
    if box.count() == 0:
        sidebar.get_by_text("More filters").click()
    assert box.input_value() == "pipeline"
    assert_no_error(page)


TITLES_INSIDE = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => {
    const box = chart.querySelector('.main-svg').getBoundingClientRect();
    return [...chart.querySelectorAll('.gtitle, .gtitle-subtitle')].map(t => {
        const b = t.getBoundingClientRect();
        const inside = b.left >= box.left - 1 && b.right <= box.right + 1 && b.top >= box.top - 1;
        return [t.textContent, inside];
    });
})"""


@pytest.mark.parametrize("path", ["", "timeline"])
def test_chart_titles_stay_inside_their_charts_at_1100_pixels(viewport_page, app_server, path):
    """With three themes, three dyads and dates, the titles ran past the charts' edges and were cut
    ("Interactions by theme · Trade · CH" on the Overview's narrow charts, 223 px past the Timeline's):
    a long title puts the filter in a subtitle."""
    page = viewport_page
    page.set_viewport_size({"width": 1100, "height": 1000})
    query = "theme=trade&theme=energy&theme=military&dyad=CHN-USA&dyad=CHN-RUS&dyad=RUS-USA"
    open_page(page, f"{app_server}/{path}?{query}&from=2014-01-01&to=2024-12-31")
    wait_for_drawn_chart(page)
    page.wait_for_selector(DONE, state="attached")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .gtitle-subtitle')
    found = page.evaluate(TITLES_INSIDE)
    texts = [text for chart in found for text, _ in chart]
    assert any(text.startswith("Trade + Energy + Military") for text in texts)  # a subtitle line
    assert [text for chart in found for text, inside in chart if not inside] == []
    assert_no_error(page)


def test_the_cooperation_charts_tick_labels_do_not_run_together_at_1100_pixels(viewport_page, app_server):
    """A year binned by month put "Jan 2025" at the left plot's right end and "Jan 2024" at the right plot's
    left end, and the two labels ran into each other ("Jan 2025n 2024")."""
    page = viewport_page
    page.set_viewport_size({"width": 1100, "height": 1000})
    open_page(page, f"{app_server}/cooperation?from=2024-01-01&to=2024-12-31")
    wait_for_drawn_chart(page)
    page.wait_for_selector(DONE, state="attached")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')[0]
            .querySelectorAll('.xaxislayer-above text')].map(t => { const b = t.getBoundingClientRect();
            return [b.left, b.right, Math.round(b.top), t.textContent]; })"""
    )
    assert len(boxes) >= 8
    rows: dict[int, list] = {}
    for box in boxes:
        rows.setdefault(box[2], []).append(box)
    for row in rows.values():
        row.sort()
        for (_, right, _, one), (left, _, _, two) in itertools.pairwise(row):
            assert right <= left, (one, two)
    assert_no_error(page)


def test_deep_link_sets_the_filter_as_first_request_of_a_fresh_server(viewport_page, fresh_server):
    page = viewport_page
    open_page(page, f"{fresh_server}/timeline?theme=energy&dyad=CHN-RUS")
    page.wait_for_selector(CHART)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.locator('span[data-tag][aria-label="Energy"]').count() == 1
    assert sidebar.locator('span[data-tag][aria-label="CHN-RUS"]').count() == 1
    page.wait_for_function(
        "() => { const t = document.querySelector('[data-testid=\"stPlotlyChart\"] .gtitle');"
        " return t && t.textContent.includes('Energy · CHN-RUS'); }"
    )
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text("Cooperation vs tension").count() == 1  # app.py's navigation, not pages/ files
    assert_no_error(page)
    screenshot(page, "timeline-deep-link")


@pytest.mark.parametrize(
    ("path", "title"), [("add-article", "Add article"), ("review-queue", "Review queue")]
)
def test_a_first_request_for_a_page_whose_address_is_no_file_name_opens_it(viewport_page, fresh_server, path,
                                                                           title):  # fmt: skip
    """/add-article is pages/add_article.py: Streamlit's legacy pages/ mode answered "Page not found"."""
    page = viewport_page
    page.goto(f"{fresh_server}/{path}")
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', state="attached")
    page.get_by_role("heading", name=title, exact=True).wait_for()
    page.wait_for_timeout(500)  # the dialog, when there was one, came with the first run's last messages
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("dialog").count() == 0
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("Cooperation vs tension").count() == 1
    assert_no_error(page)


def test_network_deep_link_and_page_change_keep_the_filter(viewport_page, app_server):
    page = viewport_page
    open_page(page, f"{app_server}/network?actor=RUS")
    page.wait_for_function(
        "() => { const t = document.querySelector('[data-testid=\"stPlotlyChart\"] .gtitle');"
        " return t && t.textContent.startsWith('Ego network of RUS'); }"
    )
    screenshot(page, "network-ego-rus")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Records").click()
    page.wait_for_url(re.compile(r"/records\?actor=RUS"))
    assert (
        page.locator('[data-testid="stSidebar"] span[data-tag]')
        .first.get_attribute("aria-label")
        .startswith("RUS")
    )
    assert_no_error(page)


def test_clicking_a_bar_lists_the_records_behind_it(viewport_page, app_server):
    page = viewport_page
    open_page(page, f"{app_server}/timeline?theme=energy&dyad=CHN-RUS")
    wait_for_drawn_chart(page)
    bar = page.locator('[data-testid="stPlotlyChart"] .barlayer .point path').last.bounding_box()
    page.mouse.move(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)  # plotly's drag layer
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)  # takes the click
    page.get_by_text(re.compile(r"\d+ interactions? behind the selection")).wait_for()
    page.wait_for_selector('[data-testid="stDataFrame"]')
    assert_no_error(page)
    screenshot(page, "timeline-selection")


def test_clicking_an_actor_lists_its_records(viewport_page, app_server):
    page = viewport_page
    open_page(page, f"{app_server}/network?theme=energy")
    wait_for_drawn_chart(page)
    node = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .trace').last.locator(".point").first
    box = node.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text(re.compile(r"\d+ interactions? behind the selection")).wait_for()
    page.wait_for_selector('[data-testid="stDataFrame"]')
    assert_no_error(page)
    screenshot(page, "network-selection")


def test_evidence_links_its_confirmed_source(viewport_page, app_server):
    """A curated record with a confirmed link: its evidence card opens the source in a new tab."""
    page = viewport_page
    open_page(page, f"{app_server}/?theme=cyber&from=2014-05-19&to=2014-05-19")
    link = page.locator('a[href^="https://www.upi.com/Top_News/World-News/2014/05/19/"]').first
    link.wait_for()
    assert "Open the source" in link.inner_text()
    assert link.get_attribute("target") == "_blank"
    assert page.get_by_text("Link checked 2026-12-04").count() == 0  # the curators' note is no card text...
    link.hover()
    page.get_by_text("Link checked 2026-12-04").first.wait_for()  # ...but the button's tooltip
    assert_no_error(page)
    screenshot(page, "evidence-link")


@pytest.mark.parametrize(
    ("record", "date", "score"),
    [("i-40806bd6edf7", "2001-06-15", "6.0"), ("i-07dd544c5a0f", "2001-07-16", "-2.0")],
)
def test_the_record_editor_shows_the_stored_score(viewport_page, app_server, record, date, score):
    """Opened from a link, the editor's fields hold the record's values: the score box too (its number
    format once had a sign flag, and the browser drew the box of a positive score empty)."""
    page = viewport_page
    open_page(page, f"{app_server}/records?record={record}")
    box = page.get_by_label("Score (−10 to +10)")
    box.wait_for()
    assert box.input_value() == score
    assert page.get_by_label("Date (YYYY-MM-DD)").input_value() == date
    assert_no_error(page)


def test_what_moved_opens_the_filtered_timeline_and_a_note_reaches_timeline_and_report(
    viewport_page, fresh_server
):
    """On data/: the Overview's What moved panel; its link opens the Timeline filtered to the move; a note
    added on the Watch page is drawn on that Timeline and listed in the report."""
    page = viewport_page
    open_page(page, fresh_server)
    page.get_by_text("What moved").first.wait_for()
    links = page.locator(".st-key-overview_move_links")
    lead = links.get_by_text("Largest move:").inner_text()
    dyad = lead.split(": ")[1].split(" ")[0]
    screenshot(page, "overview-what-moved")
    links.get_by_role("link", name="Timeline").click()
    page.wait_for_url(re.compile(rf"/timeline\?.*dyad={dyad}"))
    wait_for_drawn_chart(page)
    assert dyad in page.locator('[data-testid="stPlotlyChart"]').first.text_content()
    assert_no_error(page)

    open_page(page, f"{fresh_server}/watch?dyad={dyad}")
    wait_for_drawn_chart(page)
    note = "Summit postponed <b>not bold</b>"
    page.get_by_placeholder("e.g. Summit postponed").fill(note)
    page.get_by_role("button", name="Save note").click()
    page.get_by_text("Note saved").wait_for()
    assert_no_error(page)
    screenshot(page, "watch-note")

    open_page(page, f"{fresh_server}/timeline?dyad={dyad}")
    wait_for_drawn_chart(page)
    page.wait_for_function(
        "(text) => [...document.querySelectorAll('.annotation-text')]"
        ".some(n => n.textContent.includes(text))",
        arg="Summit postponed <b>not bold</b>"[:30],
    )
    open_page(page, f"{fresh_server}/report?dyad={dyad}")
    page.locator(".st-key-report_format button", has_text="HTML").click()
    page.wait_for_selector('.st-key-report_download button:has-text("Build the report (HTML)")')
    page.wait_for_selector(DONE, state="attached")  # a lazy download clicked mid-rerun may never start
    with page.expect_download(timeout=LOAD_MS) as info:
        page.locator(".st-key-report_download button").click()
    html = Path(info.value.path()).read_text(encoding="utf-8")
    assert "What changed" in html and "Summit postponed &lt;b&gt;not bold&lt;/b&gt;" in html
