{# The published list, Epoch's rule: every model whose final estimate is at or above the
   threshold, plus manual additions, minus manual exclusions. threshold_class says how
   sure each row is. #}
with

models as (
    select * from {{ ref('models') }}
),

published as (
    select
        model_id,
        model_name,
        organization,
        country,
        publication_date,
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
        provenance,
        model_accessibility,
        is_manually_overridden,
        overridden_fields,
        override_reason,
        override_changed_by,
        is_verified,
        is_excluded,
        is_sample_data,
        sources,
        -- filled by the identity/estimation work (issues 12, 13)
        cast(null as double) as probability_above_threshold,
        cast(null as varchar) as base_model_id,
        cast(null as double) as finetune_compute_flop,
        first_seen_at,
        last_seen_at
    from models
    where
        not is_excluded
        and (
            training_compute_flop >= {{ var('threshold_flop') }}
            or provenance = 'manual_addition'
        )
)

select * from published
