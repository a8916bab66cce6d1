{# One row per model: its final (automated) estimate and threshold class. The final
   estimate is the model's most confident estimate (Confident > Likely > Speculative) and,
   among equally confident ones, the first in the method precedence
   reported > hardware > operation counting > relative > cost > benchmark interpolation
   > benchmark scores > heuristic
   (macro method_precedence). A figure the developer published (reported, Confident) so
   always wins; a developer's dense 6ND count (Confident) beats a Wikipedia figure or a
   hardware estimate (Likely). Models with no estimate keep NULLs. #}
with

models as (
    select * from {{ ref('int_models_identified') }}
),

facts as (
    select * from {{ ref('int_model_facts_combined') }}
),

estimates as (
    select * from {{ ref('int_model_estimates_unioned') }}
),

best_estimate as (
    select *
    from estimates
    qualify row_number() over (
        partition by model_id
        order by
            {{ confidence_rank('confidence') }} asc,
            method_precedence asc,
            training_compute_flop desc
    ) = 1
),

method_spread as (
    select
        model_id,
        count(*) as method_count,
        max(training_compute_flop) / min(training_compute_flop) as method_spread_ratio,
        list(estimation_method order by method_precedence) as estimation_methods
    from estimates
    group by model_id
),

models_estimated as (
    select
        models.model_id,
        models.model_name,
        models.organization,
        models.country,
        facts.publication_date,
        facts.is_publication_date_announced,
        facts.publication_date_source,
        facts.parameters,
        facts.active_parameters,
        facts.training_tokens,
        facts.model_accessibility,
        best_estimate.training_compute_flop,
        best_estimate.training_compute_lower_flop,
        best_estimate.training_compute_upper_flop,
        best_estimate.confidence,
        best_estimate.estimation_method,
        best_estimate.training_compute_notes,
        best_estimate.threshold_class,
        coalesce(method_spread.method_count, 0) as method_count,
        method_spread.method_spread_ratio,
        coalesce(method_spread.estimation_methods, []) as estimation_methods,
        models.is_sample or coalesce(facts.has_sample_facts, false) as is_sample,
        models.source_names,
        list_sort(list_distinct(
            list_concat(models.sources, [best_estimate.evidence_url])
        )) as sources,
        models.first_seen_at,
        models.last_seen_at
    from models
    left join facts
        on models.model_id = facts.model_id
    left join best_estimate
        on models.model_id = best_estimate.model_id
    left join method_spread
        on models.model_id = method_spread.model_id
)

select * from models_estimated
