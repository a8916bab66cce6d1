{# One row per resolved model: display name, canonical organization, when seen, evidence.
   Display name, by precedence: the known-specs seed; an identity rule naming the model;
   the shortest name a source writes for the model itself (not for one of its builds),
   Wikipedia and LMArena before OpenRouter and Hugging Face; else the shortest build
   name with its build markers (date, -preview, ...) removed. So no display name is a
   raw API id with a date. Organization: a per-model seed row (seeds/model_organizations:
   Google Brain, Google Research or DeepMind before their April 2023 merger), else the
   curated known specs, else any source's organization mapped by seeds/organizations. #}
with

names as (
    select * from {{ ref('int_model_names_resolved') }}
),

organizations as (
    select * from {{ ref('organizations') }}
),

model_organizations as (
    select * from {{ ref('model_organizations') }}
),

rule_names as (
    select
        model_id,
        min(model_name) as rule_model_name
    from {{ ref('int_model_identity_rules_prepared') }}
    where model_id is not null and model_name is not null
    group by model_id
),

known_model_specs as (
    select * from {{ ref('known_model_specs') }}
    where {{ as_of_filter('publication_date') }}
),

names_with_organization as (
    select
        names.*,
        organizations.organization,
        organizations.country,
        -- A build's name without its build markers: "Reka-Core-20240501" -> "Reka-Core",
        -- "Command R (04-2024)" -> "Command R".
        trim(regexp_replace(
            names.display_name,
            '(?i)([ _-]*\(?([0-9]{4}-?[0-9]{2}-?[0-9]{2}|[0-9]{2}-[0-9]{4}|[0-9]{2}-[0-9]{2}|[0-9]{4}|preview|exp|experimental|latest)\)?)+$',  -- noqa: LT05
            ''
        )) as display_name_without_build
    from names
    left join organizations
        on lower(trim(names.organization_raw)) = organizations.organization_alias
),

models_grouped as (
    select
        model_id,
        -- Prefer a curated source's organization, then any source that resolved one.
        arg_min(
            organization,
            case source_name when 'known_specs' then 0 else 1 end
        ) filter (where organization is not null) as organization,
        arg_min(
            country,
            case source_name when 'known_specs' then 0 else 1 end
        ) filter (where country is not null) as country,
        -- Ties (two names of one length from one source: Grok-3-Mini-beta and
        -- Grok-3-mini-high) go to the first in text order, so every build names the model
        -- the same way.
        arg_min(
            display_name,
            case source_name when 'wikipedia' then '0' when 'lmarena' then '1' else '2' end
            || lpad(cast(length(display_name) as varchar), 6, '0')
            || display_name
        ) filter (where not is_build and display_name is not null) as own_display_name,
        arg_min(
            display_name_without_build,
            lpad(cast(length(display_name_without_build) as varchar), 6, '0') || display_name_without_build
        )
        filter (where display_name_without_build != '') as build_display_name,
        list_sort(list_distinct(list(organization_raw) filter (where organization_raw is not null)))
            as organizations_raw,
        min(first_seen_at) as first_seen_at,
        max(last_seen_at) as last_seen_at,
        bool_or(is_sample) as is_sample,
        bool_or(rule_kind = 'checkpoint') as is_unattributed_checkpoint,
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
            rule_names.rule_model_name,
            models_grouped.own_display_name,
            models_grouped.build_display_name,
            models_grouped.model_id
        ) as model_name,
        coalesce(model_organizations.organization, models_grouped.organization) as organization,
        coalesce(model_organizations.country, models_grouped.country) as country,
        model_organizations.source_url as organization_source_url,
        models_grouped.organizations_raw,
        models_grouped.first_seen_at,
        coalesce(models_grouped.last_seen_at, models_grouped.first_seen_at) as last_seen_at,
        models_grouped.is_sample,
        models_grouped.is_unattributed_checkpoint,
        models_grouped.source_names,
        models_grouped.sources
    from models_grouped
    left join known_model_specs
        on models_grouped.model_id = known_model_specs.model_id
    left join rule_names
        on models_grouped.model_id = rule_names.model_id
    left join model_organizations
        on models_grouped.model_id = model_organizations.model_id
)

select * from models_named
