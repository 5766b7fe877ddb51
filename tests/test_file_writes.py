"""Files written whole or not at all (bilateral.file_writes): exports, report, charts, the backup."""

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
