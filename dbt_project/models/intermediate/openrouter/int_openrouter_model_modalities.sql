{# One row per model_id OpenRouter serves: what goes in and out of it (text, image, audio,
   video, file), across every capture that lists it. Sample rows count only while no real
   capture has been loaded (as in int_openrouter_models_merged). Feeds Epoch's Domain
   column (marts.model_epoch_fields). #}
with

openrouter_models as (
    select
        base_model_id as openrouter_model_id,
        input_modalities,
        output_modalities,
        is_sample
    from {{ ref('stg_openrouter__models') }}
),

names_resolved as (
    select
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
    where source_name = 'openrouter'
),

real_data_present as (
    select coalesce(bool_or(not is_sample), false) as has_real_rows
    from openrouter_models
),

models_in_use as (
    select openrouter_models.*
    from openrouter_models
    cross join real_data_present
    where not (openrouter_models.is_sample and real_data_present.has_real_rows)
),

modalities_per_model as (
    select
        names_resolved.model_id,
        list_sort(list_distinct(flatten(list(models_in_use.input_modalities)))) as input_modalities,
        list_sort(list_distinct(flatten(list(models_in_use.output_modalities)))) as output_modalities
    from models_in_use
    inner join names_resolved
        on models_in_use.openrouter_model_id = names_resolved.source_model_name
    group by names_resolved.model_id
)

select * from modalities_per_model
