{#
    relationships, for the overrides seed: every row of the given change kinds must name a
    model_id that `to` knows (every model any source ever mentioned), or one an `add` row
    of the same seed creates. Ids are compared trimmed and lower-cased, as the overrides
    merge reads them.
#}
{% test is_known_model_id(model, column_name, to, field='model_id', kinds=['correct', 'exclude', 'verify']) %}

with

overrides as (
    select
        lower(trim(change_kind)) as change_kind,
        lower(trim({{ column_name }})) as model_id
    from {{ model }}
    where
        nullif(trim({{ column_name }}), '') is not null
        -- A point-in-time build (var as_of) knows only the models seen by then.
        and {{ as_of_filter('changed_on') }}
),

known_models as (
    select {{ field }} as model_id from {{ to }}
    union all
    select model_id from overrides where change_kind = 'add'
),

unknown_ids as (
    select overrides.*
    from overrides
    left join known_models
        on overrides.model_id = known_models.model_id
    where
        overrides.change_kind in (
            {%- for kind in kinds %}'{{ kind }}'{{ ',' if not loop.last }}{% endfor -%}
        )
        and known_models.model_id is null
)

select * from unknown_ids

{% endtest %}
