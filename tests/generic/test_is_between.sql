{#
    A number within [min_value, max_value] (inclusive=false: strictly inside, as a
    percentage whose logit is taken must be). NULL passes: pair it with not_null.
    Returns the offending rows.
#}
{% test is_between(model, column_name, min_value, max_value, inclusive=true) %}

{%- set lower_op = '>=' if inclusive else '>' %}
{%- set upper_op = '<=' if inclusive else '<' %}

select {{ column_name }} as value_out_of_range
from {{ model }}
where
    {{ column_name }} is not null
    and not (
        {{ column_name }} {{ lower_op }} {{ min_value }}
        and {{ column_name }} {{ upper_op }} {{ max_value }}
    )

{% endtest %}
