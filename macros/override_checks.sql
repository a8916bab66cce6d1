{# The shape of a number in the overrides seed, as an RE2 pattern (whole cell, after
   trimming spaces and quotes): digits with an optional decimal point and exponent,
   thousands optionally grouped by commas. ingest/overrides.py (NUMBER_PATTERN) uses the
   same pattern, so the validator and the seed tests accept the same cells. #}
{% macro override_number_pattern() -%}
    \+?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)?(\.[0-9]*)?([eE][+-]?[0-9]+)?
{%- endmacro %}
