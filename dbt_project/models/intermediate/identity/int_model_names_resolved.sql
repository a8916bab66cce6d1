{# One row per source and name, with the model_id it resolves to: the alias seed first,
   else the normalized name itself. #}
with

names as (
    select * from {{ ref('int_model_names_unioned') }}
),

aliases as (
    select * from {{ ref('model_aliases') }}
),

names_resolved as (
    select
        names.source_name,
        names.source_model_name,
        names.model_name_normalized,
        names.organization_raw,
        names.evidence_url,
        names.is_sample,
        names.first_seen_at,
        names.last_seen_at,
        coalesce(aliases.model_id, names.model_name_normalized) as model_id,
        aliases.model_name as alias_model_name,
        aliases.model_id is not null as is_alias_matched
    from names
    left join aliases
        on names.model_name_normalized = aliases.alias
)

select * from names_resolved
