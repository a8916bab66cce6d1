{# The shape of a number in the overrides seed, as an RE2 pattern (whole cell, after
   trimming spaces and quotes): digits with an optional decimal point and exponent; or
   thousands grouped by commas where the comma cannot be a decimal comma (two groups or
   more, or one group before a decimal point; never with an exponent: 1,000E+25 is
   refused, not read as 1e28). ingest/overrides.py (NUMBER_PATTERN) uses the same pattern,
   so the validator and the seed tests accept the same cells. #}
{% macro override_number_pattern() -%}
    \+?([0-9]*(\.[0-9]*)?([eE][+-]?[0-9]+)?|[0-9]{1,3}(,[0-9]{3}){2,}(\.[0-9]*)?|[0-9]{1,3},[0-9]{3}\.[0-9]*)
{%- endmacro %}
