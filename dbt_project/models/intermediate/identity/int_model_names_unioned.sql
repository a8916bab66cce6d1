{# Every name any source (never epoch) uses for a model, one row per source and name,
   with when it was first and last seen. Each new source adds one CTE and one union. #}
with

lmarena_ratings as (
    select * from {{ ref('int_lmarena_ratings_deduplicated') }}
),

known_model_specs as (
    select * from {{ ref('known_model_specs') }}
),

lmarena_names as (
    select
        'lmarena' as source_name,
        arena_model_name as source_model_name,
        any_value(model_name_normalized) as model_name_normalized,
        any_value(arena_organization) as organization_raw,
        'https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset' as evidence_url,
        bool_and(is_sample) as is_sample,
        min(least(cast(leaderboard_date as timestamp), captured_at)) as first_seen_at,
        max(captured_at) as last_seen_at
    from lmarena_ratings
    group by arena_model_name
),

known_spec_names as (
    select
        'known_specs' as source_name,
        model_id as source_model_name,
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
    select * from known_spec_names
)

select * from names_unioned
