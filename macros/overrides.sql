{# A contractor's cell -> a number, accepting what spreadsheets write: 1.00E+25,
   quoted numbers, thousands separators, stray spaces. Anything else, and a comma that
   could be a decimal comma (1,000E+25), -> NULL (the validator and the seed tests
   report it; they run before the merge). #}
{% macro override_number(expr) -%}
    case
        when regexp_full_match(trim(both ' "' from {{ expr }}), '{{ override_number_pattern() }}')
            then try_cast(replace(trim(both ' "' from {{ expr }}), ',', '') as double)
    end
{%- endmacro %}

{% macro override_text(expr) -%}
    nullif(trim({{ expr }}), '')
{%- endmacro %}
