{# One row per organization name a source writes that seeds/organizations.csv maps to
   nothing, with the models that carry it and the largest estimate among them: a person
   adds an alias row, most urgent (largest model) first. A model whose curated seed row or
   another source names its organization is not affected, but is listed all the same. #}
with

names_resolved as (
    select
        model_id,
        source_name,
        organization_raw
    from {{ ref('int_model_names_resolved') }}
    where nullif(trim(organization_raw), '') is not null
),

organizations as (
    select * from {{ ref('organizations') }}
),

models as (
    select
        model_id,
        organization,
        training_compute_flop
    from {{ ref('int_models_estimated') }}
),

unmapped as (
    select
        names_resolved.organization_raw,
        names_resolved.model_id,
        names_resolved.source_name
    from names_resolved
    left join organizations
        on lower(trim(names_resolved.organization_raw)) = organizations.organization_alias
    where organizations.organization_alias is null
),

organizations_unmapped as (
    select
        lower(trim(unmapped.organization_raw)) as organization_alias,
        min(unmapped.organization_raw) as organization_raw,
        list_sort(list_distinct(list(unmapped.source_name))) as source_names,
        list_sort(list_distinct(list(unmapped.model_id))) as model_ids,
        count(distinct unmapped.model_id) as model_count,
        count(distinct unmapped.model_id) filter (where models.organization is null)
            as models_without_organization,
        max(models.training_compute_flop) as largest_training_compute_flop
    from unmapped
    left join models
        on unmapped.model_id = models.model_id
    group by lower(trim(unmapped.organization_raw))
)

select * from organizations_unmapped
