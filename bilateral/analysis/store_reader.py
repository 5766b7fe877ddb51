"""The store's query results as Arrow tables, a batch at a time, for the mirror's loads.

Why: building SQLAlchemy rows and pandas frames cost ~30 µs a row (a 1M-row load took 30 s). Two sources
give the same typed batches, which DuckDB scans without a copy:
- `read_batches`: the driver's own cursor in this process (sqlite3 or psycopg), ~10 µs a row and no
  start-up: incremental syncs, usually a few rows.
- `BulkRead`: an ADBC driver filling Arrow columns in C, ~5 µs a row, in a child process (arrow_child.py
  says why) that starts in ~0.5 s: full loads, and syncs of many records (mirror.BULK_ROWS).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
from sqlalchemy import Boolean, Float, Integer, Select, literal, select, union_all
from sqlalchemy.engine import Engine

from bilateral.errors import StoreError
from bilateral.helper_process import HelperProcess
from bilateral.store import database_path

# Half a DuckDB row group: at 1M rows, batches of 50,000 took 16 s, of one row group (122,880) 10 s, of half
# of one 10 s with ~60 MB less peak memory (each batch and its enriched copy are held at once).
BATCH_ROWS = 61_440
CHILD = Path(__file__).with_name("arrow_child.py")


def read_batches(engine: Engine, query: Select) -> Iterator[pa.Table]:
    """The query's rows as Arrow tables of up to BATCH_ROWS rows, typed from its columns' declarations.

    Why the driver's own cursor: the values come as the driver makes them (str, int, float, None), with no
    SQLAlchemy row per value; on PostgreSQL a named cursor keeps the result on the server.
    """
    schema = arrow_schema(query)
    sql = str(query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        driver = connection.connection.dbapi_connection
        cursor = driver.cursor(name="mirror_load") if engine.dialect.name == "postgresql" else driver.cursor()
        try:
            cursor.execute(sql)
            while part := cursor.fetchmany(BATCH_ROWS):
                columns = zip(*part, strict=True)
                arrays = [pa.array(values, type=f.type) for values, f in zip(columns, schema, strict=True)]
                yield pa.Table.from_arrays(arrays, schema=schema)
        finally:
            cursor.close()


def arrow_type(kind) -> pa.DataType:
    """The Arrow type of a column type: integers, floats, booleans; text (and ISO dates as text) else."""
    if isinstance(kind, Boolean):
        return pa.bool_()
    if isinstance(kind, Integer):
        return pa.int64()
    if isinstance(kind, Float):
        return pa.float64()
    return pa.string()


def arrow_schema(query: Select) -> pa.Schema:
    """The Arrow schema of a query's results (see arrow_type)."""
    return pa.schema([(column.name, arrow_type(column.type)) for column in query.selected_columns])


class BulkRead:
    """Queries read by ADBC in a child process; `batches()` gives the next query's batches (in order, once).

    Each query must have a `rev` column and is ordered by `order_by`, under which its typed first row sorts
    first (see bulk_sql).
    """

    def __init__(self, engine: Engine, queries: list[tuple[Select, str]]):
        path = database_path(engine.url.render_as_string(hide_password=False))
        uri = (
            str(path)
            if path
            else engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        )
        request = {
            "driver": "sqlite" if path else "postgresql",
            "uri": uri,
            "batch_rows": BATCH_ROWS,
            "queries": [
                {
                    "sql": bulk_sql(engine, query, order_by),
                    "schema": [[f.name, str(f.type)] for f in arrow_schema(query)],
                }
                for query, order_by in queries
            ],
        }
        self._child = HelperProcess([sys.executable, str(CHILD)], json.dumps(request).encode())

    def batches(self) -> Iterator[pa.Table]:
        """The next query's rows, a batch at a time."""
        try:
            for batch in pa.ipc.open_stream(self._child.stdout):
                yield pa.Table.from_batches([batch])
        except (pa.ArrowException, OSError) as error:
            raise StoreError(f"reading the store for the mirror failed: {self._child.failure()}") from error

    def close(self) -> None:
        """Stop the child if it is still reading (a load cut short) and release its pipes."""
        self._child.close()

    def __enter__(self) -> BulkRead:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def bulk_sql(engine: Engine, query: Select, order_by: str) -> str:
    """The query's SQL for ADBC, led by a typed first row (rev -1) that the child drops.

    Why: ADBC's SQLite driver takes each column's type from its first batch; a column NULL throughout it
    (GDELT counts among curated rows) would become int64 and a later string would fail the read.
    """
    typed = select(*(_typed_value(column) for column in query.selected_columns))
    ordered = union_all(typed, query.order_by(None)).order_by(order_by)
    return str(ordered.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))


def _typed_value(column):
    """A non-NULL value of the column's type; '' sorts before every ISO date, -1 before every revision."""
    if column.name == "rev":
        value = -1
    elif isinstance(column.type, Boolean):
        value = False
    elif isinstance(column.type, Integer):
        value = 0
    elif isinstance(column.type, Float):
        value = 0.0
    else:
        value = ""
    return literal(value, column.type).label(column.name)
