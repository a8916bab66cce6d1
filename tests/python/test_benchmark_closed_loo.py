"""Method 4's leave-one-out on closed-weight references, checked against explicit refits.

int_benchmark_references_scored scores each closed-weight reference (LMArena licence
Proprietary) by the open-weight line plus the closed correction refitted WITHOUT it, in
closed form (r - e/(1-h), RSS - e²/(1-h), leverage h/(1-h)). Here the correction is
refitted in plain Python, once per left-out reference, from the warehouse's own inputs
(each closed reference's residual from the line and its date), and the SQL's prediction
and 90% interval must match it. The warehouse is conftest's sample_warehouse.
"""

from __future__ import annotations

import math

import pytest

# One-sided 95% Student t (two-sided 90%), the table macros/estimation.sql uses.
T_90 = {1: 6.314, 2: 2.920, 3: 2.353, 4: 2.132, 5: 2.015, 6: 1.943, 7: 1.895, 8: 1.860, 9: 1.833}
MIN_CLOSED_REFERENCES = 3  # var benchmark_min_closed_references
SMALL_TIER_PATTERN = "(^|[^a-z])(mini|haiku|flash|nano|lite|small|tiny|air)([^a-z]|$)"  # the var


def _correction_refit(points: list[tuple[float, float]]) -> tuple[float, float, float, float, int]:
    """Least squares r = a + c·years over (years, r) points, the slope only with ≥ 3 points
    whose dates vary (int_benchmark_closed_corrections_fitted). Returns a, c, residual standard
    error, the mean and Σ(years - mean)² (for the leverage), and the parameter count."""
    n = len(points)
    mean_years = sum(y for y, _ in points) / n
    mean_r = sum(r for _, r in points) / n
    sxx = sum((y - mean_years) ** 2 for y, _ in points)
    use_slope = n >= 3 and sxx > 1e-6
    slope = sum((y - mean_years) * (r - mean_r) for y, r in points) / sxx if use_slope else 0.0
    intercept = mean_r - slope * mean_years
    parameters = 2 if use_slope else 1
    rss = sum((r - intercept - slope * y) ** 2 for y, r in points)
    s = math.sqrt(rss / (n - parameters))
    return intercept, slope, s, mean_years, sxx if use_slope else 0.0, parameters


@pytest.fixture(scope="module")
def closed_points(sample_warehouse):
    """Each closed reference on a board with a usable correction: its line prediction and
    leverage, the line's t × s, its residual from the line and its date."""
    return sample_warehouse.rows(
        """
        select
            refs.model_id,
            refs.leaderboard_date,
            refs.years_since_2023,
            refs.log10_compute,
            regexp_matches(lower(refs.arena_model_name), ?) as is_small_tier,
            fits.intercept + fits.rating_slope * refs.rating
            + fits.year_slope * refs.years_since_2023 as line,
            1.0 / fits.reference_count
            + fits.inverse_rating_rating * pow(refs.rating - fits.mean_rating, 2)
            + 2 * fits.inverse_rating_years * (refs.rating - fits.mean_rating)
            * (refs.years_since_2023 - fits.mean_years)
            + fits.inverse_years_years * pow(refs.years_since_2023 - fits.mean_years, 2)
                as line_leverage,
            fits.t_quantile * fits.residual_standard_error_log10 as line_t_s
        from intermediate.int_benchmark_references_selected as refs
        inner join intermediate.int_benchmark_fits_estimated as fits
            on refs.leaderboard_date = fits.leaderboard_date and fits.is_usable
        inner join intermediate.int_benchmark_closed_corrections_fitted as corrections
            on refs.leaderboard_date = corrections.leaderboard_date and corrections.is_usable
        where refs.is_proprietary
        order by refs.leaderboard_date, refs.model_id
        """,
        SMALL_TIER_PATTERN,
    )


def test_the_samples_have_closed_references_to_score(closed_points):
    """GIVEN the samples THEN at least one board has a usable closed correction, so the
    checks below run on real rows (if not, the samples lost their closed references)."""
    assert len(closed_points) >= MIN_CLOSED_REFERENCES + 1


def test_closed_references_are_scored_by_the_correction_refitted_without_them(
    sample_warehouse, closed_points
):
    """GIVEN each closed reference WHEN the correction is refitted without it here THEN the
    SQL's leave-one-out prediction and 90% interval are the refit's (newest board per model)."""
    scored = {
        row[0]: row[1:]
        for row in sample_warehouse.rows(
            """
            select model_id, board_key, loo_predicted_compute_flop, loo_lower_flop, loo_upper_flop
            from intermediate.int_benchmark_references_scored
            where is_closed_reference
            """
        )
    }
    newest_board = {}
    for model_id, board, *_ in closed_points:
        newest_board[model_id] = max(newest_board.get(model_id, board), board)
    checked = 0
    for model_id, board, years, _log10, is_small, line, line_leverage, line_t_s in closed_points:
        if board != newest_board[model_id]:
            continue
        others = [
            (p_years, p_log10 - p_line)
            for p_model, p_board, p_years, p_log10, _small, p_line, _lev, _ts in closed_points
            if p_board == board and p_model != model_id
        ]
        half_squared = line_t_s**2 * (1 + line_leverage)
        predicted = line
        intercept, slope, s, mean_years, sxx, parameters = _correction_refit(others)
        degrees = len(others) - parameters
        if not is_small and len(others) >= MIN_CLOSED_REFERENCES and degrees >= 1:
            predicted += intercept + slope * years
            leverage = 1 / len(others) + ((years - mean_years) ** 2 / sxx if sxx else 0.0)
            half_squared += (T_90[degrees] * s) ** 2 * (1 + leverage)
        half = math.sqrt(half_squared)
        board_key, sql_predicted, sql_lower, sql_upper = scored[model_id]
        assert board_key == str(board)
        assert math.log10(sql_predicted) == pytest.approx(predicted, abs=1e-9), model_id
        assert math.log10(sql_lower) == pytest.approx(predicted - half, abs=1e-9), model_id
        assert math.log10(sql_upper) == pytest.approx(predicted + half, abs=1e-9), model_id
        checked += 1
    assert checked == len(scored)


def test_the_calibration_mart_counts_closed_references(sample_warehouse):
    """GIVEN the scored references THEN the calibration mart's LMArena 'all' band counts
    the closed ones too (they are where the frontier is)."""
    scored = sample_warehouse.one(
        "select count(*) from intermediate.int_benchmark_references_scored"
        " where estimation_method = 'benchmark_interpolation'"
    )[0]
    in_mart = sample_warehouse.one(
        "select reference_count from marts.estimation_benchmark_calibration"
        " where estimation_method = 'benchmark_interpolation' and predicted_band = '0: all'"
    )[0]
    assert in_mart == scored
