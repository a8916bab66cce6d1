"""``make run``: ingest every source, ``dbt build`` (always, with whatever loaded), summary.

Exit status: non-zero if a source failed (after the build and summary) or the build failed.
Only one refresh runs at a time per warehouse: a second one exits at once with a message
(or waits, with ``--wait SECONDS``).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ingest import cli
from ingest.config import REPO_ROOT, Settings


class RefreshLocked(Exception):
    pass


@contextmanager
def refresh_lock(db_path: Path, wait_s: float = 0.0) -> Iterator[None]:
    """An exclusive lock beside the warehouse file, released when the process ends."""
    lock_path = db_path.with_name(db_path.name + ".refresh.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole refresh
    deadline = time.monotonic() + wait_s
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise RefreshLocked(
                        f"another refresh is running on {db_path} ({holder}); "
                        "wait for it to finish, or pass --wait SECONDS"
                    ) from None
                time.sleep(0.5)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        yield
    finally:
        handle.close()


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def dbt(args: list[str], settings: Settings) -> int:
    env = {**os.environ, "TRACKER_DB": str(settings.db_path)}
    cmd = [
        dbt_executable(),
        *args,
        "--profiles-dir",
        str(REPO_ROOT),
        "--project-dir",
        str(REPO_ROOT),
    ]
    print("$ dbt " + " ".join(args), flush=True)
    return subprocess.call(cmd, cwd=REPO_ROOT, env=env)


def model_counts(db_path: Path) -> dict[str, int] | None:
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute(
            """
            select
                count(*),
                count(training_compute_flop),
                count(*) filter (where threshold_class = 'above'),
                count(*) filter (where threshold_class = 'uncertain'),
                count(*) filter (where threshold_class = 'below'),
                (select count(*) from marts.models_above_1e25_flop)
            from marts.models
            where not is_excluded
            """
        ).fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    keys = ("seen", "estimated", "above", "uncertain", "below", "published")
    return dict(zip(keys, row, strict=True))


def summary_lines(
    outcomes: list[cli.SourceOutcome], counts: dict[str, int] | None, build_rc: int
) -> list[str]:
    lines = ["", "Refresh summary", "Sources:"]
    lines += ["  " + outcome.line() for outcome in outcomes]
    if counts is None:
        lines.append("Models: unavailable (the build did not produce marts.models)")
    else:
        lines.append(
            "Models: {seen} seen, {estimated} estimated: {above} above 1e25, "
            "{uncertain} uncertain, {below} below; {published} in the published list".format(
                **counts
            )
        )
    lines.append("dbt build: " + ("ok" if build_rc == 0 else f"FAILED (exit {build_rc})"))
    if any(o.is_sample for o in outcomes):
        samples = ", ".join(o.source for o in outcomes if o.is_sample)
        lines.append(f"WARNING: SAMPLE data in use for: {samples}. These are not real figures.")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.refresh", description=__doc__)
    parser.add_argument("--offline", action="store_true", help="no network: captures, else samples")
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild the warehouse from scratch from data/raw captures and the seeds",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for another refresh to finish (default: exit at once)",
    )
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        with refresh_lock(settings.db_path, args.wait):
            return _refresh(settings, args)
    except RefreshLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 75


def _refresh(settings: Settings, args: argparse.Namespace) -> int:
    ingest_args: list[str] = []
    if args.offline or args.rebuild:
        ingest_args.append("--offline")
    if args.rebuild and settings.db_path.exists():
        # The warehouse holds nothing the captures and seeds cannot give back.
        for suffix in ("", ".wal"):
            Path(str(settings.db_path) + suffix).unlink(missing_ok=True)
        print(f"Rebuilding {settings.db_path} from {settings.raw_dir} and the seeds.")
    print("Ingesting sources…", flush=True)
    ingest_rc, outcomes = cli.run(ingest_args, settings)
    build_rc = dbt(["build"], settings)
    counts = model_counts(settings.db_path)
    for line in summary_lines(outcomes, counts, build_rc):
        print(line)
    for outcome in outcomes:
        if outcome.status == "failed":
            print(f"error: {outcome.source}: {outcome.error}", file=sys.stderr)
    return 1 if (ingest_rc or build_rc) else 0


if __name__ == "__main__":
    raise SystemExit(main())
