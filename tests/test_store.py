"""The store on both engines (SQLite file, PostgreSQL server): Alembic migrations, seeding, one transaction
per write; first-version SQLite files carried over."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from helpers import article, interaction
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from bilateral import store
from bilateral.errors import StoreError
from bilateral.model import article_from_dict, interaction_from_dict
from bilateral.store import schema
from bilateral.store.engine import database_url, make_engine
from bilateral.store.tables import articles as articles_table
from bilateral.store.tables import interactions as interactions_table
from bilateral.store.tables import metadata

# The schema the first version wrote (its two migrations, PRAGMA user_version 2), word for word.
FIRST_VERSION_SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, source TEXT NOT NULL, url TEXT,
    language TEXT NOT NULL DEFAULT 'en', summary TEXT NOT NULL DEFAULT '', text TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'reviewed')),
    title_kind TEXT NOT NULL DEFAULT 'descriptive', added_at TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL AND url != '';
CREATE TABLE interactions (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    date TEXT NOT NULL, actor1 TEXT NOT NULL, actor2 TEXT NOT NULL, direction TEXT NOT NULL,
    event_type TEXT NOT NULL, quad_class INTEGER NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
    score REAL NOT NULL CHECK (score BETWEEN -10 AND 10),
    themes TEXT NOT NULL, modality TEXT NOT NULL, evidence TEXT NOT NULL, coder TEXT NOT NULL,
    confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1)
);
CREATE INDEX interactions_article ON interactions(article_id);
CREATE INDEX interactions_date ON interactions(date);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA user_version = 2;
"""


@pytest.fixture
def empty_db(store_url, monkeypatch):
    monkeypatch.setenv("BILATERAL_DB", store_url)
    return store.connect(seed=False)


def records(n: int = 2):
    found_articles, found_interactions = [], []
    for i in range(n):
        a, _ = article_from_dict(article(title=f"Synthetic {i}", url=f"https://example.org/{i}"))
        item, _ = interaction_from_dict(interaction(article_id=a.id, evidence=f"Synthetic evidence {i}."))
        found_articles.append(a)
        found_interactions.append(item)
    return found_articles, found_interactions


def count(db, table) -> int:
    with db.engine.connect() as connection:
        return connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("var/x.sqlite3", "var/x.sqlite3"),
        ("sqlite:///var/x.sqlite3", "var/x.sqlite3"),
        ("sqlite:////tmp/x.sqlite3", "/tmp/x.sqlite3"),
    ],
)
def test_database_path_reads_paths_and_urls(value, expected):
    assert str(store.database_path(value)) == expected


def test_postgresql_urls_are_accepted_and_other_engines_refused():
    assert store.database_path("postgresql+psycopg://u@localhost/db") is None
    with pytest.raises(StoreError, match="only SQLite"):
        store.database_url("mysql://localhost/db")


def test_a_server_database_is_created_migrated_and_seeded(store_url):
    db = store.connect(store_url)
    assert db.schema_revision() == schema.head_revision()
    assert db.counts()[1] >= 577


