"""``tracker outputs``: exports, validation report, charts and summary from the
warehouse as the last ``dbt build`` left it, without fetching or building anything.

  tracker outputs                 # everything, into exports/ and reports/
  tracker outputs --freshness     # also report each source's freshness (make outputs)

``python -m ingest.outputs`` is the same command.
"""

from __future__ import annotations

import argparse
import sys

from ingest.config import Settings
from ingest.outputs import freshness, pipeline


def main(argv: list[str] | None = None, prog: str = "python -m ingest.outputs") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--freshness", action="store_true", help="check each source's freshness and report it"
    )
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    results = freshness.check_warehouse(settings.db_path) if args.freshness else None
    out = pipeline.build_outputs(settings, freshness_results=results)
    for line in out.console:
        print(line)
    for problem in out.problems:
        print(f"error: outputs: {problem}", file=sys.stderr)
    return 0 if out.ok else 1
