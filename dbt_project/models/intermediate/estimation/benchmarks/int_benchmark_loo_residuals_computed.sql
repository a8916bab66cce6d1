{# One row per reference point of a fitted benchmark regression (both benchmark methods):
   what the fit says for the model, its residual, its leverage h_ii, and what the fit
   would say without the model (leave-one-out), in closed form rather than n refits:
       LOO residual        e_i / (1 - h_ii)
       LOO prediction      log10(reference) - e_i / (1 - h_ii)
       LOO residual s.e.   s_(i)² = ((n - p) s² - e_i² / (1 - h_ii)) / (n - p - 1)
       LOO 90% half-width  t(0.95, n - p - 1) × s_(i) / sqrt(1 - h_ii)
   (the prediction variance at x_i of the fit without i is s_(i)² (1 + h_ii / (1 - h_ii))).
   int_estimates_compared_with_reported reads it for both methods;
   int_benchmark_residuals_computed (method 4) and int_benchmark_score_residuals_computed
   (method 4b) name these for their regressor. #}
with

points as (
    select * from {{ ref('int_benchmark_regression_points_unioned') }}
),

regressions as (
    select * from {{ ref('int_benchmark_regressions_fitted') }}
),

residuals as (
    select
        points.point_id,
        points.regression_id,
        points.board,
        points.board_key,
        points.model_id,
        points.regressor_value,
        points.years_since_2023,
        points.reference_compute_flop,
        points.log10_compute,
        regressions.is_usable as is_fit_usable,
        regressions.reference_count,
        regressions.fitted_parameter_count,
        regressions.residual_sum_squares,
        {{ benchmark_log10_prediction(
            'regressions', 'points.regressor_value', 'points.years_since_2023', regressor='x'
        ) }}
            as fitted_log10_compute,
        {{ benchmark_leverage(
            'regressions', 'points.regressor_value', 'points.years_since_2023', regressor='x'
        ) }}
            as leverage
    from points
    inner join regressions
        on points.regression_id = regressions.regression_id
),

loo_computed as (
    select
        *,
        log10_compute - fitted_log10_compute as residual_log10,
        (log10_compute - fitted_log10_compute) / nullif(1 - leverage, 0) as loo_residual_log10,
        log10_compute - (log10_compute - fitted_log10_compute) / nullif(1 - leverage, 0)
            as loo_predicted_log10_compute
    from residuals
),

loo_interval as (
    select
        *,
        sqrt(greatest(
            (residual_sum_squares - pow(residual_log10, 2) / nullif(1 - leverage, 0))
            / nullif(reference_count - fitted_parameter_count - 1, 0),
            0
        )) as loo_residual_standard_error_log10,
        {{ t_quantile_90_two_sided('reference_count - fitted_parameter_count - 1') }} as loo_t_quantile
    from loo_computed
),

loo_estimates as (
    select
        *,
        loo_t_quantile * loo_residual_standard_error_log10 / sqrt(nullif(1 - leverage, 0))
            as loo_half_width_log10,
        pow(10, loo_predicted_log10_compute) as loo_predicted_compute_flop,
        pow(
            10,
            loo_predicted_log10_compute
            - loo_t_quantile * loo_residual_standard_error_log10 / sqrt(nullif(1 - leverage, 0))
        ) as loo_lower_flop,
        pow(
            10,
            loo_predicted_log10_compute
            + loo_t_quantile * loo_residual_standard_error_log10 / sqrt(nullif(1 - leverage, 0))
        ) as loo_upper_flop
    from loo_interval
)

select * from loo_estimates
