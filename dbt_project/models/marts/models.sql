{# One row per resolved model: every model any source (never epoch) ever mentioned, plus
   manual additions, with its final estimate, class and provenance. #}
with

models_final as (
    select * from {{ ref('int_models_overrides_applied') }}
),

published_columns as (
    select
        model_id,
        model_name,
        organization,
        country,
        publication_date,
        is_publication_date_announced,
        publication_date_source,
        parameters,
        active_parameters,
        training_tokens,
        training_compute_flop,
        training_compute_lower_flop,
        training_compute_upper_flop,
        confidence,
        estimation_method,
        training_compute_notes,
        threshold_class,
        probability_above_threshold,
        base_model_id,
        lineage_source,
        finetune_compute_flop,
        is_notable_derivative,
        is_unattributed_checkpoint,
        rests_on_benchmark_alone,
        is_clamped_to_flagship,
        exceeds_frontier_of_its_date,
        provenance,
        model_accessibility,
        is_manually_overridden,
        overridden_fields,
        override_reason,
        override_changed_by,
        is_verified,
        is_excluded,
        is_sample as is_sample_data,
        method_count,
        method_spread_ratio,
        source_names,
        sources,
        first_seen_at,
        last_seen_at
    from models_final
)

select * from published_columns
