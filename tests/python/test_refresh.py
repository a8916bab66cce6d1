"""A refresh refuses to run beside another. `make run` end to end on the samples (the
summary, the published list, a second run that changes nothing, dbt docs' lineage) is
tested on the refresh that test_refresh_fingerprint.py runs for its own tests: one refresh
of the samples serves both. How the refresh runs dbt (ingest/dbt_runner.py) is tested here."""

from __future__ import annotations

import os
import subprocess

import pytest
from temp_paths import temp_paths_env

from ingest import refresh
from ingest.config import REPO_ROOT
from ingest.dbt_runner import dbt_invocation


def test_a_second_refresh_while_one_runs_exits_with_a_clear_message(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    with (
        refresh.refresh_lock(db),
        pytest.raises(refresh.RefreshLocked, match="another refresh"),
        refresh.refresh_lock(db),
    ):
        pass


def test_dbt_is_given_the_warehouse_by_name_and_runs_in_its_folder(tmp_path):
    cmd, env, cwd = dbt_invocation(
        ["build"], db_path=tmp_path / "w" / "warehouse.duckdb", data_dir=tmp_path / "captures"
    )
    assert env["TRACKER_DB"] == "warehouse.duckdb"
    assert cwd == (tmp_path / "w").resolve()
    assert env["TRACKER_DATA_DIR"] == str((tmp_path / "captures").resolve())
    assert cmd[1:] == ["build", "--profiles-dir", str(REPO_ROOT), "--project-dir", str(REPO_ROOT)]


def test_warehouses_in_different_folders_share_dbt_s_saved_parse(tmp_path):
    # GIVEN a new folder whose target starts with a parse saved in another folder
    # (temp_paths_env seeds it, as every test that runs dbt in fresh paths does), and dbt's
    # debug log, which says how it parsed (make test turns that log off)
    env = {**os.environ, **temp_paths_env(tmp_path), "DBT_LOG_LEVEL_FILE": "debug"}
    env.pop("TRACKER_PUBLISHED_DB", None)
    cmd, full_env, cwd = dbt_invocation(
        ["parse"], db_path=tmp_path / "warehouse.duckdb", data_dir=tmp_path / "data", env=env
    )
    # WHEN dbt parses the project there
    proc = subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]
    # THEN it reuses the saved parse: the profile it compares names the warehouse by name
    log = (tmp_path / "logs" / "dbt.log").read_text()
    assert "Unable to do partial parsing" not in log, log[-3000:]
    assert "Partial parsing enabled" in log
