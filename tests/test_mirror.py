"""The mirror: a DuckDB copy following the store by data revision, persisted, safe beside a CLI import."""

import json
import subprocess
import sys

import pytest
from helpers import ROOT, Watched, article, interaction, run_cli_process, write_jsonl
from sqlalchemy import select, text

from bilateral import store
from bilateral.analysis import queries, row_queries
from bilateral.analysis.mirror import Mirror, mirror_path
from bilateral.filters import Filter
from bilateral.model import article_from_dict, interaction_from_dict

ALL = Filter()


@pytest.fixture
def db(store_url):
    return store.connect(store_url, seed=False)


def add(db, n: int, start: int = 0):
    found_articles, found_interactions = [], []
    for i in range(start, start + n):
        a, _ = article_from_dict(article(title=f"Synthetic {i}"))
        item, _ = interaction_from_dict(interaction(article_id=a.id, evidence=f"Synthetic evidence {i}."))
        found_articles.append(a)
        found_interactions.append(item)
    return store.add_records(db, found_articles, found_interactions)


def test_sync_pulls_only_what_changed(db):
    add(db, 3)
    mirror = Mirror(db)
    assert mirror.sync() == 3 and queries.count(mirror, ALL) == 3
    assert mirror.sync() == 0
    add(db, 2, start=3)
    assert mirror.sync() == 2 and queries.count(mirror, ALL) == 5
    assert queries.headline(mirror, ALL, articles=True).articles == 5


def test_edited_article_refreshes_its_rows(db):
    add(db, 1)
    mirror = Mirror(db)
    mirror.sync()
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE counters SET value = value + 1"))
        connection.execute(
            text("UPDATE articles SET title = 'Corrected', rev = (SELECT value FROM counters)")
        )
    assert mirror.sync() == 1
    assert row_queries.records_page(mirror, ALL, 5)["title"].tolist() == ["Corrected"]


def test_recorded_deletions_leave_the_mirror(db):
    add(db, 2)
    mirror = Mirror(db)
    mirror.sync()
    gone = row_queries.records_page(mirror, ALL, 1)["id"].iloc[0]
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE counters SET value = value + 1"))
        connection.execute(text("DELETE FROM interactions WHERE id = :id"), {"id": gone})
        connection.execute(
            text("INSERT INTO deletions VALUES ('interaction', :id, (SELECT value FROM counters))"),
            {"id": gone},
        )
    mirror.sync()
    assert queries.count(mirror, ALL) == 1 and gone not in set(row_queries.records_page(mirror, ALL, 5)["id"])


def test_the_mirror_is_persisted_and_reopened_without_reloading(db):
    add(db, 4)
    first = Mirror(db)
    first.sync()
    first.close()
    assert mirror_path(db).exists()
    again = Mirror(db)
    assert again.persisted and again.rev == db.revision()
    assert again.sync() == 0 and queries.count(again, ALL) == 4


def test_a_mirror_of_another_database_is_rebuilt(tmp_path):
    path = tmp_path / "same.sqlite3"
    db = store.connect(str(path), seed=False)
    add(db, 3)
    Mirror(db).sync()
    db.engine.dispose()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"same.sqlite3{suffix}").unlink(missing_ok=True)
    other = store.connect(str(path), seed=False)  # a new file under the same name
    add(other, 1, start=10)
    mirror = Mirror(other)
    mirror.sync()
    assert queries.count(mirror, ALL) == 1


def test_app_and_cli_import_run_at_the_same_time(store_url, tmp_path):
    """The app holds the mirror file; a CLI import and a CLI query still work, and the app then sees them."""
    path = store_url
    db = store.connect(path)
    app_mirror = Mirror(db)
    app_mirror.sync()
    before = queries.count(app_mirror, ALL)
    a = article(title="Imported while the app runs", id="a-concurrent")
    rows = [a, interaction(article_id="a-concurrent", evidence="Added by a concurrent import.")]
    result = run_cli_process("import", "--quiet", str(write_jsonl(tmp_path / "new.jsonl", rows)), db=path)
    assert result.returncode == 0, result.stderr
    stats = run_cli_process("stats", "--json", db=path)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["interactions"] == before + 1
    assert app_mirror.sync() == 1 and queries.count(app_mirror, ALL) == before + 1


