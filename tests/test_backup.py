"""Backup and restore on both engines: the same records come back; a damaged file restores nothing."""

import json

import pytest
from helpers import article, interaction, run_cli
from sqlalchemy import select

from bilateral import store
from bilateral.errors import RecordError
from bilateral.model import article_from_dict, interaction_from_dict
from bilateral.store import backup, changes, schema
from bilateral.store.tables import articles, audit, interactions


def snapshot(db) -> dict:
    """Every record and audit line, comparable across databases."""
    with db.engine.connect() as connection:

        def rows(table):
            found = connection.execute(select(table).order_by(table.c.id)).mappings()
            return [{k: v for k, v in row.items() if table is not audit or k != "id"} for row in found]

        return {"articles": rows(articles), "interactions": rows(interactions), "audit": rows(audit)}


@pytest.fixture
def source(new_db_url):
    db = store.connect(new_db_url("source"), seed=False)
    for i in range(3):
        a, _ = article_from_dict(article(title=f"Backup {i}", text="Full <b>text</b>\u202e."))
        item, _ = interaction_from_dict(interaction(article_id=a.id, evidence=f"Evidence {i}."))
        store.save_article(db, a, [item], actor="ana")
    changes.update_record(db.engine, item.model_copy(update={"score": 1.5}), 1, "bo")
    changes.delete_record(db.engine, "article", a.id, "bo")
    return db


def test_backup_then_restore_into_an_empty_database_gives_the_same_records(source, new_db_url, tmp_path):
    path = tmp_path / "backup.jsonl"
    counts = backup.backup(source.engine, path)
    assert (counts["articles"], counts["interactions"], counts["deletions"]) == (3, 3, 1)
    target = store.connect(new_db_url("target"), seed=False)
    backup.restore(target.engine, path)
    assert snapshot(target) == snapshot(source)
    assert target.counts() == source.counts() == (2, 2)
    assert target.revision() >= source.revision()


def test_restore_refuses_a_database_with_records(source, tmp_path):
    path = tmp_path / "backup.jsonl"
    backup.backup(source.engine, path)
    with pytest.raises(backup.BackupError, match="already holds records"):
        backup.restore(source.engine, path)


HEAD = schema.head_revision()


@pytest.mark.parametrize(
    ("damage", "error", "message"),
    [
        (lambda lines: ["not json", *lines[1:]], backup.BackupError, "not a Bilateral backup"),
        (
            lambda lines: [lines[0].replace(f'"schema": "{HEAD}"', '"schema": "0001"'), *lines[1:]],
            backup.BackupError,
            "schema 0001",
        ),
        (lambda lines: lines[:-2], backup.BackupError, "header promises"),
        (lambda lines: [*lines[:3], "{broken", *lines[3:]], RecordError, "not JSON"),
        (
            lambda lines: [*lines[:5], lines[5].replace('"actor2": "RUS"', '"actor2": "CHN"'), *lines[6:]],
            RecordError,
            "actor2",
        ),
    ],
)
def test_a_damaged_backup_restores_nothing(source, new_db_url, tmp_path, damage, error, message):
    path = tmp_path / "backup.jsonl"
    backup.backup(source.engine, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(damage(lines)) + "\n", encoding="utf-8")
    target = store.connect(new_db_url("target"), seed=False)
    revision = target.revision()
    with pytest.raises(error, match=message):
        backup.restore(target.engine, path)
    assert snapshot(target) == {"articles": [], "interactions": [], "audit": []}
    assert target.revision() == revision


def test_backup_and_restore_from_the_cli(source, new_db_url, tmp_path):
    path = tmp_path / "cli-backup.jsonl"
    result = run_cli("backup", str(path), db=source.url)
    assert result.returncode == 0, result.stderr
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["format"] == "bilateral-backup"
    target_url = new_db_url("target")
    restored = run_cli("restore", str(path), db=target_url)
    assert restored.returncode == 0, restored.stderr
    assert "restored" in restored.stdout
    again = run_cli("restore", str(path), db=target_url)
    assert again.returncode == 1 and "already holds records" in again.stderr


def test_restore_of_a_missing_file_stops_before_a_store_is_made(tmp_path):
    """`restore nothere.jsonl` with BILATERAL_DB naming a new file made (and left) an empty store before
    it found that the backup was missing."""
    target = tmp_path / "new.sqlite3"
    result = run_cli("restore", str(tmp_path / "nothere.jsonl"), db=target)
    missing = tmp_path / "nothere.jsonl"
    assert result.returncode == 1
    assert result.stderr == f"error: {missing}: no such file; nothing was read or written\n"
    assert list(tmp_path.iterdir()) == []
