"""``python -m ingest.outputs.point_in_time --as-of 2025-06-30``: the list as it stood then.

For backtesting and audit. It builds a separate warehouse,
``point_in_time/warehouse_as_of_<date>.duckdb``, from scratch:

1. load only the captures taken on or before the date (``captured_at`` ≤ the end of that
   day, UTC), from ``data/raw/``, falling back per source to the samples of that age, as
   ``python -m ingest --offline`` would;
2. ``dbt build --vars '{as_of: "<date>"}' --exclude test_type:unit``: the ``as_of_filter``
   macro drops seed rows dated after it (known specs by ``publication_date``, overrides by
   ``changed_on``); unit tests are left out (their fixtures would be filtered too; they
   test logic, not data, and run in every normal build);
3. export that list beside it (``models_above_1e25_flop_as_of_<date>.csv`` / ``.parquet``).

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
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from ingest import captures as cap
from ingest.config import REPO_ROOT, SAMPLE_DIR, Settings
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
    dbt = Path(sys.executable).with_name("dbt")
    env = {
        **os.environ,
        "TRACKER_DB": str(pit.db_path),
        "TRACKER_DATA_DIR": str(pit.data_dir),
        "DBT_TARGET_PATH": str(pit.target_dir),
        "DBT_LOG_PATH": str(pit.target_dir / "logs"),
    }
    variables = json.dumps({"as_of": pit.as_of.isoformat()})
    # Unit tests check logic on their own fixtures, which the as_of filter would cut
    # (an override fixture dated after as_of); they ran in the normal build.
    cmd = [str(dbt) if dbt.exists() else "dbt", "build", "--vars", variables]
    cmd += ["--exclude", "test_type:unit"]
    cmd += ["--profiles-dir", str(REPO_ROOT), "--project-dir", str(REPO_ROOT)]
    print(f"$ dbt build --vars '{variables}' --exclude test_type:unit", flush=True)
    print(f"  (TRACKER_DB={pit.db_path})", flush=True)
    return subprocess.call(cmd, cwd=REPO_ROOT, env=env)


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
    for loaded in load_as_of(live, pit):
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
    return 0, pit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.outputs.point_in_time",
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
