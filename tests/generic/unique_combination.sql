{# Generic test: no two rows share the same values in these columns (dbt_utils'
   unique_combination_of_columns, written here because dbt packages are unreachable). #}
{% test unique_combination(model, columns) %}
    select
        {{ columns | join(', ') }},
        count(*) as rows_with_these_values
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}
