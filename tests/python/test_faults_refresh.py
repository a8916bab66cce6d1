"""Faults across whole refreshes (ingest, dbt build, outputs, publish), on real captures.

One scenario, run once for the module (each step is a real `python -m ingest.refresh`):
1. captures of every source sit in data/raw (two LMArena snapshots, taken two weeks apart);
2. refresh A builds the warehouse and publishes it; an analyst opens the published copy;
3. the warehouse file is corrupted: a plain refresh refuses with a clear message;
4. `python -m ingest.refresh --rebuild` (`make rebuild`) rebuilds it from the captures,
   while the analyst's session stays open; refresh C starts while the rebuild runs.
The tests then check what each step left. The rebuild is the scenario's second build over
the same captures: what it gives back is compared with A's (marts, exports, history).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from analyst import Analyst
from temp_paths import temp_paths_env

from ingest import captures
from ingest.config import REPO_ROOT, SAMPLE_DIR
from ingest.publish import catalog_name
from ingest.sources import SOURCES

pytestmark = pytest.mark.slow

# Columns that say when a row was loaded or built, not what the data is: a rebuild
# loads everything again, so these legitimately change.
LOAD_TIME_COLUMNS = {"loaded_at", "_loaded_at", "load_id", "_load_id", "run_id", "built_at"}
# Bookkeeping of the history file: a change is first shown unrecorded, then recorded.
BOOKKEEPING_COLUMNS = {"is_recorded"}
# Marts about the last refresh itself (what it changed), not about the models.
PER_REFRESH_TABLES = {"changes_in_last_refresh"}


@dataclass
class Scenario:
    root: Path
    env: dict[str, str]
    runs: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    marts: dict[str, dict] = field(default_factory=dict)
    loads: dict[str, list] = field(default_factory=dict)
    exports: dict[str, dict[str, bytes]] = field(default_factory=dict)
    analyst: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    kept: dict[str, dict[str, set]] = field(default_factory=dict)

    @property
    def db(self) -> Path:
        return Path(self.env["TRACKER_DB"])

    @property
    def published(self) -> Path:
        return self.db.with_name(f"{catalog_name(self.db)}.published.duckdb")


def archive_captures(raw_dir: Path) -> None:
    """Every source's sample as a real capture; LMArena twice, two weeks apart."""
    for name in SOURCES:
        sample = next(
            p for p in (SAMPLE_DIR / name).iterdir() if captures.CAPTURE_NAME.match(p.name)
        )
        when = datetime(2025, 10, 20, tzinfo=UTC)
        captures.archive(
            raw_dir / name, name, sample.read_bytes(), ext=sample.name.split(".", 1)[1],
            url=f"https://example.invalid/{name}", now=when,
        )  # fmt: skip
    sample = next(p for p in (SAMPLE_DIR / "lmarena").iterdir() if p.suffix == ".parquet")
    later = raw_dir.parent / "lmarena-later.parquet"
    con = duckdb.connect()
    try:
        # Two weeks on: new ratings, one model retired, one new model.
        con.execute(
            f"""
            copy (
                select * replace (
                    rating + 1.5 as rating, '2025-10-30' as leaderboard_publish_date
                )
                from read_parquet('{sample}')
                where model_name != 'koala-13b'
                union all
                select * replace ('synthetic-new-model-2025-10-30' as model_name)
                from read_parquet('{sample}')
                where model_name = 'gemini-2.5-pro'
            ) to '{later}' (format parquet)
            """
        )
    finally:
        con.close()
    captures.archive(
        raw_dir / "lmarena", "lmarena", later.read_bytes(), ext="parquet",
        url="https://example.invalid/lmarena", now=datetime(2025, 11, 3, tzinfo=UTC),
    )  # fmt: skip


