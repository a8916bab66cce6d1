{# The project's measured accuracy, one row per reference set per estimation method,
   plus a method best_non_reported for the estimate the final rule would have chosen
   without the reported figure. Over models with a reported compute figure (leave-one-out:
   marts.estimation_accuracy): how often the method lands within
   var accuracy_tolerance_factor (2×) of the figure, its typical error, and how often the
   figure falls inside the method's 90% interval. Reference sets: all_reported (known
   specs, a third party's figure such as GPT-4's, and Wikipedia) and confident_reported
   (the developers' own figures in the known specs seed). #}
with

accuracy as (
    select * from {{ ref('estimation_accuracy') }}
),

methods_and_best as (
    select
        estimation_method,
        model_id,
        reported_confidence,
        ratio_to_reported,
        abs_log10_error,
        is_within_tolerance,
        is_reported_in_interval,
        is_same_side_of_threshold,
        is_sample_data
    from accuracy
    union all
    select
        'best_non_reported' as estimation_method,
        model_id,
        reported_confidence,
        ratio_to_reported,
        abs_log10_error,
        is_within_tolerance,
        is_reported_in_interval,
        is_same_side_of_threshold,
        is_sample_data
    from accuracy
    where is_best_non_reported
),

reference_sets as (
    select
        'all_reported' as reference_set,
        *
    from methods_and_best
    union all
    select
        'confident_reported' as reference_set,
        *
    from methods_and_best
    where reported_confidence = 'Confident'
),

summary as (
    select
        reference_set || ':' || estimation_method as accuracy_summary_id,
        reference_set,
        estimation_method,
        count(*) as models_compared,
        avg(cast(is_within_tolerance as double)) as share_within_tolerance,
        {{ var('accuracy_tolerance_factor') }} as tolerance_factor,
        median(ratio_to_reported) as median_ratio_to_reported,
        -- Float means in model order: the same value every build (see int_benchmark_regressions_fitted).
        pow(10, avg(log10(ratio_to_reported) order by model_id)) as geometric_mean_ratio,
        sqrt(avg(pow(abs_log10_error, 2) order by model_id)) as rmse_log10,
        max(abs_log10_error) as max_abs_log10_error,
        avg(cast(is_reported_in_interval as double)) as share_reported_in_interval,
        avg(cast(is_same_side_of_threshold as double)) as share_same_side_of_threshold,
        bool_or(is_sample_data) as is_sample_data
    from reference_sets
    group by reference_set, estimation_method
)

select * from summary
