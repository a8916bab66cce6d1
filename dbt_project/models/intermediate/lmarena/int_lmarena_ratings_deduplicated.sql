{# One row per arena model per snapshot date: the newest capture of a snapshot wins.
   Sample rows count only while no real capture of LMArena has been loaded. #}
with

ratings as (
    select * from {{ ref('stg_lmarena__ratings') }}
),

real_data_present as (
    select coalesce(bool_or(not is_sample), false) as has_real_rows
    from ratings
),

ratings_in_use as (
    select ratings.*
    from ratings
    cross join real_data_present
    where not (ratings.is_sample and real_data_present.has_real_rows)
),

ratings_deduplicated as (
    select
        *,
        {{ normalize_model_name('arena_model_name') }} as model_name_normalized
    from ratings_in_use
    qualify row_number() over (
        partition by arena_model_name, leaderboard_date
        order by captured_at desc, capture_sha256 desc
    ) = 1
),

ranked_in_snapshot as (
    select
        *,
        rank() over (partition by leaderboard_date order by rating desc) as rating_rank,
        count(*) over (partition by leaderboard_date) as models_in_snapshot
    from ratings_deduplicated
)

select * from ranked_in_snapshot
