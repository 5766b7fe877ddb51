"""Files written whole or not at all (bilateral.file_writes): exports, report, charts, the backup."""

import contextlib
import os

import pytest

from bilateral.file_writes import write_whole
from bilateral.store.backup import backup


def test_a_written_file_replaces_the_earlier_one_with_a_new_files_permissions(tmp_path):
    target = tmp_path / "records.jsonl"
    target.write_text("earlier", encoding="utf-8")
    assert write_whole(target, lambda handle: handle.write("new\n"), text=True) == 4
    assert target.read_text(encoding="utf-8") == "new\n" and list(tmp_path.iterdir()) == [target]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not the 0600 of a temporary file
    write_whole(target, lambda handle: handle.write(b"\x00bytes"))
    assert target.read_bytes() == b"\x00bytes"


@pytest.mark.parametrize(
    "failure", [OSError(28, "No space left on device"), ValueError("a query failed"), KeyboardInterrupt()]
)
def test_a_failure_half_way_leaves_the_earlier_file_and_nothing_else(tmp_path, failure):
    target = tmp_path / "backup.jsonl"
    target.write_text("the last good backup", encoding="utf-8")

    def half_then_fail(handle):
        handle.write('{"format": "bilateral-backup"}\n{"table": "articles", "row": {"id": ')
        raise failure

    with pytest.raises(type(failure)):
        write_whole(target, half_then_fail, text=True)
    assert target.read_text(encoding="utf-8") == "the last good backup"
    assert list(tmp_path.iterdir()) == [target]


def test_a_named_pipe_is_written_in_place_not_swapped(tmp_path):
    """`export-data -o /dev/stdout` and pipes: a target that is not a regular file stays what it is."""
    import threading

    pipe = tmp_path / "out.fifo"
    os.mkfifo(pipe)
    got = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    write_whole(pipe, lambda handle: handle.write("records\n"), text=True)
    reader.join(timeout=10)
    assert got == ["records\n"] and not pipe.is_file() and pipe.exists()
    assert list(tmp_path.iterdir()) == [pipe]


def test_a_symbolic_link_stays_a_link_to_the_file_written(tmp_path):
    """`-o /dev/stdout` redirected to a file is such a link: swapping it would put a file in its place."""
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_whole(link, lambda handle: handle.write("new"), text=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_a_backup_is_written_through_it(store_url, tmp_path):
    """The backup replaces an earlier file only once complete (no partial file beside it afterwards)."""
    from bilateral import store

    folder = tmp_path / "backups"
    folder.mkdir()
    target = folder / "store.backup.jsonl"
    target.write_text("older backup", encoding="utf-8")
    counts = backup(store.connect(store_url).engine, target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + sum(counts.values()) and list(folder.iterdir()) == [target]


def _sqlite_store(path):
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE kept (value TEXT)")
        connection.execute("INSERT INTO kept VALUES ('the analysts’ records')")
    connection.close()
    return path.read_bytes()


def _duckdb_file(path):
    import duckdb

    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE TABLE kept AS SELECT 1 AS value")
    return path.read_bytes()


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: _sqlite_store(tmp / "bilateral.sqlite3"),
        lambda tmp: _duckdb_file(tmp / "bilateral.sqlite3.mirror.duckdb"),
        lambda tmp: (tmp / "bilateral.sqlite3-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28)) and None,
    ],
    ids=["sqlite store", "duckdb mirror", "sqlite log"],
)
def test_a_database_is_never_replaced_by_a_file_written_over_it(tmp_path, make):
    """`backup bilateral.sqlite3` replaced the store with its backup: a database is refused, by its own
    first bytes (whatever its name), also through a link, and nothing is written beside it."""
    make(tmp_path)
    (database,) = list(tmp_path.iterdir())
    before = database.read_bytes()
    link = tmp_path / "link.jsonl"
    link.symlink_to(database)
    for target in (database, link):
        with pytest.raises(FileExistsError, match="a database is there"):
            write_whole(target, lambda handle: handle.write("backup\n"), text=True)
        assert database.read_bytes() == before
    assert sorted(tmp_path.iterdir()) == sorted([database, link])


def test_the_backup_and_the_exports_refuse_the_stores_own_file(tmp_path, monkeypatch, capsys):
    """Through the commands an analyst types: the store keeps every record and the command says why."""
    import sqlite3

    from bilateral import store
    from bilateral.cli import main

    def counts():
        with contextlib.closing(sqlite3.connect(path)) as connection:
            return [
                connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "interactions")
            ]

    path = tmp_path / "bilateral.sqlite3"
    monkeypatch.setenv("BILATERAL_DB", str(path))
    store.connect(str(path)).engine.dispose()  # seeded from data/
    seeded = counts()
    assert seeded[1] > 600
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "g1", "text": "China and Russia held talks in Moscow."}\n', encoding="utf-8")
    for command in (
        ["backup", str(path)],
        ["export-data", "--format", "jsonl", "-o", str(path)],
        ["report", "--format", "html", "-o", str(path)],
        ["chart", "timeline", "--format", "svg", "-o", str(path)],
        ["extract", "--batch", str(gold), "-o", str(path)],
    ):
        assert main(command) == 1, command
        assert f"{path}: " in (err := capsys.readouterr().err) and "a database is there" in err, command
        assert counts() == seeded
