"""``python -m bench.no_op``: what ``make run`` costs when nothing is new, next to
``dbt --version`` (the start-up of one dbt process), on the same machine at the same time.

In a temporary folder (``TRACKER_DB``, ``TRACKER_DATA_DIR``, exports, reports, dbt's target
and logs all inside it; never the user's warehouse): one full refresh of the samples, then
``--runs`` times (default 5) a refresh with nothing new (``python -m ingest.refresh``, as
``make run`` runs it: its build is skipped) alternated with ``dbt --version``. Prints each
time, the medians, and the budget (issue 16): the median refresh with nothing new at most
2 s longer than the median ``dbt --version``. Without network, each source falls back to
its capture or sample at once, as ``make run`` does offline.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest.config import REPO_ROOT
from ingest.dbt_runner import dbt_executable

BUDGET_S = 2.0


def scratch_env(folder: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env.update(
        TRACKER_DB=str(folder / "warehouse.duckdb"),
        TRACKER_DATA_DIR=str(folder / "data"),
        TRACKER_EXPORTS_DIR=str(folder / "exports"),
        TRACKER_REPORTS_DIR=str(folder / "reports"),
        TRACKER_POINT_IN_TIME_DIR=str(folder / "point_in_time"),
        DBT_TARGET_PATH=str(folder / "target"),
        DBT_LOG_PATH=str(folder / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return env


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    return time.perf_counter() - started, proc


def load_average() -> str:
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.no_op", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of each (default 5)")
    args = parser.parse_args(argv)
    python = sys.executable
    dbt = dbt_executable()
    refresh = [python, "-m", "ingest.refresh"]
    folder = Path(tempfile.mkdtemp(prefix="tracker-no-op-"))
    try:
        env = scratch_env(folder)
        print(f"Load average (1, 5, 15 min) before: {load_average()}")
        seconds, proc = timed(refresh, env)
        print(f"full refresh: {seconds:.2f} s (exit {proc.returncode})")
        if "$ dbt build" not in proc.stdout:
            print(proc.stdout[-3000:] + proc.stderr[-3000:], file=sys.stderr)
            return 1
        no_op, version = [], []
        for run in range(args.runs):
            seconds, proc = timed(refresh, env)
            if "nothing rebuilt" not in proc.stdout:
                print(proc.stdout[-3000:] + proc.stderr[-3000:], file=sys.stderr)
                print("error: the refresh did not skip its build", file=sys.stderr)
                return 1
            no_op.append(seconds)
            seconds, _ = timed([dbt, "--version"], env)
            version.append(seconds)
            print(f"run {run + 1}: refresh with nothing new {no_op[-1]:.2f} s, "
                  f"dbt --version {version[-1]:.2f} s", flush=True)  # fmt: skip
        print(f"Load average (1, 5, 15 min) after: {load_average()}")
        median_no_op, median_version = statistics.median(no_op), statistics.median(version)
        beyond = median_no_op - median_version
        verdict = "within budget" if beyond <= BUDGET_S else "OVER budget"
        print(
            f"median of {args.runs}: refresh with nothing new {median_no_op:.2f} s, "
            f"dbt --version {median_version:.2f} s: {beyond:+.2f} s "
            f"(budget +{BUDGET_S:.0f} s: {verdict})"
        )
        return 0 if beyond <= BUDGET_S else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
