"""The pieces of the contractor workflow around the build, without dbt: the append-only
change history file, the review-queue export, and ``make run`` stopping on a bad
overrides file before anything is touched."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingest import history, overrides, refresh, review_export


def change(model_id: str, refreshed: str = "2025-10-01 00:00:00", **values) -> dict:
    row = dict.fromkeys(history.HISTORY_COLUMNS)
    row.update(
        change_id=f"{model_id}@{refreshed}",
        refreshed_at=datetime.fromisoformat(refreshed),
        model_id=model_id,
        change_type="new",
        change_origin="automated",
        changed_fields=[],
        training_compute_flop=1.836e25,
        is_published=True,
        overridden_fields=["training_compute_flop", "confidence"],
    )
    row.update(values)
    return row


def test_appending_keeps_old_bytes_and_writes_each_change_once(settings):
    path = history.history_path(settings)
    # GIVEN a first refresh's changes WHEN appended THEN the file has a header and the rows
    assert history.append_rows(path, [change("a"), change("b")]) == 2
    first = path.read_bytes()
    rows = list(csv.DictReader(first.decode().splitlines()))
    assert [r["model_id"] for r in rows] == ["a", "b"]
    assert rows[0]["training_compute_flop"] == "1.836e+25"
    assert float(rows[0]["training_compute_flop"]) == 1.836e25
    assert rows[0]["overridden_fields"] == "training_compute_flop;confidence"
    assert rows[0]["is_published"] == "true"
    # WHEN the same changes and a new one are appended THEN only the new one is added, after
    # the old bytes, which are untouched
    later = change("a", "2025-11-01 00:00:00", change_type="changed")
    assert history.append_rows(path, [change("a"), later]) == 1
    assert path.read_bytes().startswith(first)
    assert len(path.read_text().splitlines()) == 4
    # WHEN nothing is new THEN the file is not even rewritten
    mtime = path.stat().st_mtime_ns
    assert history.append_rows(path, [later]) == 0
    assert path.stat().st_mtime_ns == mtime
    assert not list(path.parent.glob("*.tmp"))


def test_override_rows_and_source_urls_are_kept_as_json(settings):
    # GIVEN a change whose override rows' words hold commas, semicolons and quotes
    path = history.history_path(settings)
    rows = ['correct by Ann on 2025-10-01: Table 2; "5e26", roughly <https://a.example/x;y>']
    removed = ["correct by Bob on 2025-09-01: guess <https://b.example>"]
    history.append_rows(
        path,
        [
            change(
                "a",
                override_source_urls=["https://a.example/x;y"],
                override_rows=rows,
                override_rows_removed=removed,
            )
        ],
    )
    # WHEN read back THEN each list is a JSON array that gives back the same strings
    recorded = next(csv.DictReader(path.read_text().splitlines()))
    assert json.loads(recorded["override_rows"]) == rows
    assert json.loads(recorded["override_rows_removed"]) == removed
    assert json.loads(recorded["override_source_urls"]) == ["https://a.example/x;y"]
    assert json.loads(recorded["override_rows_added"]) == []


def test_a_file_from_before_the_new_columns_is_upgraded_keeping_every_value(settings):
    # GIVEN a history file written with the 30 columns of an earlier release
    path = history.history_path(settings)
    old_columns = history.HISTORY_COLUMNS[:30]
    path.parent.mkdir(parents=True)
    old_row = ["x" + str(i) for i in range(30)]
    old_row[history.HISTORY_COLUMNS.index("change_id")] = "old-1"
    path.write_text(",".join(old_columns) + "\n" + ",".join(old_row) + "\n")
    # WHEN this release appends a change
    assert history.append_rows(path, [change("b")]) == 1
    # THEN the header has every column, the old row its values and empty new cells
    records = list(csv.reader(path.read_text().splitlines()))
    assert tuple(records[0]) == history.HISTORY_COLUMNS
    assert records[1] == old_row + [""] * (len(history.HISTORY_COLUMNS) - 30)
    assert records[2][history.HISTORY_COLUMNS.index("model_id")] == "b"
    # AND the next append leaves the upgraded bytes as they are
    upgraded = path.read_bytes()
    history.append_rows(path, [change("c")])
    assert path.read_bytes().startswith(upgraded)


def test_a_failed_write_leaves_the_old_file(settings, monkeypatch):
    path = history.history_path(settings)
    history.append_rows(path, [change("a")])
    before = path.read_bytes()

    def broken_replace(*args):
        raise OSError("disk full")

    monkeypatch.setattr(history.os, "replace", broken_replace)
    with pytest.raises(OSError):
        history.append_rows(path, [change("b")])
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.tmp"))


def test_recording_without_a_build_writes_nothing(settings, capsys):
    history.record_after_build(settings)
    assert "0 change(s) recorded" in capsys.readouterr().out
    assert not history.history_path(settings).exists()


def _warehouse_with_queue(db: Path, *, sample: bool) -> None:
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        f"""
        create table marts.review_queue as
        select 1 as review_rank, 'gpt-4' as model_id, 'GPT-4' as model_name,
            'OpenAI' as organization, 'verified_contradicted' as review_reason,
            'Verified at 2.10e24 FLOP; now 2.15e25, 10.2× away' as review_detail,
            'Check the new evidence.' as action, 2.15e25 as training_compute_flop,
            'Confident' as confidence, 'above' as threshold_class,
            true as is_in_published_list, true as is_verified,
            ['https://a.example', 'https://b.example'] as evidence_urls,
            {str(sample).lower()} as is_sample_data
        """
    )
    con.close()


def test_review_queue_export_for_contractors(settings, tmp_path):
    # GIVEN a built review queue whose evidence is sample data
    _warehouse_with_queue(settings.db_path, sample=True)
    # WHEN exported
    path = review_export.export_review_queue(settings.db_path, tmp_path / "exports")
    # THEN a spreadsheet-ready CSV (BOM for Excel), one row per item, links in one cell,
    # and the sample-data warning on the row
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [
        {
            "review_rank": "1",
            "model_id": "gpt-4",
            "model_name": "GPT-4",
            "organization": "OpenAI",
            "review_reason": "verified_contradicted",
            "review_detail": "Verified at 2.10e24 FLOP; now 2.15e25, 10.2× away",
            "action": "Check the new evidence.",
            "training_compute_flop": "2.15e+25",
            "confidence": "Confident",
            "threshold_class": "above",
            "is_in_published_list": "yes",
            "is_verified": "yes",
            "evidence_links": "https://a.example https://b.example",
            "data_warning": "SAMPLE DATA: not real figures",
        }
    ]


def test_no_review_queue_no_export(settings, tmp_path):
    assert review_export.export_review_queue(settings.db_path, tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_make_run_stops_before_anything_on_a_bad_overrides_file(
    settings, tmp_path, monkeypatch, capsys
):
    # GIVEN an overrides file with a bad number, and a warehouse from an earlier build
    bad = tmp_path / "manual_overrides.csv"
    bad.write_text(
        ",".join(overrides.COLUMNS)
        + "\ncorrect,gpt-4,,,,,,2.1e25x,,,https://example.org,typo,Ann,2025-10-01\n"
    )
    before_csv = bad.read_bytes()
    _warehouse_with_queue(settings.db_path, sample=False)
    before_db = settings.db_path.read_bytes()
    monkeypatch.setattr(overrides, "DEFAULT_PATH", bad)
    calls: list[str] = []
    monkeypatch.setattr(refresh.cli, "run", lambda *a: calls.append("ingest") or (0, []))
    monkeypatch.setattr(refresh, "dbt", lambda *a: calls.append("dbt") or 0)
    # WHEN make run starts
    rc = refresh.main(["--offline"])
    # THEN it stops with the problem and a clear message, having run nothing
    err = capsys.readouterr().err
    assert rc == 1
    assert calls == []
    assert 'row 2, column training_compute_flop: "2.1e25x" is not a number' in err
    assert "Stopped before ingest and dbt build: the warehouse was not changed." in err
    # AND make's own "Error 1" line that follows is explained before it appears
    assert err.rstrip().endswith(
        "that is make saying this check stopped it on purpose because of the problems above; "
        "nothing is broken.)"
    )
    # AND the CSV and the warehouse are byte for byte as they were
    assert bad.read_bytes() == before_csv
    assert settings.db_path.read_bytes() == before_db