def test_new_database_is_created_migrated_and_seeded(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "fresh.sqlite3"
    monkeypatch.setenv("BILATERAL_DB", f"sqlite:///{path}")
    db = store.connect()
    assert path.exists()
    assert db.schema_revision() == schema.head_revision()
    n_articles, n_interactions = db.counts()
    assert n_articles >= 283 and n_interactions >= 577
    with db.engine.connect() as connection:
        titles = set(connection.execute(select(articles_table.c.title)).scalars())
    assert "China-Russia Ties: A Strategic Alliance in the Making" in titles


def test_declared_tables_and_migrations_agree(empty_db):
    """The tables are declared once (tables.py); the migrations must build exactly that schema."""
    with empty_db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diffs == []


def test_seeding_twice_adds_nothing(store_url, monkeypatch):
    monkeypatch.setenv("BILATERAL_DB", store_url)
    db = store.connect()
    before = count(db, "interactions")
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM meta WHERE key = 'seed_fingerprint'"))
    result = store.seed_from_data(db.engine)
    assert result.articles == 0 and result.interactions == 0 and result.skipped > 0
    assert count(db, "interactions") == before
    assert store.seed_from_data(db.engine) is None


def test_round_trip_keeps_every_field(empty_db):
    found_articles, found_interactions = records(1)
    assert str(store.add_records(empty_db, found_articles, found_interactions)) == (
        "added 1 article, 1 interaction; skipped 0 duplicates"
    )
    with empty_db.engine.connect() as connection:
        row = connection.execute(select(interactions_table)).mappings().one()
        stored_article = connection.execute(select(articles_table)).mappings().one()
    original = found_interactions[0].to_dict()
    assert {k: row[k] for k in original} == {**original, "themes": "energy"}
    assert {k: stored_article[k] for k in found_articles[0].to_dict()} == found_articles[0].to_dict()
    assert row["rev"] == stored_article["rev"] == empty_db.revision()


def test_every_write_takes_a_new_revision(empty_db):
    first = empty_db.revision()
    found_articles, found_interactions = records(2)
    store.add_records(empty_db, found_articles[:1], found_interactions[:1])
    store.add_records(empty_db, found_articles[1:], found_interactions[1:])
    assert empty_db.revision() == first + 2


def test_duplicates_by_id_or_url_are_skipped(empty_db):
    found_articles, found_interactions = records(2)
    store.add_records(empty_db, found_articles, found_interactions)
    same_url, _ = article_from_dict(article(title="Other title", url=found_articles[0].url))
    result = store.add_records(empty_db, [*found_articles, same_url], found_interactions)
    assert (result.articles, result.interactions, result.skipped) == (0, 0, 5)


def test_failed_write_leaves_nothing_half_written(empty_db):
    found_articles, found_interactions = records(2)
    orphan, _ = interaction_from_dict(interaction(article_id="a-missing", evidence="Orphan."))
    revision = empty_db.revision()
    with pytest.raises(StoreError, match="nothing was written"):
        store.add_records(empty_db, found_articles, [*found_interactions, orphan])
    assert count(empty_db, "articles") == 0 and count(empty_db, "interactions") == 0
    assert empty_db.revision() == revision


def test_save_article_refuses_a_stored_article(empty_db):
    found_articles, found_interactions = records(1)
    store.save_article(empty_db, found_articles[0], found_interactions)
    with pytest.raises(StoreError, match="already stored"):
        store.save_article(empty_db, found_articles[0], found_interactions)


def test_newer_schema_is_refused(store_url):
    db = store.connect(store_url, seed=False)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer than this code"):
        store.connect(store_url, seed=False)


def test_newer_first_version_file_is_refused(tmp_path):
    path = tmp_path / "odd.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(FIRST_VERSION_SCHEMA.replace("user_version = 2", "user_version = 99"))
    conn.close()
    with pytest.raises(StoreError, match="newer than this code"):
        store.connect(str(path), seed=False)


def test_a_file_that_is_no_database_is_named_with_the_drivers_reason(tmp_path):
    """BILATERAL_DB naming a JSONL file: the error says which database and why, in one line (it ended with
    SQLAlchemy's "Background on this error" link), and the file is left as it was."""
    path = tmp_path / "records.jsonl"
    path.write_text('{"id": "a-1"}\n' * 200, encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        store.connect(str(path), seed=False)
    message = str(caught.value)
    assert message == f"cannot bring the database sqlite:///{path} to schema {schema.head_revision()}: " + (
        "file is not a database"
    )
    assert path.read_text(encoding="utf-8") == '{"id": "a-1"}\n' * 200


def test_a_database_of_the_first_version_carries_over(tmp_path):
    """A file made by the first version (sqlite3, PRAGMA user_version 2) opens with nothing lost."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(FIRST_VERSION_SCHEMA)
    conn.execute(
        "INSERT INTO articles VALUES ('a-old', 'Old title', '2020-01-02', 'Old Wire', "
        "'https://example.org/old', 'en', 'A summary.', 'Full text.', 'reviewed', 'headline', "
        "'2020-01-03T00:00:00+00:00')"
    )
    conn.execute(
        "INSERT INTO interactions VALUES ('i-old', 'a-old', '2020-01-02', 'CHN', 'RUS', 'mutual', "
        "'AGREE', 1, 4.0, 'energy;trade', 'fact', 'Old evidence.', 'human', 0.9)"
    )
    conn.execute("INSERT INTO meta VALUES ('note', 'kept')")
    conn.commit()
    conn.close()
    db = store.connect(str(path), seed=False)
    assert db.schema_revision() == schema.head_revision()
    with db.engine.connect() as connection:
        old_article = connection.execute(select(articles_table)).mappings().one()
        old_interaction = connection.execute(select(interactions_table)).mappings().one()
        note = connection.execute(text("SELECT value FROM meta WHERE key = 'note'")).scalar()
    assert (old_article["title"], old_article["text"], old_article["url"]) == (
        "Old title",
        "Full text.",
        "https://example.org/old",
    )
    assert old_article["source_checked"] is None and old_article["rev"] == 1
    assert (old_interaction["themes"], old_interaction["score"], old_interaction["rev"]) == (
        "energy;trade",
        4.0,
        1,
    )
    assert note == "kept"
    # and it seeds and serves like any other
    store.seed_from_data(db.engine)
    assert db.counts()[1] >= 578


def test_field_sources_become_machine_coded_with_nothing_lost(store_url):
    """Migration 0007 on a database of the previous version: the source articles its field imports wrote as
    reviewed become `machine` under a new revision (the mirror pulls them again); a curated article, one with
    both kinds of rows, and every interaction stay as they were."""
    engine = make_engine(database_url(store_url))
    schema.upgrade(engine, "0006_audit")
    interaction_sql = (
        "INSERT INTO interactions (id, article_id, date, actor1, actor2, direction, event_type, quad_class, "
        "score, themes, modality, evidence, coder, confidence, dataset, source_row_id) VALUES "
        "(:id, :article, '2024-02-08', 'CHN', 'RUS', 'directed', 'CONSULT', 1, 1.0, '', 'reported', NULL, "
        "'auto', 1.0, :dataset, :row)"
    )
    with engine.begin() as connection:
        for article_id in ("a-gdelt", "a-curated", "a-both"):
            connection.execute(
                text(
                    "INSERT INTO articles (id, title, date, source, status, added_at) "
                    "VALUES (:id, 'T', '2024-02-08', 'S', 'reviewed', '2024-02-09T00:00:00')"
                ),
                {"id": article_id},
            )
        rows = [
            ("i1", "a-gdelt", "gdelt", "1"),
            ("i2", "a-gdelt", "gdelt", "2"),
            ("i3", "a-curated", "curated", None),
        ]
        rows += [("i4", "a-both", "curated", None), ("i5", "a-both", "icews", "9")]
        for row_id, article_id, dataset, source_row in rows:
            connection.execute(
                text(interaction_sql),
                {"id": row_id, "article": article_id, "dataset": dataset, "row": source_row},
            )
        before = connection.execute(text("SELECT value FROM counters WHERE name = 'rev'")).scalar()
    assert schema.upgrade(engine) == schema.head_revision()
    with engine.connect() as connection:
        found = dict(connection.execute(text("SELECT id, status || ' ' || rev FROM articles")).all())
        stored = connection.execute(text("SELECT count(*) FROM interactions")).scalar()
        now = connection.execute(text("SELECT value FROM counters WHERE name = 'rev'")).scalar()
    assert now == before + 1
    assert found == {"a-gdelt": f"machine {now}", "a-curated": "reviewed 1", "a-both": "reviewed 1"}
    assert stored == 5
    # the check takes the new state and still refuses an unknown one
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("UPDATE articles SET status = 'published' WHERE id = 'a-curated'"))
    with engine.begin() as connection:
        connection.execute(text("UPDATE articles SET status = 'machine' WHERE id = 'a-both'"))
    engine.dispose()
