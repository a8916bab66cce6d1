{# The published list, Epoch's rule (DESIGN.md): every model whose final estimate is at or
   above the threshold, plus manual additions, minus manual exclusions. Two identity rules
   narrow "every model": an experimental checkpoint that no developer tied to a released
   model is not one (seeds/model_identity_rules.csv, kind checkpoint), and a derived model
   counts only when its deriver is the base's developer or it is a cited notable release
   (seeds/notable_derivatives.csv); other derivatives stay in marts.models and, above the
   line, in the review queue. threshold_class and probability_above_threshold say how sure
   each row is. #}
with

models as (
    select * from {{ ref('models') }}
),

-- Who made each base model, for the derived-model rule.
models_with_base_developer as (
    select
        models.*,
        base_models.organization as base_organization,
        models.base_model_id is null
        or models.is_notable_derivative
        or models.organization = base_models.organization as is_eligible_derivation
    from models
    left join models as base_models
        on models.base_model_id = base_models.model_id
),

published as (
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
        finetune_compute_flop,
        rests_on_benchmark_alone,
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
        first_seen_at,
        last_seen_at
    from models_with_base_developer
    where
        not is_excluded
        and (
            (
                training_compute_flop >= {{ var('threshold_flop') }}
                and not is_unattributed_checkpoint
                and is_eligible_derivation
            )
            or provenance = 'manual_addition'
        )
)

select * from published
