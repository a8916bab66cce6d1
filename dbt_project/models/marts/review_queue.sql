{# One row per model a person should look at, most urgent first, with why. #}
with

models as (
    select * from {{ ref('models') }}
),

reasons as (
    select
        model_id,
        1 as priority,
        'uncertain' as review_reason,
        'Interval ' || {{ format_flop('training_compute_lower_flop') }} || ' to '
        || {{ format_flop('training_compute_upper_flop') }}
        || ' FLOP straddles the threshold' as review_detail
    from models
    where threshold_class = 'uncertain' and not is_excluded and not is_verified
    union all
    select
        model_id,
        2 as priority,
        'methods_disagree' as review_reason,
        'Estimation methods differ by ' || printf('%.1f', method_spread_ratio) || '×' as review_detail
    from models
    where method_spread_ratio > {{ var('method_disagreement_factor') }} and not is_excluded
    union all
    select
        model_id,
        3 as priority,
        'no_estimate' as review_reason,
        'Seen in ' || array_to_string(source_names, ', ')
        || ' but no estimate could be made' as review_detail
    from models
    where training_compute_flop is null and not is_excluded
),

queue as (
    select
        reasons.model_id || ':' || reasons.review_reason as review_item_id,
        reasons.model_id,
        models.model_name,
        models.organization,
        reasons.priority,
        reasons.review_reason,
        reasons.review_detail,
        models.training_compute_flop,
        models.threshold_class,
        models.sources,
        row_number() over (
            order by reasons.priority asc, models.training_compute_flop desc nulls last, reasons.model_id asc
        ) as review_rank
    from reasons
    inner join models
        on reasons.model_id = models.model_id
)

select * from queue
