"""The published list in Epoch AI's column layout, as CSV and Parquet, on every build.

Epoch's column names come first, in Epoch's order, so a spreadsheet built on Epoch's
"models over 1e25 FLOP" data reads ours unchanged; our own columns follow, in snake_case.
Rows are sorted (newest publication first, then ``model_id``) and written by DuckDB's
``COPY`` on one thread, so two builds over the same captures give byte-identical files
(the Parquet footer holds only the DuckDB version, no timestamp). Each file is written
beside its final name and renamed: a reader never sees half a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.outputs import db, safe_text
from ingest.outputs.paths import temp_path_beside

PUBLISHED_RELATION = ("marts", "models_above_1e25_flop")
BASENAME = "models_above_1e25_flop"

# (export column, SQL expression over marts.models_above_1e25_flop, mart columns it needs)
EPOCH_COLUMNS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Model", "model_name", ("model_name",)),
    ("Organization", "organization", ("organization",)),
    ("Publication date", "publication_date", ("publication_date",)),
    ("Training compute (FLOP)", "training_compute_flop", ("training_compute_flop",)),
    ("Training compute notes", "training_compute_notes", ("training_compute_notes",)),
    ("Confidence", "confidence", ("confidence",)),
    ("Parameters", "parameters", ("parameters",)),
    ("Training dataset size (datapoints)", "training_tokens", ("training_tokens",)),
    ("Country (of organization)", "country", ("country",)),
    ("Model accessibility", "model_accessibility", ("model_accessibility",)),
    # Epoch joins several links with commas; ours are the evidence URLs, sorted.
    ("Link", "array_to_string(sources, ', ')", ("sources",)),
]
OUR_COLUMNS: list[tuple[str, str, tuple[str, ...]]] = [
    (name, name, (name,))
    for name in (
        "training_compute_lower_flop",
        "training_compute_upper_flop",
        "estimation_method",
        "threshold_class",
        "provenance",
        "is_verified",
        "is_sample_data",
        "model_id",
    )
]
EXPORT_COLUMNS: list[str] = [name for name, _, _ in EPOCH_COLUMNS + OUR_COLUMNS]
ORDER_BY = "publication_date desc nulls last, model_id asc"


@dataclass(frozen=True)
class ExportResult:
    csv_path: Path
    parquet_path: Path
    rows: int
    sample_rows: int


def export_query(available: list[str]) -> str:
    """The SELECT behind both files. A mart column not built yet exports as NULL."""
    have = set(available)
    items = []
    for name, expression, needs in EPOCH_COLUMNS + OUR_COLUMNS:
        sql = expression if set(needs) <= have else "null"
        items.append(f"{sql} as {db.quote(name)}")
    schema, table = PUBLISHED_RELATION
    return f"select {', '.join(items)} from {schema}.{table} order by {ORDER_BY}"


def _copy(con: duckdb.DuckDBPyConnection, query: str, target: Path, options: str) -> None:
    tmp = temp_path_beside(target)
    try:
        # DuckDB refuses to COPY onto an existing file name for some formats: start empty.
        tmp.unlink()
        con.execute(f"copy ({query}) to {db.literal(str(tmp))} ({options})")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export_published(
    con: duckdb.DuckDBPyConnection, out_dir: Path, *, basename: str = BASENAME
) -> ExportResult:
    """Write ``<basename>.csv`` and ``<basename>.parquet`` into ``out_dir``."""
    schema, table = PUBLISHED_RELATION
    if not db.has_relation(con, schema, table):
        raise LookupError(f"{schema}.{table} does not exist: run dbt build first")
    query = export_query(db.columns_of(con, schema, table))
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / f"{basename}.csv"
    parquet_path = out_dir / f"{basename}.parquet"
    # Text cells of the CSV only are neutralized for spreadsheets (safe_text); Parquet is exact.
    csv_query = safe_text.csv_query(con, query)
    _copy(con, csv_query, csv_path, "format csv, header true, delimiter ',', quote '\"'")
    _copy(con, query, parquet_path, "format parquet, compression zstd")
    rows = db.scalar(con, f"select count(*) from {schema}.{table}")
    sample_rows = (
        db.scalar(con, f"select count(*) from {schema}.{table} where is_sample_data")
        if "is_sample_data" in db.columns_of(con, schema, table)
        else 0
    )
    return ExportResult(csv_path, parquet_path, int(rows or 0), int(sample_rows or 0))


def read_export(csv_path: Path) -> list[dict[str, str]]:
    """A previous export, as text rows (used to diff one refresh against the last)."""
    import csv

    if not csv_path.exists():
        return []
    with csv_path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
