{# One row per filled row of seeds/manual_overrides.csv, typed. Text cells are parsed
   here, not at seed load, so a bad cell is reported by name (by the validator and the
   seed tests, which run first) instead of failing the load. Rows of empty cells, which
   spreadsheets leave behind, are dropped. An exclude row changes no values. #}
with

overrides as (
    select * from {{ ref('manual_overrides') }}
),

overrides_trimmed as (
    select
        lower({{ override_text('change_kind') }}) as change_kind,
        lower({{ override_text('model_id') }}) as model_id,
        {{ override_text('model_name') }} as model_name,
        {{ override_text('organization') }} as organization,
        {{ override_text('publication_date') }} as publication_date,
        {{ override_text('parameters') }} as parameters,
        {{ override_text('training_tokens') }} as training_tokens,
        {{ override_text('training_compute_flop') }} as training_compute_flop,
        lower({{ override_text('confidence') }}) as confidence,
        {{ override_text('training_compute_notes') }} as training_compute_notes,
        {{ override_text('source_url') }} as source_url,
        {{ override_text('reason') }} as reason,
        {{ override_text('changed_by') }} as changed_by,
        {{ override_text('changed_on') }} as changed_on
    from overrides
    where
        {{ override_text('change_kind') }} is not null
        -- A point-in-time build (var as_of) leaves out rows written after that date.
        and {{ as_of_filter('changed_on') }}
),

overrides_typed as (
    select
        -- The whole row's content: equal rows are refused by a seed test, so this is a key.
        md5(concat_ws(
            '|', change_kind, model_id, model_name, organization, publication_date, parameters,
            training_tokens, training_compute_flop, confidence, training_compute_notes,
            source_url, reason, changed_by, changed_on
        )) as override_id,
        change_kind,
        model_id,
        source_url,
        reason,
        changed_by,
        try_cast(changed_on as date) as changed_on,
        change_kind = 'exclude' as is_exclusion,
        case
            when reason ilike '%duplicate of%' then 'duplicate'
            when reason ilike '%not a real model%' then 'not_a_real_model'
            when reason ilike '%not above%' then 'not_above'
        end as exclusion_kind,
        nullif(rtrim(lower(regexp_extract(reason, '(?i)duplicate of\s+([a-z0-9._-]+)', 1)), '.'), '')
            as duplicate_of_model_id,
        -- What the row sets (nothing for an exclusion).
        case when change_kind != 'exclude' then model_name end as model_name,
        case when change_kind != 'exclude' then organization end as organization,
        case when change_kind != 'exclude' then try_cast(publication_date as date) end
            as publication_date,
        case when change_kind != 'exclude' then cast({{ override_number('parameters') }} as bigint) end
            as parameters,
        case
            when change_kind != 'exclude' then cast({{ override_number('training_tokens') }} as bigint)
        end as training_tokens,
        case when change_kind != 'exclude' then {{ override_number('training_compute_flop') }} end
            as training_compute_flop,
        case
            when change_kind = 'exclude' then null
            when confidence = 'confident' then 'Confident'
            when confidence = 'likely' then 'Likely'
            when confidence = 'speculative' then 'Speculative'
        end as confidence,
        case when change_kind != 'exclude' then training_compute_notes end as training_compute_notes
    from overrides_trimmed
),

ids_known as (
    select * from {{ ref('int_model_ids_collected') }}
),

-- A correction, exclusion or verification written with a retired id (or a build's
-- spelling) applies to the model that id resolves to now; an add row keeps its new id.
overrides_resolved as (
    select
        overrides_typed.* replace (
            case
                when overrides_typed.change_kind != 'add'
                    then coalesce(ids_known.model_id, overrides_typed.model_id)
                else overrides_typed.model_id
            end as model_id
        ),
        case
            when overrides_typed.change_kind != 'add' and ids_known.model_id != overrides_typed.model_id
                then overrides_typed.model_id
        end as written_model_id
    from overrides_typed
    left join ids_known
        on overrides_typed.model_id = ids_known.known_id
),

overrides_sequenced as (
    select
        *,
        -- Which row wins when several set one field: the newest changed_on; on one date,
        -- the row content decides, so every build picks the same one.
        row_number() over (order by changed_on asc nulls first, override_id asc) as change_sequence
    from overrides_resolved
)

select * from overrides_sequenced
