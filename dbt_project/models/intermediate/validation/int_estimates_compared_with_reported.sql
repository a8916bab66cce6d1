{# Leave-one-out check of the methods. One row per model with a reported compute figure
   per other method that could estimate it: what that method says without the reported
   figure, against the reported figure. Hardware, operation counting and the heuristic
   never read the model's reported figure (the heuristic's calibration already leaves the
   model out). The benchmark methods would use it as a reference, so their rows are the
   closed-form leave-one-out predictions of int_benchmark_loo_residuals_computed: for
   benchmark interpolation the newest LMArena fit the model is a reference of, for
   benchmark scores (4b) the benchmark with the narrowest interval. is_best_non_reported marks the estimate the final rule would have chosen
   had nothing been reported. #}
with

reported as (
    select
        model_id,
        training_compute_flop,
        confidence,
        threshold_class
    from {{ ref('int_model_estimates_unioned') }}
    -- A third party's figure (GPT-4's, SemiAnalysis's) is a reference too, Likely like
    -- Wikipedia's: it is in all_reported, never in confident_reported.
    where estimation_method in ('reported', 'third_party_report')
),

other_methods as (
    select
        model_id,
        estimation_method,
        method_precedence,
        training_compute_flop,
        training_compute_lower_flop,
        training_compute_upper_flop,
        confidence,
        threshold_class
    from {{ ref('int_model_estimates_unioned') }}
    where estimation_method in ('hardware', 'operation_counting', 'heuristic')
),

regression_residuals as (
    select
        *,
        case board
            when 'lmarena' then 'benchmark_interpolation'
            else 'benchmark_scores'
        end as estimation_method
    from {{ ref('int_benchmark_loo_residuals_computed') }}
    where is_fit_usable
),

benchmarks_left_out as (
    select
        model_id,
        estimation_method,
        {{ method_precedence('estimation_method') }} as method_precedence,
        loo_predicted_compute_flop as training_compute_flop,
        loo_lower_flop as training_compute_lower_flop,
        loo_upper_flop as training_compute_upper_flop,
        case
            when pow(10, loo_half_width_log10) <= {{ var('benchmark_likely_max_factor') }} then 'Likely'
            else 'Speculative'
        end as confidence,
        {{ threshold_class('loo_lower_flop', 'loo_upper_flop') }} as threshold_class
    from regression_residuals
    -- LMArena: the newest snapshot the model is a reference of (board_key is its date);
    -- published scores: the benchmark with the narrowest interval, as method 4b chooses.
    qualify row_number() over (
        partition by model_id, estimation_method
        order by
            case when board = 'lmarena' then board_key end desc nulls last,
            loo_half_width_log10 asc,
            board_key asc
    ) = 1
),

estimates_without_reported as (
    select * from other_methods
    union all
    select * from benchmarks_left_out
),

compared as (
    select
        reported.model_id || ':' || estimates_without_reported.estimation_method as comparison_id,
        reported.model_id,
        estimates_without_reported.estimation_method,
        estimates_without_reported.method_precedence,
        reported.training_compute_flop as reported_compute_flop,
        reported.confidence as reported_confidence,
        reported.threshold_class as reported_threshold_class,
        estimates_without_reported.training_compute_flop as estimate_flop,
        estimates_without_reported.training_compute_lower_flop as estimate_lower_flop,
        estimates_without_reported.training_compute_upper_flop as estimate_upper_flop,
        estimates_without_reported.confidence as estimate_confidence,
        estimates_without_reported.threshold_class as estimate_threshold_class,
        estimates_without_reported.training_compute_flop / reported.training_compute_flop
            as ratio_to_reported,
        abs(log10(estimates_without_reported.training_compute_flop / reported.training_compute_flop))
            as abs_log10_error,
        estimates_without_reported.training_compute_flop / reported.training_compute_flop
        between 1 / {{ var('accuracy_tolerance_factor') }} and {{ var('accuracy_tolerance_factor') }}
            as is_within_tolerance,
        reported.training_compute_flop between estimates_without_reported.training_compute_lower_flop
        and estimates_without_reported.training_compute_upper_flop as is_reported_in_interval,
        (estimates_without_reported.training_compute_flop >= {{ var('threshold_flop') }})
        = (reported.training_compute_flop >= {{ var('threshold_flop') }}) as is_same_side_of_threshold,
        row_number() over (
            partition by reported.model_id
            order by
                {{ confidence_rank('estimates_without_reported.confidence') }},
                estimates_without_reported.method_precedence
        ) = 1 as is_best_non_reported
    from reported
    inner join estimates_without_reported
        on reported.model_id = estimates_without_reported.model_id
    where estimates_without_reported.training_compute_flop > 0
)

select * from compared
