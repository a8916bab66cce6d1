{# One row per model whose state this refresh changed: new to the tracker, gone from it,
   or with a different estimate, interval, class, published status or field. Compared
   with the state recorded after the previous refresh in data/history/model_changes.csv
   (stg_history__model_changes), so the comparison survives the loss of the warehouse.
   A change is manual when the model's override rows changed, automated otherwise. A
   recorded model that is gone because the identity rules now fold it into another model
   (int_model_ids_collected: a retired id) is renamed, with the id that absorbed it, not
   removed (docs/identity.md, "Stable ids"). After the build, ingest/history.py appends
   these rows to that file. #}
with

models as (
    select * from {{ ref('models') }}
),

published as (
    select model_id from {{ ref('models_above_1e25_flop') }}
),

overrides_applied as (
    select
        model_id,
        override_fingerprint,
        override_changed_on,
        override_source_urls,
        override_rows
    from {{ ref('int_models_overrides_applied') }}
),

recorded as (
    select * from {{ ref('stg_history__model_changes') }}
),

retired_ids as (
    -- Ids that now resolve to another model: a build's name or an id a rule retired.
    select
        known_id,
        model_id as absorbing_model_id
    from {{ ref('int_model_ids_collected') }}
    where is_retired_or_build
),

current_states as (
    select
        models.model_id,
        models.model_name,
        models.organization,
        models.publication_date,
        models.parameters,
        models.training_tokens,
        models.training_compute_flop,
        models.training_compute_lower_flop,
        models.training_compute_upper_flop,
        models.confidence,
        models.estimation_method,
        models.threshold_class,
        models.provenance,
        published.model_id is not null as is_published,
        models.is_verified,
        models.is_excluded,
        models.is_sample_data,
        models.overridden_fields,
        overrides_applied.override_fingerprint,
        models.override_changed_by,
        overrides_applied.override_changed_on,
        models.override_reason,
        models.training_compute_notes,
        overrides_applied.override_source_urls,
        overrides_applied.override_rows
    from models
    left join published
        on models.model_id = published.model_id
    left join overrides_applied
        on models.model_id = overrides_applied.model_id
),

previous_states as (
    -- The newest recorded state of each model; a model recorded as removed or renamed is
    -- absent.
    select *
    from recorded
    qualify
        row_number() over (partition by model_id order by refreshed_at desc, change_id desc) = 1
        and change_type not in ('removed', 'renamed')
),

fields_compared as (
    -- Which fields differ between a model's recorded state and its state now.
    select
        current_states.model_id,
        list_filter([
            case
                when current_states.model_name is distinct from previous_states.model_name
                    then 'model_name'
            end,
            case
                when current_states.organization is distinct from previous_states.organization
                    then 'organization'
            end,
            case
                when current_states.publication_date is distinct from previous_states.publication_date
                    then 'publication_date'
            end,
            case
                when current_states.parameters is distinct from previous_states.parameters
                    then 'parameters'
            end,
            case
                when current_states.training_tokens is distinct from previous_states.training_tokens
                    then 'training_tokens'
            end,
            case when {{ number_changed('training_compute_flop') }} then 'training_compute_flop' end,
            case
                when
                    {{ number_changed('training_compute_lower_flop') }}
                    or {{ number_changed('training_compute_upper_flop') }}
                    then 'training_compute_interval'
            end,
            case
                when current_states.confidence is distinct from previous_states.confidence
                    then 'confidence'
            end,
            case
                when current_states.estimation_method is distinct from previous_states.estimation_method
                    then 'estimation_method'
            end,
            case
                when current_states.threshold_class is distinct from previous_states.threshold_class
                    then 'threshold_class'
            end,
            case
                when current_states.provenance is distinct from previous_states.provenance
                    then 'provenance'
            end,
            case
                when current_states.is_published is distinct from previous_states.is_published
                    then 'is_published'
            end,
            case
                when current_states.is_verified is distinct from previous_states.is_verified
                    then 'is_verified'
            end,
            case
                when current_states.is_excluded is distinct from previous_states.is_excluded
                    then 'is_excluded'
            end,
            case
                when current_states.overridden_fields is distinct from previous_states.overridden_fields
                    then 'overridden_fields'
            end,
            -- An edited override row (even one that changes no value) is part of the audit trail.
            case
                when
                    coalesce(current_states.override_fingerprint, '')
                    != coalesce(previous_states.override_fingerprint, '')
                    then 'override_rows'
            end
        ], field_name -> field_name is not null) as changed_fields
    from current_states
    inner join previous_states
        on current_states.model_id = previous_states.model_id
),

states_compared as (
    select
        coalesce(current_states.model_id, previous_states.model_id) as model_id,
        case
            when previous_states.model_id is null then 'new'
            when current_states.model_id is null and retired_ids.known_id is not null then 'renamed'
            when current_states.model_id is null then 'removed'
            else 'changed'
        end as change_type,
        -- A renamed id keeps applying to this model (overrides, history, links).
        case when current_states.model_id is null then retired_ids.absorbing_model_id end
            as renamed_to_model_id,
        -- None listed for a new or a removed model: the whole row is the change.
        coalesce(fields_compared.changed_fields, []) as changed_fields,
        coalesce(current_states.override_fingerprint, '')
        != coalesce(previous_states.override_fingerprint, '') as is_manual,
        -- A removed model keeps its last recorded values, and leaves the published list.
        coalesce(current_states.model_name, previous_states.model_name) as model_name,
        coalesce(current_states.organization, previous_states.organization) as organization,
        coalesce(current_states.publication_date, previous_states.publication_date) as publication_date,
        coalesce(current_states.parameters, previous_states.parameters) as parameters,
        coalesce(current_states.training_tokens, previous_states.training_tokens) as training_tokens,
        coalesce(current_states.training_compute_flop, previous_states.training_compute_flop)
            as training_compute_flop,
        coalesce(current_states.training_compute_lower_flop, previous_states.training_compute_lower_flop)
            as training_compute_lower_flop,
        coalesce(current_states.training_compute_upper_flop, previous_states.training_compute_upper_flop)
            as training_compute_upper_flop,
        coalesce(current_states.confidence, previous_states.confidence) as confidence,
        coalesce(current_states.estimation_method, previous_states.estimation_method) as estimation_method,
        coalesce(current_states.threshold_class, previous_states.threshold_class) as threshold_class,
        coalesce(current_states.provenance, previous_states.provenance) as provenance,
        coalesce(current_states.is_published, false) as is_published,
        coalesce(current_states.is_verified, previous_states.is_verified) as is_verified,
        coalesce(current_states.is_excluded, previous_states.is_excluded) as is_excluded,
        coalesce(current_states.is_sample_data, previous_states.is_sample_data) as is_sample_data,
        coalesce(current_states.overridden_fields, previous_states.overridden_fields) as overridden_fields,
        current_states.override_fingerprint,
        -- The override rows in effect now: when a person deleted rows, the newest row left
        -- (or none), never the deleted row's author and reason.
        case
            when current_states.model_id is null then previous_states.override_changed_by
            else current_states.override_changed_by
        end as override_changed_by,
        case
            when current_states.model_id is null then previous_states.override_changed_on
            else current_states.override_changed_on
        end as override_changed_on,
        case
            when current_states.model_id is null then previous_states.override_reason
            else current_states.override_reason
        end as override_reason,
        previous_states.training_compute_flop as previous_training_compute_flop,
        previous_states.threshold_class as previous_threshold_class,
        previous_states.is_published as previous_is_published,
        case
            when current_states.model_id is null then previous_states.training_compute_notes
            else current_states.training_compute_notes
        end as training_compute_notes,
        case
            when current_states.model_id is null then previous_states.override_source_urls
            else current_states.override_source_urls
        end as override_source_urls,
        case
            when current_states.model_id is null then previous_states.override_rows
            else current_states.override_rows
        end as override_rows,
        -- Rows added to and removed from the overrides file for this model since the
        -- recorded state (nothing for a model that left marts.models).
        case
            when current_states.model_id is null then []
            else list_filter(
                coalesce(current_states.override_rows, []),
                override_row -> not list_contains(coalesce(previous_states.override_rows, []), override_row)
            )
        end as override_rows_added,
        case
            when current_states.model_id is null then []
            else list_filter(
                coalesce(previous_states.override_rows, []),
                override_row -> not list_contains(coalesce(current_states.override_rows, []), override_row)
            )
        end as override_rows_removed
    from current_states
    full outer join previous_states
        on current_states.model_id = previous_states.model_id
    left join fields_compared
        on current_states.model_id = fields_compared.model_id
    left join retired_ids
        on previous_states.model_id = retired_ids.known_id
),

changes as (
    select
        md5(model_id || '@' || '{{ run_started_at.strftime("%Y-%m-%dT%H:%M:%S.%f") }}') as change_id,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as refreshed_at,
        model_id,
        model_name,
        change_type,
        case when is_manual then 'manual' else 'automated' end as change_origin,
        changed_fields,
        organization,
        publication_date,
        parameters,
        training_tokens,
        training_compute_flop,
        training_compute_lower_flop,
        training_compute_upper_flop,
        confidence,
        estimation_method,
        threshold_class,
        provenance,
        is_published,
        is_verified,
        is_excluded,
        is_sample_data,
        overridden_fields,
        override_fingerprint,
        override_changed_by,
        override_changed_on,
        override_reason,
        previous_training_compute_flop,
        previous_threshold_class,
        previous_is_published,
        training_compute_notes,
        override_source_urls,
        override_rows,
        override_rows_added,
        override_rows_removed,
        renamed_to_model_id
    from states_compared
    where change_type != 'changed' or len(changed_fields) > 0
)

select * from changes
