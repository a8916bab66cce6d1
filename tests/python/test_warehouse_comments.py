"""The dbt descriptions are DuckDB comments (persist_docs), so an analyst sees them from the
DuckDB CLI (`describe`) or a notebook (`duckdb_columns().comment`), in the published copy."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest
import yaml

from ingest import publish
from ingest.config import REPO_ROOT

MARTS_YAML = sorted((REPO_ROOT / "dbt_project" / "models" / "marts").glob("*.yml"))


def _built_warehouse() -> Path:
    db = os.environ.get("TRACKER_DB")
    if not db or not Path(db).exists():
        pytest.skip("no built warehouse: `make test` builds one on the samples before pytest")
    return Path(db)


# A description may be a doc block, {{ doc('name') }}, written once in a .md file beside
# the YAML (text several columns share); dbt renders it into the comment.
DOC_REFERENCE = re.compile(r"^\{\{\s*doc\('([a-z_]+)'\)\s*\}\}$")
DOC_BLOCK = re.compile(r"\{% docs ([a-z_]+) %\}\n(.*?)\n\{% enddocs %\}", re.S)


def _doc_blocks() -> dict[str, str]:
    models = REPO_ROOT / "dbt_project" / "models"
    return {
        name: text
        for path in sorted(models.rglob("*.md"))
        for name, text in DOC_BLOCK.findall(path.read_text(encoding="utf-8"))
    }


def _yaml_descriptions() -> dict[str, dict[str, str]]:
    """model -> {"": model description, column: column description} from the marts YAML,
    doc blocks rendered."""
    blocks = _doc_blocks()

    def rendered(text: str) -> str:
        reference = DOC_REFERENCE.match(text)
        return blocks[reference.group(1)] if reference else text

    found: dict[str, dict[str, str]] = {}
    for path in MARTS_YAML:
        for model in (yaml.safe_load(path.read_text()) or {}).get("models") or []:
            entry = {"": rendered(model.get("description", ""))}
            entry |= {
                col["name"]: rendered(col.get("description", ""))
                for col in model.get("columns", [])
            }
            found[model["name"]] = entry
    return found


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """GIVEN the warehouse `make test` built, published as analysts get it."""
    build = _built_warehouse()
    name = f"{publish.catalog_name(build)}.published.duckdb"
    target = tmp_path_factory.mktemp("published") / name
    publish.publish(build, target)
    con = duckdb.connect(str(target), read_only=True)
    yield con
    con.close()


def test_every_mart_column_has_a_comment_in_the_published_copy(published):
    # WHEN an analyst lists the marts' columns in the published copy
    rows = published.execute(
        "select table_name, column_name, comment from duckdb_columns() "
        "where schema_name = 'marts' order by table_name, column_index"
    ).fetchall()
    # THEN every one of them carries a comment
    assert rows, "the published copy has mart tables"
    missing = [f"{table}.{column}" for table, column, comment in rows if not comment]
    assert missing == []


def test_comments_are_the_yaml_descriptions_word_for_word(published):
    descriptions = _yaml_descriptions()
    tables = dict(
        published.execute(
            "select table_name, comment from duckdb_tables() where schema_name = 'marts'"
        ).fetchall()
    )
    columns = {
        (table, column): comment
        for table, column, comment in published.execute(
            "select table_name, column_name, comment from duckdb_columns() "
            "where schema_name = 'marts'"
        ).fetchall()
    }
    # THEN each mart's comment is its YAML description, and so is each column's
    assert tables["models_above_1e25_flop"] == descriptions["models_above_1e25_flop"][""]
    differing = [
        f"{table}.{column}"
        for (table, column), comment in columns.items()
        if table in descriptions
        and column in descriptions[table]
        and comment != descriptions[table][column]
    ]
    assert differing == []
    assert columns[("models", "threshold_class")].startswith("above (interval lower bound")


def test_a_staging_view_and_a_seed_carry_their_descriptions_too(published):
    view = published.execute(
        "select comment from duckdb_views() where schema_name = 'staging' "
        "and view_name = 'stg_lmarena__ratings'"
    ).fetchone()
    seed = published.execute(
        "select comment from duckdb_tables() where schema_name = 'seeds' "
        "and table_name = 'known_model_specs'"
    ).fetchone()
    assert view and view[0], "staging views are described"
    assert seed and seed[0], "seeds are described"


def test_the_docs_overview_lists_every_estimation_method_and_docs_estimation_points_to_it():
    # GIVEN the method table, written once, in the dbt docs overview block
    overview = (REPO_ROOT / "docs" / "dbt" / "overview.md").read_text()
    estimation = (REPO_ROOT / "docs" / "estimation.md").read_text()
    methods_yaml = _yaml_descriptions()["models"]["estimation_method"]
    named = [m.strip() for m in methods_yaml.split(":", 1)[1].split(", or ")[0].split(",")]
    # THEN the overview names every method the marts can hold (manual aside: an override)
    assert len(named) == 9
    rows = [line for line in overview.splitlines() if line[:3] in {f"| {n}" for n in "12345"}]
    assert sorted(line.split("`")[1] for line in rows) == sorted(named)
    # AND docs/estimation.md points to it instead of copying the table
    assert "dbt/overview.md#estimation-methods" in estimation
    assert not [line for line in estimation.splitlines() if line.startswith("| 4b |")]
