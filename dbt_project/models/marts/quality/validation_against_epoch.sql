{# VALIDATION BRANCH: Epoch AI's published estimates against ours, one row per model in
   Epoch's newest capture. Nothing here flows back into the estimates or the published
   list. validation_outcome for an Epoch model at or above the threshold:
   found_published (in our published list), found_uncertain (not published, but above or
   uncertain in marts.models: in the review queue), missed_classified_below (we estimate
   it below), missed_no_estimate (we know it but could not estimate it),
   missed_not_in_our_models (no source of ours names it, or the name did not match).
   For an Epoch model under the threshold: false_positive_published (we publish it),
   agrees_not_published, not_in_our_models. no_epoch_estimate when Epoch gives no figure. #}
with

epoch_models as (
    select * from {{ ref('int_epoch_models_matched') }}
),

our_models as (
    select
        model_id,
        model_name,
        training_compute_flop,
        training_compute_lower_flop,
        training_compute_upper_flop,
        confidence,
        estimation_method,
        threshold_class,
        is_excluded
    from {{ ref('models') }}
),

published as (
    select model_id from {{ ref('models_above_1e25_flop') }}
),

compared as (
    select
        epoch_models.epoch_model_name,
        epoch_models.epoch_organization,
        epoch_models.publication_date as epoch_publication_date,
        epoch_models.training_compute_flop as epoch_compute_flop,
        epoch_models.confidence as epoch_confidence,
        epoch_models.training_compute_flop >= {{ var('threshold_flop') }} as is_epoch_above_threshold,
        epoch_models.match_method,
        epoch_models.model_id,
        our_models.model_name,
        our_models.training_compute_flop,
        our_models.training_compute_lower_flop,
        our_models.training_compute_upper_flop,
        our_models.confidence,
        our_models.estimation_method,
        our_models.threshold_class,
        published.model_id is not null as is_in_published_list,
        our_models.training_compute_flop / epoch_models.training_compute_flop as ratio_to_epoch,
        our_models.training_compute_flop / epoch_models.training_compute_flop
        between 1 / {{ var('accuracy_tolerance_factor') }} and {{ var('accuracy_tolerance_factor') }}
            as is_within_tolerance,
        epoch_models.training_compute_flop
        between our_models.training_compute_lower_flop and our_models.training_compute_upper_flop
            as is_epoch_in_interval,
        epoch_models.is_sample as is_sample_data
    from epoch_models
    left join our_models
        on epoch_models.model_id = our_models.model_id
    left join published
        on epoch_models.model_id = published.model_id
),

outcomes as (
    select
        *,
        case
            when epoch_compute_flop is null then 'no_epoch_estimate'
            when is_epoch_above_threshold and is_in_published_list then 'found_published'
            when is_epoch_above_threshold and threshold_class in ('above', 'uncertain') then 'found_uncertain'
            when is_epoch_above_threshold and training_compute_flop is not null then 'missed_classified_below'
            when is_epoch_above_threshold and model_id is not null then 'missed_no_estimate'
            when is_epoch_above_threshold then 'missed_not_in_our_models'
            when is_in_published_list then 'false_positive_published'
            when model_id is not null then 'agrees_not_published'
            else 'not_in_our_models'
        end as validation_outcome
    from compared
)

select * from outcomes
