"""How the tracker runs dbt: the one place that sets its command line, environment and folder.

dbt runs in the warehouse's folder and is given the warehouse by its file name
(``TRACKER_DB=warehouse.duckdb``), not by its full path. Why: dbt keeps its parse of the
project in ``target/partial_parse.msgpack`` and reuses it only while the profile is the
same, and the profile's ``path`` is part of what it compares. By file name, every
warehouse called ``warehouse.duckdb`` has the same profile: the one ``make run`` builds,
the one ``dbt build --profiles-dir . --project-dir .`` builds from the repository root
with ``TRACKER_DB`` unset, and each test's. A run then reparses only the files that
changed instead of the whole project (on this machine, `dbt parse` takes about 6 s from
nothing and 3 s from a saved parse).

The captures folder (``TRACKER_DATA_DIR``, read by the history model) is passed as a full
path, since dbt no longer runs from the repository root. The target and log folders are
unaffected: dbt resolves them against the project, not the working folder.

One warning is silenced: dbt's CSV reader (agate) warns on every build that the overrides
seed has no ``confirm_far_from_estimates`` column. The column is optional (a contractor
adds it to the header for one row's sake, docs/contractor-guide.md) and its type is
declared in dbt_project.yml so that "yes" stays text when it is there. Only that warning
about that column is filtered; any other column agate cannot find still shows.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from ingest.config import REPO_ROOT, Settings

# Python's warning filter syntax (action:message:category:module): the message must start
# with this text and come from agate's type tester.
OPTIONAL_SEED_COLUMN_WARNING = (
    'ignore:"confirm_far_from_estimates" does not match:RuntimeWarning:agate.type_tester'
)


# What a build of the warehouse runs (a refresh, a point-in-time build, the benchmark).
# Unit tests check the SQL logic, not the data: `make test` runs them, a build does not.
# EVERY_DATA_TEST_BUILD_ARGS (`tracker refresh --every-data-test`) runs every data test.
# BUILD_ARGS, a refresh's own, runs those that guard its inputs and what it publishes:
# the staging models' (what the sources say), the seeds', the marts', the snapshot's and
# every singular test in tests/. Each of them only warns in a refresh, and each warning
# becomes a row of marts.review_queue (ingest/data_test_findings.py). It leaves out the
# generic tests of the intermediate models (keys unique, columns not null, values accepted
# between estimation steps): they check that the SQL keeps its own invariants, which
# `make test` checks on the samples, failing on a warning. "cautious": excluding a model's
# tests never excludes a test of the marts or seeds that also reads it.
EVERY_DATA_TEST_BUILD_ARGS = ["build", "--exclude-resource-type", "unit_test"]
BUILD_ARGS = [
    *EVERY_DATA_TEST_BUILD_ARGS,
    "--indirect-selection",
    "cautious",
    "--exclude",
    "test_type:generic,path:dbt_project/models/intermediate",
]


def dbt_executable() -> str:
    """The dbt installed beside this Python (the project's .venv), else the one on PATH."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def dbt_invocation(
    args: list[str],
    *,
    db_path: Path,
    data_dir: Path,
    env: Mapping[str, str] | None = None,
    project_dir: Path = REPO_ROOT,
) -> tuple[list[str], dict[str, str], Path]:
    """The command, environment and working folder that run ``dbt <args>`` on the
    warehouse at ``db_path`` with the captures under ``data_dir``. ``env`` (default: this
    process's environment) is the base; its TRACKER_DB and TRACKER_DATA_DIR are replaced.
    ``project_dir`` is the dbt project (and profile) folder: tests pass a copy of it."""
    db_path = Path(db_path).resolve()
    base = os.environ if env is None else env
    warning_filters = [f for f in (base.get("PYTHONWARNINGS"), OPTIONAL_SEED_COLUMN_WARNING) if f]
    full_env = {
        **base,
        "TRACKER_DB": db_path.name,
        "TRACKER_DATA_DIR": str(Path(data_dir).resolve()),
        "PYTHONWARNINGS": ",".join(warning_filters),
    }
    cmd = [
        dbt_executable(),
        *args,
        "--profiles-dir",
        str(project_dir),
        "--project-dir",
        str(project_dir),
    ]
    return cmd, full_env, db_path.parent


def run_dbt(
    args: list[str],
    *,
    db_path: Path,
    data_dir: Path,
    env: Mapping[str, str] | None = None,
) -> int:
    """Run ``dbt <args>`` as ``dbt_invocation`` describes, its output on this process's,
    after a line that shows the command (``$ dbt ...``, quoted for a shell); its exit
    status."""
    print("$ dbt " + shlex.join(args), flush=True)
    cmd, full_env, cwd = dbt_invocation(args, db_path=db_path, data_dir=data_dir, env=env)
    cwd.mkdir(parents=True, exist_ok=True)
    return subprocess.call(cmd, cwd=cwd, env=full_env)


def main(argv: list[str] | None = None, prog: str = "python -m ingest.dbt_runner") -> int:
    """``tracker dbt ARGS``: dbt on the tracker's warehouse (TRACKER_DB, TRACKER_DATA_DIR),
    run as a refresh runs it: in the warehouse's folder (sharing its saved parse), with
    the one warning filter above. Every argument is dbt's."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        prog=prog,
        usage=f"{prog} DBT_ARGUMENTS...",
        description="Run dbt on the tracker's warehouse (TRACKER_DB, TRACKER_DATA_DIR) as "
        "make run runs it: in the warehouse's folder, so it reuses the refresh's saved "
        "parse, and without the optional-seed-column warning. Every argument is dbt's: "
        "`tracker dbt build --select models+`.",
    )
    if not argv:
        parser.error("give dbt's arguments, e.g. build")
    if argv[0] in ("-h", "--help"):
        parser.print_help()
        return 0
    settings = Settings.from_env()
    return run_dbt(argv, db_path=settings.db_path, data_dir=settings.data_dir)


if __name__ == "__main__":
    raise SystemExit(main())
