{# One row per model that a Hugging Face model card declares derived from another model
   (cardData.base_model: a fine-tune, a merge, a pruned or distilled copy), when the base
   resolves to a different model_id. Its pretraining compute is the base model's, which
   has its own row: the name heuristic must not count it again. #}
with

huggingface_repos as (
    select
        repo_id,
        base_model
    from {{ ref('int_huggingface_repos_deduplicated') }}
    where base_model is not null
),

names_resolved as (
    select
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
    where source_name = 'huggingface'
),

aliases as (
    select * from {{ ref('model_aliases') }}
),

first_base_model as (
    -- A card may name several bases (comma-joined): the first is the one fine-tuned.
    select
        repo_id,
        trim(split_part(base_model, ',', 1)) as base_repo_id
    from huggingface_repos
),

base_resolved as (
    select
        names_resolved.model_id,
        first_base_model.repo_id,
        first_base_model.base_repo_id,
        coalesce(aliases.model_id, {{ normalize_model_name('first_base_model.base_repo_id') }})
            as base_model_id
    from first_base_model
    inner join names_resolved
        on first_base_model.repo_id = names_resolved.source_model_name
    left join aliases
        on {{ normalize_model_name('first_base_model.base_repo_id') }} = aliases.alias
),

derived_models as (
    select
        model_id,
        any_value(base_model_id) as base_model_id,
        any_value(repo_id) as repo_id,
        any_value(base_repo_id) as base_repo_id
    from base_resolved
    where base_model_id != model_id
    group by model_id
)

select * from derived_models
