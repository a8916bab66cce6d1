"""What a rebuild keeps: the load log and the published list's versions live in files under
data/history/ as well as in the warehouse, and come back into raw when the warehouse file
is lost (ingest.history). marts.published_list_history reads them (its dbt unit test
folds a restarted snapshot into them); test_faults_refresh.py checks a real rebuild.
Also: a warehouse held open between ingest and dbt gives the plain message and exit 75."""

from __future__ import annotations

import duckdb
from analyst import Analyst

from ingest import cli, history, refresh
from ingest.warehouse import Warehouse


def _sample_run(settings) -> None:
    status, _ = cli.run(["--offline", "--source", "openrouter"], settings)
    assert status == 0


def test_the_load_log_survives_the_loss_of_the_warehouse(settings):
    # GIVEN two ingest runs (each records raw.load_log in data/history/load_log.csv)
    _sample_run(settings)
    _sample_run(settings)
    with Warehouse(settings.db_path) as wh:
        before = wh.con.execute("select * from raw.load_log order by started_at").fetchall()
    assert len(before) == 2
    # WHEN the warehouse file is lost and ingest runs again (as `make rebuild` does)
    settings.db_path.unlink()
    _sample_run(settings)
    # THEN the two earlier rows are back, unchanged, beside the new run's
    with Warehouse(settings.db_path) as wh:
        after = wh.con.execute("select * from raw.load_log order by started_at").fetchall()
    assert len(after) == 3
    assert after[:2] == before
    # AND the file holds each row once
    lines = history.load_log_path(settings).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 3


def test_a_kept_load_log_row_is_not_restored_twice_whatever_its_microseconds(settings):
    # GIVEN a load log row started at a time whose microseconds end in zero (DuckDB writes
    # .55648 where the kept file says .556480), recorded in data/history/load_log.csv
    with Warehouse(settings.db_path) as wh:
        wh.con.execute(
            "insert into raw.load_log (run_id, source, started_at, finished_at, status, "
            "rows_loaded, is_sample) values ('r1', 'epoch', '2026-12-05 07:24:48.556480', "
            "'2026-12-05 07:24:48.591748', 'fallback', 28, true)"
        )
        history.record_load_log(wh.con, settings)
        # WHEN the next ingest puts back what the file holds and raw lacks
        restored = history.restore_into_raw(wh.con, settings)
        rows = wh.con.execute("select count(*) from raw.load_log").fetchone()[0]
    # THEN nothing is restored: raw already has the row (it was written twice before)
    assert restored == 0
    assert rows == 1


def _snapshot_with_two_versions(db_path) -> None:
    con = duckdb.connect(str(db_path))
    try:
        fields = ", ".join(f"{name} varchar" for name in history.VERSION_FIELDS)
        con.execute("create schema snapshots")
        con.execute(
            "create table snapshots.models_above_1e25_flop_snapshot (dbt_scd_id varchar, "
            f"model_id varchar, dbt_valid_from timestamp, dbt_is_deleted varchar, {fields})"
        )
        con.execute(
            "insert into snapshots.models_above_1e25_flop_snapshot "
            "(dbt_scd_id, model_id, dbt_valid_from, dbt_is_deleted, training_compute_flop) "
            "values ('v1', 'm', '2025-10-01', 'False', '1e+25'), "
            "('v2', 'm', '2025-10-02', 'False', '2e+25')"
        )
    finally:
        con.close()


def test_every_published_list_version_comes_back_into_raw_after_a_rebuild(settings):
    # GIVEN a warehouse whose snapshot holds two versions of a row, recorded after a build
    with Warehouse(settings.db_path):
        pass
    _snapshot_with_two_versions(settings.db_path)
    assert history.record_versions(settings) == 2
    assert history.record_versions(settings) == 0  # idempotent
    # WHEN the warehouse is lost and ingest runs
    settings.db_path.unlink()
    _sample_run(settings)
    # THEN raw holds both versions for marts.published_list_history
    with Warehouse(settings.db_path) as wh:
        rows = wh.con.execute(
            f"select version_id, valid_from, training_compute_flop from {history.VERSIONS_TABLE} "
            "order by version_id"
        ).fetchall()
    assert rows == [("v1", "2025-10-01 00:00:00", "1e+25"), ("v2", "2025-10-02 00:00:00", "2e+25")]


def test_a_warehouse_opened_between_ingest_and_dbt_exits_75_with_the_plain_message(
    settings, monkeypatch, capsys
):
    # GIVEN an analyst who opens the warehouse read-write right after ingest
    sessions: list[Analyst] = []
    real_run = cli.run

    def ingest_then_open(argv, settings_):
        result = real_run(argv, settings_)
        analyst = Analyst(settings_.db_path, "cli")
        analyst.ask("select 42")
        sessions.append(analyst)
        return result

    def no_dbt(*args, **kwargs):
        raise AssertionError("dbt ran against a warehouse held by another process")

    monkeypatch.setattr(refresh.cli, "run", ingest_then_open)
    monkeypatch.setattr(refresh, "dbt", no_dbt)
    try:
        # WHEN the refresh reaches the build
        status = refresh.main(["--offline"])
    finally:
        for analyst in sessions:
            analyst.close()
    # THEN it stops with EX_TEMPFAIL and one clear line, no traceback
    err = capsys.readouterr().err
    assert status == 75
    assert "is open in another process" in err and "Close that session" in err
    assert "Traceback" not in err
