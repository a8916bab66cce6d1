{# An exclusion as a duplicate names the model it duplicates ("duplicate of gpt-4"):
   that model must exist (in a source, or added by the seed) and not be the model itself. #}
with

exclusions as (
    select
        lower(trim(model_id)) as model_id,
        lower(regexp_extract(reason, '(?i)duplicate of\s+([a-z0-9._-]+)', 1)) as duplicate_of_model_id
    from {{ ref('manual_overrides') }}
    where
        lower(trim(change_kind)) = 'exclude'
        and reason ilike '%duplicate of%'
        -- A point-in-time build (var as_of) knows only the models seen by then.
        and {{ as_of_filter('changed_on') }}
),

models as (
    select model_id from {{ ref('int_models_identified') }}
),

added as (
    select lower(trim(model_id)) as model_id
    from {{ ref('manual_overrides') }}
    where lower(trim(change_kind)) = 'add'
),

known_models as (
    select model_id from models
    union all
    select model_id from added
),

bad_duplicates as (
    select exclusions.*
    from exclusions
    left join known_models
        on rtrim(exclusions.duplicate_of_model_id, '.') = known_models.model_id
    where
        known_models.model_id is null
        or rtrim(exclusions.duplicate_of_model_id, '.') = exclusions.model_id
)

select * from bad_duplicates
