"""Refresh summary: what changed since the last build, new candidates, stale sources."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest.config import Settings
from ingest.outputs import freshness, pipeline, summary

WAREHOUSE_SQL = Path(__file__).resolve().parent.parent / "fixtures" / "outputs" / "warehouse.sql"


def test_without_recorded_history_it_says_first_build():
    assert summary.change_lines(summary.Changes(prior_origin=None)) == [
        "First build here: nothing earlier to compare with."
    ]


def test_summary_markdown_names_stale_sources_and_sample_use():
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.read_text())
    # openrouter's newest capture was fetched 2025-11-01 (5.5 days before), lmarena and
    # epoch have only sample data, huggingface and wikipedia nothing
    checked = freshness.check(con, now=datetime(2025, 11, 6, 12, 0, tzinfo=UTC))
    inputs = summary.SummaryInputs(
        fetch=summary.last_fetch(con),
        changes=summary.Changes(prior_origin=None),
        review_candidates=summary.review_candidates(con),
        freshness=checked,
        counts=None,
        outputs=["exports/models_above_1e25_flop.csv"],
        problems=[],
    )
    text = summary.render_markdown(inputs, when=datetime(2026, 1, 1, 12, 0, tzinfo=UTC))
    assert text.startswith("# Refresh summary, 2026-01-01 12:00 UTC")
    assert "**SAMPLE DATA** in use for: lmarena." in text
    # per source, the newest run's outcome (openrouter's older failure is not shown)
    assert "| openrouter | loaded 10 rows (capture of 2025-11-01) |" in text
    assert "HTTP 500" not in text
    assert "**Stale:** huggingface, openrouter, wikipedia." in text
    assert "**On SAMPLE data (not current):** epoch, lmarena." in text
    assert "- openrouter: STALE: nothing new for 6 days (usual cadence: warn after 3 days)" in text
    # a source on sample data never looks fresh, though it was just loaded
    assert "- lmarena: SAMPLE data only (dated 2025-10-16: not real, not current)" in text
    assert "- huggingface: no data loaded yet" in text
    assert "New 8 (`new-8`): First seen on OpenRouter 2025-10-16" in text


def _models_section(**counts: int) -> list[str]:
    """The paragraphs of reports/latest.md's "Models" section for these model counts."""
    inputs = summary.SummaryInputs(
        fetch=[],
        changes=summary.Changes(prior_origin=None),
        review_candidates=[],
        freshness=None,
        counts=counts,
        outputs=[],
        problems=[],
    )
    text = summary.render_markdown(inputs, when=datetime(2026, 1, 1, tzinfo=UTC))
    return text.split("## Models\n\n", 1)[1].split("## What changed", 1)[0].split("\n\n")


def _counts(seen: int = 10, estimated: int = 10, **extra: int) -> dict[str, int]:
    return {"seen": seen, "estimated": estimated, "above": 2, "uncertain": 3,
            "below": estimated - 5, "published": 4, **extra}  # fmt: skip


def test_the_models_seen_without_an_estimate_are_counted_apart():
    # GIVEN 183 models seen, 172 estimated THEN the 11 others are said to be missing, not below
    counts, unestimated, _ = _models_section(**_counts(183, 172))
    assert counts == "183 seen, 172 estimated: 2 above 1e25, 3 uncertain, 167 below; " + (
        "**4 in the published list**."
    )
    assert unestimated.startswith("11 seen without an estimate: ")
    assert "missing from the list, not below the line" in unestimated
    # AND when every model has an estimate, nothing more is said
    assert _models_section(**_counts(10, 10)) == [
        "10 seen, 10 estimated: 2 above 1e25, 3 uncertain, 5 below; **4 in the published list**.",
        "",
    ]


def test_published_dates_that_are_sightings_are_counted():
    # GIVEN 3 of the 4 published rows dated by a first sighting THEN the summary says so
    _, sighted, _ = _models_section(**_counts(published_sighted=3))
    assert sighted.startswith("3 of the published list's dates are a first sighting")
    assert "`publication_date_source`" in sighted
    # AND with none, or a count the warehouse could not give, nothing more is said
    assert len(_models_section(**_counts(published_sighted=0))) == 2
    assert len(_models_section(**_counts())) == 2


