"""Point in time: only captures and seed rows dated by then, in a warehouse of its own."""

from __future__ import annotations

import csv
import os
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import jinja2
import pytest

from ingest import captures as cap
from ingest.config import REPO_ROOT, SAMPLE_DIR, Settings
from ingest.outputs import point_in_time

AS_OF_MACRO = REPO_ROOT / "macros" / "as_of.sql"


def render_as_of_filter(column: str, as_of: str | None) -> str:
    """The dbt macro rendered with a stand-in for dbt's var()."""
    env = jinja2.Environment()
    env.globals["var"] = lambda name, default=None: as_of if name == "as_of" else default
    template = env.from_string(AS_OF_MACRO.read_text() + "{{ as_of_filter(column) }}")
    return template.render(column=column).strip()


def test_as_of_filter_drops_seed_rows_dated_after_the_date():
    con = duckdb.connect()
    con.execute(
        "create table specs as select * from (values "
        "('before', '2024-06-30'), ('after', '2024-07-01'), ('undated', null), "
        "('bad', 'not a date')) as t(model_id, publication_date)"
    )
    sql = render_as_of_filter("publication_date", "2024-06-30")
    kept = con.execute(f"select model_id from specs where {sql} order by model_id").fetchall()
    # a row dated on the day stays; after it goes; a row with no usable date stays
    assert [row[0] for row in kept] == ["bad", "before", "undated"]
    # without the var the filter is simply true
    assert render_as_of_filter("publication_date", None) == "true"


DATED_SEEDS = ("known_model_specs", "manual_overrides")


def test_every_model_reading_a_dated_seed_applies_the_as_of_filter():
    # GIVEN every dbt model that reads the known specs or the overrides seed
    readers = {
        path.relative_to(REPO_ROOT).as_posix(): path.read_text()
        for path in sorted((REPO_ROOT / "dbt_project" / "models").rglob("*.sql"))
        if any(f"ref('{seed}')" in path.read_text() for seed in DATED_SEEDS)
    }
    assert readers, "some model reads the dated seeds"
    # THEN each one filters the seed by as_of, or a point-in-time build would leak later rows
    missing = [name for name, sql in readers.items() if "as_of_filter(" not in sql]
    assert missing == []


def test_cutoff_is_the_end_of_the_as_of_day():
    pit = point_in_time.PointInTime(date(2025, 6, 30), Path("/tmp/pit"))
    assert pit.cutoff == datetime(2025, 7, 1, tzinfo=UTC)
    assert pit.db_path.name == "warehouse_as_of_2025-06-30.duckdb"


def test_only_captures_taken_by_the_date_are_used(tmp_path):
    # GIVEN three lmarena captures, before, on and after 2025-06-30
    live = Settings(db_path=tmp_path / "live.duckdb", data_dir=tmp_path / "data")
    folder = live.raw_dir / "lmarena"
    for day, content in (("2025-05-01", b"a"), ("2025-06-30", b"b"), ("2025-07-01", b"c")):
        moment = datetime.fromisoformat(day).replace(hour=23, tzinfo=UTC)
        cap.archive(folder, "lmarena", content, ext="parquet", url=None, now=moment)
    cutoff = point_in_time.PointInTime(date(2025, 6, 30), tmp_path).cutoff
    # WHEN the captures as of 2025-06-30 are listed
    chosen = point_in_time.captures_as_of(live, "lmarena", cutoff)
    # THEN the one taken later that evening of the 30th counts, the 1 July one does not
    assert [c.captured_at.date().isoformat() for c in chosen] == ["2025-05-01", "2025-06-30"]


def test_without_captures_only_samples_of_that_age_are_used(tmp_path):
    live = Settings(db_path=tmp_path / "live.duckdb", data_dir=tmp_path / "data")
    samples = cap.list_captures(SAMPLE_DIR / "lmarena", "lmarena", is_sample=True)
    assert samples, "the lmarena sample is committed"
    newest = max(s.captured_at for s in samples)
    after = point_in_time.PointInTime(newest.date(), tmp_path).cutoff
    before = point_in_time.PointInTime(date(2020, 1, 1), tmp_path).cutoff
    assert point_in_time.captures_as_of(live, "lmarena", after)
    assert point_in_time.captures_as_of(live, "lmarena", before) == []


