"""Exports: Epoch's column layout, known values, byte-identical re-export, attribution."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from ingest.outputs import attribution, exports

WAREHOUSE_SQL = Path(__file__).resolve().parent.parent / "fixtures" / "outputs" / "warehouse.sql"

EPOCH_ORDER = [
    "Model",
    "Organization",
    "Publication date",
    "Training compute (FLOP)",
    "Training compute notes",
    "Confidence",
    "Parameters",
    "Training dataset size (datapoints)",
    "Country (of organization)",
    "Model accessibility",
    "Link",
]
OUR_ORDER = [
    "training_compute_lower_flop",
    "training_compute_upper_flop",
    "estimation_method",
    "threshold_class",
    "provenance",
    "is_verified",
    "is_sample_data",
    "model_id",
]


@pytest.fixture
def con():
    """GIVEN the tiny hand-made warehouse (tests/fixtures/outputs/warehouse.sql)."""
    connection = duckdb.connect()
    connection.execute(WAREHOUSE_SQL.read_text())
    yield connection
    connection.close()


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_csv_has_epochs_columns_in_order_then_ours(con, tmp_path):
    # WHEN the published list is exported
    result = exports.export_published(con, tmp_path)
    # THEN the header is Epoch's columns in Epoch's order, then ours
    header, rows = _rows(result.csv_path)
    assert header == EPOCH_ORDER + OUR_ORDER
    assert result.rows == 4 and len(rows) == 4


def test_rows_are_sorted_newest_first_and_exclusions_stay_out(con, tmp_path):
    result = exports.export_published(con, tmp_path)
    _, rows = _rows(result.csv_path)
    assert [row["model_id"] for row in rows] == ["zeta-6", "gamma-3", "beta-2", "alpha-1"]
    assert "excluded-7" not in {row["model_id"] for row in rows}


def test_a_known_row_keeps_its_values(con, tmp_path):
    result = exports.export_published(con, tmp_path)
    _, rows = _rows(result.csv_path)
    alpha = next(row for row in rows if row["model_id"] == "alpha-1")
    assert alpha == {
        "Model": "Alpha 1",
        "Organization": "Org A",
        "Publication date": "2023-03-14",
        "Training compute (FLOP)": "3e+25",
        "Training compute notes": 'Reported: 3e25 FLOP, "quoted", with a comma',
        "Confidence": "Confident",
        "Parameters": "400000000000",
        "Training dataset size (datapoints)": "12500000000000",
        "Country (of organization)": "United States of America",
        "Model accessibility": "API access",
        "Link": "https://example.org/alpha, https://example.org/alpha-card",
        "training_compute_lower_flop": "1.5e+25",
        "training_compute_upper_flop": "6e+25",
        "estimation_method": "reported",
        "threshold_class": "above",
        "provenance": "scraped",
        "is_verified": "true",
        "is_sample_data": "false",
        "model_id": "alpha-1",
    }
    beta = next(row for row in rows if row["model_id"] == "beta-2")
    # A newline inside a note is a space in the CSV (control characters break spreadsheets
    # and line-based tools; the Parquet file keeps the text exact); an unknown value is empty.
    assert beta["Training compute notes"] == "Line one line two"
    assert beta["Parameters"] == ""


def test_parquet_holds_the_same_rows_and_columns(con, tmp_path):
    result = exports.export_published(con, tmp_path)
    check = duckdb.connect()
    frame = check.execute(f"select * from read_parquet('{result.parquet_path}')")
    names = [d[0] for d in frame.description]
    rows = frame.fetchall()
    assert names == EPOCH_ORDER + OUR_ORDER
    assert [row[-1] for row in rows] == ["zeta-6", "gamma-3", "beta-2", "alpha-1"]
    assert rows[-1][3] == pytest.approx(3e25)
    assert str(rows[-1][2]) == "2023-03-14"


def test_two_exports_of_the_same_data_are_byte_identical(con, tmp_path):
    # WHEN the same warehouse is exported twice
    first = exports.export_published(con, tmp_path / "one")
    second = exports.export_published(con, tmp_path / "two")
    # THEN both files are byte-for-byte the same
    assert first.csv_path.read_bytes() == second.csv_path.read_bytes()
    assert first.parquet_path.read_bytes() == second.parquet_path.read_bytes()
    # AND exporting again in place replaces the file without leaving temporary files
    exports.export_published(con, tmp_path / "one")
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == [
        "models_above_1e25_flop.csv",
        "models_above_1e25_flop.parquet",
    ]


def test_a_column_the_mart_lacks_exports_empty(con, tmp_path):
    # GIVEN a published list built before the country column existed
    con.execute("alter table marts.models_above_1e25_flop drop column country")
    result = exports.export_published(con, tmp_path)
    header, rows = _rows(result.csv_path)
    assert header == EPOCH_ORDER + OUR_ORDER
    assert {row["Country (of organization)"] for row in rows} == {""}


def test_attribution_says_plainly_that_sample_data_was_used(con, tmp_path):
    result = exports.export_published(con, tmp_path)
    text = attribution.render(con, result.rows, result.sample_rows)
    assert "This build used SAMPLE data" in text
    assert "for: epoch, lmarena." in text  # the sources whose loaded captures are samples
    assert "2 of the 4 rows rest partly on sample data" in text
    # Each source used is credited under its licence; Epoch as a validation reference
    assert "### LMArena" in text and "CC BY 4.0" in text
    assert "### OpenRouter" in text and "OpenRouter Terms of Service" in text
    assert "newest capture 2025-11-01" in text
    assert "### Epoch AI" in text and "validation reference only" in text
    assert "### Wikipedia" not in text  # not loaded in this build


def test_attribution_without_samples_says_so(con):
    con.execute("update raw.loaded_captures set is_sample = false")
    con.execute("update marts.models_above_1e25_flop set is_sample_data = false")
    text = attribution.render(con, 4, 0)
    assert "No sample data" in text
    assert "SAMPLE" not in text


def test_attribution_links_the_wikipedia_revision_from_the_capture(con, tmp_path):
    # GIVEN a loaded Wikipedia capture (the API's JSON, with its revid)
    capture = tmp_path / "20251101T000000Z_ddd.json"
    capture.write_text(json.dumps({"parse": {"title": "List", "revid": 1234567, "text": ""}}))
    con.execute(
        "insert into raw.loaded_captures values "
        "('wikipedia', 'ddd', ?, '2025-11-01', false, 'l4', '2026-01-01', 3)",
        [str(capture)],
    )
    text = attribution.render(con, 4, 0)
    assert "### Wikipedia" in text and "CC BY-SA 4.0" in text
    assert (
        "https://en.wikipedia.org/w/index.php?title=List_of_large_language_models&oldid=1234567"
        in text
    )
