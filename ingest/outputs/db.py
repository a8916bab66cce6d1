"""Read-only access to the warehouse for the output steps, tolerant of missing relations.

Outputs are built from whatever the last ``dbt build`` produced: a relation another part of
the project has not built yet (an epoch mart, the change history) is reported as missing,
never a crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb


@contextmanager
def connect(db_path: Path | str, *, read_only: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(db_path), read_only=read_only)
    try:
        # One thread: COPY output is then byte-for-byte the same on every run.
        con.execute("set threads = 1")
        yield con
    finally:
        con.close()


def has_relation(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    return bool(row and row[0])


def columns_of(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    return [row[0] for row in rows]


def records(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    """Rows as dicts keyed by column name."""
    cursor = con.execute(sql, params or [])
    names = [desc[0] for desc in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    row = con.execute(sql, params or []).fetchone()
    return row[0] if row else None


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal (for a path where DuckDB takes no parameter, as in COPY ... TO)."""
    return "'" + text.replace("'", "''") + "'"


def is_published_predicate(con: duckdb.DuckDBPyConnection) -> str:
    """SQL true for a row of marts.models that is in the published list ("false" when the
    list has not been built)."""
    if has_relation(con, "marts", "models_above_1e25_flop"):
        return "model_id in (select model_id from marts.models_above_1e25_flop)"
    return "false"
