{# One row per model x estimation method: every estimate the evidence allows. #}
with

estimates as (
    select * from {{ ref('int_model_estimates_unioned') }}
),

models as (
    select * from {{ ref('int_models_estimated') }}
),

estimates_marked as (
    select
        estimates.model_id || ':' || estimates.estimation_method as model_estimate_id,
        estimates.model_id,
        estimates.estimation_method,
        estimates.method_precedence,
        estimates.training_compute_flop,
        estimates.training_compute_lower_flop,
        estimates.training_compute_upper_flop,
        estimates.confidence,
        estimates.threshold_class,
        estimates.training_compute_notes,
        estimates.evidence_url,
        estimates.estimation_method = models.estimation_method as is_final_estimate
    from estimates
    inner join models
        on estimates.model_id = models.model_id
)

select * from estimates_marked
