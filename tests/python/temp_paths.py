"""Environment variables that send everything the tracker and dbt write into one temporary
folder: the warehouse, captures, exports, reports, point-in-time files, dbt's target and
logs. Tests that run the tracker or dbt as a subprocess use it, so none of them can touch
the user's warehouse.duckdb, data/, exports/ or reports/."""

from __future__ import annotations

import atexit
import fcntl
import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ingest.dbt_runner import dbt_invocation

PARTIAL_PARSE_FILE = "partial_parse.msgpack"


def temp_paths_env(root: Path, *, seed_parse: bool = True) -> dict[str, str]:
    """The variables for a run whose every output lands under ``root``. The published
    copy follows the warehouse (warehouse.published.duckdb next to it) unless
    TRACKER_PUBLISHED_DB is set: callers that inherit os.environ drop that one.
    With ``seed_parse``, dbt's target folder starts with the saved parse of the project
    (seed_partial_parse)."""
    if seed_parse:
        seed_partial_parse(root / "target")
    return {
        "TRACKER_DB": str(root / "warehouse.duckdb"),
        "TRACKER_DATA_DIR": str(root / "data"),
        "TRACKER_EXPORTS_DIR": str(root / "exports"),
        "TRACKER_REPORTS_DIR": str(root / "reports"),
        "TRACKER_POINT_IN_TIME_DIR": str(root / "point_in_time"),
        "DBT_TARGET_PATH": str(root / "target"),
        "DBT_LOG_PATH": str(root / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


# The folder the test processes of one run share (conftest.py sets it: pytest's base
# temporary folder, the parent of every xdist worker's). One of them parses there; the
# others wait for that parse instead of making their own.
SHARED_PARSE_DIR = "TRACKER_TEST_SHARED_PARSE_DIR"
# Under `make test`, scripts/test.sh names the parse its build of the samples saved: made
# the same way (the warehouse by its file name, the same project and profile), so no test
# process parses the project again.
SAVED_PARSE = "TRACKER_TEST_SAVED_PARSE"


@functools.cache
def _saved_parse() -> Path:
    """The saved parse of the project every test starts from (dbt parse, once per run, in
    its own folder), made as the tracker runs dbt (ingest.dbt_runner): the warehouse given
    by its file name. Under pytest-xdist the workers share it: the first to get the lock
    parses, the others wait and reuse it (a parse costs about 6 s of one core). Under
    `make test`, the parse of scripts/test.sh's build (SAVED_PARSE)."""
    given = os.environ.get(SAVED_PARSE)
    if given and Path(given).is_file():
        return Path(given)
    shared = os.environ.get(SHARED_PARSE_DIR)
    if shared:
        scratch = Path(shared)
        scratch.mkdir(parents=True, exist_ok=True)
    else:
        scratch = Path(tempfile.mkdtemp(prefix="tracker-parse-"))
        atexit.register(shutil.rmtree, scratch, True)
    saved = scratch / "target" / PARTIAL_PARSE_FILE
    with (scratch / "parse.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not saved.exists():
            env = {**os.environ, **temp_paths_env(scratch, seed_parse=False)}
            env.pop("TRACKER_PUBLISHED_DB", None)
            cmd, full_env, cwd = dbt_invocation(
                ["parse"], db_path=scratch / "warehouse.duckdb", data_dir=scratch / "data",
                env=env,
            )  # fmt: skip
            subprocess.run(cmd, cwd=cwd, env=full_env, check=True, capture_output=True)
    return saved


def seed_partial_parse(target: Path) -> None:
    """Give a new target folder the saved parse, so dbt's first run there parses only what
    differs (as a user's second run does) instead of the whole project: about 3 s instead
    of 6 on this machine, for every test that runs dbt in fresh paths. dbt itself checks
    that the saved parse still fits (dbt version, profile, vars, file contents) and parses
    from nothing when it does not."""
    if (target / PARTIAL_PARSE_FILE).exists():
        return
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(_saved_parse(), target / PARTIAL_PARSE_FILE)
