{# One row per model with a Confident or Likely estimate from direct evidence: the methods
   that read published figures (int_model_direct_estimates_chosen: reported, hardware,
   operation counting) and developer statements (int_statement_estimates_computed: relative,
   cost). The best of them by the final-estimate rule (most confident, then method
   precedence). The reference compute of both benchmark methods
   (int_benchmark_references_selected, int_benchmark_score_references_selected). #}
with

best_from_published_figures as (
    select * from {{ ref('int_model_direct_estimates_chosen') }}
),

from_statements as (
    select * from {{ ref('int_statement_estimates_computed') }}
),

direct_estimates as (
    select
        model_id,
        estimation_method,
        training_compute_flop,
        confidence
    from best_from_published_figures
    union all
    select
        model_id,
        estimation_method,
        training_compute_flop,
        confidence
    from from_statements
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
