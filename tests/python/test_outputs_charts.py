"""Charts: valid PNGs of the expected size, the right models labelled, counts per quarter."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

import duckdb
import pytest

from ingest.outputs import charts

WAREHOUSE_SQL = Path(__file__).resolve().parent.parent / "fixtures" / "outputs" / "warehouse.sql"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def con():
    connection = duckdb.connect()
    connection.execute(WAREHOUSE_SQL.read_text())
    yield connection
    connection.close()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC, "not a PNG file"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_both_charts_are_pngs_of_the_expected_size(con, tmp_path):
    paths = charts.write_charts(con, tmp_path)
    assert [p.name for p in paths] == ["compute_trend.png", "models_above_per_quarter.png"]
    for path in paths:
        assert png_size(path) == charts.PIXELS == (1440, 840)
        assert path.stat().st_size > 20_000  # something was drawn


def test_charts_are_byte_identical_across_runs(con, tmp_path):
    first = charts.write_charts(con, tmp_path / "one")
    second = charts.write_charts(con, tmp_path / "two")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_trend_takes_models_from_1e24_and_leaves_out_exclusions(con):
    points = charts.trend_points(con, charts.TREND_FLOOR_FLOP)
    assert [p.model_id for p in points] == [
        "alpha-1",
        "eps-5",
        "delta-4",
        "beta-2",
        "gamma-3",
        "zeta-6",
    ]
    assert {p.model_id for p in points if p.is_published} == {
        "alpha-1",
        "beta-2",
        "gamma-3",
        "zeta-6",
    }


def test_frontier_labels_records_and_the_largest_of_each_year(con):
    points = charts.trend_points(con, charts.TREND_FLOOR_FLOP)
    # alpha-1 (3e25, 2023-03) is a record nothing later beats; the largest above 1e25
    # each year: 2023 alpha-1, 2024 beta-2 and gamma-3, 2025 zeta-6.
    assert [p.model_id for p in charts.frontier(points)] == [
        "alpha-1",
        "beta-2",
        "gamma-3",
        "zeta-6",
    ]
    assert [p.model_id for p in charts.frontier(points, per_year=1)] == [
        "alpha-1",
        "beta-2",
        "zeta-6",
    ]


def test_quarter_counts_are_cumulative_and_keep_empty_quarters():
    rows = [
        (date(2023, 3, 14), "above"),
        (date(2023, 11, 2), "uncertain"),
        (date(2023, 12, 1), "above"),
        (date(2024, 7, 23), "uncertain"),
    ]
    counts = charts.quarter_counts(rows)
    assert [(c.quarter, c.new, c.total) for c in counts] == [
        ("2023-Q1", 1, 1),
        ("2023-Q2", 0, 1),
        ("2023-Q3", 0, 1),
        ("2023-Q4", 2, 3),
        ("2024-Q1", 0, 3),
        ("2024-Q2", 0, 3),
        ("2024-Q3", 1, 4),
    ]
    assert (counts[-1].total_above, counts[-1].total_uncertain) == (2, 2)


def test_the_quarter_chart_title_says_most_models_are_uncertain_when_they_are():
    # GIVEN a list of 1 above and 3 uncertain models
    rows = [(date(2024, 1, 1), "above")] + [(date(2024, 5, 1), "uncertain")] * 3
    # WHEN the chart is titled
    title, subtitle = charts.quarter_titles(charts.quarter_counts(rows))
    # THEN the title does not claim they are all over the line: it says 3 of 4 are uncertain
    assert title == "Models estimated at or above 1e25 FLOP, by quarter: 3 of 4 uncertain"
    assert subtitle.startswith("1 of 4 are above 1e25 with their whole 90% interval; 3 are")
    # AND a list mostly above keeps the plain title
    plain, _ = charts.quarter_titles(charts.quarter_counts([(date(2024, 1, 1), "above")]))
    assert plain == "Models estimated at or above 1e25 FLOP (the published list), by quarter"


def test_published_quarter_rows_flag_sample_data(con):
    rows, sample = charts.published_quarter_rows(con)
    assert len(rows) == 4 and sample is True
    con.execute("update marts.models_above_1e25_flop set is_sample_data = false")
    assert charts.published_quarter_rows(con)[1] is False


def test_empty_warehouse_still_draws_both_charts(tmp_path):
    empty = duckdb.connect()
    paths = charts.write_charts(empty, tmp_path)
    assert all(png_size(p) == charts.PIXELS for p in paths)
