{# One row per identity rule (seeds/model_identity_rules.csv) and per name its pattern
   lists: a pattern of plain names (`a|b`) is matched by equality, which is what a name
   list means and is fast on a million names; any other pattern is a regular expression
   matched against the whole slug (rule_slug is NULL), with the literal text each of its
   alternatives starts with (literal_prefixes). Read by int_model_slugs_resolved and by
   the Epoch validation branch, so both resolve names by the same rules. #}
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

-- int_model_slugs_resolved tries a regular expression only on the slugs that start with
-- the leading literal text of one of its alternatives ("gpt-4-" for
-- gpt-4-(1106|0125)-preview; "grok-3-preview-02-24" and "chocolate" for
-- grok-3-preview-02-24|chocolate(-early-grok-3)?): the pattern is not a constant, so each
-- test compiles it again, and all slugs × all regex rules took 16.6 s at 100k Hugging Face
-- models. A "|" inside a group (up to 6 alternatives) is masked before the pattern is
-- split on the others; a character a quantifier makes optional is not part of the literal
-- text; an alternative that starts with a group or a wildcard, a pattern with nested
-- groups, or an alternative with unbalanced parentheses has none (''): the rule is then
-- tried on every slug, which the data test on has_literal_prefixes reports.
regex_rules_masked as (
    select
        pattern,
        {%- set ns = namespace(sql="pattern") %}
        {%- for _ in range(5) %}
            {%- set ns.sql = "regexp_replace(" ~ ns.sql ~ ", '(\\([^()|]*)\\|', '\\1' || chr(1), 'g')" %}
        {%- endfor %}
        {{ ns.sql }} as masked_pattern,
        regexp_matches(pattern, '\([^()]*\(') as has_nested_groups
    from rules
    where not is_name_list
),

rule_alternatives as (
    select
        pattern,
        has_nested_groups,
        replace(unnest(string_split(masked_pattern, '|')), chr(1), '|') as alternative
    from regex_rules_masked
),

alternative_prefixes as (
    select
        pattern,
        case
            when
                has_nested_groups
                or length(alternative) - length(replace(alternative, '(', ''))
                != length(alternative) - length(replace(alternative, ')', ''))
                then ''
            when substr(alternative, length(regexp_extract(alternative, '^[a-z0-9-]*')) + 1, 1) in ('?', '*', '+', '{')
                then left(
                    regexp_extract(alternative, '^[a-z0-9-]*'),
                    length(regexp_extract(alternative, '^[a-z0-9-]*')) - 1
                )
            else regexp_extract(alternative, '^[a-z0-9-]*')
        end as literal_prefix
    from rule_alternatives
),

regex_rule_prefixes as (
    select
        pattern,
        list(distinct literal_prefix order by literal_prefix) as literal_prefixes
    from alternative_prefixes
    group by pattern
),

-- A name list gives one row per name; a regular expression one row, with rule_slug NULL.
rules_prepared as (
    select
        unnest(
            case
                when rules.is_name_list then string_split(rules.pattern, '|')
                else [cast(null as varchar)]
            end
        ) as rule_slug,
        rules.* exclude (rules.is_name_list),
        case when rules.is_name_list then 0 else 1 end as match_rank,
        regex_rule_prefixes.literal_prefixes,
        not list_contains(regex_rule_prefixes.literal_prefixes, '') as has_literal_prefixes
    from rules
    left join regex_rule_prefixes
        on rules.pattern = regex_rule_prefixes.pattern
)

select * from rules_prepared