def refresh(scenario: Scenario, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ingest.refresh", *args],
        cwd=REPO_ROOT,
        env=scenario.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(scenario: Scenario, name: str, proc: subprocess.Popen, started: float) -> None:
    out, err = proc.communicate(timeout=600)
    scenario.runs[name] = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    scenario.seconds[name] = time.monotonic() - started


def marts_of(db: Path) -> dict[str, list]:
    """Every marts table, every row, in a stable order, without load-time columns."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1"
        ).fetchall()
        found = {}
        for (table,) in tables:
            if table in PER_REFRESH_TABLES:
                continue
            columns = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns where table_schema = "
                    "'marts' and table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
                if c not in LOAD_TIME_COLUMNS | BOOKKEEPING_COLUMNS
            ]
            names = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f"select {names} from marts.{table}").fetchall()
            found[table] = sorted((_comparable(row) for row in rows), key=repr)
        return found
    finally:
        con.close()


def _comparable(value: object) -> object:
    """A value as compared across builds. Two known differences that lose nothing:
    - floats to 12 significant digits: DuckDB's parallel aggregates (the benchmark fits'
      regressions) sum in a different order from one build to the next, in the last bits;
    - an empty list equals NULL: the history file stores an empty list as an empty cell."""
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, list | tuple):
        return (
            tuple(_comparable(item) for item in value)
            if value or isinstance(value, tuple)
            else None
        )
    if isinstance(value, dict):
        return tuple(sorted((key, _comparable(item)) for key, item in value.items()))
    return value


def loads_of(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select source, capture_sha256, captured_at, rows_loaded from raw.loaded_captures "
            "order by loaded_at, source"
        ).fetchall()
    finally:
        con.close()


def kept_history_of(db: Path) -> dict[str, set]:
    """What captures cannot give back: the load log and the published list's versions."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        log = con.execute("select run_id, source, status, rows_loaded from raw.load_log")
        kept = {"load_log": set(log.fetchall())}
        if con.execute(
            "select count(*) from information_schema.tables where table_name = "
            "'published_list_history'"
        ).fetchone()[0]:
            versions = con.execute(
                "select version_id, model_id, valid_from from marts.published_list_history"
            )
        else:  # before the build that makes it: the snapshot itself
            versions = con.execute(
                "select dbt_scd_id, model_id, dbt_valid_from "
                "from snapshots.models_above_1e25_flop_snapshot"
            )
        kept["versions"] = set(versions.fetchall())
        return kept
    finally:
        con.close()


def exports_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


COUNT_MODELS = "select count(*) || ' models, ' || max(last_seen_at) from marts.models"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Scenario:
    root = tmp_path_factory.mktemp("faults-refresh")
    env = {**os.environ, **temp_paths_env(root)}
    env.pop("TRACKER_PUBLISHED_DB", None)
    scenario = Scenario(root, env)
    archive_captures(root / "data" / "raw")

    # 2. Refresh A, then an analyst opens the published copy.
    started = time.monotonic()
    finish(scenario, "A", refresh(scenario, "--offline"), started)
    scenario.marts["A"] = marts_of(scenario.db)
    scenario.loads["A"] = loads_of(scenario.db)
    scenario.kept["A"] = kept_history_of(scenario.db)
    scenario.exports["A"] = exports_of(root / "exports")
    analyst = Analyst(scenario.published, "cli-readonly")
    try:
        scenario.analyst["before"] = analyst.ask(COUNT_MODELS)

        # 3. The warehouse file is corrupted.
        published_before = scenario.published.read_bytes()
        with scenario.db.open("r+b") as handle:
            handle.seek(0)
            handle.write(os.urandom(64 * 1024))
        started = time.monotonic()
        finish(scenario, "corrupt", refresh(scenario, "--offline"), started)
        scenario.analyst["published intact"] = str(
            scenario.published.read_bytes() == published_before
        )

        # 4. make rebuild with the analyst's session open; refresh C while it runs.
        started = time.monotonic()
        rebuild = refresh(scenario, "--rebuild")
        lock = scenario.db.with_name(scenario.db.name + ".refresh.lock")
        deadline = time.monotonic() + 60
        while f"pid {rebuild.pid} " not in (lock.read_text() if lock.exists() else ""):
            assert time.monotonic() < deadline and rebuild.poll() is None, "never locked"
            time.sleep(0.05)
        third_started = time.monotonic()
        finish(scenario, "C", refresh(scenario, "--offline"), third_started)
        finish(scenario, "rebuild", rebuild, started)
        scenario.analyst["during"] = analyst.ask(COUNT_MODELS)
    finally:
        analyst.close()
    fresh = Analyst(scenario.published, "cli-readonly")
    try:
        scenario.analyst["new session"] = fresh.ask(COUNT_MODELS)
    finally:
        fresh.close()
    scenario.marts["rebuild"] = marts_of(scenario.db)
    scenario.loads["rebuild"] = loads_of(scenario.db)
    scenario.kept["rebuild"] = kept_history_of(scenario.db)
    scenario.exports["rebuild"] = exports_of(root / "exports")
    return scenario


