{# One row per fitted LMArena snapshot per reference model: what the fit says for the
   model, its residual, its leverage h_ii, and what the fit would say without the model
   (leave-one-out), in closed form rather than n refits:
       LOO residual        e_i / (1 - h_ii)
       LOO prediction      log10(reference) - e_i / (1 - h_ii)
       LOO residual s.e.   s_(i)² = ((n - p) s² - e_i² / (1 - h_ii)) / (n - p - 1)
       LOO 90% half-width  t(0.95, n - p - 1) × s_(i) / sqrt(1 - h_ii)
   (the prediction variance at x_i of the fit without i is s_(i)² (1 + h_ii / (1 - h_ii))).
   The accuracy marts use these as what benchmark interpolation would have said without
   the model's own figure. Open-weight references only: they are the ones on the line
   (closed models are corrected separately, int_benchmark_closed_corrections). #}
with

references_selected as (
    select * from {{ ref('int_benchmark_references_selected') }}
    where not coalesce(is_proprietary, false)
),

fits as (
    select * from {{ ref('int_benchmark_fits_estimated') }}
),

residuals as (
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
        fits.is_usable as is_fit_usable,
        fits.reference_count,
        fits.fitted_parameter_count,
        fits.residual_sum_squares,
        {{ benchmark_log10_prediction(
            'fits', 'references_selected.rating', 'references_selected.years_since_2023'
        ) }}
            as fitted_log10_compute,
        {{ benchmark_leverage(
            'fits', 'references_selected.rating', 'references_selected.years_since_2023'
        ) }}
            as leverage
    from references_selected
    inner join fits
        on references_selected.leaderboard_date = fits.leaderboard_date
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
