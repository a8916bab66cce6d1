{# One row per benchmark per reference model of a fitted benchmark (method 4b): what the
   fit says for the model, its residual, its leverage h_ii and what the fit would say
   without the model, in closed form (as int_benchmark_residuals_computed does for
   method 4):
       LOO residual     e_i / (1 - h_ii)
       LOO prediction   log10(reference) - e_i / (1 - h_ii)
   is_open_weights is carried so the residuals of open-weight and closed references can
   be compared (estimation_benchmark_score_fits). #}
with

references_selected as (
    select * from {{ ref('int_benchmark_score_references_selected') }}
),

fits as (
    select * from {{ ref('int_benchmark_score_fits_estimated') }}
),

fitted as (
    select
        references_selected.score_id,
        references_selected.benchmark,
        references_selected.model_id,
        references_selected.score_percent,
        references_selected.score_logit,
        references_selected.years_since_2023,
        references_selected.is_open_weights,
        references_selected.reference_method,
        references_selected.reference_compute_flop,
        references_selected.log10_compute,
        fits.is_usable as is_fit_usable,
        {{ benchmark_log10_prediction(
            'fits', 'references_selected.score_logit', 'references_selected.years_since_2023',
            regressor='logit'
        ) }}
            as fitted_log10_compute,
        {{ benchmark_leverage(
            'fits', 'references_selected.score_logit', 'references_selected.years_since_2023',
            regressor='logit'
        ) }}
            as leverage
    from references_selected
    inner join fits
        on references_selected.benchmark = fits.benchmark
),

loo_computed as (
    select
        *,
        log10_compute - fitted_log10_compute as residual_log10,
        (log10_compute - fitted_log10_compute) / nullif(1 - leverage, 0) as loo_residual_log10,
        log10_compute - (log10_compute - fitted_log10_compute) / nullif(1 - leverage, 0)
            as loo_predicted_log10_compute
    from fitted
),

loo_estimates as (
    select
        *,
        pow(10, loo_predicted_log10_compute) as loo_predicted_compute_flop
    from loo_computed
)

select * from loo_estimates
