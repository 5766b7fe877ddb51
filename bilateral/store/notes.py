"""Analysts' notes: add, edit, delete and list, each write in one transaction with a new data revision.

Notes are few, so they are read straight from the store (not through the mirror); a write still takes a
data revision, so every cached chart that draws notes is redrawn.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import StoreError
from bilateral.model import Note, now_iso
from bilateral.store.tables import notes
from bilateral.store.writes import next_revision


def _row(note: Note) -> dict:
    return note.to_dict()


def add_note(engine, note: Note) -> Note:
    """Store a new note; returns it."""
    try:
        with engine.begin() as connection:
            next_revision(connection)
            connection.execute(notes.insert().values(**_row(note)))
    except SQLAlchemyError as error:
        raise StoreError(
            f"the note was not saved ({error.__class__.__name__}); nothing was written"
        ) from error
    return note


def get_note(engine, note_id: str) -> Note | None:
    """One note by id, or None."""
    with engine.connect() as connection:
        row = connection.execute(select(notes).where(notes.c.id == note_id)).mappings().first()
    return None if row is None else Note.model_validate(dict(row))


def update_note(engine, note_id: str, **changes) -> Note:
    """Edit a note (validated as a whole); refuses an unknown id."""
    current = get_note(engine, note_id)
    if current is None:
        raise StoreError(f"no note with id {note_id!r}; nothing was written")
    edited = Note.model_validate({**current.to_dict(), **changes, "updated_at": now_iso()})
    with engine.begin() as connection:
        next_revision(connection)
        connection.execute(notes.update().where(notes.c.id == note_id).values(**_row(edited)))
    return edited


def delete_note(engine, note_id: str) -> None:
    """Delete a note; refuses an unknown id."""
    with engine.begin() as connection:
        gone = connection.execute(notes.delete().where(notes.c.id == note_id)).rowcount
        if not gone:
            raise StoreError(f"no note with id {note_id!r}; nothing was deleted")
        next_revision(connection)


def list_notes(engine, date_from: dt.date | None = None, date_to: dt.date | None = None,
               dyads=(), themes=()) -> list[Note]:  # fmt: skip
    """Notes overlapping the period, pinned to one of the dyads (or to none) and one of the themes (or none);
    oldest first."""
    query = select(notes).order_by(notes.c.date_from, notes.c.created_at)
    if date_from:
        query = query.where(
            or_(
                notes.c.date_to >= str(date_from),
                and_(notes.c.date_to.is_(None), notes.c.date_from >= str(date_from)),
            )
        )
    if date_to:
        query = query.where(notes.c.date_from <= str(date_to))
    if dyads:
        query = query.where(or_(notes.c.dyad.is_(None), notes.c.dyad.in_(list(dyads))))
    if themes:
        query = query.where(
            or_(notes.c.theme.is_(None), notes.c.theme.in_([str(getattr(t, "value", t)) for t in themes]))
        )
    with engine.connect() as connection:
        return [Note.model_validate(dict(row)) for row in connection.execute(query).mappings()]
