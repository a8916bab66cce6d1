{# The final merge keeps its promise: every value an override sets (the newest row per
   field) is the value marts.models shows, so a verified value survives every refresh;
   every verified model says so; no excluded model is published. #}
with

overrides as (
    select * from {{ ref('int_model_overrides_combined') }}
),

models as (
    select * from {{ ref('models') }}
),

published as (
    select model_id from {{ ref('models_above_1e25_flop') }}
),

broken_promises as (
    select
        overrides.model_id,
        case
            when models.model_id is null then 'override of a model missing from marts.models'
            when
                overrides.training_compute_flop is not null
                and coalesce(overrides.training_compute_flop != models.training_compute_flop, true)
                then 'training_compute_flop differs from the override'
            when
                overrides.parameters is not null
                and coalesce(overrides.parameters != models.parameters, true)
                then 'parameters differ from the override'
            when
                overrides.training_tokens is not null
                and coalesce(overrides.training_tokens != models.training_tokens, true)
                then 'training_tokens differ from the override'
            when
                overrides.publication_date is not null
                and coalesce(overrides.publication_date != models.publication_date, true)
                then 'publication_date differs from the override'
            when
                overrides.organization is not null
                and coalesce(overrides.organization != models.organization, true)
                then 'organization differs from the override'
            when
                overrides.model_name is not null
                and coalesce(overrides.model_name != models.model_name, true)
                then 'model_name differs from the override'
            when
                overrides.confidence is not null
                and coalesce(overrides.confidence != models.confidence, true)
                then 'confidence differs from the override'
            when overrides.is_verified and not models.is_verified then 'verified model not marked'
            when overrides.is_excluded and published.model_id is not null
                then 'excluded model published'
        end as broken_promise
    from overrides
    left join models
        on overrides.model_id = models.model_id
    left join published
        on overrides.model_id = published.model_id
    where models.model_id is not null or overrides.is_added
)

select * from broken_promises
where broken_promise is not null
