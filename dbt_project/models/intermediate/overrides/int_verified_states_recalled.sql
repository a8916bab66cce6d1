{# One row per verified model: its state as the tracker showed it when a person verified
   it, from the change history (which outlives the warehouse): the newest state recorded
   on or before the newest verify row's changed_on; when none is that old, the first state
   recorded after it. The final merge pins every field of this state, so a later source
   change cannot move any figure of a verified row, only queue it for review. No row for
   a model verified before any state of it was recorded (its first build records it). #}
with

verifications as (
    select
        model_id,
        verified_on
    from {{ ref('int_model_overrides_combined') }}
    where is_verified
),

recorded as (
    select * from {{ ref('stg_history__model_changes') }}
    where change_type != 'removed'
),

states_at_verification as (
    select
        verifications.model_id,
        verifications.verified_on,
        recorded.refreshed_at,
        cast(recorded.refreshed_at as date) <= verifications.verified_on as is_recorded_by_then,
        recorded.model_name,
        recorded.organization,
        recorded.publication_date,
        recorded.parameters,
        recorded.training_tokens,
        recorded.training_compute_flop,
        recorded.training_compute_lower_flop,
        recorded.training_compute_upper_flop,
        recorded.confidence,
        recorded.estimation_method,
        recorded.training_compute_notes
    from verifications
    inner join recorded
        on verifications.model_id = recorded.model_id
    qualify row_number() over (
        partition by verifications.model_id
        order by
            is_recorded_by_then desc,
            case when is_recorded_by_then then epoch(recorded.refreshed_at) else -epoch(recorded.refreshed_at) end desc,
            recorded.change_id asc
    ) = 1
)

select * from states_at_verification
