"""AppTest of pages/add_article.py: paste the seed article, review, save; a failed save writes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bilateral import store
from bilateral.errors import ExtractError, Problem, RecordError, StoreError
from ui import extract_view, form_errors

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "china_russia_ties_article.txt"  # CI: shared/ beside the clone
SEED_TEXT = SEED.read_text(encoding="utf-8") if SEED.exists() else None
needs_seed = pytest.mark.skipif(SEED_TEXT is None, reason="the shared seed article is not on this machine")


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "bilateral.sqlite3"
    monkeypatch.setenv("BILATERAL_DB", str(path))
    return path


def counts(path: Path, url: str) -> tuple[int, int]:
    """(articles, interactions) stored under the URL the test gave."""
    if not path.exists():
        return 0, 0
    with sqlite3.connect(path) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE url = ?", (url,))]
        n = conn.execute(
            f"SELECT count(*) FROM interactions WHERE article_id IN ({','.join('?' * len(ids))})", ids
        )
        return len(ids), n.fetchone()[0]


def pasted(text: str) -> AppTest:
    at = AppTest.from_file("../pages/add_article.py", default_timeout=30).run()
    at.text_area(key="article_text").input(text).run()
    return at


def test_empty_page_asks_for_input(db):
    at = AppTest.from_file("../pages/add_article.py", default_timeout=30).run()
    assert at.info and "Paste an article" in at.info[0].value
    assert not at.exception


@needs_seed
def test_seed_article_is_extracted_reviewed_and_saved(db):
    at = pasted(SEED_TEXT)
    assert at.text_input(key="article_title").value == "China-Russia Ties: A Strategic Alliance in the Making"
    assert any("No date" in w.value for w in at.warning)
    frame = at.dataframe[0].value
    assert len(frame) >= 8 and {"USA", "CHN"} <= set(frame["actor1"]) | set(frame["actor2"])
    at.text_input(key="article_date").input("2024-02-08")
    at.text_input(key="article_url").input("https://example.org/seed-copy")
    at.text_input(key="article_source").input("Seed page").run()
    at.button(key="save_button").click().run()
    assert at.success, [e.value for e in at.error]
    articles, interactions = counts(db, "https://example.org/seed-copy")
    assert articles == 1 and interactions >= 8
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT actor1, actor2, event_type, score, modality FROM interactions WHERE event_type = 'ACCUSE'"
        )
        assert ("USA", "CHN", "ACCUSE", -2.0, "reported") in rows.fetchall()
    assert not at.exception
    assert_shown_in_timeline_and_network(source="Seed page")


def values(encoded):
    """A plotly array from figure JSON: a list, or plotly's typed-array form {"dtype", "bdata"}."""
    import base64

    import numpy as np

    if isinstance(encoded, dict):
        return np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=encoded["dtype"])
    return np.asarray(encoded, dtype=float)


def assert_shown_in_timeline_and_network(source: str) -> None:
    """The saved records appear in the dashboard's views (filtered to their outlet)."""
    import json

    for name in ("timeline", "network"):
        view = AppTest.from_file(f"../pages/{name}.py", default_timeout=60)
        view.query_params["source"] = source
        view.run()
        assert not view.exception and not view.info, name
        traces = json.loads(view.get("plotly_chart")[0].proto.spec)["data"]
        if name == "timeline":
            assert sum(values(t["y"]).sum() for t in traces if t["type"] == "bar") >= 8
        else:
            nodes = next(t for t in traces if t.get("name") == "Actors")
            assert {"CHN", "RUS", "USA"} <= set(nodes["text"])


@needs_seed
def test_a_failed_save_writes_nothing_and_keeps_the_edits(db, monkeypatch):
    def refuse(conn, article, interactions, actor="local"):
        raise StoreError("the disk is full; nothing was written")

    monkeypatch.setattr(store, "save_article", refuse)
    at = pasted(SEED_TEXT)
    at.text_input(key="article_date").input("2024-02-08")
    at.text_input(key="article_url").input("https://example.org/seed-failed")
    at.text_input(key="article_source").input("Edited source").run()
    at.button(key="save_button").click().run()
    assert at.error and "disk is full" in at.error[0].value
    assert at.text_input(key="article_source").value == "Edited source"
    assert at.text_input(key="article_date").value == "2024-02-08"
    assert at.text_area(key="article_text").value == SEED_TEXT
    assert at.dataframe[0].value.shape[0] >= 8
    assert counts(db, "https://example.org/seed-failed") == (0, 0)
    assert not at.exception


def test_a_bad_date_is_refused_with_its_field(db):
    at = pasted("China and Russia signed an agreement on energy cooperation.\n\nChina and Russia held talks.")
    at.text_input(key="article_title").input("Energy deal")
    at.text_input(key="article_date").input("8 Feb")
    at.text_input(key="article_source").input("Test").run()
    at.button(key="save_button").click().run()
    assert at.error and "date" in at.error[0].value
    assert not at.exception


@pytest.mark.parametrize("typed", ["21/05/2014", "2024-02-30", "2024/02/08", "08-02-2024"])
def test_a_ten_character_date_not_in_iso_form_is_refused_not_a_traceback(db, typed):
    """The typed date is handed to the extractor once it has ten characters; one it cannot read as a day
    must leave the page standing, refuse the save naming the date, and keep what was typed."""
    at = pasted("China and Russia held talks on Tuesday and signed an agreement on energy cooperation.")
    at.text_input(key="article_title").input("Energy deal")
    at.text_input(key="article_source").input("Test")
    at.text_input(key="article_date").input(typed).run()
    assert not at.exception
    at.button(key="save_button").click().run()
    assert not at.exception
    assert at.error and "date" in at.error[0].value and typed in at.error[0].value.replace("\\", "")
    assert at.text_input(key="article_date").value == typed
    assert at.text_input(key="article_title").value == "Energy deal"


