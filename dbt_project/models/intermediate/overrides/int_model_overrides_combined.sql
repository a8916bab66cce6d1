{# One row per overridden model: for each field, the value of the newest row that sets
   it (newest changed_on; see change_sequence), what a verify row pinned, and whether the
   model stands excluded. The notes explain a compute: a row that sets a new compute
   without notes leaves none from older rows (the merge then writes "Set by ..."). #}
with

overrides_all as (
    select * from {{ ref('int_overrides_prepared') }}
),

newest_compute_rows as (
    select
        model_id,
        max(change_sequence) filter (where training_compute_flop is not null)
            as compute_change_sequence
    from overrides_all
    group by model_id
),

overrides as (
    select
        overrides_all.* replace (
            case
                when overrides_all.change_sequence >= coalesce(newest_compute_rows.compute_change_sequence, 0)
                    then overrides_all.training_compute_notes
            end as training_compute_notes
        )
    from overrides_all
    inner join newest_compute_rows
        on overrides_all.model_id = newest_compute_rows.model_id
),

overrides_by_model as (
    select
        model_id,
        arg_max(model_name, change_sequence) filter (where model_name is not null) as model_name,
        arg_max(organization, change_sequence) filter (where organization is not null) as organization,
        arg_max(publication_date, change_sequence) filter (where publication_date is not null)
            as publication_date,
        arg_max(parameters, change_sequence) filter (where parameters is not null) as parameters,
        arg_max(training_tokens, change_sequence) filter (where training_tokens is not null)
            as training_tokens,
        arg_max(training_compute_flop, change_sequence) filter (where training_compute_flop is not null)
            as training_compute_flop,
        arg_max(confidence, change_sequence) filter (where confidence is not null) as confidence,
        arg_max(training_compute_notes, change_sequence) filter (where training_compute_notes is not null)
            as training_compute_notes,
        bool_or(change_kind = 'add') as is_added,
        bool_or(change_kind = 'verify') as is_verified,
        -- The value a person confirmed; a refresh never changes it (the merge pins it).
        arg_max(training_compute_flop, change_sequence) filter (where change_kind = 'verify')
            as verified_training_compute_flop,
        arg_max(changed_by, change_sequence) filter (where change_kind = 'verify') as verified_by,
        max(changed_on) filter (where change_kind = 'verify') as verified_on,
        -- An exclusion stands until a later add/correct/verify row lifts it.
        coalesce(arg_max(is_exclusion, change_sequence), false) as is_excluded,
        arg_max(exclusion_kind, change_sequence) filter (where is_exclusion) as exclusion_kind,
        arg_max(duplicate_of_model_id, change_sequence) filter (where is_exclusion)
            as duplicate_of_model_id,
        arg_max(reason, change_sequence) as override_reason,
        arg_max(changed_by, change_sequence) as override_changed_by,
        max(changed_on) as override_changed_on,
        count(*) as override_row_count,
        -- Changes whenever any of the model's rows is added, edited or removed: the change
        -- history calls such a change manual.
        md5(string_agg(override_id, ',' order by override_id)) as override_fingerprint,
        list_sort(list_distinct(list(source_url) filter (where source_url is not null)))
            as override_source_urls,
        -- Each row in words, for the change history: a row removed from the file is then
        -- recorded as removed, by what it said (the file does not say who removed it).
        list(
            change_kind || ' by ' || coalesce(changed_by, '?') || ' on '
            || coalesce(cast(changed_on as varchar), '?') || ': ' || coalesce(reason, '')
            || coalesce(' <' || source_url || '>', '') || ' [' || left(override_id, 8) || ']'
            order by change_sequence
        ) as override_rows
    from overrides
    group by model_id
)

select * from overrides_by_model
