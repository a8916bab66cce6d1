{# Leave-one-out accuracy of the estimation methods, one row per model with a reported
   compute figure per other method that could estimate it: what the method says without
   the reported figure, the ratio, and whether it is within var accuracy_tolerance_factor
   (2×). Summary per method: marts.estimation_accuracy_summary. #}
with

comparisons as (
    select * from {{ ref('int_estimates_compared_with_reported') }}
),

models as (
    select
        model_id,
        model_name,
        organization,
        is_sample
    from {{ ref('int_models_identified') }}
),

accuracy as (
    select
        comparisons.comparison_id,
        comparisons.model_id,
        models.model_name,
        models.organization,
        comparisons.estimation_method,
        comparisons.is_best_non_reported,
        comparisons.reported_compute_flop,
        comparisons.reported_confidence,
        comparisons.estimate_flop,
        comparisons.estimate_lower_flop,
        comparisons.estimate_upper_flop,
        comparisons.estimate_confidence,
        comparisons.ratio_to_reported,
        comparisons.abs_log10_error,
        comparisons.is_within_tolerance,
        comparisons.is_reported_in_interval,
        comparisons.is_same_side_of_threshold,
        models.is_sample as is_sample_data
    from comparisons
    inner join models
        on comparisons.model_id = models.model_id
)

select * from accuracy
