{# One row per slug (a spelling-free model name, macro normalize_model_name) that any
   source, seed, override or earlier build uses, with the model it names
   (docs/identity.md):
   1. an identity rule (seeds/model_identity_rules.csv) whose pattern matches the whole
      slug decides, with its citation;
   2. else the build markers are stripped (macro strip_build_suffixes: dates, -preview,
      -exp, -latest, effort, -instruct, precision...) and a rule matching the stripped
      slug decides;
   3. else the stripped slug is the model_id.
   A rule of kind `derived` makes the slug its own model with a base_model_id;
   `checkpoint` keeps an experimental checkpoint apart, never to be published. Every
   table keyed by model_id (seeds, overrides, the change history) resolves its ids here,
   so an id that a rule retires keeps pointing at the model that absorbed it. #}
with

source_slugs as (
    select distinct model_name_normalized as slug
    from {{ ref('int_model_names_unioned') }}
),

-- Ids written in the seeds (not the overrides: their seed test reads this model), ids
-- of earlier builds and names of base
-- models: each resolves like a source's name, so a retired id finds the model that
-- absorbed it.
seed_and_history_slugs as (
    select {{ normalize_model_name('model_id') }} as slug from {{ ref('compute_statements') }}
    union
    select {{ normalize_model_name('model_id') }} as slug from {{ ref('benchmark_scores') }}

    union
    select {{ normalize_model_name('model_id') }} as slug from {{ ref('stg_history__model_changes') }}
    where model_id is not null
    union
    -- Base models named by a Hugging Face card or an OpenRouter description.
    select {{ normalize_model_name("split_part(base_model, ',', 1)") }} as slug
    from {{ ref('int_huggingface_repos_deduplicated') }}
    where base_model is not null
    union
    select base_slug as slug from {{ ref('int_openrouter_descriptions_parsed') }}
    where base_slug is not null
),

rules as (
    select * from {{ ref('int_model_identity_rules_prepared') }}
),

-- A regular expression is tried only on the slugs that start with the literal text of one
-- of its alternatives (int_model_identity_rules_prepared says why and how it is found).
rule_prefixes as (
    select distinct
        pattern,
        unnest(literal_prefixes) as literal_prefix
    from rules
    where rule_slug is null
),

slugs as (
    select
        slug,
        {{ strip_build_suffixes('slug') }} as stripped_slug
    from (
        select slug from source_slugs
        union
        select slug from seed_and_history_slugs
    ) as all_slugs
    where slug is not null and slug != ''
),

-- Each slug is looked up twice: as written, then with its build markers stripped. A
-- listed name beats a regex; a longer regex beats a shorter one.
lookups as (
    select
        slug,
        slug as lookup_slug,
        0 as lookup_step
    from slugs
    union all
    select
        slug,
        stripped_slug as lookup_slug,
        1 as lookup_step
    from slugs
),

rule_matches as (
    select
        lookups.slug,
        lookups.lookup_slug,
        lookups.lookup_step,
        rules.match_rank,
        rules.pattern,
        rules.model_id,
        rules.model_name,
        rules.kind,
        rules.base_model_id,
        rules.reason,
        rules.source_url
    from lookups
    inner join rules
        on lookups.lookup_slug = rules.rule_slug
    union all
    select
        lookups.slug,
        lookups.lookup_slug,
        lookups.lookup_step,
        rules.match_rank,
        rules.pattern,
        rules.model_id,
        rules.model_name,
        rules.kind,
        rules.base_model_id,
        rules.reason,
        rules.source_url
    from (
        select distinct
            lookups.slug,
            lookups.lookup_slug,
            lookups.lookup_step,
            rule_prefixes.pattern
        from lookups
        inner join rule_prefixes
            on starts_with(lookups.lookup_slug, rule_prefixes.literal_prefix)
    ) as lookups
    inner join rules
        on
            lookups.pattern = rules.pattern
            and rules.rule_slug is null
    where regexp_full_match(lookups.lookup_slug, rules.pattern)
),

best_rule as (
    select *
    from rule_matches
    qualify row_number() over (
        partition by slug
        order by lookup_step asc, match_rank asc, length(pattern) desc, pattern
    ) = 1
),

slugs_resolved as (
    select
        slugs.slug,
        slugs.stripped_slug,
        coalesce(best_rule.model_id, best_rule.lookup_slug, slugs.stripped_slug) as model_id,
        best_rule.model_name as rule_model_name,
        coalesce(best_rule.kind, 'separate') as rule_kind,
        best_rule.base_model_id,
        best_rule.pattern as rule_pattern,
        best_rule.reason as rule_reason,
        best_rule.source_url as rule_source_url
    from slugs
    left join best_rule
        on slugs.slug = best_rule.slug
)

select * from slugs_resolved
