"""Project lint over target/manifest.json and the YAML files, standing in for
dbt-project-evaluator: layering, naming, documentation and key tests, and YAML keys that
dbt would silently ignore when misspelled."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from ingest.config import REPO_ROOT

MODEL_KEYS = {
    "name",
    "description",
    "columns",
    "config",
    "data_tests",
    "tests",
    "docs",
    "meta",
    "constraints",
    "latest_version",
    "versions",
    "access",
    "group",
    "deprecation_date",
}
COLUMN_KEYS = {
    "name",
    "description",
    "data_tests",
    "tests",
    "data_type",
    "constraints",
    "meta",
    "quote",
    "tags",
    "config",
    "granularity",
}
TOP_KEYS = {
    "version",
    "models",
    "sources",
    "seeds",
    "snapshots",
    "unit_tests",
    "macros",
    "exposures",
    "metrics",
    "semantic_models",
    "saved_queries",
    "data_tests",
    "analyses",
}
UNIT_TEST_KEYS = {
    "name",
    "description",
    "model",
    "given",
    "expect",
    "overrides",
    "config",
    "versions",
}
SOURCE_KEYS = {
    "name",
    "description",
    "schema",
    "database",
    "tables",
    "loaded_at_field",
    "freshness",
    "meta",
    "config",
    "loader",
    "quoting",
    "tags",
    "overrides",
}


def models(manifest) -> list[dict]:
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]


def layer(node) -> str:
    return Path(node["original_file_path"]).parts[2]  # dbt_project/models/<layer>/...


def test_source_is_referenced_only_in_staging(manifest):
    offenders = [
        n["name"]
        for n in models(manifest)
        if n["depends_on"]["nodes"]
        and layer(n) != "staging"
        and any(d.startswith("source.") for d in n["depends_on"]["nodes"])
    ]
    assert offenders == []


def test_staging_models_read_exactly_one_source(manifest):
    for node in models(manifest):
        if layer(node) == "staging":
            sources = [d for d in node["depends_on"]["nodes"] if d.startswith("source.")]
            refs = [d for d in node["depends_on"]["nodes"] if d.startswith("model.")]
            assert len(sources) == 1 and not refs, node["name"]


def test_prefixes_match_folders(manifest):
    expected = {"staging": "stg_", "intermediate": "int_"}
    for node in models(manifest):
        prefix = expected.get(layer(node))
        if prefix:
            assert node["name"].startswith(prefix), f"{node['name']} in {layer(node)}"
        else:
            assert not node["name"].startswith(("stg_", "int_")), node["name"]


def test_intermediate_names_end_with_what_the_step_does():
    # STYLE.md: intermediate/<area>/int_<entity>s_<verb>ed.sql (int_models_estimated,
    # int_hardware_estimates_computed): the last word is the step, a past participle.
    folder = REPO_ROOT / "dbt_project" / "models" / "intermediate"
    names = sorted(path.stem for path in folder.rglob("int_*.sql"))
    assert len(names) >= 40
    verbless = [name for name in names if not re.search(r"_[a-z]+(ed|en)$", name)]
    assert verbless == [], f"intermediate models whose name ends without a verb: {verbless}"


def test_every_model_is_described(manifest):
    missing = [n["name"] for n in models(manifest) if not n["description"].strip()]
    assert missing == []


def test_every_mart_column_is_documented(manifest, tmp_path):
    for node in models(manifest):
        if layer(node) != "marts":
            continue
        undocumented = [c for c, v in node["columns"].items() if not v["description"].strip()]
        assert undocumented == [], node["name"]
        assert node["columns"], f"{node['name']} documents no columns"


def test_every_model_has_key_tests(manifest):
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test"]
    keyed: dict[str, set[str]] = {}
    for test in tests:
        meta = test.get("test_metadata") or {}
        attached = test.get("attached_node")
        if attached and meta.get("name") in ("unique", "not_null", "unique_combination"):
            keyed.setdefault(attached, set()).add(meta["name"])
    for node in models(manifest):
        found = keyed.get(node["unique_id"], set())
        assert "unique_combination" in found or {"unique", "not_null"} <= found, (
            f"{node['name']} has no key tests (unique + not_null, or unique_combination)"
        )


def _yaml_files():
    roots = [REPO_ROOT / "dbt_project", REPO_ROOT / "seeds", REPO_ROOT / "macros"]
    return [p for root in roots for p in root.rglob("*.yml")]


def test_yaml_keys_are_known_so_typos_do_not_vanish_silently():
    problems = []
    for path in _yaml_files():
        doc = yaml.safe_load(path.read_text()) or {}
        rel = path.relative_to(REPO_ROOT)
        problems += [f"{rel}: top-level key {k!r}" for k in doc if k not in TOP_KEYS]
        for kind in ("models", "seeds", "snapshots"):
            for item in doc.get(kind) or []:
                problems += [
                    f"{rel}: {item.get('name')}: key {k!r}" for k in item if k not in MODEL_KEYS
                ]
                for col in item.get("columns") or []:
                    problems += [
                        f"{rel}: {item.get('name')}.{col.get('name')}: key {k!r}"
                        for k in col
                        if k not in COLUMN_KEYS
                    ]
        for test in doc.get("unit_tests") or []:
            problems += [
                f"{rel}: unit test {test.get('name')}: key {k!r}"
                for k in test
                if k not in UNIT_TEST_KEYS
            ]
        for source in doc.get("sources") or []:
            problems += [
                f"{rel}: source {source.get('name')}: key {k!r}"
                for k in source
                if k not in SOURCE_KEYS
            ]
    assert problems == []


def test_documented_columns_exist_in_the_models(manifest):
    """A column documented under a misspelled name documents nothing: compare the YAML
    columns with the columns the compiled model really has (from the built warehouse when
    the build ran, else skip)."""
    db = os.environ.get("TRACKER_DB")
    if not db or not Path(db).exists():
        pytest.skip("no built warehouse (make test builds one first)")
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        actual: dict[tuple[str, str], set[str]] = {}
        for schema, table, column in con.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
        ).fetchall():
            actual.setdefault((schema, table), set()).add(column)
    finally:
        con.close()
    problems = []
    for node in models(manifest):
        have = actual.get((node["schema"], node["alias"]))
        if have is None:
            continue
        problems += [f"{node['name']}.{c}" for c in node["columns"] if c not in have]
    assert problems == [], f"documented but not in the model: {problems}"
