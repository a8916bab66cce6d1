{# One row per derived model (fine-tune, distillation, pruning, continued pretraining, a
   re-release the developer announced as a new version): the model it was trained from,
   and where that lineage comes from, by precedence:
   1. an identity rule of kind `derived` (seeds/model_identity_rules.csv, cited);
   2. a Hugging Face card's cardData.base_model (the first listed);
   3. an OpenRouter description ("fine-tuned from X", "based on X", "built on X"):
      internal evidence, never published as text.
   A base is kept only when it resolves to a different model the sources know, and never
   to a model that is itself derived from this one; a description's base named without a
   size is dropped when the two models' names state different sizes
   (int_model_sizes_parsed). Its training compute is the base's plus its own
   (int_models_estimated), as Epoch counts it. #}
with

names_resolved as (
    select
        source_name,
        source_model_name,
        model_name_normalized,
        model_id
    from {{ ref('int_model_names_resolved') }}
),

slugs_resolved as (
    select
        slug,
        model_id
    from {{ ref('int_model_slugs_resolved') }}
),

-- The size each model's names state (the "8b" of l3-lunaris-8b, the "70b" of
-- Llama-3-70b-Instruct): the parse the heuristic reads, for the description guard below.
name_sizes as (
    select
        model_id,
        parameters
    from {{ ref('int_model_sizes_parsed') }}
    where parameters is not null
),

known_models as (
    select distinct model_id from names_resolved
),

rule_lineage as (
    select distinct
        model_id,
        base_model_id,
        'identity_rule' as lineage_source,
        1 as lineage_rank,
        reason as lineage_evidence,
        source_url as lineage_url
    from {{ ref('int_model_identity_rules_prepared') }}
    where kind = 'derived' and base_model_id is not null
),

huggingface_repos as (
    select
        repo_id,
        trim(split_part(base_model, ',', 1)) as base_repo_id
    from {{ ref('int_huggingface_repos_deduplicated') }}
    where base_model is not null
),

huggingface_lineage as (
    select
        names_resolved.model_id,
        base_slugs.model_id as base_model_id,
        'huggingface_base_model' as lineage_source,
        2 as lineage_rank,
        'Hugging Face card of ' || huggingface_repos.repo_id || ': base_model ' || huggingface_repos.base_repo_id
            as lineage_evidence,
        'https://huggingface.co/' || huggingface_repos.repo_id as lineage_url
    from huggingface_repos
    inner join names_resolved
        on
            names_resolved.source_name = 'huggingface'
            and huggingface_repos.repo_id = names_resolved.source_model_name
    inner join slugs_resolved as base_slugs
        on {{ normalize_model_name('huggingface_repos.base_repo_id') }} = base_slugs.slug
),

description_lineage as (
    select
        names_resolved.model_id,
        base_slugs.model_id as base_model_id,
        'openrouter_description' as lineage_source,
        3 as lineage_rank,
        'OpenRouter description names ' || descriptions.base_name_text || ' as its base' as lineage_evidence,
        'https://openrouter.ai/' || descriptions.canonical_slug as lineage_url
    from {{ ref('int_openrouter_descriptions_parsed') }} as descriptions
    inner join names_resolved
        on
            names_resolved.source_name = 'openrouter'
            and descriptions.model_name_normalized = names_resolved.model_name_normalized
    inner join slugs_resolved as base_slugs
        on descriptions.base_slug = base_slugs.slug
    left join name_sizes as derived_sizes
        on names_resolved.model_id = derived_sizes.model_id
    left join name_sizes as base_sizes
        on base_slugs.model_id = base_sizes.model_id
    where
        descriptions.base_slug is not null
        -- A base named without its size ("based on Llama 3") resolves to one member of
        -- the family (Llama 3 70B); when the two models' names state sizes more than 10%
        -- apart, it was another member (Lunaris 8B is a merge of Llama 3 8B models), and
        -- the description says nothing usable.
        and (
            regexp_matches(descriptions.base_name_text, '[0-9]\s*[BbMmTt]\b')
            or derived_sizes.parameters is null
            or base_sizes.parameters is null
            or greatest(derived_sizes.parameters, base_sizes.parameters)
            <= 1.1 * least(derived_sizes.parameters, base_sizes.parameters)
        )
),

lineage_candidates as (
    select * from rule_lineage
    union all
    select * from huggingface_lineage
    union all
    select * from description_lineage
),

lineage_known as (
    select lineage_candidates.*
    from lineage_candidates
    inner join known_models
        on lineage_candidates.base_model_id = known_models.model_id
    where lineage_candidates.base_model_id != lineage_candidates.model_id
),

best_lineage as (
    select *
    from lineage_known
    qualify row_number() over (
        partition by model_id
        order by lineage_rank, base_model_id
    ) = 1
),

-- A pair that names each other (a base card listing its own fine-tune) keeps only the
-- better-sourced direction.
derived_models as (
    select best_lineage.*
    from best_lineage
    left join best_lineage as reverse_lineage
        on
            best_lineage.base_model_id = reverse_lineage.model_id
            and best_lineage.model_id = reverse_lineage.base_model_id
    where
        reverse_lineage.model_id is null
        or best_lineage.lineage_rank < reverse_lineage.lineage_rank
        or (
            best_lineage.lineage_rank = reverse_lineage.lineage_rank
            and best_lineage.model_id > reverse_lineage.model_id
        )
)

select
    model_id,
    base_model_id,
    lineage_source,
    lineage_evidence,
    lineage_url
from derived_models
