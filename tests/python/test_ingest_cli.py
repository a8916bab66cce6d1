"""The ingest CLI and capture archive: fallback order, --from-file, exit status, no
duplicate rows, captures never rewritten."""

from __future__ import annotations

import duckdb
import pytest
import responses

from ingest import captures, cli
from ingest.sources.lmarena import url_for

LATEST = url_for("latest")


def log_rows(settings):
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        return con.execute(
            "select source, status, rows_loaded, capture_path, error, is_sample "
            "from raw.load_log order by started_at"
        ).fetchall()
    finally:
        con.close()


def count(settings, sql):
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_offline_without_captures_falls_back_to_the_sample_and_says_so(settings):
    status, outcomes = cli.run(["--offline", "--source", "lmarena"], settings)
    assert status == 0
    (outcome,) = outcomes
    assert outcome.status == "fallback" and outcome.is_sample
    assert "SAMPLE" in outcome.line()
    ((source, st, rows, path, error, is_sample),) = log_rows(settings)
    assert (source, st, is_sample) == ("lmarena", "fallback", True)
    assert rows > 50 and path.startswith("data/sample/lmarena/")
    assert "offline" in error


def test_second_offline_run_loads_nothing_twice(settings):
    cli.run(["--offline", "--source", "lmarena"], settings)
    before = count(settings, "select count(*) from raw.lmarena__ratings")
    cli.run(["--offline", "--source", "lmarena"], settings)
    assert count(settings, "select count(*) from raw.lmarena__ratings") == before


def test_from_file_archives_a_capture_and_loads_it(settings, fixtures):
    path = fixtures / "lmarena" / "latest_ok.parquet"
    status, (outcome,) = cli.run(["--from-file", f"lmarena={path}"], settings)
    assert status == 0 and outcome.status == "ok" and outcome.rows_loaded == 4
    archived = captures.list_captures(settings.raw_dir / "lmarena", "lmarena")
    assert len(archived) == 1
    assert archived[0].path.read_bytes() == path.read_bytes()
    assert archived[0].path.name.endswith(f"_{archived[0].sha256[:8]}.parquet")
    # WHEN the same file comes again THEN no new capture and no new rows
    status, (again,) = cli.run(["--from-file", f"lmarena={path}"], settings)
    assert again.status == "unchanged"
    assert len(captures.list_captures(settings.raw_dir / "lmarena", "lmarena")) == 1
    assert count(settings, "select count(*) from raw.lmarena__ratings") == 4


def test_bad_from_file_fails_with_exit_1_and_loads_nothing(settings, fixtures, capsys):
    path = fixtures / "lmarena" / "error_page.html"
    status, (outcome,) = cli.run(["--from-file", f"lmarena={path}"], settings)
    assert status == 1 and outcome.status == "failed"
    assert "not a parquet file" in outcome.error
    assert captures.list_captures(settings.raw_dir / "lmarena", "lmarena") == []
    assert log_rows(settings)[0][1] == "failed"


def test_main_prints_one_line_per_failed_source(settings, fixtures, capsys):
    path = fixtures / "lmarena" / "renamed_column.parquet"
    assert cli.main(["--from-file", f"lmarena={path}"]) == 1
    err = capsys.readouterr().err
    assert "error: lmarena: " in err and "rating missing" in err


def test_from_file_needs_name_equals_path(settings):
    with pytest.raises(SystemExit, match="NAME=PATH"):
        cli.run(["--from-file", "lmarena"], settings)
    with pytest.raises(SystemExit, match="unknown source"):
        cli.run(["--from-file", "nosuch=/tmp/x"], settings)


def test_unreachable_network_falls_back_at_once(settings):
    # conftest blocks name resolution, as on a machine without network
    status, (outcome,) = cli.run(["--source", "lmarena"], settings)
    assert status == 0 and outcome.status == "fallback" and outcome.is_sample
    assert "network unreachable" in outcome.error


@responses.activate
def test_live_fetch_archives_then_unchanged_then_fallback_keeps_the_capture(settings, fixtures):
    body = (fixtures / "lmarena" / "latest_ok.parquet").read_bytes()
    responses.add(responses.HEAD, LATEST, status=302, headers={"X-Linked-Etag": '"v1"'})
    responses.add(responses.GET, LATEST, body=body)
    _, (first,) = cli.run(["--source", "lmarena"], settings)
    assert first.status == "ok" and not first.is_sample
    # same ETag: nothing downloaded
    _, (second,) = cli.run(["--source", "lmarena"], settings)
    assert second.status == "unchanged"
    # the source now answers 503: fall back to our capture, not the sample
    responses.replace(responses.HEAD, LATEST, status=503)
    _, (third,) = cli.run(["--source", "lmarena"], settings)
    assert third.status == "fallback" and not third.is_sample
    assert third.capture.sha256 == first.capture.sha256
    assert "HTTP 503" in third.error
    assert count(settings, "select count(*) from raw.lmarena__ratings") == 4


@responses.activate
def test_live_html_error_page_is_kept_aside_and_never_loaded(settings, fixtures):
    responses.add(responses.HEAD, LATEST, status=302, headers={"X-Linked-Etag": '"v2"'})
    responses.add(responses.GET, LATEST, body=b"<!DOCTYPE html><html>oops</html>")
    _, (outcome,) = cli.run(["--source", "lmarena"], settings)
    assert outcome.status == "fallback" and outcome.is_sample
    assert "bad response" in outcome.error
    assert captures.list_captures(settings.raw_dir / "lmarena", "lmarena") == []
    kept = list((settings.raw_dir / "lmarena" / "rejected").glob("*.parquet"))
    assert len(kept) == 1


def test_archive_never_rewrites_and_writes_atomically(tmp_path):
    folder = tmp_path / "raw" / "x"
    first, new1 = captures.archive(folder, "x", b"abc", ext="json", url="u")
    second, new2 = captures.archive(folder, "x", b"abc", ext="json", url="u")
    assert new1 and not new2 and first.path == second.path
    assert not list(folder.glob(".tmp-*"))
    assert first.path.read_bytes() == b"abc"
