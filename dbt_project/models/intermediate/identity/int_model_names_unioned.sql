{# Every name any source (never epoch) uses for a model, one row per source and name,
   with when it was first and last seen. Each new source adds one CTE and one union. #}
with

lmarena_ratings as (
    select * from {{ ref('int_lmarena_ratings_deduplicated') }}
),

known_model_specs as (
    select * from {{ ref('known_model_specs') }}
    where {{ as_of_filter('publication_date') }}
),

openrouter_models as (
    select * from {{ ref('int_openrouter_models_merged') }}
),

huggingface_repos as (
    select * from {{ ref('int_huggingface_repos_deduplicated') }}
),

wikipedia_models as (
    select * from {{ ref('int_wikipedia_models_deduplicated') }}
),

lmarena_names as (
    select
        'lmarena' as source_name,
        arena_model_name as source_model_name,
        arena_model_name as display_name,
        any_value(model_name_normalized) as model_name_normalized,
        any_value(arena_organization) as organization_raw,
        'https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset' as evidence_url,
        bool_and(is_sample) as is_sample,
        min(least(cast(leaderboard_date as timestamp), captured_at)) as first_seen_at,
        max(captured_at) as last_seen_at
    from lmarena_ratings
    group by arena_model_name
),

openrouter_names as (
    -- The id without its :variant; normalize_model_name drops the author prefix.
    select
        'openrouter' as source_name,
        openrouter_model_id as source_model_name,
        -- "Qwen: Qwen3 235B A22B" without the author prefix.
        any_value(regexp_replace(openrouter_model_name, '^[^:]{1,40}:\s*', '')) as display_name,
        any_value(model_name_normalized) as model_name_normalized,
        any_value(author) as organization_raw,
        min(evidence_url) as evidence_url,
        bool_and(is_sample) as is_sample,
        min(least(created_at, first_seen_at)) as first_seen_at,
        max(last_seen_at) as last_seen_at
    from openrouter_models
    group by openrouter_model_id
),

huggingface_names as (
    select
        'huggingface' as source_name,
        repo_id as source_model_name,
        regexp_replace(repo_id, '^[^/]*/', '') as display_name,
        model_name_normalized,
        repo_organization as organization_raw,
        evidence_url,
        is_sample,
        first_seen_at,
        last_seen_at
    from huggingface_repos
),

wikipedia_names as (
    select
        'wikipedia' as source_name,
        wikipedia_model_name as source_model_name,
        wikipedia_model_name as display_name,
        model_name_normalized,
        developer as organization_raw,
        revision_url as evidence_url,
        is_sample,
        first_seen_at,
        last_seen_at
    from wikipedia_models
),

known_spec_names as (
    select
        'known_specs' as source_name,
        model_id as source_model_name,
        model_name as display_name,
        model_id as model_name_normalized,
        organization as organization_raw,
        source_url as evidence_url,
        false as is_sample,
        cast(publication_date as timestamp) as first_seen_at,
        cast(null as timestamp) as last_seen_at
    from known_model_specs
),

names_unioned as (
    select * from lmarena_names
    union all
    select * from openrouter_names
    union all
    select * from huggingface_names
    union all
    select * from wikipedia_names
    union all
    select * from known_spec_names
)

select * from names_unioned
