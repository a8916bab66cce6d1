"""The published copy of the warehouse, for analysts: refreshes and analysts never block each other.

A refresh builds into ``TRACKER_DB`` (the build file, locked while ingest and dbt run).
After a successful build it copies the build file to a temporary file beside the
published path, flushes it, and renames it onto the published path in one atomic step.
Analysts open the published copy (``warehouse.published.duckdb`` beside ``TRACKER_DB``,
or ``TRACKER_PUBLISHED_DB``), read-only:

- an analyst session never makes a refresh fail: the refresh never opens the published
  copy, it only renames a new file onto its name;
- a refresh never breaks an analyst session: an open session keeps reading the file it
  opened (the old inode) until it reconnects, and a new session sees the new build.

The published file name keeps the build file's first name part (``warehouse.…``):
DuckDB names a database after it, and dbt's views refer to that name.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.config import Settings, _resolve
from ingest.locks import RefreshLocked, busy_message, catalog_name, is_lock_error, refresh_lock


class PublishError(Exception):
    """The published copy could not be written; the previous one is still in place."""


@dataclass(frozen=True)
class Published:
    path: Path
    bytes: int
    seconds: float


def published_path(settings: Settings) -> Path:
    configured = os.environ.get("TRACKER_PUBLISHED_DB")
    if configured:
        return _resolve(configured)
    db = settings.db_path
    return db.with_name(f"{catalog_name(db)}.published.duckdb")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def publish(db_path: Path, target: Path) -> Published:
    """Copy the build file onto ``target`` atomically. Raises PublishError on failure.

    Call it holding the refresh lock (``ingest.refresh`` does), never during a build.
    """
    started = time.monotonic()
    if not db_path.exists():
        raise PublishError(f"nothing to publish: {db_path} does not exist")
    if catalog_name(target) != catalog_name(db_path):
        raise PublishError(
            f"the published copy {target.name} must start with '{catalog_name(db_path)}.' like "
            f"{db_path.name}: DuckDB names the database after the file and the views refer "
            "to that name"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    # Copies a killed refresh left behind (the refresh lock is held: no copy is running).
    for stale in target.parent.glob(f".tmp-{target.name}-*.part"):
        stale.unlink(missing_ok=True)
    try:
        # Hold the build file while copying: the checkpoint folds the write-ahead log into
        # the file, and the open connection keeps any other writer out until the copy ends.
        con = duckdb.connect(str(db_path))
    except duckdb.Error as exc:
        if is_lock_error(exc):
            raise PublishError(busy_message(db_path, exc, target)) from exc
        raise PublishError(f"cannot open {db_path}: {exc}") from exc
    fd, tmp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".tmp-{target.name}-", suffix=".part"
    )
    tmp = Path(tmp_name)
    try:
        con.execute("checkpoint")
        with os.fdopen(fd, "wb") as out, open(db_path, "rb") as src:
            shutil.copyfileobj(src, out, length=1 << 22)
            out.flush()
            os.fsync(out.fileno())
        # Read-only on disk: an analyst who forgets -readonly gets an error, not a session
        # whose writes would vanish at the next publish.
        tmp.chmod(0o444)
        # A write-ahead log left beside the old copy (an analyst who opened it read-write)
        # belongs to the old file: replayed onto the new one it would corrupt it.
        Path(str(target) + ".wal").unlink(missing_ok=True)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError | duckdb.Error):
            raise PublishError(f"could not publish {target}: {exc}") from exc
        raise
    finally:
        con.close()
    return Published(target, target.stat().st_size, time.monotonic() - started)


def main(argv: list[str] | None = None, prog: str = "python -m ingest.publish") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Publish the built warehouse for analysts (the refresh does this itself).",
    )
    parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        with refresh_lock(settings.db_path):
            result = publish(settings.db_path, published_path(settings))
    except (PublishError, RefreshLocked) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Published {result.path} ({result.bytes / 1e6:.1f} MB in {result.seconds:.1f} s).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
