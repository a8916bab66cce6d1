{# One row per overridden model: for each field, the newest non-empty value any
   override row gives (by changed_on; ties broken by the value, deterministically). #}
with

overrides as (
    select * from {{ ref('int_overrides_prepared') }}
),

overrides_by_model as (
    select
        model_id,
        arg_max(model_name, changed_on) filter (where model_name is not null) as model_name,
        arg_max(organization, changed_on) filter (where organization is not null) as organization,
        arg_max(publication_date, changed_on) filter (where publication_date is not null)
            as publication_date,
        arg_max(parameters, changed_on) filter (where parameters is not null) as parameters,
        arg_max(training_tokens, changed_on) filter (where training_tokens is not null)
            as training_tokens,
        arg_max(training_compute_flop, changed_on) filter (where training_compute_flop is not null)
            as training_compute_flop,
        arg_max(confidence, changed_on) filter (where confidence is not null) as confidence,
        arg_max(training_compute_notes, changed_on) filter (where training_compute_notes is not null)
            as training_compute_notes,
        bool_or(change_kind = 'add') as is_added,
        bool_or(change_kind = 'verify') as is_verified,
        -- An exclusion stands until a later add/correct/verify row lifts it.
        coalesce(
            arg_max(change_kind = 'exclude', changed_on) filter (
                where change_kind in ('exclude', 'add', 'correct', 'verify')
            ),
            false
        ) as is_excluded,
        arg_max(reason, changed_on) as override_reason,
        arg_max(changed_by, changed_on) as override_changed_by,
        max(changed_on) as override_changed_on,
        list_sort(list_distinct(list(source_url) filter (where source_url is not null)))
            as override_source_urls
    from overrides
    group by model_id
)

select * from overrides_by_model
