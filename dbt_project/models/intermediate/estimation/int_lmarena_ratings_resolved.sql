{# One row per model_id per LMArena snapshot: the model's rating in that snapshot. A model
   with several arena keys on the board (bf16 and fp8 builds, thinking and plain, dated
   re-releases the alias seed merges) takes its best-rated key. Ratings are comparable
   only within one snapshot. is_proprietary: the arena lists the key's licence as
   Proprietary (weights not published). #}
{# A table, not a view: several estimation models read it, and as a view each of them
   would recompute the identity and source chains beneath it. #}
{{ config(materialized='table') }}

with

ratings as (
    select
        arena_model_name,
        leaderboard_date,
        rating,
        license,
        models_in_snapshot,
        is_sample
    from {{ ref('int_lmarena_ratings_deduplicated') }}
),

names_resolved as (
    select
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
    where source_name = 'lmarena'
),

ratings_with_model as (
    select
        names_resolved.model_id,
        ratings.*
    from ratings
    inner join names_resolved
        on ratings.arena_model_name = names_resolved.source_model_name
),

best_key_per_model as (
    select
        model_id,
        leaderboard_date,
        arena_model_name,
        rating,
        coalesce(lower(trim(license)) = 'proprietary', false) as is_proprietary,
        models_in_snapshot,
        is_sample,
        count(*) over (partition by model_id, leaderboard_date) as arena_key_count
    from ratings_with_model
    qualify row_number() over (
        partition by model_id, leaderboard_date
        order by rating desc, arena_model_name asc
    ) = 1
),

ratings_resolved as (
    select
        model_id || ':' || cast(leaderboard_date as varchar) as model_snapshot_id,
        *
    from best_key_per_model
)

select * from ratings_resolved
