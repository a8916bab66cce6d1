{# True when a number differs between two relations (by default the CTEs
   previous_states and current_states): one is NULL and the other not, or the two are
   more than a rounding error apart (the history file stores numbers as text). #}
{% macro number_changed(column, before='previous_states', after='current_states') -%}
    coalesce(
        ({{ before }}.{{ column }} is null) != ({{ after }}.{{ column }} is null)
        or abs({{ before }}.{{ column }} - {{ after }}.{{ column }})
        > 1e-9 * greatest(abs({{ before }}.{{ column }}), abs({{ after }}.{{ column }})),
        false
    )
{%- endmacro %}
