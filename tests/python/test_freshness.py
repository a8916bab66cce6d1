"""Source freshness, computed from the warehouse: the fetch time of each source's newest real
capture against the rules of the sources' yml, sample data never fresh, no dbt process."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from ingest import captures, cli, refresh
from ingest.config import REPO_ROOT
from ingest.outputs import freshness, pipeline
from ingest.outputs.freshness import FreshnessRule
from ingest.warehouse import DDL

NOW = datetime(2026, 1, 31, 12, 0, tzinfo=UTC)
RULES = {
    "epoch": FreshnessRule(30, 90),
    "huggingface": FreshnessRule(14, 60),
    "lmarena": FreshnessRule(21, 45),
    "openrouter": FreshnessRule(3, 14),
    "wikipedia": FreshnessRule(14, 60),
}


def warehouse(*captures: tuple[str, str, bool], loaded_at: str = "2026-01-31 11:00:00"):
    """An in-memory warehouse whose raw.loaded_captures holds (source, captured_at,
    is_sample) rows, every one loaded at ``loaded_at`` (as right after `make rebuild`)."""
    con = duckdb.connect()
    con.execute(DDL)
    for number, (source, captured_at, is_sample) in enumerate(captures):
        con.execute(
            "insert into raw.loaded_captures values (?, ?, ?, ?, ?, ?, ?, 1)",
            [source, f"sha{number}", f"p{number}", captured_at, is_sample, f"l{number}", loaded_at],
        )
    return con


def by_source(results: list[freshness.SourceFreshness]) -> dict[str, freshness.SourceFreshness]:
    return {result.source: result for result in results}


# -- the rules -----------------------------------------------------------------------------
def test_the_rules_are_those_of_the_sources_yml():
    # GIVEN the project's _<source>__sources.yml files WHEN read THEN every source with a
    # freshness block has its thresholds, in days; history (no rule) and ingest are absent
    assert freshness.rules() == RULES


def test_a_table_rule_replaces_the_source_rule_and_the_worst_table_wins(tmp_path):
    # GIVEN sources with rules at the source level, in config:, per table, in hours,
    # and one table that turns its rule off
    folder = tmp_path / "staging" / "demo"
    folder.mkdir(parents=True)
    (folder / "_demo__sources.yml").write_text(
        """
version: 2
sources:
  - name: plain
    freshness: {warn_after: {count: 2, period: day}, error_after: {count: 5, period: day}}
    tables: [{name: a}]
  - name: tables_differ
    freshness: {warn_after: {count: 10, period: day}}
    tables:
      - name: a
      - name: b
        freshness: {warn_after: {count: 36, period: hour}, error_after: {count: 4, period: day}}
      - name: c
        freshness: null
  - name: in_config
    config:
      freshness: {error_after: {count: 7, period: day}}
  - name: none_at_all
    tables: [{name: a}]
  - name: switched_off
    freshness: {warn_after: {count: 1, period: day}}
    tables: [{name: a, freshness: null}]