def test_build_outputs_writes_every_file_and_latest(tmp_path, monkeypatch):
    # GIVEN the fixture warehouse in a file, and output folders in tmp
    db_path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db_path))
    con.execute(WAREHOUSE_SQL.read_text())
    con.close()
    monkeypatch.setenv("TRACKER_EXPORTS_DIR", str(tmp_path / "exports"))
    monkeypatch.setenv("TRACKER_REPORTS_DIR", str(tmp_path / "reports"))
    settings = Settings(db_path=db_path, data_dir=tmp_path / "data")
    # WHEN the outputs are built twice, the second time after an estimate changed (in a
    # warehouse without marts.changes_in_last_refresh, the one place changes are computed)
    first = pipeline.build_outputs(settings)
    assert first.ok, first.problems
    con = duckdb.connect(str(db_path))
    con.execute(
        "update marts.models_above_1e25_flop set training_compute_flop = 4e25 "
        "where model_id = 'zeta-6'"
    )
    con.execute("update marts.models set training_compute_flop = 4e25 where model_id = 'zeta-6'")
    con.close()
    second = pipeline.build_outputs(settings)
    # THEN every file is there, and latest.md says the changes were not compared, and why
    names = sorted(p.name for p in second.written)
    assert names == [
        "ATTRIBUTION.md",
        "compute_trend.png",
        "index.html",
        "models_above_1e25_flop.csv",
        "models_above_1e25_flop.parquet",
        "models_above_per_quarter.png",
        "validation.md",
    ]
    latest = (tmp_path / "reports" / "latest.md").read_text()
    assert "Not compared: marts.changes_in_last_refresh is not built" in latest
    assert any("Not compared: marts.changes_in_last_refresh" in line for line in second.console)
    # AND the export has the new estimate
    assert ",4e+25," in (tmp_path / "exports" / "models_above_1e25_flop.csv").read_text()


def test_a_failed_build_updates_no_export_but_writes_the_summary(tmp_path, monkeypatch):
    db_path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db_path))
    con.execute(WAREHOUSE_SQL.read_text())
    con.close()
    monkeypatch.setenv("TRACKER_EXPORTS_DIR", str(tmp_path / "exports"))
    monkeypatch.setenv("TRACKER_REPORTS_DIR", str(tmp_path / "reports"))
    out = pipeline.build_outputs(
        Settings(db_path=db_path, data_dir=tmp_path / "data"), build_ok=False
    )
    assert out.written == [] and not (tmp_path / "exports").exists()
    latest = (tmp_path / "reports" / "latest.md").read_text()
    assert "dbt build FAILED" in latest
    assert "Not compared: the dbt build failed." in latest


def test_the_change_history_mart_is_used_when_it_exists():
    # GIVEN the contractor workflow's marts.changes_in_last_refresh, with a recorded history
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.read_text())
    con.execute("create schema staging")
    con.execute("create table staging.stg_history__model_changes as select 1 as change_id")
    con.execute(
        """
        create table marts.changes_in_last_refresh as
        select * from (values
            ('alpha-1', 'Alpha 1', 'changed', ['training_compute_flop'], 3e25, 'above', true,
             1e25, 'uncertain', true),
            ('new-8', 'New 8', 'new', ['model_name'], null, null, false, null, null, null),
            ('gamma-3', 'Gamma 3', 'changed', ['is_published'], 1.2e25, 'uncertain', true,
             1.2e25, 'uncertain', false),
            ('old-9', 'Old 9', 'removed', [], 2e25, 'uncertain', false, 2e25, 'uncertain', true)
        ) as t(model_id, model_name, change_type, changed_fields, training_compute_flop,
               threshold_class, is_published, previous_training_compute_flop,
               previous_threshold_class, previous_is_published)
        """
    )
    # WHEN the changes are read
    changes = summary.changes_from_mart(con)
    # THEN they come from the mart, not from a comparison of our own
    assert changes is not None and changes.prior_origin == "history"
    assert [m.model_id for m in changes.new_models] == ["new-8"]
    assert [m.model_id for m in changes.candidates] == ["new-8"]
    assert [m.model_id for m in changes.entered_list] == ["gamma-3"]
    assert [m.model_id for m in changes.left_list] == ["old-9"]
    assert [c.describe() for c in changes.changed] == [
        "Alpha 1 (`alpha-1`): 1.00e25 → 3.00e25 (3.00×), class uncertain → above"
    ]
    # AND with no recorded history yet, it is the first refresh: nothing to report
    con.execute("delete from staging.stg_history__model_changes")
    assert summary.changes_from_mart(con).prior_origin is None


def test_an_id_folded_into_another_model_is_reported_as_renamed_not_as_leaving_the_list():
    # GIVEN a refresh in which the identity rules fold a published model's id into another
    # model (gpt-4o-2024-05-13 is now a build of gpt-4o), and another model really left
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.read_text())
    con.execute("create schema staging")
    con.execute("create table staging.stg_history__model_changes as select 1 as change_id")
    con.execute(
        """
        create table marts.changes_in_last_refresh as
        select * from (values
            ('gpt-4o-2024-05-13', 'GPT-4o (2024-05-13)', 'renamed', [], 3.8e25, 'above', false,
             3.8e25, 'above', true, 'gpt-4o'),
            ('old-9', 'Old 9', 'removed', [], 2e25, 'uncertain', false, 2e25, 'uncertain', true,
             null)
        ) as t(model_id, model_name, change_type, changed_fields, training_compute_flop,
               threshold_class, is_published, previous_training_compute_flop,
               previous_threshold_class, previous_is_published, renamed_to_model_id)
        """
    )
    # WHEN the changes are read and rendered
    changes = summary.changes_from_mart(con)
    # THEN the folded id is a rename to the model that absorbed it, not a model that left
    assert [(m.model_id, target) for m, target in changes.renamed] == [
        ("gpt-4o-2024-05-13", "gpt-4o")
    ]
    assert [m.model_id for m in changes.left_list] == ["old-9"]
    assert any("Renamed ids: 1" in line for line in summary.change_lines(changes))
