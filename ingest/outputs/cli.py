"""``python -m ingest.outputs``: exports, validation report, charts and summary from the
warehouse as the last ``dbt build`` left it, without fetching or building anything.

  python -m ingest.outputs               # everything, into exports/ and reports/
  python -m ingest.outputs --freshness   # also run `dbt source freshness` first
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from ingest.config import REPO_ROOT, Settings
from ingest.outputs import freshness, pipeline


def run_dbt(args: list[str], settings: Settings) -> int:
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [str(dbt) if dbt.exists() else "dbt", *args]
    cmd += ["--profiles-dir", str(REPO_ROOT), "--project-dir", str(REPO_ROOT)]
    env = {**os.environ, "TRACKER_DB": str(settings.db_path)}
    return subprocess.call(cmd, cwd=REPO_ROOT, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.outputs",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--freshness", action="store_true", help="run `dbt source freshness` and report it"
    )
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    results = freshness.run_freshness(lambda a: run_dbt(a, settings)) if args.freshness else None
    out = pipeline.build_outputs(settings, freshness_results=results)
    for line in out.console:
        print(line)
    for problem in out.problems:
        print(f"error: outputs: {problem}", file=sys.stderr)
    return 0 if out.ok else 1
