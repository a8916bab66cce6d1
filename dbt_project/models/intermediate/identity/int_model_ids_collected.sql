{# One row per id a person may write for an existing model: every slug that resolves
   (int_model_slugs_resolved) to a model the sources know, including the model's own id,
   its builds' spellings, and ids that an identity rule retired (gpt-4o-2024-05-13, a
   model of its own before the rules folded it into gpt-4o). The overrides merge and the
   overrides seed test read it, so an override on a retired id keeps applying to the model
   that absorbed it (docs/identity.md, "Stable ids"). #}
with

slugs_resolved as (
    select
        slug,
        model_id
    from {{ ref('int_model_slugs_resolved') }}
),

models as (
    select model_id from {{ ref('int_models_identified') }}
),

ids_known as (
    select
        slugs_resolved.slug as known_id,
        slugs_resolved.model_id,
        slugs_resolved.slug != slugs_resolved.model_id as is_retired_or_build
    from slugs_resolved
    inner join models
        on slugs_resolved.model_id = models.model_id
    union all
    -- Every model's own id, also when no slug spells it (a known-specs id).
    select
        models.model_id as known_id,
        models.model_id,
        false as is_retired_or_build
    from models
)

select distinct * from ids_known
