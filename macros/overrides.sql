{# A contractor's cell -> a number, accepting what spreadsheets write: 1.00E+25,
   quoted numbers, thousands separators, stray spaces. Anything else -> NULL (the
   validator and the seed tests report it; they run before the merge). #}
{% macro override_number(expr) -%}
    try_cast(replace(replace(trim(both ' "' from {{ expr }}), ',', ''), '_', '') as double)
{%- endmacro %}

{% macro override_text(expr) -%}
    nullif(trim({{ expr }}), '')
{%- endmacro %}
