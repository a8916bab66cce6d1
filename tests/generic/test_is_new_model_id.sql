{#
    An `add` row must create a model no source knew when the row was written: its
    model_id is not in `to`, or `to` first saw it after the row's changed_on (a source
    that later lists an added model does not make an old row wrong; the review queue
    suggests turning it into a correction).
#}
{% test is_new_model_id(model, column_name, to, field='model_id', first_seen_field='first_seen_at') %}

with

added as (
    select
        lower(trim({{ column_name }})) as model_id,
        try_cast(trim(changed_on) as date) as changed_on
    from {{ model }}
    where
        lower(trim(change_kind)) = 'add'
        and nullif(trim({{ column_name }}), '') is not null
        and {{ as_of_filter('changed_on') }}
),

known_models as (
    select
        {{ field }} as model_id,
        cast({{ first_seen_field }} as date) as first_seen_on
    from {{ to }}
),

already_known as (
    select
        added.model_id,
        added.changed_on,
        known_models.first_seen_on
    from added
    inner join known_models
        on added.model_id = known_models.model_id
    where
        known_models.first_seen_on is null
        or added.changed_on is null
        or known_models.first_seen_on <= added.changed_on
)

select * from already_known

{% endtest %}
