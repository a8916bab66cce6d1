{#
    A cell that must match the regular expression `pattern` (RE2 syntax, whole-cell match
    after trimming; prefix it with (?i) to ignore case), or be empty.
#}
{% test matches_pattern(model, column_name, pattern) %}

with

cells as (
    select
        {{ column_name }} as cell,
        trim({{ column_name }}) as cell_text
    from {{ model }}
    where nullif(trim({{ column_name }}), '') is not null
)

select * from cells
where not regexp_full_match(cell_text, '{{ pattern }}')

{% endtest %}
