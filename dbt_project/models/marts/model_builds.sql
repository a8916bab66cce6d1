{# One row per build of a model: every spelling any source (never epoch) uses, with the
   model it folds into and why, so nothing is lost by folding (docs/identity.md). A build
   is a dated API snapshot, a preview, an experimental or app build, an effort variant, a
   re-hosted copy, or the model's own name (is_build false). Its date is the one its name
   states; its rating is its latest LMArena overall rating, when the board rates it. #}
with

names_resolved as (
    select * from {{ ref('int_model_names_resolved') }}
),

ratings as (
    select
        arena_model_name,
        leaderboard_date,
        rating
    from {{ ref('int_lmarena_ratings_deduplicated') }}
),

latest_ratings as (
    select
        arena_model_name,
        arg_max(rating, leaderboard_date) as latest_rating,
        max(leaderboard_date) as latest_rating_date,
        min(leaderboard_date) as first_rated_date
    from ratings
    group by arena_model_name
),

builds as (
    select
        names_resolved.source_name || ':' || names_resolved.source_model_name as model_build_id,
        names_resolved.model_id,
        names_resolved.source_name,
        names_resolved.source_model_name,
        names_resolved.model_name_normalized as build_slug,
        names_resolved.is_build,
        names_resolved.rule_kind,
        names_resolved.resolution_reason,
        names_resolved.rule_source_url,
        {{ api_name_release_date('names_resolved.model_name_normalized') }} as build_date,
        latest_ratings.latest_rating,
        latest_ratings.latest_rating_date,
        latest_ratings.first_rated_date,
        names_resolved.evidence_url,
        names_resolved.is_sample,
        names_resolved.first_seen_at,
        names_resolved.last_seen_at
    from names_resolved
    left join latest_ratings
        on
            names_resolved.source_name = 'lmarena'
            and names_resolved.source_model_name = latest_ratings.arena_model_name
)

select * from builds
