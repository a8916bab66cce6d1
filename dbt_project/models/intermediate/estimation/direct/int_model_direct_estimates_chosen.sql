{# One row per model with a Confident or Likely estimate from a method that reads published
   figures directly (reported, hardware, operation counting): the best of them by the
   final-estimate rule (most confident, then method precedence). What a developer's ratio
   to another model multiplies (int_statement_estimates_computed), and with the statements
   the reference compute of the benchmark methods (int_benchmark_reference_estimates_chosen). #}
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

direct_estimates as (
    {%- for method_estimates in ['reported', 'from_hardware', 'from_operations'] %}
        select
            model_id,
            estimation_method,
            training_compute_flop,
            confidence
        from {{ method_estimates }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

best_direct_estimate as (
    select *
    from direct_estimates
    where confidence in ('Confident', 'Likely') and training_compute_flop > 0
    qualify row_number() over (
        partition by model_id
        order by {{ direct_estimate_order() }}
    ) = 1
)

select * from best_direct_estimate
