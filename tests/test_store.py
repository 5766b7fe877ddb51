"""The store: a real SQLite file, migrations, seeding, one transaction per write, pandas loaders."""

import sqlite3

import pytest
from helpers import article, interaction

from bilateral import store
from bilateral.errors import StoreError
from bilateral.filters import Filter
from bilateral.records import Theme
from bilateral.validation import article_from_dict, interaction_from_dict


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    path = tmp_path / "store.sqlite3"
    monkeypatch.setenv("BILATERAL_DB", str(path))
    return store.connect(seed=False)


def records(n: int = 2):
    articles, interactions = [], []
    for i in range(n):
        a, _ = article_from_dict(article(title=f"Synthetic {i}", url=f"https://example.org/{i}"))
        item, _ = interaction_from_dict(interaction(article_id=a.id, evidence=f"Synthetic evidence {i}."))
        articles.append(a)
        interactions.append(item)
    return articles, interactions


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


def test_database_url_of_another_engine_is_refused():
    with pytest.raises(StoreError, match="only SQLite"):
        store.database_path("postgresql://localhost/db")


def test_new_database_is_created_migrated_and_seeded(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "fresh.sqlite3"
    monkeypatch.setenv("BILATERAL_DB", f"sqlite:///{path}")
    conn = store.connect()
    assert path.exists()
    assert store.schema_version(conn) == len(store.MIGRATIONS)
    interactions, articles = store.load_filtered(conn)
    assert len(articles) >= 1 and len(interactions) >= 1
    assert "China-Russia Ties: A Strategic Alliance in the Making" in set(articles["title"])


def test_seeding_twice_adds_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "s.sqlite3"))
    conn = store.connect()
    before = conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0]
    conn.execute("DELETE FROM meta")
    conn.commit()
    result = store.seed_from_data(conn)
    assert result.articles == 0 and result.interactions == 0 and result.skipped > 0
    assert conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == before
    assert store.seed_from_data(conn) is None


def test_round_trip_keeps_every_field(empty_db):
    articles, interactions = records(1)
    assert str(store.add_records(empty_db, articles, interactions)) == (
        "added 1 articles, 1 interactions; skipped 0 duplicates"
    )
    frame = store.load_interactions(empty_db)
    row = frame.iloc[0]
    original = interactions[0]
    assert row["id"] == original.id and row["evidence"] == original.evidence
    assert row["themes"] == (Theme.ENERGY.value,)
    assert row["dyad"] == "CHN-RUS" and row["quad_class"] == 1 and row["score"] == 4.0
    assert row["title"] == articles[0].title and row["url"] == articles[0].url


def test_duplicates_by_id_or_url_are_skipped(empty_db):
    articles, interactions = records(2)
    store.add_records(empty_db, articles, interactions)
    same_url, _ = article_from_dict(article(title="Other title", url=articles[0].url))
    result = store.add_records(empty_db, [*articles, same_url], interactions)
    assert (result.articles, result.interactions, result.skipped) == (0, 0, 5)


def test_failed_write_leaves_nothing_half_written(empty_db):
    articles, interactions = records(2)
    orphan, _ = interaction_from_dict(interaction(article_id="a-missing", evidence="Orphan."))
    with pytest.raises(StoreError, match="nothing was written"):
        store.add_records(empty_db, articles, [*interactions, orphan])
    assert empty_db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
    assert empty_db.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == 0


def test_save_article_refuses_a_stored_article(empty_db):
    articles, interactions = records(1)
    store.save_article(empty_db, articles[0], interactions)
    with pytest.raises(StoreError, match="already stored"):
        store.save_article(empty_db, articles[0], interactions)


def test_newer_schema_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "future.sqlite3")
    conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer than this code"):
        store.migrate(conn)


def test_load_filtered_keeps_articles_behind_the_kept_interactions(empty_db):
    articles, interactions = records(2)
    store.add_records(empty_db, articles, interactions)
    kept, kept_articles = store.load_filtered(empty_db, Filter(text="evidence 1"))
    assert len(kept) == 1 and list(kept_articles["id"]) == [articles[1].id]


def test_verbatim_tells_quoted_evidence_from_paraphrase(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "v.sqlite3"))
    frame = store.load_interactions(store.connect())
    seed = frame[frame["title"] == "China-Russia Ties: A Strategic Alliance in the Making"]
    assert len(seed) and seed["verbatim"].all()
    assert not frame.loc[frame["title"] != seed["title"].iloc[0], "verbatim"].any()
