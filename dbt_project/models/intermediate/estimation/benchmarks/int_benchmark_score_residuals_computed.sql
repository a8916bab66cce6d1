{# One row per benchmark per reference model of a fitted benchmark (method 4b): what the
   fit says for the model, its residual, its leverage h_ii and what the fit would say
   without the model, with its 90% interval, in closed form
   (int_benchmark_loo_residuals_computed, shared with method 4, which has the formulas),
   named for the score. is_open_weights is carried so the residuals of open-weight and
   closed references can be compared (estimation_benchmark_score_fits); the
   leave-one-out prediction is what method 4b would have said without the model's own
   figure (int_estimates_compared_with_reported). #}
with

references_selected as (
    select * from {{ ref('int_benchmark_score_references_selected') }}
),

regression_residuals as (
    select * from {{ ref('int_benchmark_loo_residuals_computed') }}
    where board = 'benchmark_scores'
),

residuals_named as (
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
        regression_residuals.is_fit_usable,
        regression_residuals.fitted_log10_compute,
        regression_residuals.leverage,
        regression_residuals.residual_log10,
        regression_residuals.loo_residual_log10,
        regression_residuals.loo_predicted_log10_compute,
        regression_residuals.loo_predicted_compute_flop,
        regression_residuals.loo_half_width_log10,
        regression_residuals.loo_lower_flop,
        regression_residuals.loo_upper_flop
    from regression_residuals
    inner join references_selected
        on
            regression_residuals.board_key = references_selected.benchmark
            and regression_residuals.model_id = references_selected.model_id
)

select * from residuals_named