"""
    )
    (folder / "_demo__models.yml").write_text("version: 2\nsources: [{name: ignored}]\n")
    # WHEN read
    rules = freshness.rules(tmp_path)
    # THEN
    assert rules == {
        "plain": FreshnessRule(2, 5),
        "tables_differ": FreshnessRule(1.5, 4),
        "in_config": FreshnessRule(None, 7),
    }


# -- the check -----------------------------------------------------------------------------
def test_freshness_is_the_fetch_time_of_the_newest_real_capture_not_the_load_time():
    # GIVEN every capture loaded an hour ago (a rebuild), fetched at different times
    con = warehouse(
        ("openrouter", "2026-01-30 12:00:00", False),  # 1 day: within 3 days
        ("lmarena", "2025-12-01 00:00:00", False),  # older capture
        ("lmarena", "2026-01-05 12:00:00", False),  # 26 days: past warn (21), not error (45)
        ("wikipedia", "2025-11-01 00:00:00", False),  # 91.5 days: past error (60)
        ("huggingface", "2025-10-20 06:10:00", True),  # the sample only
        ("huggingface", "2025-10-20 06:10:00", True),
    )
    # WHEN checked
    results = by_source(freshness.check(con, now=NOW, source_rules=RULES))
    # THEN each source is judged by its newest capture's fetch time
    assert {name: r.status for name, r in results.items()} == {
        "epoch": "no data",
        "huggingface": "sample",
        "lmarena": "warn",
        "openrouter": "pass",
        "wikipedia": "error",
    }
    assert results["lmarena"].age_days == pytest.approx(26.0)
    assert results["lmarena"].fetched_at == datetime(2026, 1, 5, 12, 0)
    assert results["openrouter"].line() == (
        "openrouter: fresh (newest capture fetched 1 day ago; usual cadence: warn after 3 days)"
    )
    assert results["lmarena"].line() == (
        "lmarena: STALE: nothing new for 26 days (usual cadence: warn after 21 days)"
    )
    assert results["wikipedia"].line().startswith("wikipedia: VERY STALE: nothing new for 92 days")
    # AND a source on sample data says so instead of looking fresh; no data is not fresh either
    assert results["huggingface"].line() == "huggingface: SAMPLE data only"
    assert results["epoch"].line() == "epoch: no data loaded yet"
    assert [r.source for r in freshness.stale_sources(list(results.values()))] == [
        "epoch",
        "huggingface",
        "lmarena",
        "wikipedia",
    ]


def test_real_data_wins_over_a_sample_loaded_before_it():
    con = warehouse(
        ("openrouter", "2025-10-20 06:00:00", True),
        ("openrouter", "2026-01-31 06:00:00", False),
    )
    (result,) = freshness.check(con, now=NOW, source_rules={"openrouter": RULES["openrouter"]})
    assert (result.status, result.is_stale) == ("pass", False)
    assert result.line().startswith("openrouter: fresh (newest capture fetched less than a day ago")


def test_the_thresholds_are_exclusive_as_in_dbt():
    rule = FreshnessRule(3, 14)
    assert [rule.status(days) for days in (0, 3, 3.01, 14, 14.01)] == [
        "pass",
        "pass",
        "warn",
        "warn",
        "error",
    ]
    assert (
        FreshnessRule(None, 7).status(6) == "pass" and FreshnessRule(2, None).status(99) == "warn"
    )


def test_a_warehouse_without_bookkeeping_or_file_gives_no_data_or_nothing(tmp_path):
    con = duckdb.connect()
    assert {r.status for r in freshness.check(con, now=NOW, source_rules=RULES)} == {"no data"}
    assert freshness.check_warehouse(tmp_path / "missing" / "w.duckdb") == []


# -- where it runs -----------------------------------------------------------------------
def test_the_refresh_checks_freshness_without_a_second_dbt_process(settings, monkeypatch):
    # GIVEN the samples ingested offline, and dbt replaced by a recorder
    status, _ = cli.run(["--offline"], settings=settings)
    assert status == 0
    calls: list[list[str]] = []
    monkeypatch.setattr(refresh, "dbt", lambda args, _settings: calls.append(args) or 0)
    monkeypatch.setattr(refresh, "model_counts", lambda _path: None)
    seen: list = []
    monkeypatch.setattr(
        refresh.outputs, "after_build", lambda _s, fresh, _c, _ok: seen.append(fresh) or 0
    )
    monkeypatch.setattr(refresh, "_publish", lambda _settings: 0)
    monkeypatch.setattr(refresh.history, "record_after_build", lambda _settings: None)
    monkeypatch.setattr(refresh.review_export, "export_after_build", lambda _settings: None)
    # WHEN a refresh runs
    assert refresh.main(["--offline"]) == 0
    # THEN dbt ran once (the build), and every source is reported as on sample data
    assert [args[0] for args in calls] == ["build"]
    (results,) = seen
    assert {r.source: r.status for r in results} == dict.fromkeys(RULES, "sample")


def test_make_freshness_prints_each_source(settings):
    # GIVEN the samples ingested offline
    cli.run(["--offline"], settings=settings)
    # WHEN `make freshness` runs (tracker freshness)
    proc = subprocess.run(
        [sys.executable, "-m", "ingest.tracker", "freshness"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    # THEN one line per source, each saying it runs on sample data; status 0 (no error)
    assert proc.returncode == 0, proc.stderr
    assert "  lmarena: SAMPLE data only" in proc.stdout.splitlines()
    assert proc.stdout.count("SAMPLE data only") == len(RULES)


def test_a_rebuilt_warehouse_keeps_the_age_of_its_captures(settings):
    # GIVEN a real OpenRouter capture fetched on 2025-01-01, loaded into a new warehouse today
    # (as `make rebuild` does with every capture in data/raw)
    content = next((REPO_ROOT / "data" / "sample" / "openrouter").glob("*.json")).read_bytes()
    fetched = datetime(2025, 1, 1, 6, 0, tzinfo=UTC)
    captures.archive(
        settings.raw_dir / "openrouter", "openrouter", content, ext="json", url=None, now=fetched
    )
    assert cli.run(["--offline", "--source", "openrouter"], settings=settings)[0] == 0
    # WHEN checked a year later
    results = freshness.check_warehouse(settings.db_path, now=datetime(2026, 1, 1, tzinfo=UTC))
    # THEN its age is the capture's, not the load's: very stale
    openrouter = by_source(results)["openrouter"]
    assert (openrouter.status, openrouter.fetched_at) == ("error", datetime(2025, 1, 1, 6, 0))
    assert openrouter.line().startswith("openrouter: VERY STALE: nothing new for 365 days")


def test_pipeline_check_uses_the_settings_warehouse(settings):
    cli.run(["--offline", "--source", "lmarena"], settings=settings)
    results = by_source(pipeline.check_freshness(settings))
    assert (results["lmarena"].status, results["openrouter"].status) == ("sample", "no data")


def test_the_makefile_target_runs_the_same_check():
    makefile = (Path(REPO_ROOT) / "Makefile").read_text()
    target = makefile.split("\nfreshness: setup\n", 1)[1].splitlines()[0]
    assert target.strip() == "$(BIN)/tracker freshness"