def _show(run: subprocess.CompletedProcess) -> str:
    return run.stdout[-2500:] + "\n--- stderr ---\n" + run.stderr[-2500:]


def test_a_refresh_publishes_a_copy_for_analysts(scenario):
    run = scenario.runs["A"]
    assert run.returncode == 0, _show(run)
    assert "Published copy:" in run.stdout
    assert scenario.published.exists()
    assert re.match(r'^"?[1-9]\d* models, 20', scenario.analyst["before"]), scenario.analyst


def test_a_second_refresh_while_one_runs_exits_at_once_and_the_first_completes(scenario):
    third = scenario.runs["C"]
    assert third.returncode == 75, _show(third)
    assert "another refresh is running" in third.stderr
    assert scenario.seconds["C"] < 15
    # The refresh it found running (the rebuild) completes, whole: every mart the same as
    # before the corruption (test_rebuild_reloads_every_capture_oldest_first_and_loses_nothing).
    assert scenario.runs["rebuild"].returncode == 0, _show(scenario.runs["rebuild"])


def test_an_open_analyst_session_neither_blocks_a_refresh_nor_breaks(scenario):
    # The rebuild succeeded (above) with the analyst's session open; the session still
    # answers, from the copy it opened; a new session sees the rebuild's build.
    assert scenario.analyst["during"] == scenario.analyst["before"]
    assert scenario.analyst["new session"] == scenario.analyst["before"]
    assert "Published copy:" in scenario.runs["rebuild"].stdout


def test_a_corrupted_warehouse_is_refused_with_the_command_that_rebuilds_it(scenario):
    run = scenario.runs["corrupt"]
    assert run.returncode != 0
    assert "make rebuild" in run.stderr, _show(run)
    assert "Traceback" not in run.stderr
    assert scenario.analyst["published intact"] == "True"


def test_rebuild_reloads_every_capture_oldest_first_and_loses_nothing(scenario):
    run = scenario.runs["rebuild"]
    assert run.returncode == 0, _show(run)
    # Every capture loaded again, the same rows, oldest first within each source.
    assert sorted(scenario.loads["rebuild"]) == sorted(scenario.loads["A"])
    lmarena = [row for row in scenario.loads["rebuild"] if row[0] == "lmarena"]
    assert len(lmarena) == 2
    assert [row[2] for row in lmarena] == sorted(row[2] for row in lmarena)
    # Every mart holds the same rows as before the corruption.
    before, after = scenario.marts["A"], scenario.marts["rebuild"]
    assert sorted(before) == sorted(after)
    differing = [table for table in before if before[table] != after[table]]
    assert differing == []


def test_two_refreshes_over_the_same_captures_give_byte_identical_exports(scenario):
    # A and the rebuild: two builds of the same captures, each from an empty warehouse.
    first, rebuilt = scenario.exports["A"], scenario.exports["rebuild"]
    assert first, "refresh A wrote no export"
    assert sorted(first) == sorted(rebuilt)
    assert [name for name in first if first[name] != rebuilt[name]] == []


def test_rebuild_keeps_the_load_log_and_every_version_of_the_published_list(scenario):
    # GIVEN the load log and the published list's versions before the corruption
    before, after = scenario.kept["A"], scenario.kept["rebuild"]
    assert len(before["load_log"]) == 5 and before["versions"]  # refresh A, 5 sources
    # THEN after `make rebuild` every load-log row is still there, beside the rebuild's own
    assert before["load_log"] <= after["load_log"]
    assert len(after["load_log"]) == len(before["load_log"]) + 5
    # AND marts.published_list_history holds exactly the versions the snapshot had
    assert after["versions"] == before["versions"]
