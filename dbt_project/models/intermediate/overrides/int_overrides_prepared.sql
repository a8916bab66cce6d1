{# One row per row of seeds/manual_overrides.csv, typed. Text cells are parsed here, not
   at seed load, so a bad cell is reported by name instead of failing the load. #}
with

overrides as (
    select * from {{ ref('manual_overrides') }}
),

overrides_typed as (
    select
        lower({{ override_text('change_kind') }}) as change_kind,
        lower({{ override_text('model_id') }}) as model_id,
        {{ override_text('model_name') }} as model_name,
        {{ override_text('organization') }} as organization,
        {{ override_text('confidence') }} as confidence,
        {{ override_text('training_compute_notes') }} as training_compute_notes,
        {{ override_text('source_url') }} as source_url,
        {{ override_text('reason') }} as reason,
        {{ override_text('changed_by') }} as changed_by,
        try_cast({{ override_text('publication_date') }} as date) as publication_date,
        cast({{ override_number('parameters') }} as bigint) as parameters,
        cast({{ override_number('training_tokens') }} as bigint) as training_tokens,
        {{ override_number('training_compute_flop') }} as training_compute_flop,
        try_cast({{ override_text('changed_on') }} as date) as changed_on
    from overrides
    where {{ override_text('change_kind') }} is not null
)

select * from overrides_typed
