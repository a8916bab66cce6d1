{# One row per model in marts.models: the values of Epoch AI's large_scale_ai_models.csv
   columns that marts.models does not hold, for the export in Epoch's layout
   (ingest/outputs/exports.py). Only what a source or a cited seed row says: a field the
   warehouse knows nothing about stays NULL, never a guess. The Domain mapping from
   modalities is macro epoch_domain (macros/epoch_layout.sql); Link leads with the primary
   source (the known-specs row, else the earliest compute statement, else an override's
   source), then the other evidence URLs, the LMArena dataset last, comma-joined without spaces
   as Epoch joins them. #}
with

models as (
    select
        model_id,
        parameters,
        active_parameters,
        base_model_id,
        sources
    from {{ ref('models') }}
),

base_models as (
    select
        model_id,
        model_name
    from {{ ref('models') }}
),

known_model_specs as (
    select
        model_id,
        hardware_type,
        hardware_quantity,
        training_time_hours,
        hardware_utilization,
        source_url,
        citation
    from {{ ref('known_model_specs') }}
    where {{ as_of_filter('publication_date') }}
),

compute_statements as (
    select
        model_id,
        stated_on,
        statement_id,
        source_url,
        citation
    from {{ ref('compute_statements') }}
    where {{ as_of_filter('stated_on') }}
),

overrides as (
    select
        model_id,
        override_source_urls
    from {{ ref('int_model_overrides_combined') }}
),

modalities as (
    select
        model_id,
        input_modalities,
        output_modalities
    from {{ ref('int_openrouter_model_modalities_parsed') }}
),

first_statements as (
    select
        model_id,
        source_url,
        citation
    from compute_statements
    qualify row_number() over (partition by model_id order by stated_on nulls last, statement_id) = 1
),

primary_sources as (
    select
        models.model_id,
        coalesce(
            known_model_specs.source_url,
            first_statements.source_url,
            overrides.override_source_urls[1]
        ) as primary_source_url,
        case
            when known_model_specs.source_url is not null then known_model_specs.citation
            when first_statements.source_url is not null then first_statements.citation
        end as reference
    from models
    left join known_model_specs
        on models.model_id = known_model_specs.model_id
    left join first_statements
        on models.model_id = first_statements.model_id
    left join overrides
        on models.model_id = overrides.model_id
),

links_ordered as (
    select
        models.model_id,
        primary_sources.primary_source_url,
        primary_sources.reference,
        -- The primary source first; dataset pages (the LMArena dataset on Hugging Face)
        -- after the pages about the model itself.
        list_sort(
            list_filter(
                coalesce(models.sources, []),
                url -> url is distinct from primary_sources.primary_source_url
            ),
            'ASC'
        ) as other_urls
    from models
    inner join primary_sources
        on models.model_id = primary_sources.model_id
),

fields as (
    select
        models.model_id,
        {{ epoch_domain('modalities.input_modalities', 'modalities.output_modalities') }} as domain,
        'Language modeling/generation' as task,
        links_ordered.reference,
        links_ordered.primary_source_url,
        nullif(array_to_string(
            list_concat(
                [links_ordered.primary_source_url],
                list_filter(links_ordered.other_urls, url -> url not like '%/datasets/%'),
                list_filter(links_ordered.other_urls, url -> url like '%/datasets/%')
            ),
            ','
        ), '') as link,
        case
            when models.active_parameters < models.parameters
                then
                    'Mixture of experts: ' || cast(models.active_parameters as varchar)
                    || ' active parameters per token of ' || cast(models.parameters as varchar) || ' total.'
        end as parameters_notes,
        known_model_specs.hardware_type as training_hardware,
        known_model_specs.hardware_quantity,
        known_model_specs.training_time_hours,
        known_model_specs.hardware_utilization as hardware_utilization_mfu,
        base_models.model_name as base_model_name
    from models
    inner join links_ordered
        on models.model_id = links_ordered.model_id
    left join known_model_specs
        on models.model_id = known_model_specs.model_id
    left join modalities
        on models.model_id = modalities.model_id
    left join base_models
        on models.base_model_id = base_models.model_id
)

select * from fields
