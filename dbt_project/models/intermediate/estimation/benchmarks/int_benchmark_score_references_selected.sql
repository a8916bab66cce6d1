{# One row per benchmark per reference model of method 4b (benchmark scores): a model
   with a developer-published score in seeds/benchmark_scores.csv and a Confident or
   Likely estimate from direct evidence (methods 1-3 and developer statements), the best
   of them by the final-estimate rule: int_benchmark_reference_estimates_chosen, as for method
   4's references.
   Regressors: the score's logit, ln(p / (1 - p)) with p = score / 100 (MMLU saturates
   near 100%: a point gained at 85% is worth more than one at 60%), and years since
   2023-01-01 of the model's publication date. is_open_weights (known specs seed
   accessibility) does not select anything: the quality mart reports the residuals of
   open and closed references apart. #}
with

scores as (
    select
        score_id,
        model_id,
        benchmark,
        score_percent
    from {{ ref('benchmark_scores') }}
    where
        {{ as_of_filter('reported_on') }}
        and score_percent > 0
        and score_percent < 100
),

facts as (
    select
        model_id,
        publication_date,
        model_accessibility
    from {{ ref('int_model_facts_combined') }}
),

best_direct_estimate as (
    select * from {{ ref('int_benchmark_reference_estimates_chosen') }}
),

references_selected as (
    select
        scores.score_id,
        scores.benchmark,
        scores.model_id,
        scores.score_percent,
        ln((scores.score_percent / 100) / (1 - scores.score_percent / 100)) as score_logit,
        facts.publication_date,
        {{ years_since_2023('facts.publication_date') }} as years_since_2023,
        facts.model_accessibility,
        facts.model_accessibility like 'Open weights%' as is_open_weights,
        best_direct_estimate.estimation_method as reference_method,
        best_direct_estimate.confidence as reference_confidence,
        best_direct_estimate.training_compute_flop as reference_compute_flop,
        log10(best_direct_estimate.training_compute_flop) as log10_compute
    from scores
    inner join best_direct_estimate
        on scores.model_id = best_direct_estimate.model_id
    inner join facts
        on scores.model_id = facts.model_id
    where facts.publication_date is not null
)

select * from references_selected
