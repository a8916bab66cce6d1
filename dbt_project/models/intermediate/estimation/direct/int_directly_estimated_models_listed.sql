{# One row per model with at least one estimate from direct evidence, whatever its
   confidence: methods 1-3 (reported, hardware, operation counting) or a developer
   statement (relative, cost). The benchmark methods (4 and 4b) estimate only models
   without one: published figures and statements are better evidence than a rating or
   a score. #}
with

reported as (
    select model_id from {{ ref('int_estimates_reported') }}
),

from_hardware as (
    select model_id from {{ ref('int_hardware_estimates_computed') }}
),

from_operations as (
    select model_id from {{ ref('int_operation_count_estimates_computed') }}
),

from_statements as (
    select model_id from {{ ref('int_statement_estimates_computed') }}
),

models_with_direct_estimate as (
    {%- for method_estimates in ['reported', 'from_hardware', 'from_operations', 'from_statements'] %}
        select model_id from {{ method_estimates }}
        {%- if not loop.last %}
            union
        {%- endif %}
    {%- endfor %}
)

select * from models_with_direct_estimate
