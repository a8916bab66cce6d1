"""Loading parsed captures into DuckDB's ``raw`` schema, one transaction per capture.

Python owns ``raw`` and nothing else. Every raw row carries ``_load_id``, ``_loaded_at``,
``_captured_at``, ``_source_url``, ``_capture_path``, ``_capture_sha256`` and
``_is_sample``. ``raw.loaded_captures`` remembers which capture contents were loaded, so
loading the same content twice adds nothing.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from ingest.captures import Capture
from ingest.config import REPO_ROOT
from ingest.data_test_findings import DDL as FINDINGS_DDL
from ingest.history import VERSIONS_DDL
from ingest.locks import busy_message, is_lock_error
from ingest.ranges import ScreenedPart, ScreenedRows, screen
from ingest.sources.base import JSONObject, ParseResult, Rejected, Source

# A load this large says how far it has got, every this many rows (on stderr): a listing of
# a million Hugging Face models takes about half a minute.
PROGRESS_EVERY_ROWS = 100_000
# Rows made lazily from a capture (a Hugging Face listing) and this many or more are made,
# screened and written in one process per core (at most PARALLEL_MAX_WORKERS), each a
# consecutive part; below it, starting the processes costs more than they save.
PARALLEL_MIN_ROWS = 200_000
PARALLEL_MAX_WORKERS = 4

META_COLUMNS: dict[str, str] = {
    "_load_id": "varchar",
    "_loaded_at": "timestamp",
    "_captured_at": "timestamp",
    "_source_url": "varchar",
    "_capture_path": "varchar",
    "_capture_sha256": "varchar",
    "_is_sample": "boolean",
}

DDL = """
create schema if not exists raw;
create table if not exists raw.load_log (
    run_id varchar not null,
    source varchar not null,
    started_at timestamp not null,
    finished_at timestamp not null,
    status varchar not null,
    rows_loaded bigint not null,
    capture_path varchar,
    captured_at timestamp,
    error varchar,
    is_sample boolean not null default false
);
create table if not exists raw.rejected_rows (
    run_id varchar not null,
    source varchar not null,
    capture_path varchar,
    row_number bigint,
    reason varchar not null,
    record varchar
);
create table if not exists raw.loaded_captures (
    source varchar not null,
    capture_sha256 varchar not null,
    capture_path varchar not null,
    captured_at timestamp not null,
    is_sample boolean not null,
    load_id varchar not null,
    loaded_at timestamp not null,
    rows_loaded bigint not null
);
"""


def _json_line(row: dict) -> str:
    """One row as a line of JSON. A value parsed as a ``JSONObject`` is written as the
    text it was parsed from (the same JSON value), not encoded again."""
    rest: dict[str, Any] = {}
    kept: list[str] = []
    for name, value in row.items():
        if isinstance(value, JSONObject):
            kept.append(f"{_ENCODER.encode(name)}: {value.text}")
        else:
            rest[name] = value
    if not kept:
        return _ENCODER.encode(row)
    parts = [_ENCODER.encode(rest)[1:-1]] if rest else []
    return "{" + ", ".join(parts + kept) + "}"


def _write_lines(label: str, rows: Iterable[dict], path: Path) -> int:
    """Each row as a line of JSON in ``path``; how many."""
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(_json_line(row))
            handle.write("\n")
            written += 1
            if written % PROGRESS_EVERY_ROWS == 0:
                _progress(f"{label}: {written:,} rows prepared")
    return written


def _write_part(label: str, part: ScreenedPart, path: Path) -> tuple[int, list[Rejected]]:
    """In a process of its own: a part's screened rows written to ``path``; how many, and
    the rows it rejected and the values it set to NULL, numbered as in the whole capture."""
    rejected: list[Rejected] = []
    return _write_lines(label, part.rows(rejected), path), rejected


def _progress(text: str) -> None:
    print(f"  {text}", file=sys.stderr, flush=True)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


# One encoder for every line (json.dumps with options builds a new one per call).
_ENCODER = json.JSONEncoder(default=_json_default, ensure_ascii=False)


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def display_path(path: Path) -> str:
    """Paths inside the repository are stored relative to it, so the warehouse is portable."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path.resolve())


class WarehouseUnavailable(Exception):
    """The warehouse file cannot be opened; the message says what to do."""

    exit_status = 1


class WarehouseBusy(WarehouseUnavailable):
    """Another process (an analyst's session) holds the warehouse file."""

    exit_status = 75  # EX_TEMPFAIL, as for a refresh already running


