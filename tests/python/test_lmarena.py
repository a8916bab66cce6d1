"""LMArena: parse on fixture files in the dataset's exact parquet schema, fetch with
`responses`, load into a real DuckDB."""

from __future__ import annotations

import os
import tempfile
import time

import pytest
import requests
import responses

from ingest import captures, http
from ingest.sources import lmarena
from ingest.sources.base import FetchContext, ParseError
from ingest.sources.lmarena import LMArena, url_for
from ingest.warehouse import Warehouse

SOURCE = LMArena()
LATEST = url_for("latest")


def read(fixtures, name: str) -> bytes:
    return (fixtures / "lmarena" / name).read_bytes()


# -- parse ---------------------------------------------------------------------------
def test_parse_keeps_every_category_and_the_published_values(fixtures):
    # GIVEN the latest snapshot with two categories
    result = SOURCE.parse(read(fixtures, "latest_ok.parquet"))
    rows = result.tables["ratings"]
    # THEN every row is kept, values unchanged, doubles stay doubles
    assert len(rows) == 4 and not result.rejected
    gemini = next(r for r in rows if r["model_name"] == "gemini-2.5-pro")
    assert gemini["rating"] == pytest.approx(1458.71)
    assert gemini["vote_count"] == 61250.0 and gemini["rank"] == 1.0
    assert gemini["leaderboard_publish_date"] == "2025-10-16"
    assert gemini["config"] == "text"
    assert {r["category"] for r in rows} == {"overall", "coding"}
    gpt4 = next(r for r in rows if r["model_name"] == "gpt-4-0314")
    assert gpt4["rating_lower"] is None and gpt4["variance"] is None


def test_parse_2023_snapshot_with_date_typed_column_and_blank_organization(fixtures):
    rows = SOURCE.parse(read(fixtures, "snapshot_2023_date_typed.parquet")).tables["ratings"]
    assert [r["leaderboard_publish_date"] for r in rows] == ["2023-05-10", "2023-05-10"]
    koala = next(r for r in rows if r["model_name"] == "koala-13b")
    assert koala["organization"] is None and koala["license"] is None


def test_parse_rejects_bad_rows_and_keeps_the_good_ones(fixtures):
    result = SOURCE.parse(read(fixtures, "with_bad_rows.parquet"))
    assert [r["model_name"] for r in result.tables["ratings"]] == ["good-model"]
    reasons = sorted(r.reason for r in result.rejected)
    assert len(reasons) == 3
    assert any("model_name is empty" in r for r in reasons)
    assert any("rating is not a number" in r for r in reasons)
    assert any("not YYYY-MM-DD" in r for r in reasons)
    assert {r.row_number for r in result.rejected} == {1, 2, 3}


def test_parse_keeps_unknown_columns_in_extra(fixtures):
    rows = SOURCE.parse(read(fixtures, "extra_column.parquet")).tables["ratings"]
    assert rows[0]["extra"] == {"new_column": "extra"}


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("renamed_column.parquet", "column(s) rating missing"),
        ("error_page.html", "not a parquet file"),
        ("truncated.parquet", "not a parquet file"),
    ],
)
def test_parse_rejects_unusable_captures_with_a_clear_reason(fixtures, fixture, message):
    with pytest.raises(ParseError, match=message.replace("(", r"\(").replace(")", r"\)")):
        SOURCE.parse(read(fixtures, fixture))


def test_parse_empty_parquet_is_a_layout_error_not_a_silent_success(tmp_path):
    import duckdb

    path = tmp_path / "empty.parquet"
    duckdb.connect().execute(f"copy (select 'x' as other where false) to '{path}' (format parquet)")
    with pytest.raises(ParseError, match="missing"):
        SOURCE.parse(path.read_bytes())


