"""The change history outside the warehouse: ``$TRACKER_DATA_DIR/history/model_changes.csv``.

After each build, the rows of ``marts.changes_in_last_refresh`` (one per model whose state
the refresh changed) are appended to the file; dbt reads it back
(``stg_history__model_changes``), so ``marts.model_change_history`` shows every change ever
and the next refresh compares against the last recorded state, even after the warehouse
file was lost and rebuilt. The file is append-only: the old bytes are kept exactly, the
new rows go after them, and the result replaces the file in one atomic rename (after an
fsync), so a crash leaves either the old file or the new one, never half a row. Appending
is idempotent: a change_id already in the file is not written again. A file from before
columns were added at the end gets the new header, its rows empty cells for them, once.
Each row records, besides the model's state, the override rows in effect (in words, with
their source URLs) and those added and removed since the state before: a row deleted
from the overrides file is recorded as removed, never under the name of whoever wrote it.

Usage: ``tracker history`` (``make run`` does it after ``dbt build``).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

import duckdb

from ingest.config import Settings

# The columns of marts.changes_in_last_refresh, in order; stg_history__model_changes reads
# them back (its empty branch lists them too).
HISTORY_COLUMNS = (
    "change_id",
    "refreshed_at",
    "model_id",
    "model_name",
    "change_type",
    "change_origin",
    "changed_fields",
    "organization",
    "publication_date",
    "parameters",
    "training_tokens",
    "training_compute_flop",
    "training_compute_lower_flop",
    "training_compute_upper_flop",
    "confidence",
    "estimation_method",
    "threshold_class",
    "provenance",
    "is_published",
    "is_verified",
    "is_excluded",
    "is_sample_data",
    "overridden_fields",
    "override_fingerprint",
    "override_changed_by",
    "override_changed_on",
    "override_reason",
    "previous_training_compute_flop",
    "previous_threshold_class",
    "previous_is_published",
    "training_compute_notes",
    "override_source_urls",
    "override_rows",
    "override_rows_added",
    "override_rows_removed",
    "renamed_to_model_id",
)
# Lists of free text (URLs, reasons) are written as JSON arrays, which any separator in
# them cannot break; the other lists (field names) as `a;b`.
JSON_LIST_COLUMNS = frozenset(
    ("override_source_urls", "override_rows", "override_rows_added", "override_rows_removed")
)
CHANGES_RELATION = "marts.changes_in_last_refresh"


def history_path(settings: Settings) -> Path:
    return settings.data_dir / "history" / "model_changes.csv"


def _cell(value: object, column: str = "") -> str:
    if column in JSON_LIST_COLUMNS:
        return json.dumps(list(value or []), ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back as the same double
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    return str(value)


def recorded_change_ids(path: Path) -> set[str]:
    if not path.exists():
        return set()
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["change_id"] for row in csv.DictReader(handle) if row.get("change_id")}


def read_changes(db_path: Path) -> list[dict[str, object]]:
    """This refresh's changes, from the warehouse (empty when the mart is missing)."""
    if not db_path.exists():
        return []
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        cursor = con.execute(
            f"select {', '.join(HISTORY_COLUMNS)} from {CHANGES_RELATION} order by model_id"
        )
        return [dict(zip(HISTORY_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    except duckdb.CatalogException:
        return []
    finally:
        con.close()


def _upgraded(old: bytes) -> bytes:
    """A file written before columns were added at the end of HISTORY_COLUMNS gets the new
    header, and every old row empty cells for them: each recorded value is kept as it was.
    Any other file is returned as it is."""
    header, _, rest = old.partition(b"\n")
    names = tuple(next(csv.reader([header.decode("utf-8").rstrip("\r")]), []))
    if names == HISTORY_COLUMNS or names != HISTORY_COLUMNS[: len(names)] or not names:
        return old
    missing = len(HISTORY_COLUMNS) - len(names)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HISTORY_COLUMNS)
    for record in csv.reader(io.StringIO(rest.decode("utf-8"), newline="")):
        if record:
            writer.writerow(record + [""] * missing)
    return buffer.getvalue().encode("utf-8")


def append_rows(path: Path, rows: list[dict[str, object]]) -> int:
    """Append the rows whose change_id the file lacks. Returns how many were written."""
    known = recorded_change_ids(path)
    fresh = [row for row in rows if str(row["change_id"]) not in known]
    if not fresh:
        return 0
    old = _upgraded(path.read_bytes()) if path.exists() else b""
    records = [[_cell(row.get(column), column) for column in HISTORY_COLUMNS] for row in fresh]
    _write_appended(path, old, HISTORY_COLUMNS, records)
    return len(fresh)


def _write_appended(
    path: Path, old: bytes, columns: tuple[str, ...], records: list[list[str]]
) -> None:
    """Write the file's old bytes, then the new records (with the header when the file is
    new), to a temporary file, fsync it and rename it over the file, then fsync the folder:
    a crash leaves the old file or the new one, never half of it, and the rename itself
    survives a power cut. Every history file is written this way."""
    if old and not old.endswith(b"\n"):
        old += b"\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not old:
        writer.writerow(columns)
    writer.writerows(records)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(old)
            handle.write(buffer.getvalue().encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def record_changes(settings: Settings) -> int:
    """Append this refresh's changes to the history file; returns the rows appended."""
    return append_rows(history_path(settings), read_changes(settings.db_path))


def record_after_build(settings: Settings) -> None:
    """``make run``'s step after ``dbt build``: never fails the refresh (a change not
    appended now is still unrecorded next time, and is appended then)."""
    try:
        written = record_changes(settings)
        versions = record_versions(settings)
    except (OSError, duckdb.Error) as exc:
        print(f"History: NOT updated ({exc}); the next refresh records these changes.")
        return
    print(
        f"History: {written} change(s) recorded in {history_path(settings)}; "
        f"{versions} published-list version(s) in {versions_path(settings)}"
    )


# -- what else a rebuild could not recompute: the load log and the published list's versions
#
# raw.load_log (what each ingest run did) and the dbt snapshot of the published list (every
# version of every row) live in the warehouse; captures cannot give them back. Both are
# appended to files beside model_changes.csv after every run, the same append-only way, and
# read back into raw by the next ingest (``restore_into_raw``): after `make rebuild`,
# raw.load_log has every row again and marts.published_list_history every version.

LOAD_LOG_COLUMNS = (
    "run_id",
    "source",
    "started_at",
    "finished_at",
    "status",
    "rows_loaded",
    "capture_path",
    "captured_at",
    "error",
    "is_sample",
)
SNAPSHOT_RELATION = "snapshots.models_above_1e25_flop_snapshot"
# The snapshot's check_cols (dbt_project/snapshots/): what makes a new version.
VERSION_FIELDS = (
    "model_name",
    "organization",
    "publication_date",
    "parameters",
    "training_tokens",
    "training_compute_flop",
    "training_compute_lower_flop",
    "training_compute_upper_flop",
    "confidence",
    "estimation_method",
    "threshold_class",
    "provenance",
    "overridden_fields",
    "override_reason",
    "is_verified",
)
VERSION_COLUMNS = (
    "version_id",
    "model_id",
    "valid_from",
    "is_deleted",
    *VERSION_FIELDS,
)
VERSIONS_TABLE = "raw.published_list_versions"
# Created with the other bookkeeping tables (ingest.warehouse), so every warehouse, a
# point-in-time one included, has it for dbt, empty until a history file fills it.
VERSIONS_DDL = (
    f"create table if not exists {VERSIONS_TABLE} ("
    + ", ".join(f"{name} varchar" for name in VERSION_COLUMNS)
    + ");"
)


def load_log_path(settings: Settings) -> Path:
    return settings.data_dir / "history" / "load_log.csv"


def versions_path(settings: Settings) -> Path:
    return settings.data_dir / "history" / "published_list_versions.csv"


def _append_keyed(path: Path, columns: tuple[str, ...], rows: list[dict], key) -> int:
    """Append the rows whose key the file lacks (append-only, atomic, like append_rows)."""
    known: set = set()
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            known = {key(row) for row in csv.DictReader(handle)}
    fresh = [row for row in rows if key({c: _cell(row.get(c)) for c in columns}) not in known]
    if not fresh:
        return 0
    old = path.read_bytes() if path.exists() else b""
    _write_appended(path, old, columns, [[_cell(row.get(c)) for c in columns] for row in fresh])
    return len(fresh)


def _load_log_key(row: dict) -> tuple:
    return (row["run_id"], row["source"], row["started_at"])


def record_load_log(con: duckdb.DuckDBPyConnection, settings: Settings) -> int:
    """Append raw.load_log's rows the file lacks (ingest does it at the end of each run)."""
    cursor = con.execute(f"select {', '.join(LOAD_LOG_COLUMNS)} from raw.load_log")
    rows = [dict(zip(LOAD_LOG_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    return _append_keyed(load_log_path(settings), LOAD_LOG_COLUMNS, rows, _load_log_key)


def record_versions(settings: Settings) -> int:
    """Append the snapshot's versions the file lacks (a refresh does it after dbt build).

    Values are DuckDB's own text for them (``cast(... as varchar)``), the same text
    marts.published_list_history compares the live snapshot's rows by."""
    if not settings.db_path.exists():
        return 0
    fields = ", ".join(f"cast({name} as varchar) as {name}" for name in VERSION_FIELDS)
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        cursor = con.execute(
            f"""
            select
                dbt_scd_id as version_id,
                model_id,
                cast(dbt_valid_from as varchar) as valid_from,
                coalesce(cast(dbt_is_deleted as varchar), 'False') as is_deleted,
                {fields}
            from {SNAPSHOT_RELATION}
            order by model_id, dbt_valid_from
            """
        )
        rows = [dict(zip(VERSION_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    except duckdb.CatalogException:
        return 0
    finally:
        con.close()
    return _append_keyed(
        versions_path(settings), VERSION_COLUMNS, rows, lambda row: row["version_id"]
    )


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _null(text: str | None) -> str | None:
    return text if text not in (None, "") else None


def restore_into_raw(con: duckdb.DuckDBPyConnection, settings: Settings) -> int:
    """Put back into raw what the history files hold and raw lacks (all of it, after the
    warehouse file was lost). Returns the rows restored. Runs at the start of every ingest."""
    con.execute(VERSIONS_DDL)
    restored = 0
    # Compared as timestamps, not text: DuckDB writes 07:24:48.55648 where the file (Python's
    # isoformat) says 07:24:48.556480, and a text comparison restored such a row twice.
    logged = {
        (run_id, source, started_at)
        for run_id, source, started_at in con.execute(
            "select run_id, source, started_at from raw.load_log"
        ).fetchall()
    }
    missing = [
        row
        for row in _read_csv(load_log_path(settings))
        if (row["run_id"], row["source"], datetime.fromisoformat(row["started_at"])) not in logged
    ]
    if missing:
        con.executemany(
            "insert into raw.load_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    row["run_id"],
                    row["source"],
                    row["started_at"],
                    row["finished_at"],
                    row["status"],
                    int(row["rows_loaded"] or 0),
                    _null(row["capture_path"]),
                    _null(row["captured_at"]),
                    _null(row["error"]),
                    row["is_sample"] == "true",
                ]
                for row in missing
            ],
        )
        restored += len(missing)
    have = {r[0] for r in con.execute(f"select version_id from {VERSIONS_TABLE}").fetchall()}
    versions = [row for row in _read_csv(versions_path(settings)) if row["version_id"] not in have]
    if versions:
        con.executemany(
            f"insert into {VERSIONS_TABLE} values ({', '.join('?' for _ in VERSION_COLUMNS)})",
            [[_null(row.get(column)) for column in VERSION_COLUMNS] for row in versions],
        )
        restored += len(versions)
    return restored


def main(argv: list[str] | None = None, prog: str = "python -m ingest.history") -> int:
    argparse.ArgumentParser(
        prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args(argv)
    settings = Settings.from_env()
    written = record_changes(settings)
    print(f"History: {written} change(s) appended to {history_path(settings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
