"""Warned data tests reach people: ingest/data_test_findings.py reads dbt's run_results.json
and manifest.json (here in dbt 1.11's own format, trimmed to the keys it reads) after a
build and keeps this build's warnings in raw.data_test_findings, which marts.review_queue
queues. test_bad_values.py checks the whole path on a real refresh."""

from __future__ import annotations

import json

from ingest import data_test_findings
from ingest.warehouse import Warehouse

TEST_ID = (
    "test.frontier_compute_tracker."
    "unique_combination_stg_ingest__load_log_run_id__source_name.fbd0c5f1df"
)
PASSING_ID = "test.frontier_compute_tracker.not_null_stg_ingest__load_log_run_id.1a2b3c4d5e"


def _artifacts(target, statuses: dict[str, str]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    results = [
        {
            "status": status,
            "unique_id": unique_id,
            "failures": 2 if status == "warn" else 0,
            "message": "Got 2 results, configured to warn if != 0" if status == "warn" else None,
            "compiled_code": (
                'select run_id, source_name from "warehouse"."staging"."stg_ingest__load_log" '
                "group by run_id, source_name having count(*) > 1"
            ),
            "relation_name": None,
        }
        for unique_id, status in statuses.items()
    ]
    results.append({"status": "success", "unique_id": "model.frontier_compute_tracker.models"})
    (target / "run_results.json").write_text(
        json.dumps(
            {
                "metadata": {
                    "dbt_version": "1.11.16",
                    "generated_at": "2026-12-05T07:26:01.492993Z",
                    "invocation_id": "d23eeced-41ac-49a1-a492-dd41b48d7dd7",
                    "invocation_started_at": "2026-12-05T07:24:53.787802Z",
                },
                "results": results,
            }
        )
    )
    nodes = {
        TEST_ID: {
            "name": "unique_combination_stg_ingest__load_log_run_id__source_name",
            "attached_node": "model.frontier_compute_tracker.stg_ingest__load_log",
            "column_name": None,
            "test_metadata": {"name": "unique_combination", "kwargs": {}},
        },
        PASSING_ID: {
            "name": "not_null_stg_ingest__load_log_run_id",
            "attached_node": "model.frontier_compute_tracker.stg_ingest__load_log",
            "column_name": "run_id",
            "test_metadata": {"name": "not_null", "kwargs": {}},
        },
    }
    (target / "manifest.json").write_text(json.dumps({"nodes": nodes}))


def _findings(settings) -> list[tuple]:
    with Warehouse(settings.db_path) as wh:
        return wh.con.execute(
            "select test_name, test_kind, tested_model, failures, failing_rows_sql "
            "from raw.data_test_findings"
        ).fetchall()


def test_a_warned_test_is_kept_and_cleared_when_it_passes_again(settings, tmp_path):
    target = tmp_path / "target"
    with Warehouse(settings.db_path):  # creates raw.data_test_findings, as ingest does
        pass
    # GIVEN a build in which one data test warned and another passed
    _artifacts(target, {TEST_ID: "warn", PASSING_ID: "pass"})
    # WHEN its findings are recorded
    rebuild_queue = data_test_findings.record_after_build(settings, target)
    # THEN only the warning is kept, with a query that runs on any copy of the warehouse,
    # and the review queue must be rebuilt to show it
    assert rebuild_queue
    assert _findings(settings) == [
        (
            "unique_combination_stg_ingest__load_log_run_id__source_name",
            "unique_combination",
            "stg_ingest__load_log",
            2,
            'select run_id, source_name from "staging"."stg_ingest__load_log" '
            "group by run_id, source_name having count(*) > 1",
        )
    ]
    # WHEN the next build passes every test
    _artifacts(target, {TEST_ID: "pass", PASSING_ID: "pass"})
    # THEN the finding is gone, and the queue is rebuilt once more to drop it
    assert data_test_findings.record_after_build(settings, target)
    assert _findings(settings) == []
    # AND a further clean build has nothing to change
    assert not data_test_findings.record_after_build(settings, target)


def test_missing_artifacts_leave_the_findings_as_they_were(settings, tmp_path):
    # GIVEN recorded findings, and a build that stopped before writing run_results.json
    target = tmp_path / "target"
    with Warehouse(settings.db_path):  # creates raw.data_test_findings, as ingest does
        pass
    _artifacts(target, {TEST_ID: "warn"})
    data_test_findings.record_after_build(settings, target)
    (target / "run_results.json").unlink()
    # WHEN recorded again THEN nothing is replaced, and the queue is not rebuilt
    assert not data_test_findings.record_after_build(settings, target)
    assert len(_findings(settings)) == 1
