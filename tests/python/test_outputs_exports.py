"""Exports: Epoch's column layout, known values, byte-identical re-export, attribution."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from ingest.outputs import attribution, exports
from ingest.sources.epoch import Epoch

WAREHOUSE_SQL = Path(__file__).resolve().parent.parent / "fixtures" / "outputs" / "warehouse.sql"

# Epoch AI's large_scale_ai_models.csv header, in order (issue 15): written out here, not
# read from exports.EPOCH_HEADER, so a change to the export's list fails this test.
EPOCH_34 = [
    "Model",
    "Domain",
    "Task",
    "Authors",
    "Model accessibility",
    "Link",
    "Citations",
    "Reference",
    "Publication date",
    "Organization",
    "Parameters",
    "Parameters notes",
    "Training compute (FLOP)",
    "Training compute notes",
    "Training dataset",
    "Training dataset notes",
    "(DEPRECATED) Training dataset size (datapoints)",
    "Dataset size notes",
    "Training time (hours)",
    "Training time notes",
    "Training hardware",
    "Confidence",
    "Abstract",
    "Country (of organization)",
    "Base model",
    "Finetune compute (FLOP)",
    "Finetune compute notes",
    "Hardware quantity",
    "Hardware utilization (MFU)",
    "Training code accessibility",
    "Accessibility notes",
    "Hardware utilization (HFU)",
    "Training compute cost (cloud)",
    "Training compute cost (upfront)",
]
EPOCH_DATABASE_EXTRA = [
    "Training compute lower bound",
    "Training compute upper bound",
    "Training compute estimation method",
    "Frontier model",
]
OUR_ORDER = [
    "probability_above_threshold",
    "threshold_class",
    "publication_date_source",
    "provenance",
    "is_verified",
    "is_sample_data",
    "model_id",
]
FULL_ORDER = EPOCH_34 + EPOCH_DATABASE_EXTRA + OUR_ORDER


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


def test_csv_header_starts_with_epochs_34_columns_in_order_then_ours(con, tmp_path):
    # WHEN the published list is exported
    result = exports.export_published(con, tmp_path)
    # THEN the header starts with the 34 names of Epoch's file, in its order
    header, rows = _rows(result.csv_path)
    assert len(EPOCH_34) == 34
    assert header[:34] == EPOCH_34
    # AND Epoch's names for its full database's extra columns follow, then ours
    assert header == FULL_ORDER
    assert exports.EPOCH_HEADER_AS_OF  # the date of the Epoch file the list follows
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
    filled = {name: value for name, value in alpha.items() if value != ""}
    assert filled == {
        "Model": "Alpha 1",
        "Domain": "Multimodal,Language,Vision",
        "Task": "Language modeling/generation",
        "Model accessibility": "API access",
        # the primary source first, as marts.model_epoch_fields orders it
        "Link": "https://example.org/alpha-card,https://example.org/alpha",
        "Reference": "Org A, Alpha 1 technical report (2023): 3e25 FLOP, Table 1",
        "Publication date": "2023-03-14",
        "Organization": "Org A",
        "Parameters": "400000000000.0",
        "Training compute (FLOP)": "3e+25",
        "Training compute notes": 'Reported: 3e25 FLOP, "quoted", with a comma',
        "(DEPRECATED) Training dataset size (datapoints)": "12500000000000.0",
        "Dataset size notes": "Training tokens",
        "Training time (hours)": "1200.0",
        "Training hardware": "NVIDIA H100 SXM5",
        "Confidence": "Confident",
        "Country (of organization)": "United States of America",
        "Hardware quantity": "8192.0",
        "Hardware utilization (MFU)": "0.41",
        "Training compute lower bound": "1.5e+25",
        "Training compute upper bound": "6e+25",
        "Training compute estimation method": "reported",
        "threshold_class": "above",
        "provenance": "scraped",
        "is_verified": "true",
        "is_sample_data": "false",
        "model_id": "alpha-1",
    }
    # Never invented: what no source or cited seed row gives stays blank
    for name in ("Authors", "Citations", "Abstract", "Hardware utilization (HFU)"):
        assert alpha[name] == ""
    beta = next(row for row in rows if row["model_id"] == "beta-2")
    # A newline inside a note is a space in the CSV (control characters break spreadsheets
    # and line-based tools; the Parquet file keeps the text exact); an unknown value is empty.
    assert beta["Training compute notes"] == "Line one line two"
    assert beta["Parameters"] == ""
    # AND a model with no row in marts.model_epoch_fields keeps its evidence URLs as Link
    assert beta["Link"] == "https://example.org/beta" and beta["Domain"] == ""


def test_parquet_holds_the_same_rows_and_columns(con, tmp_path):
    result = exports.export_published(con, tmp_path)
    check = duckdb.connect()
    frame = check.execute(f"select * from read_parquet('{result.parquet_path}')")
    names = [d[0] for d in frame.description]
    rows = frame.fetchall()
    assert names == FULL_ORDER
    assert [row[-1] for row in rows] == ["zeta-6", "gamma-3", "beta-2", "alpha-1"]
    alpha = dict(zip(names, rows[-1], strict=True))
    assert alpha["Training compute (FLOP)"] == pytest.approx(3e25)
    assert str(alpha["Publication date"]) == "2023-03-14"
    # an empty numeric column is still a number column
    types = dict(
        check.execute(
            f"select column_name, column_type from (describe select * from "
            f"read_parquet('{result.parquet_path}'))"
        ).fetchall()
    )
    assert types["Citations"] == "DOUBLE" and types["Authors"] == "VARCHAR"


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
    assert header == FULL_ORDER
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


def test_epochs_own_parser_reads_the_export_and_gets_every_field_back(con, tmp_path):
    # GIVEN the export, read by the parser this project uses for Epoch's own CSV
    result = exports.export_published(con, tmp_path)
    _, rows = _rows(result.csv_path)
    parsed = Epoch().parse(result.csv_path.read_bytes())
    # THEN every row loads, none rejected
    assert parsed.rejected == []
    loaded = {row["model"]: row for row in parsed.tables["models"]}
    assert sorted(loaded) == sorted(row["Model"] for row in rows)
    for exported in rows:
        raw = loaded[exported["Model"]]
        # AND every column comes back, under its name, through the raw record
        assert raw["record"] == exported
        # AND every field the parser maps reads as the export wrote it
        for key, header in (
            ("organization", "Organization"),
            ("domain", "Domain"),
            ("training_compute_notes", "Training compute notes"),
            ("confidence", "Confidence"),
            ("model_accessibility", "Model accessibility"),
            ("country", "Country (of organization)"),
            ("link", "Link"),
        ):
            assert raw[key] == (exported[header] or None), (exported["model_id"], key)
        for key, header in (
            ("parameters", "Parameters"),
            ("training_compute_flop", "Training compute (FLOP)"),
            ("training_dataset_size", "(DEPRECATED) Training dataset size (datapoints)"),
        ):
            expected = float(exported[header]) if exported[header] else None
            assert raw[key] == expected, (exported["model_id"], key)
        assert raw["publication_date_text"] == exported["Publication date"]
        assert raw["training_dataset_size_header"] == (
            "(DEPRECATED) Training dataset size (datapoints)"
        )
    alpha = loaded["Alpha 1"]
    assert alpha["training_dataset_size"] == 12.5e12
    assert alpha["publication_date"].isoformat() == "2023-03-14"
    assert alpha["domain"] == "Multimodal,Language,Vision"
