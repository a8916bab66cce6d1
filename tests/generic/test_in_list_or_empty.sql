{#
    A cell that must hold one of `values` (compared without surrounding spaces and,
    unless case_sensitive, without case), or nothing.
#}
{% test in_list_or_empty(model, column_name, values, case_sensitive=false) %}

{%- set cell_expr = 'trim(' ~ column_name ~ ')' if case_sensitive else 'lower(trim(' ~ column_name ~ '))' -%}

with

cells as (
    select
        {{ column_name }} as cell,
        {{ cell_expr }} as cell_value
    from {{ model }}
    where nullif(trim({{ column_name }}), '') is not null
)

select * from cells
where cell_value not in (
    {%- for value in values %}
    '{{ value if case_sensitive else value | lower }}'{{ ',' if not loop.last }}
    {%- endfor %}
)

{% endtest %}
