{# Staging keeps the overall category only: other slices are in raw for whoever needs them. #}
with

source_ratings as (
    select * from {{ source('lmarena', 'lmarena__ratings') }}
),

renamed as (
    select
        model_name as arena_model_name,
        nullif(trim(organization), '') as arena_organization,
        nullif(trim(license), '') as license,
        category,
        config as arena_config,
        _capture_path as capture_path,
        _capture_sha256 as capture_sha256,
        _source_url as source_url,
        _load_id as load_id,
        rating,
        rating_lower,
        rating_upper,
        variance as rating_variance,
        cast(vote_count as bigint) as vote_count,
        cast(rank as integer) as published_rank,
        _is_sample as is_sample,
        try_cast(leaderboard_publish_date as date) as leaderboard_date,
        _captured_at as captured_at,
        _loaded_at as loaded_at
    from source_ratings
    where category = 'overall'
)

select * from renamed
