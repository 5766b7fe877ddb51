"""The store's query results as Arrow tables, a batch at a time, for the mirror's loads.

Why: building SQLAlchemy rows and pandas frames cost ~30 µs a row (a 1M-row load took 30 s). The driver's
own cursor (sqlite3 or psycopg) gives plain tuples, ~8 µs a row, made into typed Arrow columns in C, which
DuckDB scans without a copy.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
from sqlalchemy import Boolean, Float, Integer, Select
from sqlalchemy.engine import Engine

BATCH_ROWS = 50_000


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
