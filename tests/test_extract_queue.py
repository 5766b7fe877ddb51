"""The review queue and `ingest`: a batch with a broken file and a duplicate; save, skip and reject."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import text

from bilateral import store
from bilateral.errors import StoreError
from bilateral.extract import queue
from bilateral.extract.ingest import ingest_folder
from bilateral.extract.pipeline import extract
from bilateral.extract.review import build_records, frame_from_dict
from bilateral.registry import load_actors

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "one.txt": "Talks resume\nPublished 2021/6/2\n\nChina and Russia held talks on energy on Tuesday.",
    "two.md": "# Ban on pork\n\nApril 3, 2020\n\nMexico banned imports of Brazilian pork on Friday.",
    "three.html": (
        "<html><head><title>Gas deal</title><meta property='article:published_time' content='2019-10-01'>"
        "<link rel='canonical' href='https://example.org/gas-deal'></head><body><article><h1>Gas deal</h1>"
        "<p>Qatar agreed to supply gas to Pakistan for ten years.</p></article></body></html>"
    ),
    "three-again.html": (
        "<html><head><title>Gas deal, again</title><link rel='canonical' href='https://example.org/gas-deal'>"
        "</head><body><article><p>Qatar agreed to supply gas to Pakistan for ten years, officials said.</p>"
        "</article></body></html>"
    ),
    "broken.txt": b"\xc3\x28\x00 not utf-8",  # (it began with UTF-16's byte-order mark, now read as such)
    "empty.txt": "   ",
    "notes.csv": "ignored,because,not,an,article",
}


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "batch"
    path.mkdir()
    for name, body in ARTICLES.items():
        target = path / name
        target.write_bytes(body) if isinstance(body, bytes) else target.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def conn(tmp_path, monkeypatch) -> sqlite3.Connection:
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "db.sqlite3"))
    return store.connect()


def test_batch_goes_on_past_broken_files_and_flags_the_duplicate(conn, folder):
    seen = []
    report = ingest_folder(conn, folder, progress=lambda n, total, name: seen.append((n, total, name)))
    assert report.queued == 4 and report.duplicates == 1
    assert sorted(e.split(":")[0] for e in report.errors) == ["broken.txt", "empty.txt"]
    assert seen[-1][:2] == (6, 6)  # the progress callback saw every article file, not the .csv
    drafts = queue.list_drafts(conn)
    assert [d.file for d in drafts] == ["one.txt", "three-again.html", "three.html", "two.md"]
    flagged = {d.file: d.duplicate for d in drafts if d.duplicate}
    assert list(flagged) == ["three.html"] and "same URL" in flagged["three.html"]
    assert drafts[0].date == "2021-06-02" and "CHN ↔ RUS · CONSULT" in drafts[0].codes


def test_same_event_dyad_and_date_is_a_duplicate(conn):
    first = extract("Mexico banned imports of Brazilian pork.", date="2020-04-03").to_dict()
    again = extract("Mexico on Friday banned imports of pork from Brazil, officials said.", date="2020-04-03")
    queue.add_draft(conn, first, "a.txt")
    draft = queue.add_draft(conn, again.to_dict(), "b.txt")
    assert draft.duplicate and "same event, dyad and date" in draft.duplicate


def test_near_identical_text_is_a_duplicate(conn):
    text = "Chile and Peru held talks on fishing rights in Lima. " * 5
    queue.add_draft(conn, extract(text).to_dict(), "a.txt")
    assert "near-identical text" in queue.add_draft(conn, extract(text + " Updated.").to_dict()).duplicate


def test_save_skip_and_reject(conn, folder):
    ingest_folder(conn, folder)
    first, second, third = queue.list_drafts(conn)[:3]
    rows = frame_from_dict(first.result)
    meta = {"title": first.title, "date": first.date, "source": "Test Wire", "url": None}
    article, interactions = build_records(meta, rows, set(load_actors()), first.result["article"]["text"])
    store.save_article(conn, article, interactions)
    queue.mark(conn, first.id, "saved", article.id)
    queue.mark(conn, second.id, queue.DraftStatus.SKIPPED)
    queue.mark(conn, third.id, "rejected")
    assert queue.get_draft(conn, first.id).article_id == article.id
    assert [d.id for d in queue.list_drafts(conn, "skipped")] == [second.id]
    assert queue.counts(conn) == {"pending": 1, "saved": 1, "skipped": 1, "rejected": 1}
    with conn.engine.connect() as connection:
        query = text("SELECT count(*) FROM interactions WHERE article_id = :id")
        stored = connection.execute(query, {"id": article.id}).fetchone()
    assert stored[0] == len(interactions) >= 1


def test_unknown_draft_and_status(conn):
    with pytest.raises(StoreError, match="no draft 99"):
        queue.get_draft(conn, 99)
    draft = queue.add_draft(conn, extract("Chile and Peru held talks.").to_dict())
    with pytest.raises(ValueError):
        queue.mark(conn, draft.id, "maybe")


def test_ingest_command(folder, tmp_path):
    env = {"BILATERAL_DB": str(tmp_path / "cli.sqlite3"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "bilateral", "ingest", str(folder)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "queued 4 drafts for review (1 flagged as likely duplicates); 2 files failed" in out.stdout
    assert "error: broken.txt: not UTF-8 text" in out.stderr and "6/6" in out.stderr


def test_ingest_memory_stays_flat(conn, tmp_path):
    """200 files: the memory held after the batch does not grow with the number of files."""
    folder = tmp_path / "many"
    folder.mkdir()
    body = "China and Russia held talks on energy supplies on Tuesday. " * 60
    for n in range(200):
        (folder / f"{n:03d}.txt").write_text(f"Story {n}\nPublished 2021/6/2\n\n{n} {body}", encoding="utf-8")
    ingest_folder(conn, folder.parent / "many", progress=None)  # warm caches
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    ingest_folder(conn, folder)
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert after - before < 2_000_000 and peak - before < 20_000_000


def test_duplicate_of_a_stored_article_by_event(conn):
    first = extract("China and Russia held talks.", date="2019-06-05").to_dict()  # saved, never queued
    rows = frame_from_dict(first)
    meta = {"title": "Talks", "date": "2019-06-05", "source": "Test Wire", "url": "https://example.org/t"}
    article, interactions = build_records(meta, rows, set(load_actors()), first["article"]["text"])
    store.save_article(conn, article, interactions)
    again = extract("Russia and China held talks in Moscow, officials said.", date="2019-06-05")
    flagged = queue.add_draft(conn, again.to_dict())
    assert "same event, dyad and date as stored article" in flagged.duplicate
    moved = extract("Talks\n\nChina and Russia held talks.", url="https://example.org/t/?utm_source=x")
    assert "same URL as stored article" in queue.add_draft(conn, moved.to_dict()).duplicate


def test_a_stored_url_is_found_in_another_form_without_normalising_every_stored_url(conn, monkeypatch):
    """The database picks the candidates (host and path, case-blind); Python normalises only those."""
    from sqlalchemy import insert

    from bilateral.store.tables import articles

    base = {"title_kind": "descriptive", "date": "2020-01-01", "source": "Test Wire", "status": "reviewed",
            "summary": "", "rev": 1, "added_at": "2020-01-01T00:00:00+00:00"}  # fmt: skip
    others = [
        {
            **base,
            "id": f"a-other-{n}",
            "title": f"Other {n}",
            "url": f"https://other{n % 7}.example.net/p/{n}",
        }
        for n in range(300)
    ]
    # same host, another path that holds the wanted one (a candidate, normalised and refused); a % and _
    # in the path match themselves, not as LIKE wildcards
    near = {**base, "id": "a-near", "title": "Near", "url": "https://example.org/gas-deal-2"}
    wild = {**base, "id": "a-wild", "title": "Wild", "url": "https://example.org/gasXdeal"}
    wanted = {
        **base,
        "id": "a-wanted",
        "title": "Gas deal",
        "url": "http://WWW.Example.org/gas_deal/?utm_source=x",
    }
    with conn.engine.begin() as connection:
        connection.execute(insert(articles), [*others, near, wild, wanted])
    calls = []
    real = queue.normalise_url

    def counted(url):
        calls.append(url)
        return real(url)

    monkeypatch.setattr(queue, "normalise_url", counted)
    draft = extract("Gas deal\n\nQatar agreed to supply gas to Pakistan.", url="https://example.org/gas_deal")
    flagged = queue.add_draft(conn, draft.to_dict())
    assert flagged.duplicate == "same URL as stored article a-wanted"
    assert len(calls) <= 3  # the draft's own URL and at most the two same-host candidates, not 300 more
    missing = extract(
        "Gas deal\n\nQatar agreed to supply gas to Pakistan.", url="https://example.org/gas%deal"
    )
    assert not (queue.add_draft(conn, missing.to_dict()).duplicate or "").startswith("same URL")


def test_a_batch_says_what_it_did_not_read(conn, tmp_path):
    """An empty batch said only 'queued 0 drafts', and a folder of folders the same: it names what it
    reads and the subfolders it leaves; a page in windows-1251 (as its <meta> says) is read, not failed."""
    empty = tmp_path / "empty"
    (empty / "2024").mkdir(parents=True)
    (empty / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert str(ingest_folder(conn, empty)) == (
        "queued 0 drafts for review (0 flagged as likely duplicates); 0 files failed; "
        "no .txt, .html, .htm, .md file in the folder; 1 subfolder not read (ingest each on its own)"
    )
    page = (
        '<html><head><meta charset="windows-1251"></head>'
        "<body><p>Россия и Китай провели переговоры в Пекине.</p></body></html>"
    )
    (empty / "page.html").write_bytes(page.encode("cp1251"))
    report = ingest_folder(conn, empty)
    assert report.queued == 1 and report.errors == [], report.errors
    assert "Россия и Китай" in queue.list_drafts(conn)[0].result["article"]["text"]
