{# One row per model_id OpenRouter serves: the facts it gives for estimation. OpenRouter
   has no parameters, tokens or compute; its `created` (when it listed the model) stands in
   for a publication date when it is not back-filled, and is never an announced date. #}
with

openrouter_models as (
    select * from {{ ref('int_openrouter_models_merged') }}
),

names_resolved as (
    select
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
    where source_name = 'openrouter'
),

models_with_id as (
    select
        names_resolved.model_id,
        openrouter_models.evidence_url,
        openrouter_models.is_sample,
        openrouter_models.is_created_backfilled,
        openrouter_models.created_at
    from openrouter_models
    inner join names_resolved
        on openrouter_models.openrouter_model_id = names_resolved.source_model_name
),

facts_per_model as (
    select
        model_id,
        cast(min(created_at) filter (where not is_created_backfilled) as date) as publication_date,
        false as is_publication_date_announced,
        cast(null as bigint) as parameters,
        cast(null as bigint) as active_parameters,
        cast(null as bigint) as training_tokens,
        cast(null as double) as reported_compute_flop,
        coalesce(
            arg_min(evidence_url, created_at) filter (where not is_created_backfilled),
            min(evidence_url)
        ) as evidence_url,
        bool_and(is_sample) as is_sample
    from models_with_id
    group by model_id
)

select * from facts_per_model
