{# One row per resolved model: display name, canonical organization, when seen, evidence. #}
with

names as (
    select * from {{ ref('int_model_names_resolved') }}
),

organizations as (
    select * from {{ ref('organizations') }}
),

known_model_specs as (
    select * from {{ ref('known_model_specs') }}
    where {{ as_of_filter('publication_date') }}
),

names_with_organization as (
    select
        names.*,
        organizations.organization,
        organizations.country
    from names
    left join organizations
        on lower(trim(names.organization_raw)) = organizations.organization_alias
),

models_grouped as (
    select
        model_id,
        any_value(alias_model_name) as alias_model_name,
        -- Prefer a curated source's organization, then any source that resolved one.
        arg_min(
            organization,
            case source_name when 'known_specs' then 0 else 1 end
        ) filter (where organization is not null) as organization,
        arg_min(
            country,
            case source_name when 'known_specs' then 0 else 1 end
        ) filter (where country is not null) as country,
        arg_min(source_model_name, length(source_model_name)) as shortest_source_name,
        min(first_seen_at) as first_seen_at,
        max(last_seen_at) as last_seen_at,
        bool_or(is_sample) as is_sample,
        list_sort(list_distinct(list(source_name))) as source_names,
        list_sort(list_distinct(list(evidence_url) filter (where evidence_url is not null))) as sources
    from names_with_organization
    group by model_id
),

models_named as (
    select
        models_grouped.model_id,
        coalesce(
            known_model_specs.model_name,
            models_grouped.alias_model_name,
            models_grouped.shortest_source_name
        ) as model_name,
        models_grouped.organization,
        models_grouped.country,
        models_grouped.first_seen_at,
        coalesce(models_grouped.last_seen_at, models_grouped.first_seen_at) as last_seen_at,
        models_grouped.is_sample,
        models_grouped.source_names,
        models_grouped.sources
    from models_grouped
    left join known_model_specs
        on models_grouped.model_id = known_model_specs.model_id
)

select * from models_named
