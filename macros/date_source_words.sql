{# Where a publication date came from (int_model_facts_combined.publication_date_source),
   in words for the notes an analyst reads: the two dates read from a model's API name
   say so ("the month and day in its API name, in the year of its first sighting"); every
   other source is its name with spaces ("known specs", "openrouter first seen"). #}
{% macro date_source_words(source_expr) -%}
    case {{ source_expr }}
        when 'model_name_date_first_seen' then 'the date in its API name'
        when 'model_name_month_day_first_seen'
            then 'the month and day in its API name, in the year of its first sighting'
        else replace({{ source_expr }}, '_', ' ')
    end
{%- endmacro %}
