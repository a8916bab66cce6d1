{# One row per source and name, with the model it names: the name's slug resolved by
   int_model_slugs_resolved (identity rules, then build markers stripped). A name whose
   slug differs from its model_id is a build of that model (docs/identity.md). #}
with

names as (
    select * from {{ ref('int_model_names_unioned') }}
),

slugs_resolved as (
    select * from {{ ref('int_model_slugs_resolved') }}
),

names_resolved as (
    select
        names.source_name,
        names.source_model_name,
        names.display_name,
        names.model_name_normalized,
        slugs_resolved.stripped_slug,
        names.organization_raw,
        names.evidence_url,
        names.is_sample,
        names.first_seen_at,
        names.last_seen_at,
        slugs_resolved.model_id,
        slugs_resolved.rule_model_name as alias_model_name,
        slugs_resolved.rule_pattern is not null as is_alias_matched,
        slugs_resolved.rule_kind,
        slugs_resolved.base_model_id,
        slugs_resolved.rule_pattern,
        slugs_resolved.rule_reason,
        slugs_resolved.rule_source_url,
        -- A build: the name is not the model's own slug (a dated snapshot, a preview, an
        -- effort variant, a re-spelling the rules fold).
        names.model_name_normalized != slugs_resolved.model_id as is_build,
        case
            when slugs_resolved.rule_pattern is not null
                then 'identity rule ' || slugs_resolved.rule_pattern || ': ' || slugs_resolved.rule_reason
            when names.model_name_normalized != slugs_resolved.model_id
                then 'build markers removed: ' || names.model_name_normalized || ' -> ' || slugs_resolved.model_id
            else 'the name itself'
        end as resolution_reason
    from names
    inner join slugs_resolved
        on names.model_name_normalized = slugs_resolved.slug
)

select * from names_resolved
