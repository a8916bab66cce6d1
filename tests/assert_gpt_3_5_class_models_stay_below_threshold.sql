{# Guard rail of benchmark interpolation: a GPT-3.5-class model (rated more than
   var benchmark_anchor_rating_gap points below GPT-4, var benchmark_anchor_model_id, on
   the same LMArena board) never gets a benchmark estimate at or above the threshold, and
   no GPT-3.5 model is classed above in marts.models. Returns the offending rows. #}
{# Over source-derived data: warns in a refresh, fails in `make test`, whose build makes
   every warning an error (scripts/test.sh). #}
{{ config(severity='warn') }}
with

estimates as (
    select * from {{ ref('int_rating_estimates_interpolated') }}
),

ratings as (
    select * from {{ ref('int_lmarena_ratings_resolved') }}
),

models as (
    select * from {{ ref('models') }}
),

anchor_ratings as (
    select
        leaderboard_date,
        rating as anchor_rating
    from ratings
    where model_id = '{{ var("benchmark_anchor_model_id") }}'
),

weaker_than_anchor_above as (
    select
        estimates.model_id,
        'benchmark estimate ' || estimates.training_compute_flop || ' for a model rated '
        || (anchor_ratings.anchor_rating - estimates.rating) || ' below the anchor' as failure
    from estimates
    inner join anchor_ratings
        on estimates.leaderboard_date = anchor_ratings.leaderboard_date
    where
        estimates.rating < anchor_ratings.anchor_rating - {{ var('benchmark_anchor_rating_gap') }}
        and estimates.training_compute_flop >= {{ var('threshold_flop') }}
),

gpt_3_5_above as (
    select
        model_id,
        'GPT-3.5 model classed ' || threshold_class || ' at ' || training_compute_flop as failure
    from models
    where
        (model_id like 'gpt-3-5%' or model_id like 'gpt-35%')
        and (threshold_class = 'above' or training_compute_flop >= {{ var('threshold_flop') }})
),

failures as (
    select * from weaker_than_anchor_above
    union all
    select * from gpt_3_5_above
)

select * from failures
