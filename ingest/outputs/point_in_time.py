"""``tracker point-in-time --as-of 2025-06-30``: the list as it stood then.

For backtesting and audit. It builds a separate warehouse,
``point_in_time/warehouse_as_of_<date>.duckdb``, from scratch:

1. load only the captures taken on or before the date (``captured_at`` ≤ the end of that
   day, UTC), from ``data/raw/``, falling back per source to the samples of that age, as
   ``python -m ingest --offline`` would;
2. ``dbt build --vars '{as_of: "<date>"}'`` with the data tests a refresh runs
   (``ingest.dbt_runner.BUILD_ARGS``): the ``as_of_filter`` macro drops seed rows dated after
   it (known specs by ``publication_date``, overrides by ``changed_on``); unit tests are
   left out (their fixtures would be filtered too; they test logic, not data, and
   ``make test`` runs them);
3. export that list beside it (``models_above_1e25_flop_as_of_<date>.csv`` / ``.parquet``);
4. say what it is: a source with no capture on or before the date contributes nothing, so
   for it the list is built from the seeds alone. The last lines printed name those
   sources and the models therefore missing (in the live list, published by the date,
   known from such a source, absent here), and ``raw.point_in_time_coverage`` in the
   point-in-time warehouse holds the same, one row per source (``is_seeds_only``,
   ``missing_model_ids``).

The live warehouse, its captures and its history are only read, never written: dbt runs
with ``TRACKER_DB`` on the new file, ``TRACKER_DATA_DIR`` on a folder of its own (so any
step that keeps history under ``data/history/`` writes there instead) and its own
``target`` folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import duckdb

from ingest import captures as cap
from ingest import publish
from ingest.config import SAMPLE_DIR, Settings
from ingest.dbt_runner import BUILD_ARGS, run_dbt
from ingest.outputs import db, exports
from ingest.outputs.paths import point_in_time_dir
from ingest.sources import SOURCES
from ingest.sources.base import ParseError
from ingest.warehouse import Warehouse


@dataclass
class LoadedSource:
    source: str
    captures: list[cap.Capture] = field(default_factory=list)
    rows: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def is_sample(self) -> bool:
        return any(capture.is_sample for capture in self.captures)

    def line(self) -> str:
        if not self.captures:
            return f"{self.source:<12} no capture on or before that date"
        newest = self.captures[-1].captured_at.date().isoformat()
        kind = "SAMPLE data" if self.is_sample else "captures"
        return f"{self.source:<12} {len(self.captures)} {kind}, newest {newest}, {self.rows} rows"


@dataclass(frozen=True)
class PointInTime:
    as_of: date
    folder: Path

    @property
    def db_path(self) -> Path:
        return self.folder / f"warehouse_as_of_{self.as_of.isoformat()}.duckdb"

    @property
    def data_dir(self) -> Path:
        """A captures root of its own: empty, so nothing here is ever the live history."""
        return self.folder / f"data_as_of_{self.as_of.isoformat()}"

    @property
    def target_dir(self) -> Path:
        return self.folder / f"target_as_of_{self.as_of.isoformat()}"

    @property
    def export_basename(self) -> str:
        return f"{exports.BASENAME}_as_of_{self.as_of.isoformat()}"

    @property
    def cutoff(self) -> datetime:
        """Captures strictly before the next midnight UTC count as 'on or before'."""
        return datetime.combine(self.as_of + timedelta(days=1), time.min, tzinfo=UTC)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--as-of expects YYYY-MM-DD, got {text!r}") from None


def captures_as_of(live: Settings, source: str, cutoff: datetime) -> list[cap.Capture]:
    """The captures a source had by ``cutoff``; the samples of that age when it had none."""
    real = [c for c in cap.list_captures(live.raw_dir / source, source) if c.captured_at < cutoff]
    if real:
        return real
    samples = cap.list_captures(SAMPLE_DIR / source, source, is_sample=True)
    return [c for c in samples if c.captured_at < cutoff]


def load_as_of(live: Settings, pit: PointInTime) -> list[LoadedSource]:
    run_id = f"as-of-{pit.as_of.isoformat()}-{uuid.uuid4().hex[:6]}"
    loaded = []
    with Warehouse(pit.db_path) as wh:
        for source in SOURCES.values():
            wh.ensure_tables(source)
        for name, source in SOURCES.items():
            started = datetime.now(UTC)
            result = LoadedSource(name)
            for capture in captures_as_of(live, name, pit.cutoff):
                try:
                    parsed = source.parse(capture.read())
                except (ParseError, OSError) as exc:
                    result.skipped.append(f"{capture.path.name}: {exc}")
                    continue
                result.rows += wh.load(source, capture, parsed, run_id)
                result.captures.append(capture)
            wh.log(
                run_id=run_id,
                source=name,
                started_at=started,
                status="ok" if result.captures else "failed",
                rows_loaded=result.rows,
                capture=result.captures[-1] if result.captures else None,
                error=None if result.captures else f"no capture on or before {pit.as_of}",
            )
            loaded.append(result)
    return loaded


def dbt_build(pit: PointInTime) -> int:
    env = {
        **os.environ,
        "DBT_TARGET_PATH": str(pit.target_dir),
        "DBT_LOG_PATH": str(pit.target_dir / "logs"),
    }
    variables = json.dumps({"as_of": pit.as_of.isoformat()})
    # The data tests a refresh runs, warning as there. Not the unit tests: they check
    # logic on their own fixtures, which the as_of filter would cut (an override fixture
    # dated after as_of); `make test` runs them.
    print(f"Building the point-in-time warehouse (TRACKER_DB={pit.db_path})", flush=True)
    return run_dbt(
        [*BUILD_ARGS, "--vars", variables], db_path=pit.db_path, data_dir=pit.data_dir, env=env
    )


COVERAGE_TABLE = "raw.point_in_time_coverage"


@dataclass(frozen=True)
class MissingModel:
    model_id: str
    model_name: str
    publication_date: date | None
    sources: tuple[str, ...]  # the seeds-only sources that know it in the live warehouse


@dataclass(frozen=True)
class Coverage:
    """What a point-in-time list is built from, and what it therefore lacks."""

    as_of: date
    seeds_only: tuple[str, ...]  # sources with no capture on or before as_of
    missing: tuple[MissingModel, ...]
    reference: Path | None  # the live warehouse compared with (None: none built)

    def lines(self) -> list[str]:
        if not self.seeds_only:
            return []
        day = self.as_of.isoformat()
        out = [
            f"WARNING: no capture of {', '.join(self.seeds_only)} was taken on or before {day}: "
            "for those sources this list is built from the seeds alone "
            "(known specs, statements, overrides), so models only they revealed are missing."
        ]
        if self.reference is None:
            out.append(
                "  Which models that leaves out cannot be said: no live warehouse is built "
                "to compare with (make run builds one)."
            )
        elif not self.missing:
            out.append(
                f"  None of the live list's models published by {day} is missing for that reason."
            )
        else:
            names = ", ".join(
                f"{m.model_name} ({m.publication_date or 'date unknown'}; {'/'.join(m.sources)})"
                for m in self.missing
            )
            out.append(
                f"  Missing for that reason ({len(self.missing)}: in the live list, published "
                f"by {day}, known from those sources): {names}."
            )
        return out


def _reference_warehouse(live: Settings) -> Path | None:
    """The live list to compare with: the published copy, else the build file."""
    for candidate in (publish.published_path(live), live.db_path):
        if candidate.exists():
            return candidate
    return None


def missing_models(
    reference: Path, pit_db: Path, as_of: date, seeds_only: tuple[str, ...]
) -> tuple[MissingModel, ...]:
    """Models of the live published list, published on or before ``as_of`` (or undated),
    mentioned in the live warehouse by a source that had no capture by then, and absent
    from the point-in-time list."""
    with db.connect(pit_db) as pit:
        rows = pit.execute("select model_id from marts.models_above_1e25_flop").fetchall()
    listed = {row[0] for row in rows}
    try:
        con = duckdb.connect(str(reference), read_only=True)
    except duckdb.Error:
        return ()
    try:
        if not (
            db.has_relation(con, "marts", "models")
            and db.has_relation(con, "marts", "models_above_1e25_flop")
            and "source_names" in db.columns_of(con, "marts", "models")
        ):
            return ()
        rows = con.execute(
            """
            select models.model_id, models.model_name, models.publication_date,
                list_sort(list_intersect(models.source_names, ?)) as sources
            from marts.models as models
            inner join marts.models_above_1e25_flop as published
                on models.model_id = published.model_id
            where coalesce(models.publication_date <= ?, true)
                and len(list_intersect(models.source_names, ?)) > 0
            order by models.publication_date nulls last, models.model_id
            """,
            [list(seeds_only), as_of, list(seeds_only)],
        ).fetchall()
    finally:
        con.close()
    return tuple(
        MissingModel(model_id, name, published, tuple(sources))
        for model_id, name, published, sources in rows
        if model_id not in listed
    )


def record_coverage(pit_db: Path, loaded: list[LoadedSource], coverage: Coverage) -> None:
    """One row per source in raw.point_in_time_coverage of the point-in-time warehouse."""
    with db.connect(pit_db, read_only=False) as con:
        con.execute(
            f"""
            create or replace table {COVERAGE_TABLE} (
                as_of date, source varchar, captures_loaded integer,
                newest_captured_at timestamp, is_seeds_only boolean,
                missing_model_ids varchar[], note varchar
            )
            """
        )
        for source in loaded:
            seeds_only = source.source in coverage.seeds_only
            missing = [m.model_id for m in coverage.missing if source.source in m.sources]
            newest = (
                source.captures[-1].captured_at.astimezone(UTC).replace(tzinfo=None)
                if source.captures
                else None
            )
            note = (
                "no capture on or before as_of: the list is built from the seeds alone for "
                "this source" + ("" if coverage.reference else " (no live warehouse to compare)")
                if seeds_only
                else None
            )
            con.execute(
                f"insert into {COVERAGE_TABLE} values (?, ?, ?, ?, ?, ?, ?)",
                [
                    coverage.as_of,
                    source.source,
                    len(source.captures),
                    newest if source.captures else None,
                    seeds_only,
                    missing,
                    note,
                ],
            )


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def build(as_of: date, *, live: Settings, folder: Path) -> tuple[int, PointInTime]:
    pit = PointInTime(as_of, folder)
    if _same_file(pit.db_path, live.db_path):
        raise SystemExit(f"refusing to overwrite the live warehouse {live.db_path}")
    folder.mkdir(parents=True, exist_ok=True)
    # Start from nothing: a point-in-time warehouse is rebuilt, never updated.
    for suffix in ("", ".wal"):
        Path(str(pit.db_path) + suffix).unlink(missing_ok=True)
    shutil.rmtree(pit.data_dir, ignore_errors=True)
    pit.data_dir.mkdir(parents=True)
    print(f"Loading captures taken on or before {as_of.isoformat()} into {pit.db_path}")
    loaded_sources = load_as_of(live, pit)
    for loaded in loaded_sources:
        print("  " + loaded.line())
        for skipped in loaded.skipped:
            print(f"    skipped unreadable capture {skipped}", file=sys.stderr)
    rc = dbt_build(pit)
    if rc != 0:
        print(f"error: dbt build failed (exit {rc}); no export written", file=sys.stderr)
        return rc, pit
    with db.connect(pit.db_path) as con:
        result = exports.export_published(con, folder, basename=pit.export_basename)
    print(
        f"As of {as_of.isoformat()}: {result.rows} models in the list "
        f"({result.sample_rows} resting partly on SAMPLE data)."
    )
    print(f"  warehouse: {pit.db_path}\n  export:    {result.csv_path}")
    coverage = describe_coverage(live, pit, loaded_sources)
    record_coverage(pit.db_path, loaded_sources, coverage)
    # Last, so it is what a reader sees: which sources are seeds only, and what that drops.
    for line in coverage.lines():
        print(line)
    return 0, pit


def describe_coverage(live: Settings, pit: PointInTime, loaded: list[LoadedSource]) -> Coverage:
    # Epoch's data is a validation reference: it never feeds the list, so it is not named.
    seeds_only = tuple(
        source.source for source in loaded if not source.captures and source.source != "epoch"
    )
    reference = _reference_warehouse(live)
    missing = (
        missing_models(reference, pit.db_path, pit.as_of, seeds_only)
        if reference is not None and seeds_only
        else ()
    )
    return Coverage(pit.as_of, seeds_only, missing, reference)


def main(
    argv: list[str] | None = None, prog: str = "python -m ingest.outputs.point_in_time"
) -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--as-of", required=True, type=parse_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for the warehouse and export (default: point_in_time/, or "
        "TRACKER_POINT_IN_TIME_DIR)",
    )
    args = parser.parse_args(argv)
    rc, _ = build(args.as_of, live=Settings.from_env(), folder=args.out or point_in_time_dir())
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
