{# One row per reference point of a benchmark regression, from both benchmark methods, so
   that one model (int_benchmark_regressions_fitted) fits them all:
   - method 4, LMArena: one regression per snapshot (board_key = the snapshot date), the
     rating as regressor, open-weight references only (closed ones are corrected
     separately, int_benchmark_closed_corrections_fitted);
   - method 4b, published scores: one regression per benchmark (board_key = mmlu_5shot),
     the logit of the score as regressor, every reference.
   Each point carries the minimum number of references its regression needs (the vars
   benchmark_min_reference_models, benchmark_scores_min_reference_models). #}
with

lmarena_references as (
    select * from {{ ref('int_benchmark_references_selected') }}
    where not coalesce(is_proprietary, false)
),

score_references as (
    select * from {{ ref('int_benchmark_score_references_selected') }}
),

points_unioned as (
    select
        'lmarena' as board,
        cast(leaderboard_date as varchar) as board_key,
        model_id,
        rating as regressor_value,
        rating as board_value,
        years_since_2023,
        log10_compute,
        reference_compute_flop,
        {{ var('benchmark_min_reference_models') }} as min_reference_count
    from lmarena_references
    union all
    select
        'benchmark_scores' as board,
        benchmark as board_key,
        model_id,
        score_logit as regressor_value,
        score_percent as board_value,
        years_since_2023,
        log10_compute,
        reference_compute_flop,
        {{ var('benchmark_scores_min_reference_models') }} as min_reference_count
    from score_references
),

points as (
    select
        board || ':' || board_key || ':' || model_id as point_id,
        board || ':' || board_key as regression_id,
        *
    from points_unioned
)

select * from points
