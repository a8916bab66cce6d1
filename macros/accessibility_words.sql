{# Whether a model's weights are open, and the licence a source names, in Epoch's
   accessibility words (the vocabulary of seeds/known_model_specs.csv's
   model_accessibility): closed weights -> 'API access' (the only closed signal a source
   gives is LMArena's "Proprietary", and the arena reaches those models through the
   developer's API); open weights -> 'Open weights (non-commercial)' for a non-commercial
   or research licence (CC-BY-NC-*, "Non-commercial", Mistral Research / MRL),
   'Open weights (unrestricted)' for a permissive one (Apache-2.0, MIT, BSD), else
   'Open weights (restricted use)' (a custom licence with use restrictions: Llama, Gemma,
   Qwen, DeepSeek, "other"); NULL when open and no licence is named: which restrictions
   apply is unknown. #}
{% macro accessibility_words(is_open_expr, licence_expr) -%}
    case
        when not ({{ is_open_expr }}) then 'API access'
        when nullif(trim({{ licence_expr }}), '') is null then null
        when
            regexp_matches(
                lower({{ licence_expr }}),
                '(^|[^a-z])(nc|non-?commercial|research|mrl)([^a-z]|$)'
            )
            then 'Open weights (non-commercial)'
        when
            lower(trim({{ licence_expr }})) in (
                'apache-2.0', 'apache 2.0', 'apache2.0', 'apache', 'mit', 'bsd-2-clause', 'bsd-3-clause'
            )
            then 'Open weights (unrestricted)'
        else 'Open weights (restricted use)'
    end
{%- endmacro %}
