{# One row per model_id OpenRouter serves: what goes in and out of it (text, image, audio,
   video, file), across every capture and every OpenRouter entry that resolves to it
   (int_openrouter_models_merged keeps routers, aliases and sample rows out). Feeds Epoch's
   Domain column (marts.model_epoch_fields). #}
with

openrouter_models as (
    select
        openrouter_model_id,
        input_modalities,
        output_modalities
    from {{ ref('int_openrouter_models_merged') }}
),

names_resolved as (
    select
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
    where source_name = 'openrouter'
),

modalities_per_model as (
    select
        names_resolved.model_id,
        list_sort(list_distinct(flatten(list(openrouter_models.input_modalities)))) as input_modalities,
        list_sort(list_distinct(flatten(list(openrouter_models.output_modalities)))) as output_modalities
    from openrouter_models
    inner join names_resolved
        on openrouter_models.openrouter_model_id = names_resolved.source_model_name
    group by names_resolved.model_id
)

select * from modalities_per_model
