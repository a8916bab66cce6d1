{# VALIDATION BRANCH: the headline numbers of marts.validation_against_epoch, one row.
   Recall: share of Epoch's models at or above the threshold that we publish or hold as
   above/uncertain. Precision: share of our published models that Epoch lists with a
   figure at or above the threshold (among those Epoch lists with a figure). Agreement:
   share of models with both figures where ours is within var accuracy_tolerance_factor
   (2×) of Epoch's. Calibration: share of those where Epoch's figure lies inside our 90%
   interval (about 0.9 if the intervals are honest). The issue's targets: recall ≥ 0.95, precision ≥ 0.90, agreement ≥ 0.90. #}
with

validation as (
    select * from {{ ref('validation_against_epoch') }}
),

published as (
    select model_id from {{ ref('models_above_1e25_flop') }}
),

epoch_figures as (
    select
        model_id,
        max(epoch_compute_flop) as epoch_compute_flop
    from validation
    where model_id is not null and epoch_compute_flop is not null
    group by model_id
),

published_judged as (
    select
        count(*) as published_count,
        count(epoch_figures.model_id) as published_with_epoch_figure_count,
        count(*) filter (where epoch_figures.epoch_compute_flop >= {{ var('threshold_flop') }})
            as published_epoch_above_count
    from published
    left join epoch_figures
        on published.model_id = epoch_figures.model_id
),

validation_summary as (
    select
        'epoch' as reference_name,
        count(*) as epoch_model_count,
        count(*) filter (where is_epoch_above_threshold) as epoch_above_count,
        count(*) filter (where validation_outcome in ('found_published', 'found_uncertain'))
            as epoch_above_found_count,
        count(*) filter (where validation_outcome = 'found_published') as epoch_above_published_count,
        count(*) filter (where validation_outcome like 'missed_%') as epoch_above_missed_count,
        count(*) filter (where validation_outcome in ('found_published', 'found_uncertain'))
        / nullif(count(*) filter (where is_epoch_above_threshold), 0) as recall,
        count(*) filter (where epoch_compute_flop is not null and training_compute_flop is not null)
            as shared_estimate_count,
        avg(cast(is_within_tolerance as double)) filter (
            where epoch_compute_flop is not null and training_compute_flop is not null
        ) as share_within_tolerance,
        avg(cast(is_epoch_in_interval as double)) filter (
            where epoch_compute_flop is not null and training_compute_flop is not null
        ) as share_epoch_in_interval,
        median(ratio_to_epoch) as median_ratio_to_epoch,
        {{ var('accuracy_tolerance_factor') }} as tolerance_factor,
        bool_or(is_sample_data) as is_sample_data
    from validation
),

summary_with_precision as (
    select
        validation_summary.*,
        published_judged.published_count,
        published_judged.published_with_epoch_figure_count,
        published_judged.published_epoch_above_count,
        published_judged.published_epoch_above_count
        / nullif(published_judged.published_with_epoch_figure_count, 0) as precision
    from validation_summary
    cross join published_judged
)

select * from summary_with_precision
