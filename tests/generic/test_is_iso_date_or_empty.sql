{#
    A cell that must hold a calendar date written YYYY-MM-DD, or nothing. Refuses what
    spreadsheets turn dates into (15/01/2025, 45678, 2025-01-15 00:00:00), impossible
    days (2025-02-30) and, unless allow_future, dates after tomorrow.
#}
{% test is_iso_date_or_empty(model, column_name, allow_future=false) %}

with

cells as (
    select
        {{ column_name }} as cell,
        trim({{ column_name }}) as date_text
    from {{ model }}
    where nullif(trim({{ column_name }}), '') is not null
),

cells_checked as (
    select
        cell,
        case
            when not regexp_full_match(date_text, '[0-9]{4}-[0-9]{2}-[0-9]{2}')
                then 'is not written YYYY-MM-DD'
            when try_cast(date_text as date) is null then 'is not a day of the calendar'
            {% if not allow_future %}
            when try_cast(date_text as date) > current_date + 1 then 'is in the future'
            {% endif %}
        end as problem
    from cells
)

select * from cells_checked
where problem is not null

{% endtest %}
