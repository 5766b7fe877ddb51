"""Hostile input, fuzzed with hypothesis: any bytes or any record give a valid import or a named error.

Never a crash, never a partial write: after a refused import the store holds what it held before, on both
engines. Hostile text (HTML, script, markdown links, control characters, right-to-left overrides, 1 MB
strings) is stored and read back as the same inert text.
"""

import json

import pytest
from helpers import article, interaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bilateral import store
from bilateral.errors import BilateralError
from bilateral.importers.stream import import_files
from bilateral.model.files import iter_raw_records
from bilateral.registry import load_actors
from bilateral.store import backup
from bilateral.store.tables import articles, audit, interactions

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "**bold** _it_ `code` # heading",
    '=HYPERLINK("http://evil")',
    "\u202eevil\u202c \u2066isolate\u2069",
    "line\x00nul\x07bell\x1bescape\r\nnext",
    "x" * 1_000_000,
]
FIELDS = ["title", "source", "summary", "url", "date", "actor1", "actor2", "event_type", "themes", "evidence",
          "article_id", "id", "score", "modality", "direction", "status"]  # fmt: skip
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])  # fmt: skip
ACTORS = None


def known_actors() -> set[str]:
    global ACTORS
    ACTORS = ACTORS or set(load_actors())
    return ACTORS


@pytest.fixture
def db(store_url):
    return store.connect(store_url, seed=False)


def state(db) -> tuple:
    with db.engine.connect() as connection:
        return (
            sorted(connection.execute(select(articles.c.id, articles.c.rev)).all()),
            sorted(connection.execute(select(interactions.c.id, interactions.c.rev)).all()),
            connection.execute(select(audit.c.id)).all().__len__(),
            db.revision(),
        )


def try_import(db, path) -> None:
    """Import `path`: either it lands whole, or a named error leaves the store exactly as it was."""
    before = state(db)
    try:
        result = import_files(db.engine, [path], known_actors(), actor="fuzz")
    except BilateralError:
        assert state(db) == before
        return
    assert result.articles + result.interactions + result.skipped >= 0


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".jsonl", ".csv", ".txt"]))
def test_any_bytes_give_records_or_a_named_error(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        for _where, _line, raw, problem in iter_raw_records(path):
            assert (raw is None) != (problem is None)
    except BilateralError as error:
        assert str(path) in str(error)


@FUZZ
@given(data=st.binary(max_size=1500), suffix=st.sampled_from([".jsonl", ".csv"]))
def test_importing_any_bytes_is_whole_or_nothing(db, tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try_import(db, path)


record_values = st.one_of(st.sampled_from(HOSTILE[:-1]), st.text(max_size=40), st.integers(), st.floats(),
                          st.none(), st.lists(st.text(max_size=8), max_size=3), st.booleans())  # fmt: skip


@FUZZ
@given(rows=st.lists(st.dictionaries(st.sampled_from(FIELDS), record_values, max_size=10), max_size=6))
def test_importing_any_records_is_whole_or_nothing(db, tmp_path, rows):
    good_article = article(title="Fuzz anchor", id="a-fuzz")
    lines = [good_article, *({**interaction(article_id="a-fuzz"), **row} for row in rows)]
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    try_import(db, path)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_stored_and_read_back_unchanged(db, tmp_path, text):
    rows = [article(title=f"T {text}", id="a-hostile", summary=text, source=text[:200] or "x"),
            interaction(article_id="a-hostile", evidence=f"E {text}")]  # fmt: skip
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    before = state(db)
    try:
        import_files(db.engine, [path], known_actors(), actor="fuzz")
    except (
        BilateralError
    ) as error:  # e.g. NUL characters, which PostgreSQL text refuses: named, not half-written
        assert "nothing was imported" in str(error) or "invalid" in str(error)
        assert state(db) == before
        return
    with db.engine.connect() as connection:
        stored = connection.execute(select(interactions.c.evidence)).scalar_one()
    assert stored == f"E {text}".strip() or stored == f"E {text}"


def test_a_csv_cell_of_a_megabyte_imports_and_a_bigger_one_is_named(db, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text('title,date,source\n"' + "x" * 1_000_000 + '",2030-01-01,Wire\n', encoding="utf-8")
    assert import_files(db.engine, [path], known_actors(), actor="fuzz").articles == 1
    path.write_text('title,source\n"' + "y" * 17_000_000 + '",s\n', encoding="utf-8")
    before = state(db)
    with pytest.raises(BilateralError, match="not a readable CSV file"):
        import_files(db.engine, [path], known_actors(), actor="fuzz")
    assert state(db) == before


@FUZZ
@given(data=st.binary(max_size=1500))
def test_restoring_any_bytes_restores_nothing_or_a_named_error(db, tmp_path, data):
    path = tmp_path / "fuzz-backup.jsonl"
    path.write_bytes(data)
    with pytest.raises(BilateralError):
        backup.restore(db.engine, path)
    assert db.counts() == (0, 0)
