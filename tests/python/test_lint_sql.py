"""scripts/lint_sql.py, the sqlfluff lint of `make test`: the four layout rules share one
depth map per parse tree instead of building one each, and the violations stay those of
plain `sqlfluff lint`.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from sqlfluff.core import FluffConfig, Linter
from sqlfluff.utils.reflow.depthmap import DepthMap

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "lint_sql.py"
_spec = importlib.util.spec_from_file_location("lint_sql", SCRIPT)
lint_sql = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lint_sql)

LAYOUT_RULES = {"LT01", "LT02", "LT05", "LT14"}
# SQL that breaks each of the four layout rules that read the shared map, and others.
BROKEN = {
    "spacing.sql": "select a,b ,  c from t where x=1 group by a\n",
    "indentation.sql": "select\n  a,\n      b\nfrom t\n   where b > 1\n",
    "long_lines.sql": (
        "select averyveryveryverylongcolumnname, anotherveryveryverylongcolumnname,"
        " yetanotherverylongcolumnname from a_table_with_a_long_name\n"
    ),
    "clauses.sql": "select a from t where a > 1 order by a\n",
    "mixed.sql": (
        "with x as (select a , sum(b) as s from t group by a)\n"
        "select  x.a,x.s,\n"
        "   case when x.s>1 then 'big' else 'small' end as size from x where x.a is not null\n"
    ),
}
CLEAN = "select\n    a,\n    b\nfrom t\n"


def config() -> FluffConfig:
    return FluffConfig(
        configs={
            "core": {"dialect": "duckdb", "templater": "raw", "max_line_length": 60},
            # LT14 asks for nothing by default: this makes it report the clauses above.
            "layout": {
                "type": {
                    "where_clause": {"keyword_line_position": "leading"},
                    "orderby_clause": {"keyword_line_position": "leading"},
                }
            },
        }
    )


def violations() -> list[tuple]:
    found = []
    for name, sql in BROKEN.items():
        for v in Linter(config=config()).lint_string(sql, fname=name).get_violations():
            fixes = [(f.edit_type, f.anchor.raw, [e.raw for e in f.edit or []]) for f in v.fixes]
            found.append((name, v.rule_code(), v.line_no, v.line_pos, v.desc(), fixes))
    return found


def test_the_shared_depth_map_gives_the_violations_of_plain_sqlfluff():
    # GIVEN SQL that breaks each layout rule reading the map, linted by plain sqlfluff
    plain = violations()
    assert {v[1] for v in plain} >= LAYOUT_RULES, plain
    # WHEN the same SQL is linted with one depth map per parse tree
    with lint_sql.depth_map_built_once_per_tree():
        shared = violations()
    # THEN every violation, its place, its message and its fix are the same
    assert shared == plain


def test_the_depth_map_is_built_once_per_file_not_once_per_layout_rule(monkeypatch):
    build = DepthMap.__dict__["from_parent"].__func__
    built = []

    def counting(cls, parent):
        built.append(parent)
        return build(cls, parent)

    monkeypatch.setattr(DepthMap, "from_parent", classmethod(counting))
    Linter(config=config()).lint_string(CLEAN, fname="clean.sql")
    assert len(built) == len(LAYOUT_RULES)  # plain sqlfluff: one map for each rule
    built.clear()
    with lint_sql.depth_map_built_once_per_tree():
        Linter(config=config()).lint_string(CLEAN, fname="clean.sql")
    assert len(built) == 1
    # and leaving it gives sqlfluff its own method back
    assert DepthMap.__dict__["from_parent"].__func__ is counting


def test_the_script_lints_with_the_shared_map_and_exits_as_sqlfluff_does(tmp_path):
    # GIVEN a folder with its own sqlfluff config, one broken file and one clean file
    (tmp_path / ".sqlfluff").write_text(
        "[sqlfluff]\ndialect = duckdb\ntemplater = raw\nmax_line_length = 60\n"
    )
    (tmp_path / "broken.sql").write_text(BROKEN["spacing.sql"])
    (tmp_path / "clean.sql").write_text(CLEAN)
    # WHEN the script lints the folder
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "."], cwd=tmp_path, capture_output=True, text=True
    )
    # THEN it exits 1, as sqlfluff lint does on violations, and names the broken file only
    assert done.returncode == 1, done.stdout + done.stderr
    assert "broken.sql" in done.stdout and "clean.sql" not in done.stdout
    assert re.search(r"LT01 .*Expected single whitespace", done.stdout), done.stdout
    # and it used the shared map: the sqlfluff installed is the one it was checked with
    assert "linting as plain" not in done.stderr


@pytest.mark.parametrize("where", ["installed", "pyproject.toml"])
def test_the_sqlfluff_checked_is_the_one_pinned_and_installed(where):
    # A new sqlfluff may change the reflow code the cache leans on: upgrading the pin
    # fails here until someone checks the script against it and updates SQLFLUFF_CHECKED.
    if where == "installed":
        found = version("sqlfluff")
    else:
        pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
        found = re.search(r'"sqlfluff==([^"]+)"', pyproject).group(1)
    assert found == lint_sql.SQLFLUFF_CHECKED
