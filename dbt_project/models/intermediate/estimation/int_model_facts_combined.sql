{# One row per model: the published facts an estimate can use (parameters, tokens,
   hardware, reported compute, date), from the curated known-specs seed. #}
with

models as (
    select * from {{ ref('int_models_identified') }}
),

known_model_specs as (
    select * from {{ ref('known_model_specs') }}
),

facts_combined as (
    select
        models.model_id,
        known_model_specs.model_accessibility,
        known_model_specs.hardware_type,
        lower(known_model_specs.precision) as training_precision,
        known_model_specs.source_url as facts_source_url,
        known_model_specs.citation as facts_citation,
        cast(known_model_specs.parameters as bigint) as parameters,
        cast(coalesce(known_model_specs.active_parameters, known_model_specs.parameters) as bigint)
            as active_parameters,
        known_model_specs.active_parameters is not null as is_mixture_of_experts,
        cast(known_model_specs.training_tokens as bigint) as training_tokens,
        known_model_specs.training_compute_flop as reported_compute_flop,
        cast(known_model_specs.hardware_quantity as bigint) as hardware_quantity,
        known_model_specs.training_time_hours,
        known_model_specs.hardware_utilization,
        coalesce(known_model_specs.publication_date, cast(models.first_seen_at as date))
            as publication_date,
        known_model_specs.publication_date is not null as is_publication_date_announced
    from models
    left join known_model_specs
        on models.model_id = known_model_specs.model_id
)

select * from facts_combined
