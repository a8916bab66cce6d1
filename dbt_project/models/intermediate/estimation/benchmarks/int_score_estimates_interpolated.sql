{# Method 4b, benchmark scores. One row per model that has a developer-published score
   (seeds/benchmark_scores.csv) on a benchmark with a usable fit
   (int_benchmark_score_fits_estimated) and NO estimate from better evidence: methods 1-3,
   developer statements, or LMArena benchmark interpolation (method 4). These are the
   models no other method reaches, such as Gemini 1.0 Ultra: never on LMArena, no size,
   hardware or compute published, only benchmark scores.
   Estimate: 10^(intercept + logit_slope × logit(score) + year_slope × years_since_2023),
   logit(score) = ln(p / (1 - p)), p = score / 100, and the model's publication date.
   A model with scores on several fitted benchmarks takes the one whose interval is
   narrowest (then the benchmark's name).
   90% prediction interval: log10 estimate ± t(0.95, n - p) × s × sqrt(1 + h0), s the
   fit's residual standard error and h0 the model's leverage (wider for scores or dates
   far from the references'). Confidence: Speculative; Likely only when the interval is
   within a factor var benchmark_likely_max_factor (3), as method 4.
   Guard rail (method 4's): an estimate above the largest reference compute ×
   var benchmark_extrapolation_factor (3) is an extrapolation: Speculative, interval at
   least ×/÷ var interval_factor_speculative (10). #}
with

scores as (
    select
        score_id,
        model_id,
        benchmark,
        score_percent,
        source_url,
        citation
    from {{ ref('benchmark_scores') }}
    where
        {{ as_of_filter('reported_on') }}
        and score_percent > 0
        and score_percent < 100
),

fits as (
    select * from {{ ref('int_benchmark_score_fits_estimated') }}
    where is_usable
),

facts as (
    select
        model_id,
        publication_date,
        publication_date_source
    from {{ ref('int_model_facts_combined') }}
    where publication_date is not null
),

models_with_direct_estimate as (
    select model_id from {{ ref('int_directly_estimated_models_listed') }}
),

from_benchmarks as (
    select model_id from {{ ref('int_rating_estimates_interpolated') }}
),

models_with_better_evidence as (
    select model_id from models_with_direct_estimate
    union
    select model_id from from_benchmarks
),

scores_to_predict as (
    select
        scores.*,
        ln((scores.score_percent / 100) / (1 - scores.score_percent / 100)) as score_logit,
        -- The benchmark's name in the notes.
        case scores.benchmark
            when 'mmlu_5shot' then 'MMLU 5-shot'
            else scores.benchmark
        end as benchmark_label
    from scores
    left join models_with_better_evidence
        on scores.model_id = models_with_better_evidence.model_id
    where models_with_better_evidence.model_id is null
),

predicted as (
    select
        scores_to_predict.*,
        facts.publication_date,
        facts.publication_date_source,
        {{ years_since_2023('facts.publication_date') }} as years_since_2023,
        fits.reference_count,
        fits.intercept,
        fits.logit_slope,
        fits.year_slope,
        fits.r_squared,
        fits.loo_rmse_log10,
        fits.residual_standard_error_log10,
        fits.t_quantile,
        fits.max_reference_compute_flop,
        {{ benchmark_log10_prediction(
            'fits', 'scores_to_predict.score_logit', years_since_2023('facts.publication_date'),
            regressor='logit'
        ) }}
            as log10_estimate,
        {{ benchmark_leverage(
            'fits', 'scores_to_predict.score_logit', years_since_2023('facts.publication_date'),
            regressor='logit'
        ) }}
            as leverage
    from scores_to_predict
    inner join fits
        on scores_to_predict.benchmark = fits.benchmark
    inner join facts
        on scores_to_predict.model_id = facts.model_id
),

interval_computed as (
    select
        *,
        t_quantile * residual_standard_error_log10 * sqrt(1 + leverage) as half_width_log10,
        pow(10, log10_estimate) as estimate_flop,
        pow(10, log10_estimate)
        > max_reference_compute_flop * {{ var('benchmark_extrapolation_factor') }} as is_extrapolated
    from predicted
),

narrowest_benchmark as (
    select *
    from interval_computed
    qualify row_number() over (
        partition by model_id
        order by half_width_log10, benchmark
    ) = 1
),

guard_rails_applied as (
    select
        *,
        {{ benchmark_guarded_interval() }}
    from narrowest_benchmark
),

compute_from_benchmark_scores as (
    select
        model_id,
        'benchmark_scores' as estimation_method,
        estimate_flop as training_compute_flop,
        lower_flop as method_lower_flop,
        upper_flop as method_upper_flop,
        confidence,
        source_url as evidence_url,
        benchmark_label || ' ' || printf('%.1f', score_percent) || '% (developer-reported; logit '
        || printf('%.3f', score_logit) || '), published ' || cast(publication_date as varchar)
        || ' (years since 2023-01-01: ' || printf('%.2f', years_since_2023) || ', date from '
        || {{ date_source_words('publication_date_source') }} || '): log10 C = '
        || printf('%.3f', intercept) || ' + ' || printf('%.3f', logit_slope) || ' × logit(score) '
        || case when year_slope < 0 then '- ' else '+ ' end || printf('%.3f', abs(year_slope))
        || ' × years = ' || printf('%.2f', log10_estimate) || ', so '
        || {{ format_flop('estimate_flop') }}
        || ' FLOP. Fitted on ' || reference_count
        || ' models with a developer-reported ' || benchmark_label
        || ' score and a Confident/Likely estimate from direct evidence (R² '
        || printf('%.2f', r_squared) || ', leave-one-out RMSE ' || printf('%.2f', loo_rmse_log10)
        || ' in log10); 90% interval ' || {{ format_flop('lower_flop') }} || ' to '
        || {{ format_flop('upper_flop') }} || ' (the fit''s ×/÷ ' || printf('%.1f', pow(10, half_width_log10))
        || ' = 10^(t ' || printf('%.2f', t_quantile) || ' × s ' || printf('%.2f', residual_standard_error_log10)
        || ' × √(1 + leverage ' || printf('%.2f', leverage) || ')))'
        || case
            when is_extrapolated
                then
                    '. Extrapolated above {{ var('benchmark_extrapolation_factor') }} × the largest reference ('
                    || {{ format_flop('max_reference_compute_flop') }}
                    || '): Speculative, interval widened to at least ×/÷ {{ var('interval_factor_speculative') }}'
            else ''
        end
        || '. Score: ' || citation || '.' as training_compute_notes,
        score_id,
        benchmark,
        score_percent,
        score_logit,
        publication_date,
        years_since_2023,
        log10_estimate,
        leverage,
        half_width_log10,
        is_extrapolated
    from guard_rails_applied
)

select * from compute_from_benchmark_scores
