"""The published list in Epoch AI's column layout, as CSV and Parquet, on every build.

The 34 columns of Epoch's ``large_scale_ai_models.csv`` come first, with Epoch's names in
Epoch's order (``EPOCH_HEADER``), so a notebook built on Epoch's file reads ours
unchanged; then Epoch's names for four columns its full database has and that file lacks;
then ours, in snake_case. Values are the warehouse's, blank where it knows nothing.
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
# Epoch's columns the published list does not hold (Domain, Link, hardware, ...): one row
# per model, joined on model_id (dbt_project/models/marts/model_epoch_fields.sql).
EPOCH_FIELDS_RELATION = ("marts", "model_epoch_fields")
BASENAME = "models_above_1e25_flop"

# The header of Epoch AI's large_scale_ai_models.csv (https://epoch.ai/data/), in its
# order, as the file stood on this date. This list is the one place the export's Epoch
# header is written down; tests and docs/outputs.md follow it.
EPOCH_HEADER_AS_OF = "2026-12-05"
EPOCH_HEADER: tuple[str, ...] = (
    "Model",
    "Domain",
    "Task",
    "Authors",
    "Model accessibility",
    "Link",
    "Citations",
    "Reference",
    "Publication date",
    "Organization",
    "Parameters",
    "Parameters notes",
    "Training compute (FLOP)",
    "Training compute notes",
    "Training dataset",
    "Training dataset notes",
    "(DEPRECATED) Training dataset size (datapoints)",
    "Dataset size notes",
    "Training time (hours)",
    "Training time notes",
    "Training hardware",
    "Confidence",
    "Abstract",
    "Country (of organization)",
    "Base model",
    "Finetune compute (FLOP)",
    "Finetune compute notes",
    "Hardware quantity",
    "Hardware utilization (MFU)",
    "Training code accessibility",
    "Accessibility notes",
    "Hardware utilization (HFU)",
    "Training compute cost (cloud)",
    "Training compute cost (upfront)",
)
# Columns of Epoch's full database ("all models") that large_scale_ai_models.csv lacks,
# under Epoch's names, after the 34.
EPOCH_DATABASE_EXTRA: tuple[str, ...] = (
    "Training compute lower bound",
    "Training compute upper bound",
    "Training compute estimation method",
    "Frontier model",
)
# Ours, after Epoch's.
OUR_HEADER: tuple[str, ...] = (
    "probability_above_threshold",
    "threshold_class",
    "publication_date_source",
    "provenance",
    "is_verified",
    "is_sample_data",
    "model_id",
)
EXPORT_COLUMNS: list[str] = [*EPOCH_HEADER, *EPOCH_DATABASE_EXTRA, *OUR_HEADER]

# Export column -> (SQL expression, the relation columns it needs). `published` is the
# published list, `epoch_fields` marts.model_epoch_fields. A column the warehouse knows
# nothing about is absent here and exports empty: Authors, Citations, Abstract, Training
# dataset (+ notes), Training time notes, Finetune compute notes, Training code
# accessibility, Accessibility notes, HFU, the two cost columns (no seed cites them) and
# Frontier model (Epoch's top-10-at-release flag needs Epoch's whole database). Numbers
# are written as doubles (`405000000000.0`, `3.8e+25`) and dates as YYYY-MM-DD, as Epoch
# writes them.
COLUMN_SQL: dict[str, tuple[str, tuple[str, ...]]] = {
    "Model": ("published.model_name", ("published.model_name",)),
    "Domain": ("epoch_fields.domain", ("epoch_fields.domain",)),
    "Task": ("epoch_fields.task", ("epoch_fields.task",)),
    "Model accessibility": ("published.model_accessibility", ("published.model_accessibility",)),
    # The primary source first (never the LMArena dataset), comma-joined as Epoch does.
    "Link": (
        "coalesce(epoch_fields.link, array_to_string(published.sources, ','))",
        ("epoch_fields.link", "published.sources"),
    ),
    "Reference": ("epoch_fields.reference", ("epoch_fields.reference",)),
    "Publication date": ("published.publication_date", ("published.publication_date",)),
    "Organization": ("published.organization", ("published.organization",)),
    "Parameters": ("cast(published.parameters as double)", ("published.parameters",)),
    "Parameters notes": ("epoch_fields.parameters_notes", ("epoch_fields.parameters_notes",)),
    "Training compute (FLOP)": (
        "published.training_compute_flop",
        ("published.training_compute_flop",),
    ),
    "Training compute notes": (
        "published.training_compute_notes",
        ("published.training_compute_notes",),
    ),
    # Epoch's dataset size is in datapoints; for a language model those are tokens.
    "(DEPRECATED) Training dataset size (datapoints)": (
        "cast(published.training_tokens as double)",
        ("published.training_tokens",),
    ),
    "Dataset size notes": (
        "case when published.training_tokens is not null then 'Training tokens' end",
        ("published.training_tokens",),
    ),
    "Training time (hours)": (
        "epoch_fields.training_time_hours",
        ("epoch_fields.training_time_hours",),
    ),
    "Training hardware": ("epoch_fields.training_hardware", ("epoch_fields.training_hardware",)),
    "Confidence": ("published.confidence", ("published.confidence",)),
    "Country (of organization)": ("published.country", ("published.country",)),
    "Base model": ("epoch_fields.base_model_name", ("epoch_fields.base_model_name",)),
    "Finetune compute (FLOP)": (
        "published.finetune_compute_flop",
        ("published.finetune_compute_flop",),
    ),
    "Hardware quantity": ("epoch_fields.hardware_quantity", ("epoch_fields.hardware_quantity",)),
    "Hardware utilization (MFU)": (
        "epoch_fields.hardware_utilization_mfu",
        ("epoch_fields.hardware_utilization_mfu",),
    ),
    "Training compute lower bound": (
        "published.training_compute_lower_flop",
        ("published.training_compute_lower_flop",),
    ),
    "Training compute upper bound": (
        "published.training_compute_upper_flop",
        ("published.training_compute_upper_flop",),
    ),
    "Training compute estimation method": (
        "published.estimation_method",
        ("published.estimation_method",),
    ),
    **{name: (f"published.{name}", (f"published.{name}",)) for name in OUR_HEADER},
}
# Typed so an empty column still reads as a number in the Parquet file.
NUMERIC_COLUMNS = frozenset(
    {
        "Citations",
        "Parameters",
        "Training compute (FLOP)",
        "(DEPRECATED) Training dataset size (datapoints)",
        "Training time (hours)",
        "Finetune compute (FLOP)",
        "Hardware quantity",
        "Hardware utilization (MFU)",
        "Hardware utilization (HFU)",
        "Training compute cost (cloud)",
        "Training compute cost (upfront)",
        "Training compute lower bound",
        "Training compute upper bound",
        "probability_above_threshold",
    }
)
ORDER_BY = "publication_date desc nulls last, model_id asc"


@dataclass(frozen=True)
class ExportResult:
    csv_path: Path
    parquet_path: Path
    rows: int
    sample_rows: int


def export_query(available: set[str]) -> str:
    """The SELECT behind both files. ``available`` holds ``published.<column>`` and
    ``epoch_fields.<column>`` names; a column not built yet exports as NULL."""
    items = []
    for name in EXPORT_COLUMNS:
        empty = f"cast(null as {'double' if name in NUMERIC_COLUMNS else 'varchar'})"
        expression, needs = COLUMN_SQL.get(name, (empty, ()))
        sql = expression if set(needs) <= available else empty
        items.append(f"{sql} as {db.quote(name)}")
    schema, table = PUBLISHED_RELATION
    fields_schema, fields_table = EPOCH_FIELDS_RELATION
    joined = f"{schema}.{table} as published"
    if any(name.startswith("epoch_fields.") for name in available):
        joined += (
            f" left join {fields_schema}.{fields_table} as epoch_fields"
            " on published.model_id = epoch_fields.model_id"
        )
    order = ", ".join(f"published.{term}" for term in ORDER_BY.split(", "))
    return f"select {', '.join(items)} from {joined} order by {order}"


def available_columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The columns the export can read, as ``published.x`` / ``epoch_fields.x``."""
    available = {f"published.{c}" for c in db.columns_of(con, *PUBLISHED_RELATION)}
    if db.has_relation(con, *EPOCH_FIELDS_RELATION):
        available |= {f"epoch_fields.{c}" for c in db.columns_of(con, *EPOCH_FIELDS_RELATION)}
    return available


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
    query = export_query(available_columns(con))
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
