"""A release that adds a column to a seed must not stop ``make run`` on a warehouse an
earlier release built: seeds are reloaded whole on every build (``+full_refresh: true``
in dbt_project.yml). Without it dbt truncates the existing seed table and loads the new
CSV into the old columns, and the load fails ("It was not possible to automatically
detect the CSV parsing dialect ... 17 columns ... 18")."""

from __future__ import annotations

import csv
import os
import shutil

import duckdb
import pytest
from temp_paths import temp_paths_env
from test_contractor_workflow import Project, copy_project

from ingest.config import Settings

pytestmark = pytest.mark.slow


def test_a_seed_that_gains_a_column_reloads_into_an_existing_warehouse(tmp_path, sample_warehouse):
    # GIVEN a warehouse whose known_model_specs seed was loaded by the current release (a
    # copy of the samples' build)
    settings = Settings(db_path=tmp_path / "warehouse.duckdb", data_dir=tmp_path / "data")
    project = Project(
        copy_project(tmp_path / "project"), settings, {**os.environ, **temp_paths_env(tmp_path)}
    )
    shutil.copy2(sample_warehouse.path, settings.db_path)

    # WHEN the next release's CSV has one more column and the seed is loaded again
    specs = project.root / "seeds" / "known_model_specs.csv"
    with specs.open(newline="") as handle:
        rows = list(csv.reader(handle))
    rows[0].append("next_release_column")
    for row in rows[1:]:
        row.append("x")
    with specs.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    second = project.dbt("seed", "--select", "known_model_specs")

    # THEN the load succeeds and the table has the new column, every row filled
    assert second.returncode == 0, second.stdout[-3000:]
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        columns = [r[0] for r in con.execute("describe seeds.known_model_specs").fetchall()]
        filled = con.execute(
            "select count(*) from seeds.known_model_specs where next_release_column = 'x'"
        ).fetchone()[0]
    finally:
        con.close()
    assert columns[-1] == "next_release_column"
    assert filled == len(rows) - 1
