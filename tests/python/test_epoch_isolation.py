"""Epoch AI is a reference for validation only: prove over the dbt manifest that nothing
upstream of the published marts reads source('epoch', ...) or stg_epoch__models.

The manifest (conftest.py's ``manifest`` fixture, shared with test_project_lint.py) is the
one `make test`'s build has just written (DBT_TARGET_PATH); without one it is built with
``dbt parse`` into a temporary target path (the user's target/ and warehouse are never
touched); the test is skipped when dbt is not installed.
"""

from __future__ import annotations

from collections import deque

import pytest

PROJECT = "frontier_compute_tracker"
PUBLISHED_MARTS = ("models", "model_estimates", "models_above_1e25_flop")
EPOCH_STAGING = f"model.{PROJECT}.stg_epoch__models"
EPOCH_SOURCE_PREFIX = f"source.{PROJECT}.epoch."


def _parents(manifest: dict, unique_id: str) -> list[str]:
    if "parent_map" in manifest and unique_id in manifest["parent_map"]:
        return manifest["parent_map"][unique_id]
    node = manifest["nodes"].get(unique_id) or {}
    return (node.get("depends_on") or {}).get("nodes", [])


def upstream(manifest: dict, unique_id: str) -> set[str]:
    """Every node and source the given node depends on, directly or not."""
    seen: set[str] = set()
    queue = deque([unique_id])
    while queue:
        for parent in _parents(manifest, queue.popleft()):
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return seen


def _is_epoch(unique_id: str) -> bool:
    return unique_id.startswith(EPOCH_SOURCE_PREFIX) or unique_id == EPOCH_STAGING


@pytest.mark.slow
@pytest.mark.parametrize("mart", PUBLISHED_MARTS)
def test_no_published_mart_depends_on_epoch(manifest, mart):
    # GIVEN a published mart
    mart_id = f"model.{PROJECT}.{mart}"
    assert mart_id in manifest["nodes"], f"{mart} is not in the manifest"
    # WHEN we walk everything upstream of it
    ancestors = upstream(manifest, mart_id)
    # THEN neither Epoch's source nor its staging model is among them (anything built on
    # them would bring them into the set too: the walk is transitive)
    leaks = sorted(a for a in ancestors if _is_epoch(a))
    assert leaks == [], f"{mart} depends on Epoch through: {leaks}"
    # AND the walk is real: the mart does reach raw data through staging
    assert any(a.startswith("source.") for a in ancestors), f"{mart} reaches no source at all?"


def test_the_walk_catches_a_leak_through_an_intermediate_model():
    # GIVEN a synthetic manifest where a mart reads a model that reads stg_epoch__models
    fake = {
        "nodes": {},
        "parent_map": {
            f"model.{PROJECT}.models": [f"model.{PROJECT}.int_x"],
            f"model.{PROJECT}.int_x": [EPOCH_STAGING],
            EPOCH_STAGING: [f"{EPOCH_SOURCE_PREFIX}epoch__models"],
        },
    }
    # THEN the walk finds both Epoch nodes
    found = {a for a in upstream(fake, f"model.{PROJECT}.models") if _is_epoch(a)}
    assert found == {EPOCH_STAGING, f"{EPOCH_SOURCE_PREFIX}epoch__models"}


@pytest.mark.slow
def test_the_validation_branch_does_read_epoch(manifest):
    # A positive control: the check above would pass vacuously if Epoch were unwired.
    matched = f"model.{PROJECT}.int_epoch_models_matched"
    assert matched in manifest["nodes"]
    ancestors = upstream(manifest, matched)
    assert EPOCH_STAGING in ancestors
    assert any(a.startswith(EPOCH_SOURCE_PREFIX) for a in ancestors)


@pytest.mark.slow
def test_epoch_staging_is_read_only_by_the_validation_folder(manifest):
    readers = [
        node["original_file_path"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and EPOCH_STAGING in node["depends_on"]["nodes"]
    ]
    assert readers, "nothing reads stg_epoch__models"
    assert all("/intermediate/validation/" in path for path in readers), readers
