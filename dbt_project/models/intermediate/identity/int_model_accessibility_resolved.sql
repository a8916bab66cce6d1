{# One row per model that some source says is, or is not, open-weight: the best source
   that knows, by precedence: known specs (Epoch's accessibility words) > Hugging Face
   (a repo in the developer's own organization) > OpenRouter (a linked Hugging Face repo)
   > the LMArena board's licence column when the board has one and fills it. Models no
   source speaks for have no row: unknown stays unknown (a board without a licence column
   says nothing). #}
with

names_resolved as (
    select
        source_name,
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
),

known_model_specs as (
    select
        model_id,
        model_accessibility
    from {{ ref('known_model_specs') }}
    where
        nullif(trim(model_accessibility), '') is not null
        and {{ as_of_filter('publication_date') }}
),

openrouter_models as (
    select
        openrouter_model_id,
        hugging_face_id
    from {{ ref('int_openrouter_models_merged') }}
),

lmarena_ratings as (
    select
        arena_model_name,
        license
    from {{ ref('int_lmarena_ratings_deduplicated') }}
    where nullif(trim(license), '') is not null
),

accessibility_signals as (
    select
        model_id,
        model_accessibility ilike 'open weights%' as is_open_weights,
        'known_specs' as accessibility_source,
        1 as source_rank
    from known_model_specs
    union all
    select
        model_id,
        true as is_open_weights,
        'huggingface' as accessibility_source,
        2 as source_rank
    from names_resolved
    where source_name = 'huggingface'
    union all
    select
        names_resolved.model_id,
        true as is_open_weights,
        'openrouter' as accessibility_source,
        3 as source_rank
    from openrouter_models
    inner join names_resolved
        on
            names_resolved.source_name = 'openrouter'
            and openrouter_models.openrouter_model_id = names_resolved.source_model_name
    where openrouter_models.hugging_face_id is not null
    union all
    select
        names_resolved.model_id,
        lower(trim(lmarena_ratings.license)) not in ('proprietary', 'propretary') as is_open_weights,
        'lmarena_license' as accessibility_source,
        4 as source_rank
    from lmarena_ratings
    inner join names_resolved
        on
            names_resolved.source_name = 'lmarena'
            and lmarena_ratings.arena_model_name = names_resolved.source_model_name
),

accessibility_resolved as (
    select
        model_id,
        arg_min(is_open_weights, [source_rank, is_open_weights::int]) as is_open_weights,
        arg_min(accessibility_source, [source_rank, is_open_weights::int]) as accessibility_source
    from accessibility_signals
    group by model_id
)

select * from accessibility_resolved
