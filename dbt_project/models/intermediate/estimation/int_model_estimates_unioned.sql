{# One row per model x estimation method: every estimate the evidence allows, with its
   90% interval (from the method when it has one, else from its confidence word). #}
with

reported as (
    select * from {{ ref('int_estimates_reported') }}
),

from_operations as (
    select * from {{ ref('int_estimates_from_operations') }}
),

estimates_unioned as (
    select
        model_id,
        estimation_method,
        training_compute_flop,
        confidence,
        evidence_url,
        training_compute_notes,
        cast(null as double) as method_lower_flop,
        cast(null as double) as method_upper_flop
    from reported
    union all
    select
        model_id,
        estimation_method,
        training_compute_flop,
        confidence,
        evidence_url,
        training_compute_notes,
        cast(null as double) as method_lower_flop,
        cast(null as double) as method_upper_flop
    from from_operations
),

estimates_with_interval as (
    select
        model_id,
        estimation_method,
        training_compute_flop,
        confidence,
        evidence_url,
        training_compute_notes,
        {{ method_precedence('estimation_method') }} as method_precedence,
        coalesce(
            method_lower_flop, training_compute_flop / {{ interval_factor('confidence') }}
        ) as training_compute_lower_flop,
        coalesce(
            method_upper_flop, training_compute_flop * {{ interval_factor('confidence') }}
        ) as training_compute_upper_flop
    from estimates_unioned
    where training_compute_flop > 0
),

estimates_classified as (
    select
        *,
        {{ threshold_class('training_compute_lower_flop', 'training_compute_upper_flop') }}
            as threshold_class
    from estimates_with_interval
)

select * from estimates_classified
