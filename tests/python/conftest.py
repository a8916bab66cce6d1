"""Shared fixtures. Real network is blocked in every test: sockets to anything but
localhost raise, so a test that forgets to mock HTTP fails loudly instead of fetching."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from temp_paths import SHARED_PARSE_DIR, temp_paths_env

from ingest.config import REPO_ROOT, Settings
from ingest.dbt_runner import dbt_executable, dbt_invocation

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"network access blocked in tests (tried {address!r})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(socket.gaierror("blocked"))
    )


@pytest.fixture(scope="session", autouse=True)
def _one_saved_parse_per_run(tmp_path_factory) -> None:
    """The test processes of one run share one saved parse of the project
    (temp_paths.seed_partial_parse): under pytest-xdist, in the folder above every worker's
    own; without it, in this run's own folder."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    os.environ[SHARED_PARSE_DIR] = str(shared / "saved-parse")


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    """A warehouse and a captures root in a temporary folder, never the user's."""
    db = tmp_path / "warehouse.duckdb"
    data = tmp_path / "data"
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    return Settings(db_path=db, data_dir=data)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@dataclass(frozen=True)
class SampleWarehouse:
    """A warehouse built from the committed samples, opened read-only per query."""

    path: Path

    def rows(self, sql: str, *params: object) -> list[tuple]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql, list(params)).fetchall()
        finally:
            con.close()

    def one(self, sql: str, *params: object) -> tuple:
        rows = self.rows(sql, *params)
        assert len(rows) == 1, f"expected one row, got {len(rows)}: {sql}"
        return rows[0]


def _run_checked(args: list[str], env: dict[str, str], cwd: Path = REPO_ROOT) -> None:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    output = f"{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{output}"


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> SampleWarehouse:
    """GIVEN the committed samples WHEN ingested offline and built with dbt (tests included),
    once per session in a temporary folder: never the user's warehouse.duckdb or data/.
    Shared by the estimation tests (test_estimation.py, test_benchmark_scores.py).

    Under `make test`, scripts/test.sh has just built exactly this (the same ingest and
    `dbt build`, with the source-data tests strict) and names the file in
    TRACKER_TEST_SAMPLE_WAREHOUSE: the session works on a copy of it (the file, and the SQL
    dbt compiled beside it) instead of building it a second time."""
    root = tmp_path_factory.mktemp("sample_warehouse")
    built = os.environ.get("TRACKER_TEST_SAMPLE_WAREHOUSE")
    if built:
        source = Path(built)
        for suffix in ("", ".wal"):
            if Path(f"{source}{suffix}").exists():
                shutil.copy2(f"{source}{suffix}", f"{root / 'warehouse.duckdb'}{suffix}")
        compiled = Path(os.environ.get("DBT_TARGET_PATH", source.parent / "target")) / "compiled"
        shutil.copytree(compiled, root / "target" / "compiled")
        return SampleWarehouse(root / "warehouse.duckdb")
    env = {**os.environ, **temp_paths_env(root)}
    _run_checked([sys.executable, "-m", "ingest", "--offline"], env)
    cmd, env, cwd = dbt_invocation(
        ["build"], db_path=root / "warehouse.duckdb", data_dir=root / "data", env=env
    )
    _run_checked(cmd, env, cwd)
    return SampleWarehouse(root / "warehouse.duckdb")


@pytest.fixture(scope="session")
def manifest(tmp_path_factory) -> dict:
    """dbt's manifest of the project, for the tests that read the project's structure
    (test_project_lint.py, test_epoch_isolation.py). Under `make test`, the one
    scripts/test.sh's build has just written (DBT_TARGET_PATH); otherwise `dbt parse` in a
    temporary folder, run as the tracker runs dbt (ingest.dbt_runner)."""
    target = os.environ.get("DBT_TARGET_PATH")
    if target and (Path(target) / "manifest.json").exists():
        return json.loads((Path(target) / "manifest.json").read_text())
    if shutil.which(dbt_executable()) is None:
        pytest.skip("dbt is not installed (run `make setup`): cannot build the manifest")
    out = tmp_path_factory.mktemp("manifest")
    env = {**os.environ, **temp_paths_env(out)}
    cmd, env, cwd = dbt_invocation(
        ["parse"], db_path=out / "warehouse.duckdb", data_dir=out / "data", env=env
    )
    _run_checked(cmd, env, cwd)
    return json.loads((out / "target" / "manifest.json").read_text())
