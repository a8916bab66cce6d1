"""`make run` end to end on the samples (offline): the published list is populated, the
summary says what happened, a second run changes nothing, and the docs show lineage."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from temp_paths import temp_paths_env

from ingest import refresh
from ingest.config import REPO_ROOT

pytestmark = pytest.mark.slow


def snapshot(db: Path) -> tuple[list, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        models = con.execute("select * from marts.models order by model_id").fetchall()
        published = con.execute(
            "select * from marts.models_above_1e25_flop order by model_id"
        ).fetchall()
    finally:
        con.close()
    return models, published


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    root = tmp_path_factory.mktemp("refresh")
    env = temp_paths_env(root)
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        runs = []
        for _ in range(2):
            proc = subprocess.run(
                [sys.executable, "-m", "ingest.refresh", "--offline"],
                cwd=REPO_ROOT,
                capture_output=True,
                text=True,
                env=os.environ.copy(),
            )
            runs.append((proc, snapshot(root / "warehouse.duckdb")))
        yield root, runs
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_refresh_populates_the_published_list_and_prints_the_summary(refreshed):
    _, runs = refreshed
    proc, (models, published) = runs[0]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert len(published) >= 3
    assert "Refresh summary" in proc.stdout
    assert "lmarena" in proc.stdout and "SAMPLE" in proc.stdout
    assert "in the published list" in proc.stdout
    ids = {row[0] for row in published}
    assert "llama-3-1-405b" in ids


def test_second_refresh_leaves_models_and_the_published_list_identical(refreshed):
    _, runs = refreshed
    assert runs[1][0].returncode == 0
    assert runs[0][1] == runs[1][1]
    # Nothing new: the second refresh skipped the build (ingest.skip), and said so.
    assert "nothing rebuilt" in runs[1][0].stdout and "$ dbt build" not in runs[1][0].stdout


def test_dbt_docs_show_lineage_from_raw_to_the_published_list(refreshed):
    root, _ = refreshed
    target = root / "docs-target"
    # Same project, warehouse and variables as the refreshes: dbt's saved parse from them
    # stays valid (a partial parse), instead of a full parse of the project again.
    target.mkdir()
    shutil.copy2(root / "target" / "partial_parse.msgpack", target / "partial_parse.msgpack")
    dbt = Path(sys.executable).with_name("dbt")
    proc = subprocess.run(
        [
            str(dbt),
            "docs",
            "generate",
            "--profiles-dir",
            ".",
            "--project-dir",
            ".",
            "--target-path",
            str(target),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    assert proc.returncode == 0, proc.stdout[-2000:]
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    published = "model.frontier_compute_tracker.models_above_1e25_flop"
    assert published in catalog["nodes"]
    # walk the parent map from the published list down to the raw LMArena table
    parents, seen, todo = manifest["parent_map"], set(), [published]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(parents.get(node, []))
    assert "source.frontier_compute_tracker.lmarena.lmarena__ratings" in seen


def test_a_second_refresh_while_one_runs_exits_with_a_clear_message(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    with (
        refresh.refresh_lock(db),
        pytest.raises(refresh.RefreshLocked, match="another refresh"),
        refresh.refresh_lock(db),
    ):
        pass
