"""Benchmark: 10 browser sessions reading while one editor saves every second, against one session alone.

Starts `streamlit run app.py` on loopback (127.0.0.1 only) with a throwaway database seeded from data/ (or
BILATERAL_DB when set, e.g. a PostgreSQL URL), then:
1. one session alone opens the pages in turn for SECONDS; its page times are the baseline;
2. SESSIONS sessions do the same at once while an editor thread saves one new article every second.
A page time is from navigation to the first drawn chart trace (or the records table). Prints the p50/p95 of
both, the ratio of the p95s (aim: <= 3), the errors seen, and the saves made against the rows counted at the
end (no save may be lost). Bounded: SECONDS per phase (default 20), at most 20 sessions.
Run: .venv/bin/python benchmarks/bench_team.py [SECONDS] [SESSIONS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["", "timeline", "cooperation", "network", "records"]
DRAWN = ('[data-testid="stPlotlyChart"] .main-svg .trace, [data-testid="stPlotlyChart"] .main-svg .hm, '
         '[data-testid="stDataFrame"]')  # fmt: skip


def read_pages(url: str, seconds: float, times: list[float], errors: list[str]) -> None:
    """One browser session opening the pages in turn until `seconds` have passed."""
    from playwright.sync_api import Error, sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page()
        page.set_default_timeout(60_000)
        deadline, n = time.monotonic() + seconds, 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                page.goto(f"{url}/{PAGES[n % len(PAGES)]}")
                page.wait_for_selector(DRAWN)
                shown = page.locator('[data-testid="stException"]')
                if shown.count():
                    errors.append(f"/{PAGES[n % len(PAGES)]}: {shown.first.inner_text()[:300]}")
                times.append(time.perf_counter() - start)
            except Error as error:
                errors.append(str(error).splitlines()[0])
            n += 1
        browser.close()


def edit_every_second(url: str, stop: threading.Event, saved: list[str], errors: list[str]) -> None:
    """The editor: one new article with one interaction per second, through the store's save path."""
    from bilateral import store
    from bilateral.model import article_from_dict, interaction_from_dict

    db = store.connect(url, seed=False)
    n = 0
    while not stop.wait(1.0):
        a, _ = article_from_dict({"title": f"Bench save {n} {time.time()}", "date": "2030-01-01",
                                  "source": "Bench", "status": "reviewed"})  # fmt: skip
        item, _ = interaction_from_dict({"article_id": a.id, "date": "2030-01-01", "actor1": "CHN",
                                         "actor2": "RUS", "event_type": "AGREE", "themes": ["energy"],
                                         "evidence": f"Bench evidence {n}."})  # fmt: skip
        try:
            store.save_article(db, a, [item], actor="bench-editor")
            saved.append(a.id)
        except Exception as error:  # counted and printed: a benchmark reports, it does not stop
            errors.append(f"save: {error}")
        n += 1


def phase(url: str, database: str, sessions: int, seconds: float, editing: bool) -> tuple[list, list, list]:
    """Page times, errors and saves of `sessions` readers (and the editor, when editing) for `seconds`."""
    times, errors, saved = [], [], []
    stop = threading.Event()
    editor = (
        threading.Thread(target=edit_every_second, args=(database, stop, saved, errors)) if editing else None
    )
    readers = [
        threading.Thread(target=read_pages, args=(url, seconds, times, errors)) for _ in range(sessions)
    ]
    for thread in [*readers, *([editor] if editor else [])]:
        thread.start()
    for thread in readers:
        thread.join()
    stop.set()
    if editor:
        editor.join()
    return times, errors, saved


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else float("nan")


def p50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main(seconds: float = 20, sessions: int = 10) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import running_app
    from sqlalchemy import func, select

    from bilateral import store
    from bilateral.store.tables import articles

    database = os.environ.get("BILATERAL_DB") or str(Path(tempfile.mkdtemp()) / "bench-team.sqlite3")
    db = store.connect(database)
    with running_app(database) as url:  # 127.0.0.1, a free port
        read_pages(url, 8, [], [])  # warm the server's caches and mirror
        alone, alone_errors, _ = phase(url, database, 1, seconds, editing=False)
        with db.engine.connect() as connection:
            before = connection.execute(select(func.count()).select_from(articles)).scalar_one()
        busy, busy_errors, saved = phase(url, database, min(sessions, 20), seconds, editing=True)
        with db.engine.connect() as connection:
            after = connection.execute(select(func.count()).select_from(articles)).scalar_one()
    print(f"database: {store.database_url(database).split('@')[-1]}")
    print(f"1 session alone:   {len(alone):4d} pages, p50 {p50(alone):.2f} s, p95 {p95(alone):.2f} s")
    print(f"{sessions} sessions + editor: {len(busy):4d} pages, p50 {p50(busy):.2f} s, "
          f"p95 {p95(busy):.2f} s")  # fmt: skip
    print(f"p95 ratio: {p95(busy) / p95(alone):.2f} (aim <= 3)")
    print(f"errors: {len(alone_errors) + len(busy_errors)} {(alone_errors + busy_errors)[:5]}")
    print(
        f"saves: {len(saved)} made, {after - before} articles added (lost: {len(saved) - (after - before)})"
    )


if __name__ == "__main__":
    main(*(float(a) if i == 0 else int(a) for i, a in enumerate(sys.argv[1:3])))