def test_a_refused_save_lists_each_field_by_its_label_on_a_line_of_its_own(db):
    """Not the file-and-line message of an import ("review:0: url: ... review:0: ..." in one paragraph):
    one line per field, named as the form labels it, the typed text escaped (never a live link)."""
    at = pasted("China and Russia held talks and signed an agreement on energy cooperation.")
    at.text_input(key="article_title").input("")
    at.text_input(key="article_date").input("2024-13-01")
    at.text_input(key="article_url").input("[x](javascript:alert(1))").run()
    at.button(key="save_button").click().run()
    assert not at.exception
    message = at.error[0].value
    head, _, listed = message.partition("\n\n")
    assert head == "Not saved (nothing was written): correct 4 fields and save again."
    lines = listed.split("\n")
    assert [line.split(":")[0] for line in lines] == [
        "- Title", "- Date \\(YYYY\\-MM\\-DD\\)", "- Source \\(outlet\\)", "- URL"
    ]  # fmt: skip
    assert "review" not in message and "field(s)" not in message
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in lines[3]
    assert at.text_input(key="article_url").value == "[x](javascript:alert(1))"


def test_a_review_table_problem_names_its_row_and_column():
    problem = Problem("review table", 2, "actor1", "unknown actor code 'XXX'")
    labels = {"actor1": "Actor 1"}
    assert form_errors.where(problem, {}, labels) == "Interactions, row 2, Actor 1"
    assert form_errors.where(Problem("review", 0, "url", "bad"), {"url": "URL"}, labels) == "URL"
    assert str(RecordError([problem])).startswith("1 invalid record field; nothing was written:")


def test_the_upload_box_states_the_limit_the_page_keeps(db):
    """The uploader said '200MB per file' (the Import page's limit) while files over 5 MB were refused."""
    at = AppTest.from_file("../pages/add_article.py", default_timeout=30).run()
    (uploader,) = at.get("file_uploader")
    assert uploader.proto.max_upload_size_mb == extract_view.MAX_UPLOAD_MB
    assert extract_view.MAX_UPLOAD_BYTES == extract_view.MAX_UPLOAD_MB * 2**20


def test_duplicate_title_is_flagged(db):
    at = pasted("China and Russia signed an agreement on energy cooperation.")
    at.text_input(key="article_title").input("Energy deal signed")
    at.text_input(key="article_date").input("2024-02-08")
    at.text_input(key="article_source").input("Test").run()
    at.button(key="save_button").click().run()
    assert at.success
    again = pasted("China and Russia signed an agreement on energy cooperation today.")
    again.text_input(key="article_title").input("Energy deal signed!").run()
    assert any("Possible duplicate" in w.value for w in again.warning)
    assert not again.exception


def test_a_duplicates_stored_title_is_shown_as_text_not_markdown(db):
    """The duplicate warning quotes a stored title: record text, so its markdown must stay inert."""
    hostile = "**Gas** deal [click](https://evil.example/x) `code`"
    at = pasted("China and Russia signed an agreement on energy cooperation.")
    at.text_input(key="article_title").input(hostile)
    at.text_input(key="article_date").input("2024-02-08")
    at.text_input(key="article_source").input("Test").run()
    at.button(key="save_button").click().run()
    assert at.success
    again = pasted("China and Russia signed an agreement on energy cooperation today.")
    again.text_input(key="article_title").input(hostile).run()
    (warning,) = [w.value for w in again.warning if "Possible duplicate" in w.value]
    assert "**Gas**" not in warning and "](https" not in warning and "`code`" not in warning
    assert hostile in warning.replace("\\", "")  # all of it shown, as typed
    assert not again.exception


def test_the_article_date_keeps_saying_where_it_came_from_after_a_rerun(db):
    """The date field is prefilled with the dateline's date; on the next run (any edit) that value must
    not be handed back as the analyst's and the caption turn to 'taken from: given'."""
    at = pasted("MOSCOW, Feb 8, 2024 (TASS) - China and Russia signed an agreement on energy cooperation.")
    said = [c.value for c in at.caption if c.value.startswith("Article date taken from")]
    assert said == ["Article date taken from: dateline 'MOSCOW, Feb 8, 2024 (TASS)'"]
    at.text_input(key="article_source").input("TASS").run()
    assert [c.value for c in at.caption if c.value.startswith("Article date taken from")] == said
    at.text_input(key="article_date").input("2024-02-09").run()
    assert not [c.value for c in at.caption if c.value.startswith("Article date taken from")]
    assert at.text_input(key="article_date").value == "2024-02-09" and not at.exception


def test_an_uploaded_page_is_read_in_the_charset_it_declares():
    """The Add article page refused a Russian outlet's page saved in windows-1251 ('not UTF-8 text'),
    though its <meta charset> says what it is; text of no declared encoding is named with its line."""
    from types import SimpleNamespace

    page = '<html><head><meta charset="windows-1251"></head><body><p>Россия и Китай.</p></body></html>'
    data = page.encode("cp1251")
    upload = SimpleNamespace(name="page.html", size=len(data), getvalue=lambda: data)
    assert "Россия и Китай." in extract_view.read_upload(upload)
    text = b"Talks held.\nCaf\xe9 owners met.\n"
    upload = SimpleNamespace(name="notes.txt", size=len(text), getvalue=lambda: text)
    with pytest.raises(ExtractError, match=r"notes\.txt: not UTF-8 text \(line 2, byte 15\)"):
        extract_view.read_upload(upload)
