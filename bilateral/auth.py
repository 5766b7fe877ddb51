"""Who may do what: roles, the local user list (argon2 hashes), sign-in with slowed failures, CLI identity.

Roles, each including the one before: viewers browse and export; editors add, edit, delete and import;
admins manage users. With no user in the list the app runs as before, for one person, who may do
everything (`LOCAL`). Failed sign-ins are counted per user; from the third in a row the account is locked
for a time that doubles with each failure (2 s, 4 s, ... up to 15 min), so guessing is slowed; a good
password resets the count.
"""

from __future__ import annotations

import datetime as dt
import enum
import getpass
import os
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, select, update

from bilateral import store
from bilateral.errors import BilateralError
from bilateral.store.tables import users

MAX_LOCK_SECONDS = 900
FREE_FAILURES = 2
MIN_PASSWORD = 10
_HASHER = PasswordHasher()


class Role(enum.StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}


class AuthError(BilateralError):
    """Sign-in failed, or the role does not allow the action; the message says which."""


@dataclass(frozen=True)
class User:
    """A signed-in person (or the single local user when no user list exists)."""

    name: str
    role: Role

    def can(self, needed: Role) -> bool:
        """True when this user's role includes `needed`."""
        return RANK[self.role] >= RANK[needed]


LOCAL = User("local", Role.ADMIN)


def require(user: User, needed: Role, action: str) -> None:
    """Raise AuthError naming the role needed when `user` may not do `action`."""
    if not user.can(needed):
        raise AuthError(
            f"{user.name} is a {user.role.value}: {action} needs the {needed.value} role; ask an admin "
            f"(`python -m bilateral users role {user.name} {needed.value}`)"
        )


def has_users(engine: Engine) -> bool:
    """True when a user list exists (then everyone signs in)."""
    with engine.connect() as connection:
        return bool(connection.execute(select(func.count()).select_from(users)).scalar_one())


def add_user(engine: Engine, name: str, password: str | None, role: Role) -> User:
    """Add a user (password None: an OpenID Connect user, who signs in with the provider)."""
    name = name.strip()
    if not name or len(name) > 200 or any(not c.isprintable() for c in name):
        raise AuthError("a user name is 1 to 200 printable characters")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AuthError(f"a password needs at least {MIN_PASSWORD} characters")
    with engine.begin() as connection:
        if connection.execute(select(users.c.name).where(users.c.name == name)).first():
            raise AuthError(f"there is already a user {name!r}")
        connection.execute(users.insert().values(
            name=name, role=Role(role).value, password_hash=_HASHER.hash(password) if password else None,
            failed=0, created_at=_now().isoformat(),
        ))  # fmt: skip
    return User(name, Role(role))


def set_role(engine: Engine, name: str, role: Role) -> User:
    """Change a user's role."""
    with engine.begin() as connection:
        done = connection.execute(update(users).where(users.c.name == name).values(role=Role(role).value))
    if done.rowcount != 1:
        raise AuthError(f"no user {name!r}")
    return User(name, Role(role))


def list_users(engine: Engine) -> list[tuple[str, str, int]]:
    """(name, role, failed sign-ins in a row) of every user, by name."""
    with engine.connect() as connection:
        rows = connection.execute(select(users.c.name, users.c.role, users.c.failed).order_by(users.c.name))
        return [tuple(row) for row in rows]


def find_user(engine: Engine, name: str) -> User | None:
    """The user of that name, or None."""
    with engine.connect() as connection:
        role = connection.execute(select(users.c.role).where(users.c.name == name)).scalar()
    return User(name, Role(role)) if role else None


def sign_in(engine: Engine, name: str, password: str, now: dt.datetime | None = None) -> User:
    """The user when the password matches; else AuthError (counted, and locked for a while after a few)."""
    now = now or _now()
    with engine.begin() as connection:
        query = select(users).where(users.c.name == name).with_for_update()
        row = connection.execute(query).mappings().first()
        if row is None or not row["password_hash"]:
            _HASHER.hash("same work whether or not the user exists")
            raise AuthError("wrong user name or password")
        locked = row["locked_until"] and dt.datetime.fromisoformat(row["locked_until"]) > now
        if locked:
            raise AuthError(f"too many failed sign-ins: try again after {row['locked_until'][11:19]} UTC")
        try:
            _HASHER.verify(row["password_hash"], password)
        except (VerificationError, InvalidHashError):
            failed = row["failed"] + 1
            lock = None
            if failed > FREE_FAILURES:
                seconds = min(2 ** (failed - FREE_FAILURES), MAX_LOCK_SECONDS)
                lock = (now + dt.timedelta(seconds=seconds)).isoformat()
            values = {"failed": failed, "locked_until": lock}
            connection.execute(update(users).where(users.c.name == name).values(values))
            failure = AuthError("wrong user name or password")
        else:
            connection.execute(update(users).where(users.c.name == name).values(failed=0, locked_until=None))
            return User(name, Role(row["role"]))
    raise failure


def cli_user(engine: Engine, login: str) -> User:
    """Who the CLI acts as: LOCAL without a user list, else BILATERAL_USER's entry (refused when unknown)."""
    if not has_users(engine):
        return User(os.environ.get("BILATERAL_USER") or login, Role.ADMIN)
    name = os.environ.get("BILATERAL_USER")
    if not name:
        raise AuthError("this database has a user list: set BILATERAL_USER to your user name")
    found = find_user(engine, name)
    if found is None:
        raise AuthError(f"BILATERAL_USER={name!r} is not in the user list")
    return found


def cli_acting(engine: Engine, needed: Role, action: str) -> User:
    """Who a CLI command acts as (cli_user, from BILATERAL_USER or the login), refused (AuthError) when the
    role does not allow `action`. Every command that writes asks this first."""
    user = cli_user(engine, getpass.getuser())
    require(user, needed, action)
    return user


def cli_store(needed: Role, action: str):
    """(store, user) for a CLI command: the store opened, who acts checked (cli_acting) before anything is
    written, then the curated records seeded, as every command that opens the store does; a user who may
    not edit (a viewer checking files) seeds nothing."""
    db = store.connect(seed=False)
    user = cli_acting(db.engine, needed, action)
    if user.can(Role.EDITOR):
        store.seed_from_data(db.engine)
    return db, user


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