def test_a_full_load_cut_short_is_started_afresh(db, monkeypatch):
    """A full load commits batch by batch (flat memory); if it dies half-way, the next sync reloads all."""
    from bilateral.analysis import mirror as mirror_module
    from bilateral.analysis import store_reader

    add(db, 5)
    monkeypatch.setattr(store_reader, "BATCH_ROWS", 2)
    monkeypatch.setattr(mirror_module, "COMMIT_ROWS", 2)
    calls = {"n": 0}
    real = mirror_module.masks_table

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("killed half-way")
        return real(*args, **kwargs)

    monkeypatch.setattr(mirror_module, "masks_table", failing)
    first = Mirror(db)
    with pytest.raises(RuntimeError):
        first.sync()
    first.close()
    monkeypatch.setattr(mirror_module, "masks_table", real)
    again = Mirror(db)
    assert again.rev == 0
    assert again.sync() == 5 and queries.count(again, ALL) == 5


def test_an_up_to_date_sync_asks_the_mirror_nothing_and_a_failed_one_is_retried_in_full(db, monkeypatch):
    """sync() runs before every read of a page: when nothing changed it reads the store's revision only, not
    the mirror file's state (a DuckDB query a call). A sync that failed leaves that state unknown: the same
    object's next sync reads it again and starts afresh."""
    from bilateral.analysis import mirror as mirror_module

    add(db, 3)
    mirror = Mirror(db)
    assert mirror.sync() == 3
    asked = []
    real_run = mirror._run
    monkeypatch.setattr(mirror, "_run", lambda sql, params=None: asked.append(sql) or real_run(sql, params))
    assert [mirror.sync() for _ in range(5)] == [0] * 5 and asked == []

    add(db, 2, start=3)
    real = mirror_module.masks_table

    def failing(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(mirror_module, "masks_table", failing)
    with pytest.raises(RuntimeError):
        mirror.sync()
    monkeypatch.setattr(mirror_module, "masks_table", real)
    assert mirror.sync() == 2 and queries.count(mirror, ALL) == 5
    asked.clear()
    assert mirror.sync() == 0 and asked == []


def test_sessions_sync_and_read_at_once_while_an_editor_saves(db):
    """Many sessions of one app process share the mirror: syncs and reads in threads never collide."""
    import threading

    add(db, 2)
    mirror = Mirror(db, in_memory=True)
    mirror.sync()
    errors, stop = [], threading.Event()

    def session():
        while not stop.is_set():
            try:
                mirror.sync()
                queries.count(mirror, ALL)
            except Exception as error:  # collected and asserted below
                errors.append(error)
                return

    threads = [threading.Thread(target=session) for _ in range(6)]
    for thread in threads:
        thread.start()
    for i in range(15):
        add(db, 1, start=100 + i)
    stop.set()
    for thread in threads:
        thread.join()
    mirror.sync()
    assert errors == [] and queries.count(mirror, ALL) == 17


def test_a_sync_that_another_session_overtook_does_not_reload_everything(db):
    """Another session syncs to a newer revision while this one is on its way to the lock: this one then
    finds the mirror up to date; it must not take the newer mirror for a store put back (and reload it)."""
    add(db, 2)
    mirror = Mirror(db, in_memory=True)
    mirror.sync()
    real_identity, real_run, overtaken, dropped = mirror._identity, mirror._run, [], []

    def identity_while_another_session_syncs():
        if not overtaken:
            overtaken.append(True)
            add(db, 1, start=50)
            mirror.sync()
        return real_identity()

    def run(sql, params=None):
        if sql.startswith("DROP TABLE"):
            dropped.append(sql)
        return real_run(sql, params)

    mirror._identity, mirror._run = identity_while_another_session_syncs, run
    assert mirror.sync() == 0
    assert overtaken and dropped == [] and queries.count(mirror, ALL) == 3


def mirrored(mirror) -> dict[str, list]:
    """Everything the mirror holds, in a stable order; the article numbers (the mirror's own, given in the
    order articles arrive) only as whether each row has its article's."""
    cursor = mirror.cursor()
    numbered = cursor.execute(
        "SELECT count(*) FROM rows JOIN articles a ON a.id = rows.article_id WHERE a.no = rows.article_no"
    ).fetchone()[0]
    assert numbered == cursor.execute("SELECT count(*) FROM rows").fetchone()[0]
    return {
        t: cursor.execute(f"SELECT * EXCLUDE ({number}) FROM {t} ORDER BY id").fetchall()
        for t, number in (("rows", "article_no"), ("articles", "no"))
    }


@pytest.mark.parametrize("bulk_rows", [100_000, 0], ids=["cursor", "bulk"])
def test_a_full_load_and_incremental_syncs_give_the_same_mirror(db, monkeypatch, bulk_rows):
    """A full load (ADBC, in a child process) and syncs step by step (small ones through the driver's cursor,
    big ones in bulk like a full load: here every one) hold the same."""
    from bilateral.analysis import mirror as mirror_module

    monkeypatch.setattr(mirror_module, "BULK_ROWS", bulk_rows)
    stepwise = Mirror(db, in_memory=True)
    add(db, 3)
    stepwise.sync()
    add(db, 2, start=3)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE counters SET value = value + 1"))
        connection.execute(
            text(
                "UPDATE articles SET summary = 'Edited', rev = (SELECT value FROM counters)"
                " WHERE title = 'Synthetic 1'"
            )
        )
    stepwise.sync()
    gone = row_queries.records_page(stepwise, ALL, 1)["id"].iloc[0]
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE counters SET value = value + 1"))
        connection.execute(text("DELETE FROM interactions WHERE id = :id"), {"id": gone})
        connection.execute(
            text("INSERT INTO deletions VALUES ('interaction', :id, (SELECT value FROM counters))"),
            {"id": gone},
        )
    assert stepwise.sync() == 0
    full = Mirror(db, in_memory=True)
    assert full.sync() == 4
    assert mirrored(full) == mirrored(stepwise)
    assert len(mirrored(full)["rows"]) == 4 and len(mirrored(full)["articles"]) == 5


def test_a_full_load_reads_while_another_connection_writes(db, store_url):
    """A load reads what is committed while a writer holds its transaction open, and the writer's commit,
    made in this process after the load, is seen by another process (the reader's SQLite stays out of it)."""
    add(db, 3)
    with db.engine.connect() as writer:
        transaction = writer.begin()
        writer.execute(text("UPDATE counters SET value = value + 1"))
        writer.execute(text("UPDATE articles SET title = 'Being edited', rev = (SELECT value FROM counters)"))
        mirror = Mirror(db, in_memory=True)
        assert mirror.sync() == 3
        assert set(row_queries.records_page(mirror, ALL, 5)["title"]) == {
            "Synthetic 0",
            "Synthetic 1",
            "Synthetic 2",
        }
        transaction.commit()
    assert mirror.sync() == 3 and set(row_queries.records_page(mirror, ALL, 5)["title"]) == {"Being edited"}
    add(db, 1, start=3)
    count = "from bilateral import store; print(store.connect(sys.argv[1], seed=False).counts()[1])"
    seen = subprocess.run(
        [sys.executable, "-c", "import sys; " + count, store_url], cwd=ROOT, capture_output=True, text=True
    )
    assert seen.returncode == 0, seen.stderr
    assert seen.stdout.split() == ["4"]


def test_a_failed_read_names_what_went_wrong():
    """The reader's child process failing (here: no server) is a StoreError with its message."""
    from sqlalchemy import create_engine

    from bilateral.analysis.store_reader import BulkRead
    from bilateral.errors import StoreError
    from bilateral.store.tables import articles

    engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:9/none")
    query = select(articles.c.id, articles.c.rev)
    with BulkRead(engine, [(query, "rev")]) as bulk, pytest.raises(StoreError, match="reading the store"):
        list(bulk.batches())


def test_a_full_load_runs_under_the_load_memory_limit_and_gives_queries_theirs_back(db, monkeypatch):
    """The bulk load keeps DuckDB to LOAD_MEMORY (the import command's peak); the pages get QUERY_MEMORY."""
    import duckdb

    from bilateral.analysis import mirror as mirror_module

    def limit_of(setting: str) -> str:
        scratch = duckdb.connect(config={"memory_limit": setting})
        try:
            return scratch.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        finally:
            scratch.close()

    add(db, 5)
    seen = []
    real = mirror_module.Mirror._append

    def watched(self, *args, **kwargs):
        seen.append(self._run("SELECT current_setting('memory_limit')")[0][0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(mirror_module.Mirror, "_append", watched)
    mirror = Mirror(db)
    assert mirror.sync() == 5
    assert seen == [limit_of(mirror_module.LOAD_MEMORY)] * 2  # articles, then rows
    assert mirror.cursor().execute("SELECT current_setting('memory_limit')").fetchone()[0] == limit_of(
        mirror_module.QUERY_MEMORY
    )
    assert limit_of(mirror_module.LOAD_MEMORY) != limit_of(mirror_module.QUERY_MEMORY)


def test_a_mirror_of_another_format_is_replaced_by_a_new_file_not_grown(db, tmp_path, monkeypatch):
    """A mirror made by another version (format) is started afresh in a new file: dropping its tables and
    loading again keeps the old blocks in the file (at 1M rows: 100 MB became 221 MB after a format change).
    Anything of the old file (here a table it had) is gone."""
    from bilateral.analysis import mirror as mirror_module

    add(db, 3)
    path = tmp_path / "m.duckdb"
    monkeypatch.setattr(mirror_module, "MIRROR_FORMAT", "old")
    old = Mirror(db, path=path)
    old.sync()
    old.cursor().execute("CREATE TABLE leftover AS SELECT * FROM rows")
    old.close()
    monkeypatch.undo()
    new = Mirror(db, path=path)
    assert new.rev == 0  # nothing of the old mirror is taken for current
    tables = {r[0] for r in new.cursor().execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "leftover" not in tables
    assert new.sync() == 3 and queries.count(new, ALL) == 3
    new.close()
    again = Mirror(db, path=path)  # of today's format: kept as it is
    assert again.rev == new.rev and again.sync() == 0
    again.close()


@pytest.mark.parametrize("bulk", [False, True])
def test_the_commentary_flag_is_made_from_the_modality_on_load_and_sync(db, monkeypatch, bulk):
    """The scored queries read the mirror's `commentary` flag; each way rows come in makes it alike."""
    from bilateral.analysis import mirror as mirror_module

    def add_with_modalities(start: int) -> None:
        found_articles, found_interactions = [], []
        for i, modality in enumerate(["fact", "commentary", "reported", "commentary"], start=start):
            a, _ = article_from_dict(article(title=f"Opinion {i}"))
            item, _ = interaction_from_dict(
                interaction(article_id=a.id, evidence=f"Said {i}.", modality=modality)
            )
            found_articles.append(a)
            found_interactions.append(item)
        store.add_records(db, found_articles, found_interactions)

    monkeypatch.setattr(mirror_module, "BULK_ROWS", -1 if bulk else 10**9)
    add_with_modalities(0)
    mirror = Mirror(db, in_memory=True)
    mirror.sync()
    add_with_modalities(10)
    mirror.sync()
    found = mirror.cursor().execute("SELECT modality, commentary FROM rows").fetchall()
    assert len(found) == 8 and sorted(found).count(("commentary", True)) == 4
    assert all(flag == (modality == "commentary") for modality, flag in found)
    assert queries.count(mirror, ALL) == 8


def test_the_latest_cards_count_each_articles_rows_through_the_article_index(db):
    """The cards' per-article count reads the article index (10M rows: 45 -> 4 ms), and a mirror made
    before the index was declared gets it when opened."""
    add(db, 30)
    mirror = Mirror(db)
    mirror.sync()
    flt = Filter(text="evidence")  # the count also keeps the filter's other conditions
    watched = Watched(mirror, memo=True)
    cards = row_queries.latest_by_article(watched, flt, 6)
    assert len(cards) == 6 and (cards["article_matches"] == 1).all()
    calls = zip(watched.sql, watched.params, strict=True)
    sql, params = next((s, p) for s, p in calls if "article_matches FROM rows WHERE" in s)
    plan = mirror.cursor().execute("EXPLAIN ANALYZE " + sql, params).fetchall()[0][1]
    assert "Index Scan" in plan

    assert mirror.persisted
    mirror.con.execute("DROP INDEX rows_article")
    mirror.close()
    reopened = Mirror(db)
    names = [r[0] for r in reopened.cursor().execute("SELECT index_name FROM duckdb_indexes()").fetchall()]
    assert names == ["rows_article"]
