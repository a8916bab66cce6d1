{# One row per identity rule (seeds/model_identity_rules.csv) and per name its pattern
   lists: a pattern of plain names (`a|b`) is matched by equality, which is what a name
   list means and is fast on a million names; any other pattern is a regular expression
   matched against the whole slug (rule_slug is NULL). Read by int_model_slugs_resolved
   and by the Epoch validation branch, so both resolve names by the same rules. #}
with

rules as (
    select
        pattern,
        nullif(trim(model_id), '') as model_id,
        nullif(trim(model_name), '') as model_name,
        kind,
        nullif(trim(base_model_id), '') as base_model_id,
        reason,
        source_url,
        regexp_full_match(pattern, '[a-z0-9|-]+') as is_name_list
    from {{ ref('model_identity_rules') }}
),

rules_prepared as (
    select
        unnest(string_split(pattern, '|')) as rule_slug,
        pattern,
        model_id,
        model_name,
        kind,
        base_model_id,
        reason,
        source_url,
        0 as match_rank
    from rules
    where is_name_list
    union all
    select
        cast(null as varchar) as rule_slug,
        pattern,
        model_id,
        model_name,
        kind,
        base_model_id,
        reason,
        source_url,
        1 as match_rank
    from rules
    where not is_name_list
)

select * from rules_prepared
