"""Real browser: ingest a folder, open a draft from the Review queue, correct it, save it, see it in the
timeline (Playwright + Debian's chromium, as the other browser tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CHROMIUM, ROOT, running_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"
    ),
]

SHOTS = ROOT / "test-artifacts" / "screenshots"
LOAD_MS = 45_000
ARTICLES = {
    "tariffs.txt": (
        "Tariffs rise\nBy Jordan Hale\nJuly 6, 2018\n\n"
        "WASHINGTON, July 6 (Test Wire) - The United States imposed tariffs on Chinese steel on Friday.\n\n"
        "Read more: Japan and India weigh steel quotas"
    ),
    "talks.html": (
        "<html><head><title>Energy talks</title><meta property='article:published_time' "
        "content='2023-03-21'></head><body><article><h1>Energy talks</h1><p>China and Russia held talks "
        "on energy in Moscow on Tuesday.</p></article></body></html>"
    ),
    "broken.txt": b"\xff\xfe not text",
}


def screenshot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture
def queued_app(tmp_path):
    """A server on its own database, with a folder ingested into its review queue."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, body in ARTICLES.items():
        target = folder / name
        target.write_bytes(body) if isinstance(body, bytes) else target.write_text(body, encoding="utf-8")
    database = tmp_path / "bilateral.sqlite3"
    env = {**os.environ, "BILATERAL_DB": str(database)}
    done = subprocess.run(
        [sys.executable, "-m", "bilateral", "ingest", str(folder), "--quiet"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert "queued 2 drafts" in done.stdout and "broken.txt" in done.stderr
    with running_app(Path(database)) as url:
        yield url


def test_ingest_review_correct_save_then_timeline(page, queued_app):
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.set_default_timeout(LOAD_MS)
    page.goto(queued_app)  # a fresh server's first request goes through the router (see ensure_router)
    page.get_by_role("link", name="Review queue").click()
    page.wait_for_url("**/review-queue")
    page.wait_for_selector('[data-testid="stDataFrame"]')
    title = page.get_by_label("Title")
    title.wait_for()
    screenshot(page, "review-queue")
    assert title.input_value() == "Energy talks"
    title.fill("Queue test: China and Russia hold energy talks")
    title.press("Enter")
    source = page.get_by_label("Source (outlet)")
    source.fill("Browser Test Wire")
    source.press("Enter")
    page.get_by_role("button", name="Save as reviewed").click()
    page.get_by_text("Saved Queue test: China and Russia hold energy talks").wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.goto(f"{queued_app}/timeline?text=Queue%20test&from=2023-01-01&to=2023-12-31")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg .trace')
    page.get_by_text("Queue test").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "timeline-after-queue")
    page.get_by_role("link", name="Add article").click()
    pasted = page.get_by_label("…or paste the article")
    pasted.fill(ARTICLES["tariffs.txt"])
    pasted.press("Control+Enter")
    page.get_by_text("Actors: United States (USA), China (CHN)").wait_for()
    assert page.locator('input[aria-label="Date (YYYY-MM-DD)"]').input_value() == "2018-07-06"
    screenshot(page, "add-article")
