{# One row per LMArena snapshot per reference model for benchmark interpolation: a model
   on that snapshot with a Confident or Likely estimate from direct evidence: methods 1-3
   (reported, hardware, operation counting) and the developer statements of
   int_statement_estimates_computed (a ratio to another model, a training cost).
   is_proprietary: LMArena lists its licence as Proprietary (no open weights); the fit
   draws its line through the open-weight references and corrects closed models
   separately (int_benchmark_closed_corrections_fitted). Its reference compute is the best of
   those estimates by the final-estimate rule (int_benchmark_reference_estimates_chosen); its
   date regressor is years since 2023-01-01 of the later of its publication date and the
   rated key's own release date (a re-release's rating belongs to the re-release's date). #}
{# A table, not a view: several estimation models read it, and as a view each of them
   would recompute the identity and source chains beneath it. #}
{{ config(materialized='table') }}

with

ratings as (
    select * from {{ ref('int_lmarena_ratings_resolved') }}
),

facts as (
    select
        model_id,
        publication_date
    from {{ ref('int_model_facts_combined') }}
),

best_direct_estimate as (
    select * from {{ ref('int_benchmark_reference_estimates_chosen') }}
),

references_selected as (
    select
        ratings.model_snapshot_id,
        ratings.leaderboard_date,
        ratings.model_id,
        ratings.arena_model_name,
        ratings.rating,
        ratings.is_proprietary,
        facts.publication_date,
        greatest(facts.publication_date, ratings.key_release_date) as rating_date,
        {{ years_since_2023('greatest(facts.publication_date, ratings.key_release_date)') }}
            as years_since_2023,
        best_direct_estimate.estimation_method as reference_method,
        best_direct_estimate.confidence as reference_confidence,
        best_direct_estimate.training_compute_flop as reference_compute_flop,
        log10(best_direct_estimate.training_compute_flop) as log10_compute
    from ratings
    inner join best_direct_estimate
        on ratings.model_id = best_direct_estimate.model_id
    inner join facts
        on ratings.model_id = facts.model_id
    where facts.publication_date is not null
)

select * from references_selected
