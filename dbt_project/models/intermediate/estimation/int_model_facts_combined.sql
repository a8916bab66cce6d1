{# One row per model: the published facts an estimate can use, each field taken from the
   best source that gives it, by a fixed precedence:
   known specs seed > Wikipedia > Hugging Face > sizes an OpenRouter description states >
   OpenRouter.
   publication_date is the announced date when any source announces one (same
   precedence), else the earliest discovery signal (OpenRouter listing when not
   back-filled, LMArena first seen, a Wikipedia date known only to the month, a date in a
   dated API name, a month-day API suffix dated by its first sighting), else the first
   sighting in any source: a discovery signal never overrides an announced date.
   Hardware, utilization and precision come from the known specs seed only; accessibility
   from int_model_accessibility_resolved (the seed's words first). Each field carries the
   source and URL it came from. #}
{% set is_active_count_distinct -%}
    (
        fields.published_active_parameters < fields.parameters
        and (
            fields.active_parameters_source = fields.parameters_source
            or fields.published_active_parameters < 0.9 * fields.parameters
        )
    )
{%- endset %}
{# A total larger than any known dense model (var heuristic_max_dense_parameters). #}
{% set is_too_large_for_dense -%}
    fields.parameters > {{ var('heuristic_max_dense_parameters') }}
{%- endset %}
{# A table, not a view: several estimation models read it, and as a view each of them
   would recompute the identity and source chains beneath it. #}
{{ config(materialized='table') }}

with

models as (
    select
        model_id,
        first_seen_at
    from {{ ref('int_models_identified') }}
),

known_model_specs as (
    select * from {{ ref('known_model_specs') }}
    where {{ as_of_filter('publication_date') }}
),

wikipedia_facts as (
    select * from {{ ref('int_wikipedia_model_facts_extracted') }}
),

accessibility as (
    select
        model_id,
        model_accessibility
    from {{ ref('int_model_accessibility_resolved') }}
),

huggingface_facts as (
    select * from {{ ref('int_huggingface_model_facts_extracted') }}
),

openrouter_facts as (
    select * from {{ ref('int_openrouter_model_facts_extracted') }}
),

descriptions_parsed as (
    select * from {{ ref('int_openrouter_descriptions_parsed') }}
),

names_resolved as (
    select
        model_id,
        model_name_normalized,
        source_name,
        source_model_name,
        evidence_url,
        first_seen_at
    from {{ ref('int_model_names_resolved') }}
),

known_spec_facts as (
    select
        model_id,
        publication_date,
        publication_date is not null as is_publication_date_announced,
        cast(parameters as bigint) as parameters,
        cast(active_parameters as bigint) as active_parameters,
        cast(training_tokens as bigint) as training_tokens,
        training_compute_flop as reported_compute_flop,
        source_url as evidence_url,
        false as is_sample
    from known_model_specs
),

-- Sizes an OpenRouter description states ("with 63B active parameters out of 1T total"):
-- below the sources that publish sizes as data, above nothing.
description_facts as (
    select
        names_resolved.model_id,
        cast(null as date) as publication_date,
        false as is_publication_date_announced,
        max(descriptions_parsed.described_parameters) as parameters,
        max(descriptions_parsed.described_active_parameters) as active_parameters,
        cast(null as bigint) as training_tokens,
        cast(null as double) as reported_compute_flop,
        min(names_resolved.evidence_url) as evidence_url,
        false as is_sample
    from descriptions_parsed
    inner join names_resolved
        on
            names_resolved.source_name = 'openrouter'
            and descriptions_parsed.model_name_normalized = names_resolved.model_name_normalized
    group by names_resolved.model_id
),

lmarena_first_seen as (
    select
        model_id,
        cast(min(first_seen_at) as date) as publication_date,
        false as is_publication_date_announced,
        cast(null as bigint) as parameters,
        cast(null as bigint) as active_parameters,
        cast(null as bigint) as training_tokens,
        cast(null as double) as reported_compute_flop,
        any_value(evidence_url) as evidence_url,
        false as is_sample
    from names_resolved
    where source_name = 'lmarena'
    group by model_id
),

{# A dated API name (claude-3-5-sonnet-20241022, gpt-4o-2024-08-06, mistral-large-2407)
   says the weights were public no later than that date (macro api_name_release_date); a
   month-day suffix (qwen-max-0919, hunyuan-turbo-0110) dates the build to the latest such
   day no later than a week after the name's first sighting (macro
   api_name_month_day_date), for names with no full date. #}
name_dates as (
    select
        model_id,
        min({{ api_name_release_date('source_model_name') }}) as name_date,
        min({{ api_name_month_day_date('source_model_name', 'first_seen_at') }}) as name_month_day_date
    from names_resolved
    group by model_id
),

-- Source precedence is the order of this list (source_rank 1 wins). The two dates read
-- from a model's API names (name_dates) are discovery signals with no other field.
facts_by_source as (
    {%- for source_facts, source_name, name_date_column in [
        ('known_spec_facts', 'known_specs', none),
        ('wikipedia_facts', 'wikipedia', none),
        ('huggingface_facts', 'huggingface', none),
        ('description_facts', 'openrouter_description', none),
        ('openrouter_facts', 'openrouter', none),
        ('lmarena_first_seen', 'lmarena', none),
        ('name_dates', 'model_name_date', 'name_date'),
        ('name_dates', 'model_name_month_day', 'name_month_day_date'),
    ] %}
        {%- if name_date_column %}
            select
                model_id,
                cast({{ name_date_column }} as date) as publication_date,
                false as is_publication_date_announced,
                cast(null as bigint) as parameters,
                cast(null as bigint) as active_parameters,
                cast(null as bigint) as training_tokens,
                cast(null as double) as reported_compute_flop,
                cast(null as varchar) as evidence_url,
                false as is_sample,
                '{{ source_name }}' as source_name,
                {{ loop.index }} as source_rank
            from name_dates
            where {{ name_date_column }} is not null
        {%- else %}
            select
                model_id,
                publication_date,
                is_publication_date_announced,
                parameters,
                active_parameters,
                training_tokens,
                reported_compute_flop,
                evidence_url,
                is_sample,
                '{{ source_name }}' as source_name,
                {{ loop.index }} as source_rank
            from {{ source_facts }}
        {%- endif %}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

discovery_signals_flagged as (
    select
        *,
        -- Hugging Face's createdAt is repo creation, often private and months early: not
        -- a release signal.
        not is_publication_date_announced
        and publication_date is not null
        and source_name != 'huggingface' as is_discovery_signal
    from facts_by_source
),

fields_by_precedence as (
    select
        model_id,
        arg_min(parameters, source_rank) filter (where parameters > 0) as parameters,
        arg_min(source_name, source_rank) filter (where parameters > 0) as parameters_source,
        arg_min(evidence_url, source_rank) filter (where parameters > 0) as parameters_evidence_url,
        arg_min(active_parameters, source_rank) filter (where active_parameters > 0)
            as published_active_parameters,
        arg_min(source_name, source_rank) filter (where active_parameters > 0)
            as active_parameters_source,
        arg_min(training_tokens, source_rank) filter (where training_tokens > 0) as training_tokens,
        arg_min(source_name, source_rank) filter (where training_tokens > 0) as training_tokens_source,
        arg_min(evidence_url, source_rank) filter (where training_tokens > 0)
            as training_tokens_evidence_url,
        arg_min(reported_compute_flop, source_rank) filter (where reported_compute_flop > 0)
            as reported_compute_flop,
        arg_min(source_name, source_rank) filter (where reported_compute_flop > 0)
            as reported_compute_source,
        arg_min(evidence_url, source_rank) filter (where reported_compute_flop > 0)
            as reported_compute_evidence_url,
        arg_min(publication_date, source_rank) filter (
            where is_publication_date_announced and publication_date is not null
        ) as announced_publication_date,
        arg_min(source_name, source_rank) filter (
            where is_publication_date_announced and publication_date is not null
        ) as announced_publication_date_source,
        min(publication_date) filter (where is_discovery_signal) as discovered_publication_date,
        arg_min(source_name, [epoch(publication_date), source_rank]) filter (where is_discovery_signal)
            as discovered_publication_date_source,
        coalesce(bool_or(is_sample), false) as has_sample_facts
    from discovery_signals_flagged
    group by model_id
),

facts_combined as (
    select
        models.model_id,
        accessibility.model_accessibility,
        known_model_specs.hardware_type,
        lower(known_model_specs.precision) as training_precision,
        cast(known_model_specs.hardware_quantity as bigint) as hardware_quantity,
        known_model_specs.training_time_hours,
        known_model_specs.training_chip_hours,
        known_model_specs.hardware_utilization,
        known_model_specs.source_url as facts_source_url,
        known_model_specs.citation as facts_citation,
        -- developer, or third_party (an analyst firm, a journalist's source, a leak): a
        -- third party's figures make an estimate at most Likely, where the methods make it
        -- (int_estimates_reported, int_hardware_estimates_computed,
        -- int_operation_count_estimates_computed).
        known_model_specs.evidence_kind as facts_evidence_kind,
        fields.parameters,
        fields.parameters_source,
        fields.parameters_evidence_url,
        -- A dense model's "active" count from another source (Hugging Face counts 70.6e9
        -- where the developer says 70e9, or 122.6e9 where Mistral says 123e9) must not
        -- replace the developer's total, nor make it a mixture of experts: another
        -- source's count within 10% of the total is the same weights counted differently
        -- (no mixture of experts activates more than about a third of its weights).
        -- A total above var heuristic_max_dense_parameters (6e11) with no active count
        -- published is not taken as dense (no dense model that large is known): its active
        -- count is unknown, so 6ND does not count every expert (PanGu-Σ's 1.085e12 sparse
        -- parameters gave 2.14e24 against its hardware's 4.53e23), marts.models does not
        -- show it as dense, and the heuristic assumes a share.
        case
            when fields.parameters is null then fields.published_active_parameters
            when {{ is_active_count_distinct }} then fields.published_active_parameters
            when {{ is_too_large_for_dense }} then null
            else fields.parameters
        end as active_parameters,
        case
            when fields.parameters is null or {{ is_active_count_distinct }}
                then fields.active_parameters_source
            when {{ is_too_large_for_dense }} then null
            else fields.parameters_source
        end as active_parameters_source,
        coalesce({{ is_active_count_distinct }}, false) as is_mixture_of_experts,
        fields.training_tokens,
        fields.training_tokens_source,
        fields.training_tokens_evidence_url,
        fields.reported_compute_flop,
        fields.reported_compute_source,
        fields.reported_compute_evidence_url,
        coalesce(
            fields.announced_publication_date,
            fields.discovered_publication_date,
            cast(models.first_seen_at as date)
        ) as publication_date,
        fields.announced_publication_date is not null as is_publication_date_announced,
        case
            when fields.announced_publication_date is not null
                then fields.announced_publication_date_source
            when fields.discovered_publication_date is not null
                then fields.discovered_publication_date_source || '_first_seen'
            when models.first_seen_at is not null then 'first_sighting'
        end as publication_date_source,
        coalesce(fields.has_sample_facts, false) as has_sample_facts
    from models
    left join fields_by_precedence as fields
        on models.model_id = fields.model_id
    left join known_model_specs
        on models.model_id = known_model_specs.model_id
    left join accessibility
        on models.model_id = accessibility.model_id
)

select * from facts_combined
