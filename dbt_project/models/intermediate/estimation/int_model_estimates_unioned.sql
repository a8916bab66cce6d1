{# One row per model × estimation method: every estimate the evidence allows, with its
   90% interval and threshold class. Benchmark interpolation, benchmark scores, the
   heuristic and cost statements bring their own interval (method_lower_flop, method_upper_flop); the other
   methods leave it empty and take estimate ÷ and × the factor of their confidence word (vars interval_factor_confident 2,
   interval_factor_likely 3.16, interval_factor_speculative 10). Threshold class:
   above when the lower bound ≥ var threshold_flop, below when the upper bound is under
   it, else uncertain. #}
{# A table, not a view: several estimation models read it, and as a view each of them
   would recompute the identity and source chains beneath it. #}
{{ config(materialized='table') }}

with

reported as (
    select * from {{ ref('int_estimates_reported') }}
),

from_hardware as (
    select * from {{ ref('int_hardware_estimates_computed') }}
),

from_operations as (
    select * from {{ ref('int_operation_count_estimates_computed') }}
),

from_statements as (
    select * from {{ ref('int_statement_estimates_computed') }}
),

from_benchmarks as (
    select * from {{ ref('int_rating_estimates_interpolated') }}
),

from_benchmark_scores as (
    select * from {{ ref('int_score_estimates_interpolated') }}
),

from_heuristics as (
    select * from {{ ref('int_heuristic_estimates_computed') }}
),

-- Every method model has these columns; the interval bounds are empty where the
-- confidence word's factor applies (below).
estimates_unioned as (
    {%- for method_estimates in [
        'reported', 'from_hardware', 'from_operations', 'from_statements', 'from_benchmarks',
        'from_benchmark_scores', 'from_heuristics',
    ] %}
        select
            model_id,
            estimation_method,
            training_compute_flop,
            confidence,
            evidence_url,
            training_compute_notes,
            method_lower_flop,
            method_upper_flop
        from {{ method_estimates }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

-- Floating-point sums in the benchmark fit can differ in the last bits from one build
-- to the next (the order rows reach an aggregate is not fixed); 10 significant digits
-- make every estimate, and so every export, identical across builds.
estimates_rounded as (
    select
        estimates_unioned.model_id,
        estimates_unioned.estimation_method,
        estimates_unioned.confidence,
        estimates_unioned.evidence_url,
        estimates_unioned.training_compute_notes,
        {{ round_significant('estimates_unioned.training_compute_flop') }} as training_compute_flop,
        {{ round_significant('estimates_unioned.method_lower_flop') }} as method_lower_flop,
        {{ round_significant('estimates_unioned.method_upper_flop') }} as method_upper_flop
    from estimates_unioned
),

estimates_with_interval as (
    select
        model_id || ':' || estimation_method as model_estimate_id,
        model_id,
        estimation_method,
        training_compute_flop,
        confidence,
        evidence_url,
        training_compute_notes,
        method_lower_flop,
        method_upper_flop,
        {{ method_precedence('estimation_method') }} as method_precedence,
        coalesce(
            method_lower_flop, training_compute_flop / {{ interval_factor('confidence') }}
        ) as training_compute_lower_flop,
        coalesce(
            method_upper_flop, training_compute_flop * {{ interval_factor('confidence') }}
        ) as training_compute_upper_flop
    from estimates_rounded
    -- Finite and inside the plausible FLOP range (ingest/ranges.py): an extrapolation from
    -- an extreme input is no estimate, and an infinite one would fail the casts downstream.
    where {{ plausible('derived', 'training_compute_flop') }} is not null
),

estimates_classified as (
    select
        *,
        {{ threshold_class('training_compute_lower_flop', 'training_compute_upper_flop') }}
            as threshold_class
    from estimates_with_interval
)

select * from estimates_classified
