"""AppTest of pages/review_queue.py: drafts listed with their first-pass codes; save, skip and reject."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bilateral import store
from bilateral.extract import queue
from bilateral.extract.ingest import ingest_folder

ARTICLES = {
    "a.txt": "Energy talks\nPublished 2023/3/21\n\nChina and Russia held talks on energy on Tuesday.",
    "b.txt": "Tariffs rise\nJuly 6, 2018\n\nThe United States imposed tariffs on Chinese steel on Friday.",
    "c.txt": "Drills begin\nApril 4, 2023\n\nRussia deployed troops near the border with Finland.",
}


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "bilateral.sqlite3"
    monkeypatch.setenv("BILATERAL_DB", str(path))
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    ingest_folder(store.connect(str(path)), folder)
    return path


def page() -> AppTest:
    return AppTest.from_file("../pages/review_queue.py", default_timeout=60).run()


def test_empty_queue_says_how_to_fill_it(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "empty.sqlite3"))
    at = page()
    assert not at.exception
    assert "ingest FOLDER" in at.info[0].value


def test_lists_drafts_with_first_pass_codes(db):
    at = page()
    assert not at.exception
    listing = at.dataframe[0].value
    assert list(listing["file"]) == ["a.txt", "b.txt", "c.txt"]
    assert "CHN ↔ RUS · CONSULT" in listing["first_pass"].iloc[0]
    shown = at.dataframe[0].proto
    labels = [json.loads(shown.columns)[c]["label"] for c in shown.column_order]
    assert labels == ["Draft", "Article date", "Title", "Coded on the first pass", "File"]  # no duplicate
    assert at.text_input(key="queue_1_date").value == "2023-03-21"
    assert any("publication line" in c.value for c in at.caption)


def test_correct_and_save_then_skip_and_reject(db):
    at = page()
    at.text_input(key="queue_1_title").set_value("China and Russia hold energy talks")
    at.text_input(key="queue_1_source").set_value("Test Wire")
    at.button(key="queue_save").click().run()
    assert not at.exception and not at.error
    assert "Saved China and Russia hold energy talks" in at.success[0].value
    with sqlite3.connect(db) as conn:
        title = conn.execute("SELECT title FROM articles WHERE source = 'Test Wire'").fetchone()[0]
    assert title == "China and Russia hold energy talks"
    at = page()
    assert at.selectbox(key="queue_draft").value == 2
    at.button(key="queue_skip").click().run()
    at = page()
    at.button(key="queue_reject").click().run()
    assert queue.counts(store.connect(str(db))) == {"pending": 0, "saved": 1, "skipped": 1, "rejected": 1}
    at = page()
    at.radio(key="queue_status").set_value("skipped").run()
    assert list(at.dataframe[0].value["draft"]) == [2]
