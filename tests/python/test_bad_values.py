"""Numbers that would poison the warehouse: one capture per source, each with values that
parse but are impossible (an LMArena rating of 5000, -405 billion parameters, 1e400 =
infinity), loaded in one ingest; then rows such values left in raw before ingest checked
ranges (an older version); then one full refresh, which must build everything.

One scenario for the module (one ingest, one refresh: ~1.5 min); the tests check what it
left. The ranges themselves are ingest/ranges.py (docs/reliability.md shows them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from temp_paths import temp_paths_env

from ingest import ranges
from ingest.config import REPO_ROOT, SAMPLE_DIR
from ingest.sources.base import ParseResult

pytestmark = pytest.mark.slow

INFINITY_SENTINEL = 987654321987654


def _sample(source: str) -> Path:
    return next(p for p in (SAMPLE_DIR / source).iterdir() if p.name[0].isdigit())


def bad_lmarena(folder: Path) -> Path:
    """Three impossible ratings (5000, -1500, 1e6) and an infinite interval bound."""
    out = folder / "lmarena-bad.parquet"
    sample = str(_sample("lmarena"))
    con = duckdb.connect()
    try:
        con.execute(
            """
            create table ratings as select * replace (
                case
                    when category != 'overall' then rating
                    when model_name = 'gemini-2.5-pro' then 5000
                    when model_name = 'gpt-5-high' then -1500
                    when model_name = 'chatgpt-4o-latest-20250326' then 1e6
                    else rating
                end as rating,
                case
                    when model_name = 'claude-opus-4-1-20250805-thinking-16k'
                        then 'Infinity'::double
                    else rating_lower
                end as rating_lower
            )
            from read_parquet(?)
            """,
            [sample],
        )
        con.execute(f"copy ratings to '{out}' (format parquet)")
    finally:
        con.close()
    return out


def bad_openrouter(folder: Path) -> Path:
    """A context window of 1e400 (infinity in JSON) and a negative price."""
    body = json.loads(_sample("openrouter").read_bytes())
    entry = next(e for e in body["data"] if e["id"] == "anthropic/claude-sonnet-4.5")
    entry["context_length"] = INFINITY_SENTINEL
    entry["pricing"]["prompt"] = "-5"
    out = folder / "openrouter-bad.json"
    out.write_text(json.dumps(body).replace(str(INFINITY_SENTINEL), "1e400"), encoding="utf-8")
    return out


def bad_huggingface(folder: Path) -> Path:
    """Negative safetensors counts and an infinite hidden size in a config."""
    bundle = json.loads(_sample("huggingface").read_bytes())
    for url, entry in bundle.items():
        body = entry.get("body")
        if not isinstance(body, dict):
            continue
        if "/api/models/" in url and isinstance(body.get("safetensors"), dict):
            body["safetensors"]["total"] = -5
            body["safetensors"]["parameters"] = {"BF16": -5}
        if url.endswith("config.json") and "hidden_size" in body:
            body["hidden_size"] = INFINITY_SENTINEL
    out = folder / "huggingface-bad.json"
    out.write_text(json.dumps(bundle).replace(str(INFINITY_SENTINEL), "1e400"), encoding="utf-8")
    return out


def bad_wikipedia(folder: Path) -> Path:
    """GPT-1 with -405 (billion) parameters and a training cost of 1e400 petaFLOP-days."""
    payload = json.loads(_sample("wikipedia").read_bytes())
    text = payload["parse"]["text"]
    params = '<td><span data-sort-value="0.117&#160;!">0.117</span></td>'
    cost = '<td>1<sup id="cite_ref-15"'
    assert text.count(params) == 1 and text.count(cost) == 1, "the sample changed"
    text = text.replace(params, "<td>-405</td>").replace(cost, '<td>1e400<sup id="cite_ref-15"')
    payload["parse"]["text"] = text
    out = folder / "wikipedia-bad.json"
    out.write_text(json.dumps(payload), encoding="utf-8")
    return out


def bad_epoch(folder: Path) -> Path:
    """GPT-3 with negative parameters and 1e400 FLOP."""
    text = _sample("epoch").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("GPT-3 175B"))
    assert ",175000000000.0,,3.14e+23," in row, "the sample changed"
    bad = row.replace(",175000000000.0,,3.14e+23,", ",-175000000000.0,,1e400,")
    out = folder / "epoch-bad.csv"
    out.write_text(text.replace(row, bad), encoding="utf-8")
    return out


# Rows an older version (before ranges) could have loaded: raw must not break the build.
LEGACY_ROWS = {
    "lmarena__ratings": "model_name = 'gemini-2.5-pro' and category = 'overall'",
    "wikipedia__models": "model_name = 'GPT-1'",
    "epoch__models": "model like 'GPT-3 175B%'",
}
LEGACY_VALUES = {
    "lmarena__ratings": "'legacy-infinite-rating' as model_name, 'Infinity'::double as rating",
    "wikipedia__models": (
        "'Legacy-Infinite' as model_name, 'Infinity'::double as training_cost_flop, "
        "'Infinity'::double as training_cost_petaflop_days, -405e9 as parameters"
    ),
    "epoch__models": (
        "'Legacy-Infinite' as model, '-Infinity'::double as training_compute_flop, "
        "-1e9 as parameters"
    ),
}


@dataclass
class Scenario:
    env: dict[str, str]
    ingest: subprocess.CompletedProcess
    refresh: subprocess.CompletedProcess

    @property
    def db(self) -> Path:
        return Path(self.env["TRACKER_DB"])

    def rows(self, sql: str, *params: object) -> list[tuple]:
        con = duckdb.connect(str(self.db), read_only=True)
        try:
            return con.execute(sql, list(params)).fetchall()
        finally:
            con.close()


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )


def _show(run: subprocess.CompletedProcess) -> str:
    return run.stdout[-3000:] + "\n--- stderr ---\n" + run.stderr[-3000:]


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Scenario:
    root = tmp_path_factory.mktemp("bad-values")
    env = {**os.environ, **temp_paths_env(root)}
    env.pop("TRACKER_PUBLISHED_DB", None)
    files = {
        "lmarena": bad_lmarena(root),
        "openrouter": bad_openrouter(root),
        "huggingface": bad_huggingface(root),
        "wikipedia": bad_wikipedia(root),
        "epoch": bad_epoch(root),
    }
    args = ["-m", "ingest"]
    for name, path in files.items():
        args += ["--from-file", f"{name}={path}"]
    ingest = _run(args, env)
    con = duckdb.connect(env["TRACKER_DB"])
    try:
        for table, where in LEGACY_ROWS.items():
            con.execute(
                f"insert into raw.{table} by name "
                f"select * replace ({LEGACY_VALUES[table]}) from raw.{table} where {where}"
            )
        # A row the load log holds twice (what a text comparison of start times once
        # restored): in range, so it loads, and a data test over it warns.
        con.execute("insert into raw.load_log select * from raw.load_log limit 1")
    finally:
        con.close()
    refresh = _run(["-m", "ingest.refresh", "--offline"], env)
    return Scenario(env, ingest, refresh)


def test_every_source_loads_its_capture_and_refuses_the_impossible_values(scenario):
    # GIVEN a capture of each source holding impossible values WHEN ingested together
    assert scenario.ingest.returncode == 0, _show(scenario.ingest)
    reasons = scenario.rows("select source, reason from raw.rejected_rows order by all")
    by_source: dict[str, list[str]] = {}
    for source, reason in reasons:
        by_source.setdefault(source, []).append(reason)
    # THEN each impossible value is in raw.rejected_rows with its reason
    lmarena = by_source["lmarena"]
    for value in ("5000.0", "-1500.0", "1000000.0"):
        assert any(f"rating {value} is outside the plausible range" in r for r in lmarena), lmarena
    assert any("kept with NULL rating_lower: rating_lower inf" in r for r in lmarena), lmarena
    assert any("pricing_prompt '-5'" in r for r in by_source["openrouter"]), by_source
    assert any("safetensors_total -5" in r for r in by_source["huggingface"]), by_source
    assert any("parameters -405000000000.0" in r for r in by_source["wikipedia"]), by_source
    assert any("parameters -175000000000.0" in r for r in by_source["epoch"]), by_source


def test_no_impossible_value_is_in_a_raw_table_from_ingest(scenario):
    # THEN the rejected ratings are not in raw, the kept rows hold NULL where the value was
    rated = scenario.rows(
        "select model_name, rating from raw.lmarena__ratings where category = 'overall' "
        "and _load_id is not null and model_name in ('gemini-2.5-pro', 'gpt-5-high', "
        "'chatgpt-4o-latest-20250326') and model_name not like 'legacy%' and rating != 'inf'"
    )
    assert rated == []
    gpt1 = scenario.rows("select parameters from raw.wikipedia__models where model_name = 'GPT-1'")
    assert gpt1 == [(None,)]  # not 405e9, as the sign used to be dropped
    nonfinite = scenario.rows(
        "select count(*) from raw.openrouter__models where not isfinite(context_length::double)"
    )
    assert nonfinite == [(0,)]


def test_the_full_refresh_after_them_builds_every_mart(scenario):
    # WHEN the full refresh runs over raw holding all of it (legacy rows included)
    run = scenario.refresh
    # THEN it succeeds (exit 0), and the published list is built
    assert run.returncode == 0, _show(run)
    assert "dbt build: ok" in run.stdout
    (published,) = scenario.rows("select count(*) from marts.models_above_1e25_flop")[0]
    assert published > 0


def test_a_warned_data_test_is_queued_first_for_people(scenario):
    # GIVEN raw holding a load log row twice (the duplicate-key data test warns; a refresh
    # does not fail on source data)
    # WHEN the refresh has run
    # THEN the review queue (and its export) lists the warning first, with the query that
    # lists the failing rows, and the refresh said so
    assert scenario.refresh.returncode == 0, _show(scenario.refresh)
    assert "data test warned: unique_combination_stg_ingest__load_log" in scenario.refresh.stdout
    findings = scenario.rows(
        "select review_rank, data_test_name, review_detail, action from marts.review_queue "
        "where review_reason = 'data_test_warned' order by review_rank"
    )
    (models_first_rank,) = scenario.rows(
        "select min(review_rank) from marts.review_queue where model_id is not null"
    )[0]
    assert [rank for rank, *_ in findings] == list(range(1, len(findings) + 1))
    assert models_first_rank == len(findings) + 1
    test_name = "unique_combination_stg_ingest__load_log_run_id__source_name"
    (detail, action) = [(d, a) for _, name, d, a in findings if name == test_name][0]
    assert "1 row(s) fail unique_combination on stg_ingest__load_log" in detail
    query = detail.split("the rows: ", 1)[1]
    assert (
        scenario.rows(query)[0][:2]
        == scenario.rows(
            "select run_id, source from raw.load_log group by all having count(*) > 1"
        )[0]
    )
    assert test_name in action
    export = (Path(scenario.env["TRACKER_EXPORTS_DIR"]) / "review_queue.csv").read_text(
        encoding="utf-8-sig"
    )
    assert [line for line in export.splitlines() if test_name in line][0].split(",")[1:5] == [
        "",
        "",
        "",
        "data_test_warned",
    ]


def test_no_estimate_comes_from_an_impossible_value(scenario):
    # THEN no model is estimated beyond the plausible FLOP range (5000 gave 1.2e52)
    (largest,) = scenario.rows("select max(training_compute_flop) from marts.models")[0]
    assert largest <= 1e30
    # AND staging reads the legacy rows' impossible values as NULL
    legacy = scenario.rows(
        "select parameters, training_cost_flop from staging.stg_wikipedia__models "
        "where wikipedia_model_name = 'Legacy-Infinite'"
    )
    assert legacy == [(None, None)]
    ratings = scenario.rows(
        "select count(*) from staging.stg_lmarena__ratings "
        "where arena_model_name = 'legacy-infinite-rating'"
    )
    assert ratings == [(0,)]


def test_a_value_out_of_range_is_null_with_a_note_or_rejects_the_row():
    # GIVEN parsed rows: a rating out of range, and a row with one implausible count
    parsed = ParseResult(
        tables={
            "ratings": [
                {"model_name": "a", "rating": 1300.0, "leaderboard_publish_date": "2025-10-16"},
                {"model_name": "b", "rating": 5000.0, "leaderboard_publish_date": "2025-10-16"},
                {
                    "model_name": "c",
                    "rating": 1200.0,
                    "vote_count": float("nan"),
                    "leaderboard_publish_date": "2025-10-16",
                },
            ]
        }
    )
    # WHEN screened
    ranges.screen("lmarena", parsed)
    # THEN b is rejected, c kept with vote_count NULL and a note
    assert [row["model_name"] for row in parsed.tables["ratings"]] == ["a", "c"]
    assert parsed.tables["ratings"][1]["vote_count"] is None
    reasons = [r.reason for r in parsed.rejected]
    assert reasons[0].startswith("rating 5000.0 is outside the plausible range 500 .. 2000")
    assert reasons[1].startswith("kept with NULL vote_count: vote_count nan")


def test_the_staging_ranges_are_generated_from_the_python_ones():
    # GIVEN the ranges declared once in ingest/ranges.py THEN the dbt macro is current
    assert ranges.MACRO_PATH.read_text(encoding="utf-8") == ranges.macro_text(), (
        "macros/value_ranges.sql is stale: run `tracker ranges --write-macro`"
    )


def test_every_range_is_in_the_reliability_doc():
    doc = (REPO_ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert ranges.markdown_table() in doc, "run `tracker ranges --markdown`"
