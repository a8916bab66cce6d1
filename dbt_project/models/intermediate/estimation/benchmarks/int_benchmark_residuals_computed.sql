{# One row per fitted LMArena snapshot per reference model: what the fit says for the
   model, its residual, its leverage h_ii, and what the fit would say without the model
   (leave-one-out), in closed form (int_benchmark_loo_residuals_computed, shared with method
   4b, which has the formulas), named for the rating. The accuracy marts use these as
   what benchmark interpolation would have said without the model's own figure.
   Open-weight references only: they are the ones on the line (closed models are
   corrected separately, int_benchmark_closed_corrections_fitted). #}
with

references_selected as (
    select * from {{ ref('int_benchmark_references_selected') }}
    where not coalesce(is_proprietary, false)
),

fits as (
    select
        leaderboard_date,
        is_newest_fit
    from {{ ref('int_benchmark_fits_estimated') }}
),

regression_residuals as (
    select * from {{ ref('int_benchmark_loo_residuals_computed') }}
    where board = 'lmarena'
),

residuals_named as (
    select
        references_selected.model_snapshot_id,
        references_selected.leaderboard_date,
        references_selected.model_id,
        references_selected.rating,
        references_selected.years_since_2023,
        references_selected.reference_method,
        references_selected.reference_compute_flop,
        references_selected.log10_compute,
        fits.is_newest_fit,
        regression_residuals.is_fit_usable,
        regression_residuals.reference_count,
        regression_residuals.fitted_parameter_count,
        regression_residuals.residual_sum_squares,
        regression_residuals.fitted_log10_compute,
        regression_residuals.leverage,
        regression_residuals.residual_log10,
        regression_residuals.loo_residual_log10,
        regression_residuals.loo_predicted_log10_compute,
        regression_residuals.loo_residual_standard_error_log10,
        regression_residuals.loo_t_quantile,
        regression_residuals.loo_half_width_log10,
        regression_residuals.loo_predicted_compute_flop,
        regression_residuals.loo_lower_flop,
        regression_residuals.loo_upper_flop
    from regression_residuals
    inner join references_selected
        on
            regression_residuals.board_key = cast(references_selected.leaderboard_date as varchar)
            and regression_residuals.model_id = references_selected.model_id
    inner join fits
        on references_selected.leaderboard_date = fits.leaderboard_date
)

select * from residuals_named
