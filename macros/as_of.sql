{#
    Point in time. With `--vars '{as_of: "2025-06-30"}'` (ingest.outputs.point_in_time),
    a seed row dated after as_of is left out, so the build shows the list as it stood on
    that date: known specs by publication_date, overrides by changed_on. A row with no
    date cannot be placed in time and stays. Without the var this is `true`: every row.
    Use it where a seed is read: `select * from {{ ref('seed') }} where {{ as_of_filter('date_column') }}`.
#}
{% macro as_of_filter(date_expr) -%}
    {%- if var('as_of', none) -%}
        coalesce(try_cast({{ date_expr }} as date) <= cast('{{ var("as_of") }}' as date), true)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