def live_warehouse_stub(path: Path) -> None:
    """The live warehouse, as far as point in time reads it: marts.models (with the sources
    that mention each model) and the published list."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(
        """
        create schema marts;
        create table marts.models as select * from (values
            ('example-early-1', 'Example Early 1', date '2023-11-06', ['lmarena', 'openrouter']),
            ('example-late-2', 'Example Late 2', date '2025-02-01', ['lmarena']),
            ('example-seeded-3', 'Example Seeded 3', date '2023-01-01', ['known_specs'])
        ) as t(model_id, model_name, publication_date, source_names);
        create table marts.models_above_1e25_flop as select model_id from marts.models;
        """
    )
    con.close()


@pytest.mark.slow
def test_point_in_time_leaves_out_later_models_and_says_what_it_is_built_from(
    tmp_path, monkeypatch, capsys
):
    # GIVEN a live warehouse path and captures root that must stay untouched
    live = Settings(db_path=tmp_path / "live" / "warehouse.duckdb", data_dir=tmp_path / "data")
    monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    monkeypatch.delenv("TRACKER_PUBLISHED_DB", raising=False)
    # AND a live list holding a model published before the date that only the scraped
    # sources know (lmarena, openrouter), one published after, one from the seeds
    live_warehouse_stub(live.db_path)
    before = live.db_path.read_bytes()
    as_of = date(2024, 6, 30)
    # WHEN the list is rebuilt as of 2024-06-30 (the samples are all dated later)
    rc, pit = point_in_time.build(as_of, live=live, folder=tmp_path / "pit")
    # THEN the build passes, into its own file, leaving the live paths alone
    assert rc == 0
    assert pit.db_path.exists() and live.db_path.read_bytes() == before
    assert not (live.data_dir / "history").exists()
    with (tmp_path / "pit" / f"{pit.export_basename}.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    listed = {row["model_id"] for row in rows}
    # AND nothing in the list was published after the date
    assert rows and all(row["Publication date"] <= as_of.isoformat() for row in rows)
    # AND a frontier model from the known specs published after it is left out
    with (REPO_ROOT / "seeds" / "known_model_specs.csv").open(newline="") as handle:
        later = {
            row["model_id"]
            for row in csv.DictReader(handle)
            if row["publication_date"] > as_of.isoformat()
            and row["training_compute_flop"]
            and float(row["training_compute_flop"]) >= 1e25
        }
    assert "llama-3-1-405b" in later  # published 2024-07-23 with 3.8e25 FLOP reported
    assert not (listed & later)
    assert "gpt-4" in listed  # published 2023-03-14, 2.15e25 FLOP reported
    # AND no capture dated after the date was loaded
    con = duckdb.connect(str(pit.db_path), read_only=True)
    newest = con.execute("select max(captured_at) from raw.loaded_captures").fetchone()[0]
    con.close()
    assert newest is None or newest.date() <= as_of
    assert os.environ.get("TRACKER_DB") != str(pit.db_path)
    # AND, every capture being later than the date, the last lines say the list is built
    # from the seeds alone and name the live model it therefore lacks (not the later one,
    # not the one the seeds know)
    last = capsys.readouterr().out.strip().splitlines()[-2:]
    assert last[0].startswith(
        "WARNING: no capture of lmarena, openrouter, huggingface, wikipedia was taken "
        "on or before 2024-06-30: for those sources this list is built from the seeds alone"
    )
    assert "Example Early 1 (2023-11-06; lmarena/openrouter)" in last[1]
    assert "Example Late 2" not in last[1] and "Example Seeded 3" not in last[1]
    # AND the point-in-time warehouse says the same, per source
    con = duckdb.connect(str(pit.db_path), read_only=True)
    coverage = {
        row[0]: row[1:]
        for row in con.execute(
            "select source, is_seeds_only, captures_loaded, missing_model_ids "
            "from raw.point_in_time_coverage"
        ).fetchall()
    }
    con.close()
    assert coverage["lmarena"] == (True, 0, ["example-early-1"])
    assert coverage["huggingface"] == (True, 0, [])
    # (Epoch's data never feeds the list: not counted as a seeds-only source)
    assert coverage["epoch"] == (False, 0, [])