# -- fetch ---------------------------------------------------------------------------
def test_parse_leaves_no_file_and_removes_what_a_killed_parse_left(fixtures, tmp_path, monkeypatch):
    # GIVEN the temporary files of two parses killed on the way (DuckDB reads parquet from
    # a file): one from two hours ago, one from just now (it may be another parse's)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old = tmp_path / f"{lmarena.TEMP_PREFIX}killed.parquet"
    old.write_bytes(b"PAR1 half a file")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    young = tmp_path / f"{lmarena.TEMP_PREFIX}running.parquet"
    young.write_bytes(b"PAR1 being read")
    # WHEN a capture is parsed
    assert SOURCE.parse(read(fixtures, "latest_ok.parquet")).row_count == 4
    # THEN its own file is gone, the old one too, and the young one is left alone
    assert sorted(p.name for p in tmp_path.iterdir()) == [young.name]


def _ctx(previous=None):
    return FetchContext(session=http.make_session(retries=2, backoff_factor=0), previous=previous)


@responses.activate
def test_fetch_downloads_the_latest_parquet_and_records_the_linked_etag(fixtures):
    body = read(fixtures, "latest_ok.parquet")
    responses.add(responses.HEAD, LATEST, status=302, headers={"X-Linked-Etag": '"abc"'})
    responses.add(responses.GET, LATEST, body=body, status=200)
    result = SOURCE.fetch(_ctx())
    assert result.content == body and result.etag == '"abc"'
    agent = responses.calls[-1].request.headers["User-Agent"]
    assert agent.startswith("frontier-compute-tracker/") and "(" in agent


@responses.activate
def test_fetch_skips_the_download_when_the_linked_etag_is_unchanged(tmp_path):
    previous = captures.Capture(
        "lmarena", tmp_path / "x", captures.datetime.now(), "sha", etag='"abc"'
    )
    responses.add(responses.HEAD, LATEST, status=302, headers={"X-Linked-Etag": '"abc"'})
    result = SOURCE.fetch(_ctx(previous))
    assert result.content is None
    assert len(responses.calls) == 1  # no GET


@responses.activate
def test_fetch_404_raises_a_fetch_error_naming_the_status():
    responses.add(responses.HEAD, LATEST, status=404)
    with pytest.raises(http.FetchError, match="HTTP 404"):
        SOURCE.fetch(_ctx())


@responses.activate
def test_fetch_retries_a_500_then_succeeds(fixtures):
    body = read(fixtures, "latest_ok.parquet")
    responses.add(responses.HEAD, LATEST, status=302, headers={"X-Linked-Etag": '"e"'})
    responses.add(responses.GET, LATEST, status=500)
    responses.add(responses.GET, LATEST, body=body, status=200)
    result = SOURCE.fetch(_ctx())
    assert result.content == body
    assert [c.response.status_code for c in responses.calls] == [302, 500, 200]


@responses.activate
def test_fetch_timeout_is_a_fetch_error():
    responses.add(responses.HEAD, LATEST, body=requests.exceptions.ReadTimeout("slow"))
    with pytest.raises(http.FetchError, match="timed out"):
        SOURCE.fetch(_ctx())


@responses.activate
def test_fetch_refuses_a_download_over_the_size_cap(fixtures):
    responses.add(responses.GET, LATEST, body=b"x" * 2048, status=200)
    with pytest.raises(http.FetchError, match="cap"):
        http.get(http.make_session(), LATEST, max_bytes=1024)


# -- load ----------------------------------------------------------------------------
def test_load_into_duckdb_twice_adds_rows_once(tmp_path, fixtures):
    body = read(fixtures, "latest_ok.parquet")
    capture, is_new = captures.archive(
        tmp_path / "raw" / "lmarena", "lmarena", body, ext="parquet", url=LATEST
    )
    assert is_new
    with Warehouse(tmp_path / "w.duckdb") as wh:
        parsed = SOURCE.parse(body)
        assert wh.load(SOURCE, capture, parsed, "run1") == 4
        assert wh.load(SOURCE, capture, parsed, "run2") == 0
        rows = wh.con.execute(
            "select model_name, rating, _capture_sha256, _source_url, _is_sample "
            "from raw.lmarena__ratings where category = 'overall' order by rating desc"
        ).fetchall()
    assert [r[0] for r in rows] == ["gemini-2.5-pro", "deepseek-v3.1", "gpt-4-0314"]
    assert all(r[2] == capture.sha256 and r[3] == LATEST and r[4] is False for r in rows)
