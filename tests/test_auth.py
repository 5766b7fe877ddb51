"""Roles and sign-in on both engines: argon2 passwords, slowed failures, and CLI writes refused by role."""

import datetime as dt
import os
from contextlib import contextmanager

import pytest
from helpers import ROOT, run_cli
from sqlalchemy import func, select

from bilateral import auth, store
from bilateral.store.tables import drafts

GOOD = ROOT / "tests" / "data" / "good.jsonl"
GDELT = ROOT.parent / "shared" / "samples" / "gdelt1_events_dev.tsv"
PASSWORD = "correct horse battery"


@pytest.fixture
def db(store_url):
    return store.connect(store_url, seed=False)


@contextmanager
def as_user(name: str | None):
    saved = os.environ.get("BILATERAL_USER")
    if name is None:
        os.environ.pop("BILATERAL_USER", None)
    else:
        os.environ["BILATERAL_USER"] = name
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("BILATERAL_USER", None)
        else:
            os.environ["BILATERAL_USER"] = saved


@pytest.mark.parametrize(
    ("role", "viewer", "editor", "admin"),
    [("viewer", True, False, False), ("editor", True, True, False), ("admin", True, True, True)],
)
def test_each_role_includes_the_ones_before(role, viewer, editor, admin):
    user = auth.User("x", auth.Role(role))
    assert (user.can(auth.Role.VIEWER), user.can(auth.Role.EDITOR), user.can(auth.Role.ADMIN)) == (
        viewer, editor, admin,
    )  # fmt: skip


def test_passwords_are_hashed_with_argon2_and_checked(db):
    auth.add_user(db.engine, "ana", PASSWORD, auth.Role.EDITOR)
    stored = auth.list_users(db.engine)
    assert stored == [("ana", "editor", 0)]
    with db.engine.connect() as connection:
        digest = connection.exec_driver_sql("SELECT password_hash FROM users").scalar()
    assert digest.startswith("$argon2id$") and PASSWORD not in digest
    assert auth.sign_in(db.engine, "ana", PASSWORD) == auth.User("ana", auth.Role.EDITOR)


def test_failed_sign_ins_are_counted_and_slowed(db):
    auth.add_user(db.engine, "ana", PASSWORD, auth.Role.EDITOR)
    now = dt.datetime(2030, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
    for _ in range(3):
        with pytest.raises(auth.AuthError, match="wrong user name or password"):
            auth.sign_in(db.engine, "ana", "guess-guess-guess", now=now)
    assert auth.list_users(db.engine)[0][2] == 3
    with pytest.raises(auth.AuthError, match="too many failed sign-ins"):
        auth.sign_in(db.engine, "ana", PASSWORD, now=now)  # locked, even with the right password
    later = now + dt.timedelta(seconds=3)
    assert auth.sign_in(db.engine, "ana", PASSWORD, now=later).role is auth.Role.EDITOR
    assert auth.list_users(db.engine)[0][2] == 0


def test_unknown_users_and_short_passwords_are_refused(db):
    with pytest.raises(auth.AuthError, match="wrong user name"):
        auth.sign_in(db.engine, "nobody", PASSWORD)
    with pytest.raises(auth.AuthError, match="at least"):
        auth.add_user(db.engine, "bo", "short", auth.Role.VIEWER)


def test_without_a_user_list_the_cli_works_as_before(db):
    assert not auth.has_users(db.engine)
    with as_user(None):
        result = run_cli("import", "--quiet", str(GOOD), db=db.url)
    assert result.returncode == 0, result.stderr


def test_a_viewer_cannot_write_from_the_cli(db, tmp_path):
    with as_user(None):
        assert run_cli("users", "add", "root", "--role", "admin", "--password-stdin", db=db.url,
                       stdin=PASSWORD + "\n").returncode == 0  # fmt: skip
    with as_user("root"):
        added = run_cli("users", "add", "val", "--role", "viewer", "--password-stdin", db=db.url,
                        stdin=PASSWORD + "\n")  # fmt: skip
        assert added.returncode == 0, added.stderr
    before = db.counts()
    with as_user("val"):
        refused = run_cli("import", "--quiet", str(GOOD), db=db.url)
        assert run_cli("validate", str(GOOD), db=db.url).returncode == 0  # reading is allowed
        assert run_cli("users", "list", db=db.url).returncode == 1
    assert refused.returncode == 1 and "val is a viewer: import needs the editor role" in refused.stderr
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "call.txt").write_text("Xi and Putin spoke by phone on Thursday.\n", encoding="utf-8")
    with as_user("val"):  # field data, the update that fetches it, and drafts for the review queue
        field = run_cli("import", "--quiet", str(GDELT), db=db.url)
        update = run_cli("update", "gdelt", "--since", "2020-01-01", "--base-url", "http://127.0.0.1:9/",
                         db=db.url)  # fmt: skip
        ingest = run_cli("ingest", str(folder), "--quiet", db=db.url)
    assert field.returncode == 1 and "val is a viewer: import needs the editor role" in field.stderr
    assert update.returncode == 1 and "val is a viewer: update needs the editor role" in update.stderr
    assert ingest.returncode == 1 and "queueing drafts needs the editor role" in ingest.stderr
    assert queued_drafts(db) == 0
    assert db.counts() == before
    with as_user(None):
        anonymous = run_cli("import", "--quiet", str(GOOD), db=db.url)
    assert anonymous.returncode == 1 and "set BILATERAL_USER" in anonymous.stderr
    with as_user("root"):
        assert run_cli("users", "role", "val", "editor", db=db.url).returncode == 0
        listed = run_cli("users", "list", db=db.url).stdout
    assert "val\teditor" in listed and "root\tadmin" in listed
    with as_user("val"):
        assert run_cli("import", "--quiet", str(GOOD), db=db.url).returncode == 0
    assert db.counts() != before


def test_the_cli_import_is_audited_under_the_user(db):
    with as_user("ana"):
        assert run_cli("import", "--quiet", str(GOOD), db=db.url).returncode == 0
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT actor, action, kind FROM audit").all()
    assert ("ana", "import", "import") in [tuple(r) for r in rows]


def queued_drafts(db) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(drafts)).scalar_one()


def test_a_password_prompt_without_a_terminal_says_how_to_give_one(db, monkeypatch):
    """`users add ana` from a script (no terminal, nothing on standard input) ended in getpass's EOFError
    traceback; it says how to give the password, and adds no one."""
    import getpass

    def no_terminal(prompt=""):
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", no_terminal)
    with as_user(None):
        result = run_cli("users", "add", "ana", db=db.url)
    assert result.returncode == 1
    assert result.stderr == (
        "error: no password was typed (no terminal): give it on standard input with --password-stdin, or "
        "use --oidc for a user who signs in through the identity provider\n"
    )
    assert not auth.has_users(db.engine)
