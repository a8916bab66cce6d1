{# One row per model that some source says is, or is not, open-weight: the best source
   that knows, by precedence: known specs (Epoch's accessibility words) > Hugging Face
   (a repo in the developer's own organization) > OpenRouter (a linked Hugging Face repo)
   > the LMArena board's licence column when the board has one and fills it. Models no
   source speaks for have no row: unknown stays unknown (a board without a licence column
   says nothing).
   model_accessibility puts it in Epoch's words (macro accessibility_words): the seed's
   own words; closed weights on LMArena's board are "API access" (the arena reaches them
   through the developer's API); published weights are "Open weights (unrestricted)",
   "(non-commercial)" or "(restricted use)" by the licence a source names (the Hugging
   Face card's, else the board's), and stay without words when no source names one. #}
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

huggingface_repos as (
    select
        repo_id,
        license
    from {{ ref('int_huggingface_repos_deduplicated') }}
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
        license,
        lower(trim(license)) not in ('proprietary', 'propretary') as is_open_weights
    from {{ ref('int_lmarena_ratings_deduplicated') }}
    where nullif(trim(license), '') is not null
),

accessibility_signals as (
    select
        model_id,
        model_accessibility ilike 'open weights%' as is_open_weights,
        'known_specs' as accessibility_source,
        1 as source_rank,
        model_accessibility
    from known_model_specs
    union all
    select
        names_resolved.model_id,
        true as is_open_weights,
        'huggingface' as accessibility_source,
        2 as source_rank,
        {{ accessibility_words('true', 'huggingface_repos.license') }} as model_accessibility
    from names_resolved
    left join huggingface_repos
        on names_resolved.source_model_name = huggingface_repos.repo_id
    where names_resolved.source_name = 'huggingface'
    union all
    select
        names_resolved.model_id,
        true as is_open_weights,
        'openrouter' as accessibility_source,
        3 as source_rank,
        cast(null as varchar) as model_accessibility
    from openrouter_models
    inner join names_resolved
        on
            names_resolved.source_name = 'openrouter'
            and openrouter_models.openrouter_model_id = names_resolved.source_model_name
    where openrouter_models.hugging_face_id is not null
    union all
    select
        names_resolved.model_id,
        lmarena_ratings.is_open_weights,
        'lmarena_license' as accessibility_source,
        4 as source_rank,
        {{ accessibility_words('lmarena_ratings.is_open_weights', 'lmarena_ratings.license') }}
            as model_accessibility
    from lmarena_ratings
    inner join names_resolved
        on
            names_resolved.source_name = 'lmarena'
            and lmarena_ratings.arena_model_name = names_resolved.source_model_name
),

accessibility_resolved as (
    select
        model_id,
        arg_min(is_open_weights, [source_rank, cast(is_open_weights as int)]) as is_open_weights,
        arg_min(accessibility_source, [source_rank, cast(is_open_weights as int)]) as accessibility_source
    from accessibility_signals
    group by model_id
),

-- The words of the best source that has some and agrees on whether the weights are open
-- (a linked repo says open but names no licence: the board's licence then says which).
accessibility_worded as (
    select
        accessibility_resolved.model_id,
        accessibility_resolved.is_open_weights,
        accessibility_resolved.accessibility_source,
        arg_min(signals.model_accessibility, signals.source_rank) as model_accessibility
    from accessibility_resolved
    left join accessibility_signals as signals
        on
            accessibility_resolved.model_id = signals.model_id
            and accessibility_resolved.is_open_weights = signals.is_open_weights
            and signals.model_accessibility is not null
    group by
        accessibility_resolved.model_id,
        accessibility_resolved.is_open_weights,
        accessibility_resolved.accessibility_source
)

select * from accessibility_worded
