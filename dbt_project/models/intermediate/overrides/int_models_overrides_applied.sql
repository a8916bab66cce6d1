{# The final merge, in plain sight: the contractor's overrides win over everything
   computed. One row per model (every model any source mentioned, plus manual additions).
   A field set by an override is coalesce(override, computed), flagged in is_<x>_overridden
   and listed in overridden_fields. An override of compute sets the estimate, its
   confidence (default Likely) and so its interval and class. A verified value is an
   override like any other: no refresh changes it; when the automated estimate moves more
   than var('verified_disagreement_factor') away from it, the review queue says so. A
   verify pins the whole row, not only the compute: every field keeps the value it had when
   verified (int_verified_states_recalled) unless a row sets it. #}
{# A table, not a view: marts.models, the review queue and the change history all read
   it, and as a view each of them would recompute the whole estimation chain beneath. #}
{{ config(materialized='table') }}

with

computed as (
    select * from {{ ref('int_models_estimated') }}
),

overrides as (
    select * from {{ ref('int_model_overrides_combined') }}
),

verified_states as (
    select * from {{ ref('int_verified_states_recalled') }}
),

joined as (
    select
        coalesce(computed.model_id, overrides.model_id) as model_id,
        computed.model_id is null as is_only_in_overrides,
        computed.model_name as computed_model_name,
        computed.organization as computed_organization,
        computed.country,
        computed.publication_date as computed_publication_date,
        computed.is_publication_date_announced as computed_is_publication_date_announced,
        computed.publication_date_source as computed_publication_date_source,
        computed.parameters as computed_parameters,
        computed.active_parameters as computed_active_parameters,
        computed.training_tokens as computed_training_tokens,
        computed.model_accessibility,
        computed.base_model_id,
        computed.lineage_source,
        computed.finetune_compute_flop,
        coalesce(computed.is_notable_derivative, false) as is_notable_derivative,
        coalesce(computed.is_unattributed_checkpoint, false) as is_unattributed_checkpoint,
        coalesce(computed.rests_on_benchmark_alone, false) as rests_on_benchmark_alone,
        coalesce(computed.is_clamped_to_flagship, false) as is_clamped_to_flagship,
        coalesce(computed.exceeds_frontier_of_its_date, false) as exceeds_frontier_of_its_date,
        computed.training_compute_flop as computed_training_compute_flop,
        computed.training_compute_lower_flop as computed_lower_flop,
        computed.training_compute_upper_flop as computed_upper_flop,
        computed.confidence as computed_confidence,
        computed.estimation_method as computed_estimation_method,
        computed.training_compute_notes as computed_notes,
        computed.threshold_class as computed_threshold_class,
        computed.method_count,
        computed.method_spread_ratio,
        computed.source_names,
        computed.sources as computed_sources,
        computed.first_seen_at,
        computed.last_seen_at,
        overrides.model_name as override_model_name,
        overrides.organization as override_organization,
        overrides.publication_date as override_publication_date,
        overrides.parameters as override_parameters,
        overrides.training_tokens as override_training_tokens,
        overrides.training_compute_flop as override_training_compute_flop,
        overrides.confidence as override_confidence,
        overrides.training_compute_notes as override_notes,
        overrides.override_reason,
        overrides.override_changed_by,
        overrides.override_changed_on,
        overrides.override_source_urls,
        overrides.override_rows,
        overrides.override_fingerprint,
        overrides.verified_training_compute_flop,
        overrides.verified_by,
        overrides.verified_on,
        overrides.exclusion_kind,
        overrides.duplicate_of_model_id,
        'Set by ' || coalesce(overrides.override_changed_by, 'a contractor') || ' on '
        || coalesce(cast(overrides.override_changed_on as varchar), '?') || ': '
        || coalesce(overrides.override_reason, '') as override_default_notes,
        verified_states.model_name as pinned_model_name,
        verified_states.organization as pinned_organization,
        verified_states.publication_date as pinned_publication_date,
        verified_states.parameters as pinned_parameters,
        verified_states.training_tokens as pinned_training_tokens,
        verified_states.training_compute_flop as pinned_training_compute_flop,
        verified_states.training_compute_lower_flop as pinned_lower_flop,
        verified_states.training_compute_upper_flop as pinned_upper_flop,
        verified_states.confidence as pinned_confidence,
        verified_states.estimation_method as pinned_estimation_method,
        verified_states.training_compute_notes as pinned_notes,
        coalesce(computed.is_sample, false) as is_sample,
        coalesce(overrides.is_added, false) as is_added,
        coalesce(overrides.is_verified, false) as is_verified,
        coalesce(overrides.is_excluded, false) as is_excluded
    from computed
    full outer join overrides
        on computed.model_id = overrides.model_id
    left join verified_states
        on coalesce(computed.model_id, overrides.model_id) = verified_states.model_id
    -- Only an `add` row may create a model; a correction of an unknown model_id is
    -- refused by the validator and by the seed tests, never silently invented here.
    where computed.model_id is not null or overrides.is_added
),

pins_applied as (
    -- A verified model keeps every field as it was when verified (int_verified_states_recalled),
    -- unless a row sets it; a pin that holds a value against the sources (differs from the
    -- computed one) counts as an override of that field.
    select
        * replace (
            coalesce(
                override_model_name,
                case
                    when pinned_model_name is distinct from computed_model_name
                        then pinned_model_name
                end
            ) as override_model_name,
            coalesce(
                override_organization,
                case
                    when pinned_organization is distinct from computed_organization
                        then pinned_organization
                end
            ) as override_organization,
            coalesce(
                override_publication_date,
                case
                    when pinned_publication_date is distinct from computed_publication_date
                        then pinned_publication_date
                end
            ) as override_publication_date,
            coalesce(
                override_parameters,
                case
                    when pinned_parameters is distinct from computed_parameters
                        then pinned_parameters
                end
            ) as override_parameters,
            coalesce(
                override_training_tokens,
                case
                    when pinned_training_tokens is distinct from computed_training_tokens
                        then pinned_training_tokens
                end
            ) as override_training_tokens
        ),
        -- The interval, confidence, method and notes verified go with the compute verified:
        -- pinned while the compute is the state's and no newer row set another confidence.
        coalesce(
            override_training_compute_flop is not null
            and pinned_training_compute_flop is not null
            and abs(pinned_training_compute_flop - override_training_compute_flop)
            <= 1e-9 * abs(override_training_compute_flop)
            and coalesce(override_confidence = pinned_confidence, override_confidence is null),
            false
        ) as is_verified_estimate_pinned
    from joined
),

changes_flagged as (
    select
        *,
        -- An override that repeats the computed value (a verify row confirming it) is
        -- recorded, but changes nothing: the row keeps its computed provenance.
        override_model_name is not null
        and coalesce(override_model_name != computed_model_name, true) as is_model_name_changed,
        override_organization is not null
        and coalesce(override_organization != computed_organization, true) as is_organization_changed,
        override_publication_date is not null
        and coalesce(override_publication_date != computed_publication_date, true) as is_publication_date_changed,
        override_parameters is not null
        and coalesce(override_parameters != computed_parameters, true) as is_parameters_changed,
        override_training_tokens is not null
        and coalesce(override_training_tokens != computed_training_tokens, true) as is_training_tokens_changed,
        override_training_compute_flop is not null
        and coalesce(override_training_compute_flop != computed_training_compute_flop, true)
            as is_training_compute_flop_changed,
        override_confidence is not null
        and coalesce(override_confidence != computed_confidence, true) as is_confidence_changed
    from pins_applied
),

confidence_chosen as (
    select
        *,
        coalesce(
            override_confidence,
            case when is_verified_estimate_pinned then pinned_confidence end,
            case when is_training_compute_flop_changed then 'Likely' end,
            computed_confidence
        ) as final_confidence,
        coalesce(override_training_compute_flop, computed_training_compute_flop)
            as final_training_compute_flop,
        -- The interval follows the override when it set the value or the confidence.
        is_training_compute_flop_changed or override_confidence is not null as is_interval_overridden
    from changes_flagged
),

overrides_applied as (
    select
        model_id,
        coalesce(override_model_name, computed_model_name, model_id) as model_name,
        coalesce(override_organization, computed_organization) as organization,
        country,
        coalesce(override_publication_date, computed_publication_date) as publication_date,
        -- A date a person set (a correct or add row, or a verified model's pin) is a cited
        -- one; else whether a source announced it or it is the earliest sighting.
        coalesce(override_publication_date is not null or computed_is_publication_date_announced, false)
            as is_publication_date_announced,
        case
            when override_publication_date is not null then 'manual_override'
            else computed_publication_date_source
        end as publication_date_source,
        coalesce(override_parameters, computed_parameters) as parameters,
        case
            when override_parameters is not null and computed_active_parameters = computed_parameters
                then override_parameters
            else coalesce(computed_active_parameters, override_parameters)
        end as active_parameters,
        coalesce(override_training_tokens, computed_training_tokens) as training_tokens,
        model_accessibility,
        base_model_id,
        lineage_source,
        finetune_compute_flop,
        is_notable_derivative,
        is_unattributed_checkpoint,
        -- A person's figure is evidence of its own: the row no longer rests on a benchmark.
        rests_on_benchmark_alone and not is_training_compute_flop_changed as rests_on_benchmark_alone,
        is_clamped_to_flagship and not is_training_compute_flop_changed as is_clamped_to_flagship,
        exceeds_frontier_of_its_date and not is_training_compute_flop_changed as exceeds_frontier_of_its_date,
        final_training_compute_flop as training_compute_flop,
        case
            when is_verified_estimate_pinned and pinned_lower_flop is not null then pinned_lower_flop
            when is_interval_overridden
                then final_training_compute_flop / {{ interval_factor('final_confidence') }}
            else computed_lower_flop
        end as training_compute_lower_flop,
        case
            when is_verified_estimate_pinned and pinned_upper_flop is not null then pinned_upper_flop
            when is_interval_overridden
                then final_training_compute_flop * {{ interval_factor('final_confidence') }}
            else computed_upper_flop
        end as training_compute_upper_flop,
        final_confidence as confidence,
        case
            when is_verified_estimate_pinned and pinned_estimation_method is not null
                then pinned_estimation_method
            when is_training_compute_flop_changed then 'manual'
            else computed_estimation_method
        end as estimation_method,
        coalesce(
            override_notes,
            case when is_verified_estimate_pinned then pinned_notes end,
            case when is_training_compute_flop_changed then override_default_notes end,
            computed_notes
        ) as training_compute_notes,
        computed_training_compute_flop,
        computed_estimation_method,
        computed_threshold_class,
        method_count,
        method_spread_ratio,
        is_sample,
        is_verified,
        is_excluded,
        is_added,
        override_reason,
        override_changed_by,
        override_changed_on,
        override_fingerprint,
        coalesce(override_source_urls, []) as override_source_urls,
        coalesce(override_rows, []) as override_rows,
        verified_training_compute_flop,
        verified_by,
        verified_on,
        exclusion_kind,
        duplicate_of_model_id,
        override_model_name is not null as is_model_name_overridden,
        override_organization is not null as is_organization_overridden,
        override_publication_date is not null as is_publication_date_overridden,
        override_parameters is not null as is_parameters_overridden,
        override_training_tokens is not null as is_training_tokens_overridden,
        override_training_compute_flop is not null as is_training_compute_flop_overridden,
        override_confidence is not null as is_confidence_overridden,
        override_notes is not null as is_training_compute_notes_overridden,
        is_model_name_changed
        or is_organization_changed
        or is_publication_date_changed
        or is_parameters_changed
        or is_training_tokens_changed
        or is_training_compute_flop_changed
        or is_confidence_changed as is_any_value_changed,
        coalesce(source_names, []) as source_names,
        list_sort(list_distinct(list_concat(
            coalesce(computed_sources, []), coalesce(override_source_urls, [])
        ))) as sources,
        first_seen_at,
        last_seen_at
    from confidence_chosen
),

provenance_assigned as (
    select
        *,
        list_sort(list_distinct([
            case when is_model_name_overridden then 'model_name' end,
            case when is_organization_overridden then 'organization' end,
            case when is_publication_date_overridden then 'publication_date' end,
            case when is_parameters_overridden then 'parameters' end,
            case when is_training_tokens_overridden then 'training_tokens' end,
            case when is_training_compute_flop_overridden then 'training_compute_flop' end,
            case when is_confidence_overridden then 'confidence' end,
            case when is_training_compute_notes_overridden then 'training_compute_notes' end
        ])) as overridden_fields,
        {{ threshold_class('training_compute_lower_flop', 'training_compute_upper_flop') }}
            as threshold_class,
        {{ probability_above_threshold(
            'training_compute_flop', 'training_compute_lower_flop', 'training_compute_upper_flop'
        ) }} as probability_above_threshold,
        -- How far the automated estimate now stands from the value a person verified.
        greatest(
            computed_training_compute_flop / verified_training_compute_flop,
            verified_training_compute_flop / computed_training_compute_flop
        ) as verified_disagreement_ratio
    from overrides_applied
),

final as (
    select
        *,
        len(overridden_fields) > 0 or is_added or is_excluded or is_verified
            as is_manually_overridden,
        case
            when is_added then 'manual_addition'
            when is_any_value_changed then 'manual_correction'
            when computed_estimation_method in ('reported', 'third_party_report') then 'scraped'
            when computed_estimation_method is not null then 'estimated'
            else 'scraped'
        end as provenance
    from provenance_assigned
)

select * from final
