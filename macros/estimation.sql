{# A FLOP figure in the short scientific form used in notes: 3.8e25. #}
{% macro format_flop(expr) -%}
    regexp_replace(printf('%.2e', cast({{ expr }} as double)), 'e\+?(-?)0*([0-9]+)$', 'e\1\2')
{%- endmacro %}

{# The multiplicative half-width of a 90% interval for a confidence word (dbt vars). #}
{% macro interval_factor(confidence_expr) -%}
    case {{ confidence_expr }}
        when 'Confident' then {{ var('interval_factor_confident') }}
        when 'Likely' then {{ var('interval_factor_likely') }}
        else {{ var('interval_factor_speculative') }}
    end
{%- endmacro %}

{# Threshold class from a 90% interval: above when even the lower bound reaches the
   threshold, below when even the upper bound falls short, uncertain otherwise. #}
{% macro threshold_class(lower_expr, upper_expr) -%}
    case
        when {{ lower_expr }} is null or {{ upper_expr }} is null then null
        when {{ lower_expr }} >= {{ var('threshold_flop') }} then 'above'
        when {{ upper_expr }} < {{ var('threshold_flop') }} then 'below'
        else 'uncertain'
    end
{%- endmacro %}

{# Precedence of estimation methods for the final estimate (lower wins). #}
{% macro method_precedence(method_expr) -%}
    case {{ method_expr }}
        when 'reported' then 1
        when 'hardware' then 2
        when 'operation_counting' then 3
        when 'benchmark_interpolation' then 4
        when 'heuristic' then 5
        else 9
    end
{%- endmacro %}
