{#
    A spreadsheet cell that must hold a number, or nothing. Accepts what spreadsheets
    write and the overrides merge reads (macros/overrides.sql): 1.00E+25, a quoted
    number, thousands grouped by commas ("21,000,000,000"). Refuses words and units
    (21 billion, 2.1e25x), decimal commas (2,1e25) and values outside
    [min_value, max_value]. Same rule as ingest/overrides.py (NUMBER_PATTERN).
#}
{% test is_number_or_empty(model, column_name, min_value=none, max_value=none) %}

with

cells as (
    select
        {{ column_name }} as cell,
        trim({{ column_name }}, ' "') as number_text
    from {{ model }}
    where nullif(trim({{ column_name }}), '') is not null
),

cells_read as (
    select
        cell,
        regexp_full_match(number_text, '{{ override_number_pattern() }}')
        and regexp_matches(number_text, '[0-9]') as is_number,
        {{ override_number('cell') }} as number_value
    from cells
),

cells_checked as (
    select
        cell,
        case
            when not is_number then 'is not a number'
            when isinf(number_value) or isnan(number_value) then 'is not a finite number'
            {% if min_value is not none %}
            when number_value < {{ min_value }} then 'is below {{ min_value }}'
            {% endif %}
            {% if max_value is not none %}
            when number_value > {{ max_value }} then 'is above {{ max_value }}'
            {% endif %}
        end as problem
    from cells_read
)

select * from cells_checked
where problem is not null

{% endtest %}
