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
        {{ plausible('lmarena', 'rating_lower') }} as rating_lower,
        {{ plausible('lmarena', 'rating_upper') }} as rating_upper,
        {{ plausible('lmarena', 'variance') }} as rating_variance,
        cast({{ plausible('lmarena', 'vote_count') }} as bigint) as vote_count,
        cast({{ plausible('lmarena', 'rank') }} as integer) as published_rank,
        _is_sample as is_sample,
        try_cast({{ plausible('lmarena', 'leaderboard_publish_date') }} as date) as leaderboard_date,
        _captured_at as captured_at,
        _loaded_at as loaded_at
    from source_ratings
    -- A rating outside its plausible range (ingest/ranges.py) is no rating: ingest rejects
    -- such rows; this keeps rows loaded before the range existed out as well.
    where category = 'overall' and {{ plausible('lmarena', 'rating') }} is not null
)

select * from renamed
