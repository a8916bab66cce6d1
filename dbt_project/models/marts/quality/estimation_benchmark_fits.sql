{# The benchmark-interpolation fits, one row per LMArena snapshot with enough reference
   models: log10(compute) = intercept + rating_slope × rating + year_slope × years since
   2023-01-01, with n, R², residual standard error and leave-one-out RMSE (log10 units).
   The line runs through open-weight references; the closed_* and correction_* columns
   give the board's correction for closed models (int_benchmark_closed_corrections_fitted),
   null when the board has none.
   is_newest_fit marks the fit that estimates the models on the newest board. #}
with

fits as (
    select * from {{ ref('int_benchmark_fits_estimated') }}
),

closed_corrections as (
    select * from {{ ref('int_benchmark_closed_corrections_fitted') }}
),

fits_reported as (
    select
        fit_id,
        leaderboard_date,
        reference_count,
        fitted_parameter_count,
        is_year_regressor_used,
        intercept,
        rating_slope,
        year_slope,
        r_squared,
        residual_standard_error_log10,
        degrees_of_freedom,
        t_quantile,
        loo_rmse_log10,
        loo_max_abs_error_log10,
        max_reference_compute_flop,
        min_reference_rating,
        max_reference_rating,
        is_usable,
        is_newest_fit
    from fits
),

corrections_joined as (
    select
        fits_reported.*,
        closed_corrections.closed_reference_count,
        closed_corrections.closed_reference_model_ids,
        closed_corrections.correction_intercept,
        closed_corrections.correction_year_slope,
        closed_corrections.correction_standard_error_log10,
        closed_corrections.correction_loo_rmse_log10,
        coalesce(closed_corrections.is_usable, false) as is_closed_correction_usable
    from fits_reported
    left join closed_corrections
        on fits_reported.leaderboard_date = closed_corrections.leaderboard_date
)

select * from corrections_joined