def _connect(db_path: str) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(db_path)
    except duckdb.Error as exc:
        if is_lock_error(exc):
            raise WarehouseBusy(busy_message(Path(db_path), exc)) from exc
        if Path(db_path).exists():
            raise WarehouseUnavailable(
                f"the warehouse {db_path} cannot be opened ({exc}). It holds nothing the "
                "captures and seeds cannot give back: rebuild it with `make rebuild`."
            ) from exc
        raise


def _pause_inside_load() -> None:
    """Test hook (fault tests): sleep inside the load transaction, so a test can kill us there."""
    pause = os.environ.get("TRACKER_TEST_PAUSE_IN_LOAD")
    if pause:
        print("pausing inside the load transaction", file=sys.stderr, flush=True)
        time.sleep(float(pause))


class Warehouse:
    def __init__(self, db_path: Path | str):
        self.db_path = str(db_path)
        if self.db_path != ":memory:":
            Path(self.db_path).parent.mkdir(parents=True, exist_ok=True)
        self.con = _connect(self.db_path)
        # One transaction: a process killed while creating the bookkeeping tables leaves
        # all of them or none.
        self.con.execute("begin transaction;" + DDL + VERSIONS_DDL + FINDINGS_DDL + "commit;")
        self._clear_load_scratch()  # what a killed load left

    def close(self) -> None:
        self.con.close()

    @property
    def load_scratch(self) -> Path:
        """Where a load writes its temporary files (the rows as JSON lines, a gigabyte for a
        million-model listing): beside the warehouse, ``<file>.load-tmp/``, not the system's
        temporary folder, so that what a killed load leaves is cleared by the next one."""
        if self.db_path == ":memory:":
            return Path(tempfile.gettempdir())
        path = Path(self.db_path)
        return path.with_name(f"{path.name}.load-tmp")

    def _clear_load_scratch(self) -> None:
        """Remove the load's temporary files: after a load, and on opening the warehouse
        (what a killed load left). This process holds the warehouse's only read-write
        connection, so no other load is using them."""
        if self.db_path != ":memory:":
            shutil.rmtree(self.load_scratch, ignore_errors=True)

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- bookkeeping ------------------------------------------------------------------
    def is_loaded(self, source: str, sha256: str) -> bool:
        row = self.con.execute(
            "select count(*) from raw.loaded_captures where source = ? and capture_sha256 = ?",
            [source, sha256],
        ).fetchone()
        return bool(row and row[0])

    def has_real_capture(self, source: str) -> bool:
        row = self.con.execute(
            "select count(*) from raw.loaded_captures where source = ? and not is_sample",
            [source],
        ).fetchone()
        return bool(row and row[0])

    def log(
        self,
        *,
        run_id: str,
        source: str,
        started_at: datetime,
        status: str,
        rows_loaded: int = 0,
        capture: Capture | None = None,
        error: str | None = None,
    ) -> None:
        self.con.execute(
            "insert into raw.load_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                source,
                _naive_utc(started_at),
                _naive_utc(datetime.now(UTC)),
                status,
                rows_loaded,
                display_path(capture.path) if capture else None,
                _naive_utc(capture.captured_at) if capture else None,
                error,
                bool(capture and capture.is_sample),
            ],
        )

    # -- loading ----------------------------------------------------------------------
    def _ensure_table(self, table: str, columns: dict[str, str]) -> None:
        wanted = {**columns, **META_COLUMNS}
        cols = ", ".join(f'"{name}" {ctype}' for name, ctype in wanted.items())
        self.con.execute(f"create table if not exists raw.{table} ({cols})")
        existing = {
            row[0]
            for row in self.con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'raw' and table_name = ?",
                [table],
            ).fetchall()
        }
        for name, ctype in wanted.items():
            if name not in existing:  # a later version of a parser added a column
                self.con.execute(f'alter table raw.{table} add column "{name}" {ctype}')

    def _insert_rows(
        self,
        table: str,
        columns: dict[str, str],
        rows: list[dict],
        meta: dict[str, Any],
        capture_path: Path,
    ) -> None:
        if not rows:
            return
        # One bulk insert through temporary newline-delimited JSON files: no row-by-row
        # inserts, and DuckDB casts each column to its declared type. The rows of a large
        # lazy capture are written by one process per core, a consecutive part each.
        self.load_scratch.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="rows-", dir=self.load_scratch))
        try:
            files = self._write_parallel(table, rows, capture_path, folder)
            if files is None:
                files = [folder / "rows.ndjson"]
                written = _write_lines(f"raw.{table}", rows, files[0])
            else:
                written = len(rows)
            if written >= PROGRESS_EVERY_ROWS:
                _progress(f"raw.{table}: inserting {written:,} rows")
            json_types = {
                name: ("json" if ctype.lower() == "json" else ctype)
                for name, ctype in columns.items()
            }
            spec = "{" + ", ".join(f"'{n}': '{t}'" for n, t in json_types.items()) + "}"
            names = ", ".join(f'"{n}"' for n in columns)
            meta_names = ", ".join(f'"{n}"' for n in META_COLUMNS)
            placeholders = ", ".join("?" for _ in META_COLUMNS)
            insert = (
                f"insert into raw.{table} ({names}, {meta_names}) "
                f"select {names}, {placeholders} from read_json(?, format = 'newline_delimited',"
                f" columns = {spec}, maximum_object_size = 67108864)"
            )
            for path in files:  # in order: the rows keep the capture's order
                self.con.execute(insert, [*(meta[n] for n in META_COLUMNS), str(path)])
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def _write_parallel(
        table: str, rows: Any, capture_path: Path, folder: Path
    ) -> list[Path] | None:
        """The files of a large lazy capture's rows, written by one process per part; None
        when the rows are too few, cannot be split, or the machine has one core."""
        workers = min(os.cpu_count() or 1, PARALLEL_MAX_WORKERS)
        if workers < 2 or not isinstance(rows, ScreenedRows):
            return None
        parts = rows.parts(capture_path, workers, PARALLEL_MIN_ROWS)
        if parts is None:
            return None
        files = [folder / f"part-{index + 1}.ndjson" for index in range(len(parts))]
        labels = [f"raw.{table} (part {index + 1} of {len(parts)})" for index in range(len(parts))]
        # "spawn": a fresh interpreter, nothing inherited from this one (its open warehouse).
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=len(parts), mp_context=context) as pool:
            results = list(pool.map(_write_part, labels, parts, files))
        rows.record_parts([written for written, _ in results], [found for _, found in results])
        return files

    def load(self, source: Source, capture: Capture, parsed: ParseResult, run_id: str) -> int:
        """Load one parsed capture in one transaction. Returns rows loaded (0 if seen).

        Every row passes the plausible ranges first (ingest.ranges): what is out of range
        joins ``parsed.rejected``, so it is in raw.rejected_rows and never in a raw table.
        """
        if self.is_loaded(source.name, capture.sha256):
            return 0
        screen(source.name, parsed)
        load_id = uuid.uuid4().hex
        now = _naive_utc(datetime.now(UTC))
        meta = {
            "_load_id": load_id,
            "_loaded_at": now,
            "_captured_at": _naive_utc(capture.captured_at),
            "_source_url": capture.url,
            "_capture_path": display_path(capture.path),
            "_capture_sha256": capture.sha256,
            "_is_sample": capture.is_sample,
        }
        self.con.execute("begin transaction")
        try:
            for entity, columns in source.tables.items():
                table = source.table_name(entity)
                self._ensure_table(table, columns)
                self._insert_rows(table, columns, parsed.tables.get(entity, []), meta, capture.path)
            if parsed.rejected:
                self.con.executemany(
                    "insert into raw.rejected_rows values (?, ?, ?, ?, ?, ?)",
                    [
                        [
                            run_id,
                            source.name,
                            meta["_capture_path"],
                            rej.row_number,
                            rej.reason,
                            json.dumps(rej.record, default=_json_default, ensure_ascii=False),
                        ]
                        for rej in parsed.rejected
                    ],
                )
            self.con.execute(
                "insert into raw.loaded_captures values (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    source.name,
                    capture.sha256,
                    meta["_capture_path"],
                    meta["_captured_at"],
                    capture.is_sample,
                    load_id,
                    now,
                    parsed.row_count,
                ],
            )
            _pause_inside_load()
            self.con.execute("commit")
        except BaseException:
            self.con.execute("rollback")
            raise
        finally:
            self._clear_load_scratch()
        return parsed.row_count

    def ensure_tables(self, source: Source) -> None:
        """Create a source's raw tables empty, so dbt can build before its first load."""
        for entity, columns in source.tables.items():
            self._ensure_table(source.table_name(entity), columns)
