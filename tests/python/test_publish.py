"""The published copy: analysts and refreshes never block each other.

Analyst sessions run in their own processes (DuckDB's CLI, or Python), as they would for
real; the build file stands in for a dbt build (a table in marts, a view in intermediate
that names the database, as dbt-duckdb writes views).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from analyst import Analyst

from ingest import publish
from ingest.config import REPO_ROOT, Settings
from ingest.warehouse import Warehouse, WarehouseBusy


def build(db_path: Path, version: int) -> None:
    """A stand-in for `dbt build`: marts.models holds `version` rows, and a view reads it."""
    con = duckdb.connect(str(db_path))
    try:
        catalog = publish.catalog_name(db_path)
        con.execute("create schema if not exists marts; create schema if not exists intermediate")
        con.execute(
            "create or replace table marts.models as "
            f"select range as model_id, {version} as version from range({version})"
        )
        con.execute(
            "create or replace view intermediate.models_counted as "
            f"select count(*) as models, max(version) as version from {catalog}.marts.models"
        )
    finally:
        con.close()


@pytest.fixture
def built(settings: Settings) -> Path:
    build(settings.db_path, 3)
    return settings.db_path


def test_the_published_copy_sits_beside_the_build_and_keeps_the_database_name(settings):
    # GIVEN the default paths WHEN asking where the published copy goes
    target = publish.published_path(settings)
    # THEN beside TRACKER_DB, with the same first name part (DuckDB's database name)
    assert target == settings.db_path.with_name("warehouse.published.duckdb")
    assert publish.catalog_name(target) == publish.catalog_name(settings.db_path)


def test_tracker_published_db_overrides_the_path(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("TRACKER_PUBLISHED_DB", str(tmp_path / "share" / "warehouse.duckdb"))
    assert publish.published_path(settings) == tmp_path / "share" / "warehouse.duckdb"
    monkeypatch.setenv("TRACKER_PUBLISHED_DB", "shared/warehouse.published.duckdb")
    assert publish.published_path(settings) == REPO_ROOT / "shared/warehouse.published.duckdb"


def test_publish_copies_the_build_and_its_views_resolve(settings, built):
    # GIVEN a built warehouse WHEN published
    result = publish.publish(built, publish.published_path(settings))
    # THEN the copy answers the same queries, views included, read-only
    con = duckdb.connect(str(result.path), read_only=True)
    try:
        assert con.execute("select * from intermediate.models_counted").fetchone() == (3, 3)
    finally:
        con.close()
    assert result.bytes == result.path.stat().st_size > 0
    assert oct(result.path.stat().st_mode & 0o777) == oct(0o444)
    assert list(result.path.parent.glob(".tmp-*")) == []


def test_a_published_name_that_changes_the_database_name_is_refused(settings, built, tmp_path):
    # GIVEN a target whose name would make DuckDB call the database differently
    target = tmp_path / "analytics.duckdb"
    # WHEN publishing THEN a clear refusal, and nothing written
    with pytest.raises(publish.PublishError, match="must start with 'warehouse.'"):
        publish.publish(built, target)
    assert not target.exists()


@pytest.mark.parametrize("kind", ["cli-readonly", "cli-readwrite", "python"])
def test_an_open_analyst_session_survives_a_publish_and_a_new_one_sees_the_new_build(
    settings, built, kind
):
    target = publish.published_path(settings)
    publish.publish(built, target)
    # GIVEN an analyst session open on the published copy
    analyst = Analyst(target, kind)
    try:
        assert analyst.ask("select version from intermediate.models_counted") == "3"
        # WHEN a refresh builds something new and publishes it (the session still open)
        build(built, 5)
        publish.publish(built, target)
        # THEN the open session keeps working on the copy it opened, without an error
        assert analyst.ask("select count(*) from marts.models") == "3"
        assert analyst.ask("select version from intermediate.models_counted") == "3"
        # AND a new session sees the new build
        fresh = Analyst(target, "cli-readonly")
        try:
            assert fresh.ask("select version from intermediate.models_counted") == "5"
        finally:
            assert fresh.close() == 0
    finally:
        assert analyst.close() == 0


def test_a_failed_copy_leaves_the_previous_published_copy_intact(settings, built, monkeypatch):
    target = publish.published_path(settings)
    publish.publish(built, target)
    before = target.read_bytes()
    build(built, 7)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    # GIVEN a disk that fills up during the copy WHEN publishing
    monkeypatch.setattr(publish.shutil, "copyfileobj", disk_full)
    with pytest.raises(publish.PublishError, match="No space left"):
        publish.publish(built, target)
    # THEN analysts still have the previous copy, whole, and no temporary file is left
    assert target.read_bytes() == before
    assert list(target.parent.glob(".tmp-*")) == []


def test_a_stale_write_ahead_log_beside_the_published_copy_is_dropped(settings, built):
    target = publish.published_path(settings)
    publish.publish(built, target)
    # GIVEN a WAL an analyst's read-write session left beside the old copy
    wal = Path(str(target) + ".wal")
    wal.write_bytes(b"not for the new file")
    # WHEN publishing again THEN it is gone, and the new copy opens cleanly
    publish.publish(built, target)
    assert not wal.exists()
    con = duckdb.connect(str(target), read_only=True)
    try:
        assert con.execute("select count(*) from marts.models").fetchone() == (3,)
    finally:
        con.close()


def _hold_open(path: Path) -> subprocess.Popen:
    """An analyst who opened the build file itself (read-only), and keeps it open."""
    code = (
        "import sys, duckdb\n"
        f"con = duckdb.connect({str(path)!r}, read_only=True)\n"
        "print('open', flush=True)\n"
        "sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_the_build_file_held_open_elsewhere_gives_a_clear_message(settings, built):
    # GIVEN an analyst holding the build file open (read-only) in another process
    holder = _hold_open(built)
    try:
        # WHEN the ingestor opens it THEN it says who holds it and what to open instead
        with pytest.raises(WarehouseBusy) as caught:
            Warehouse(built)
        message = str(caught.value)
        assert "open in another process" in message
        assert "published copy" in message and "warehouse.published.duckdb" in message
        assert f"PID {holder.pid}" in message
        # AND publishing says the same instead of failing obscurely
        with pytest.raises(publish.PublishError, match="open in another process"):
            publish.publish(built, publish.published_path(settings))
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_python_m_ingest_exits_75_with_the_message_not_a_traceback(settings, built):
    holder = _hold_open(built)
    try:
        env = {**os.environ, "TRACKER_DB": str(built), "TRACKER_DATA_DIR": str(settings.data_dir)}
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "ingest", "--offline"],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert proc.returncode == 75, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "open in another process" in proc.stderr and "published copy" in proc.stderr
    assert time.monotonic() - started < 30


def test_a_build_that_failed_on_a_held_file_says_who_holds_it(settings, built, capsys):
    from ingest import refresh

    # GIVEN an analyst who opened the build file between the ingest and dbt build
    holder = _hold_open(built)
    try:
        # WHEN the refresh explains its failed build
        refresh._explain_if_busy(settings)
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    # THEN it names the holder and points at the published copy
    err = capsys.readouterr().err
    assert f"PID {holder.pid}" in err and "published copy" in err
