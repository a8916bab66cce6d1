{# The benchmark-scores fits (method 4b), one row per benchmark with enough reference
   models: log10(compute) = intercept + logit_slope × logit(score) + year_slope × years
   since 2023-01-01, with n, R², residual standard error and leave-one-out RMSE (log10
   units), and how far the open-weight and the closed references (known specs
   accessibility) lie from the line on average: the check that decides whether closed
   models need a correction, as they do on LMArena (method 4). A table of its own, not
   rows of estimation_benchmark_fits: that mart's grain is an LMArena snapshot and its
   columns a rating's. #}
with

fits as (
    select * from {{ ref('int_benchmark_score_fits_estimated') }}
),

residuals as (
    select * from {{ ref('int_benchmark_score_residuals_computed') }}
),

estimates as (
    select
        model_id,
        benchmark
    from {{ ref('int_score_estimates_interpolated') }}
),

residuals_by_access as (
    select
        benchmark,
        count(*) filter (where is_open_weights) as open_weights_reference_count,
        avg(residual_log10 order by model_id) filter (where is_open_weights)
            as open_weights_mean_residual_log10,
        count(*) filter (where not is_open_weights) as closed_reference_count,
        avg(residual_log10 order by model_id) filter (where not is_open_weights)
            as closed_mean_residual_log10,
        string_agg(model_id, ', ' order by model_id) filter (where not is_open_weights)
            as closed_reference_model_ids
    from residuals
    group by benchmark
),

estimates_counted as (
    select
        benchmark,
        count(*) as estimated_model_count
    from estimates
    group by benchmark
),

fits_reported as (
    select
        fits.benchmark,
        fits.reference_count,
        fits.fitted_parameter_count,
        fits.is_year_regressor_used,
        fits.intercept,
        fits.logit_slope,
        fits.year_slope,
        fits.r_squared,
        fits.residual_standard_error_log10,
        fits.degrees_of_freedom,
        fits.t_quantile,
        fits.loo_rmse_log10,
        fits.loo_max_abs_error_log10,
        fits.max_reference_compute_flop,
        fits.min_reference_score_percent,
        fits.max_reference_score_percent,
        fits.is_usable,
        residuals_by_access.open_weights_reference_count,
        residuals_by_access.open_weights_mean_residual_log10,
        residuals_by_access.closed_reference_count,
        residuals_by_access.closed_mean_residual_log10,
        residuals_by_access.closed_reference_model_ids,
        coalesce(estimates_counted.estimated_model_count, 0) as estimated_model_count
    from fits
    left join residuals_by_access
        on fits.benchmark = residuals_by_access.benchmark
    left join estimates_counted
        on fits.benchmark = estimates_counted.benchmark
)

select * from fits_reported
