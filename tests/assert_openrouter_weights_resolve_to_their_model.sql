{# One model listed twice, caught where two sources say so: an OpenRouter entry whose
   `hugging_face_id` (the repo of the weights it serves) is a repo the tracker knows (a
   Hugging Face repo in the captures, or a known-specs row's hugging_face_id) must resolve
   to that repo's model, or to a model derived from it or from which it derives. Returns
   each OpenRouter entry that resolves elsewhere: a rule in seeds/model_identity_rules.csv
   is missing (docs/identity.md, "How to add an identity rule"). OpenRouter's
   qwen/qwen3-coder, which serves Qwen/Qwen3-Coder-480B-A35B-Instruct, was its own model
   without an estimate beside the known-specs row's Qwen3-Coder-480B-A35B. #}
{# Over source-derived data: warns in a refresh (and the warning is queued in
   marts.review_queue), fails in `make test`, whose build makes every warning an error
   (scripts/test.sh). #}
{{ config(severity='warn') }}
with

openrouter_models as (
    select
        openrouter_model_id,
        hugging_face_id
    from {{ ref('int_openrouter_models_merged') }}
    where hugging_face_id is not null
),

names_resolved as (
    select
        source_name,
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
),

known_model_specs as (
    select
        model_id,
        hugging_face_id
    from {{ ref('known_model_specs') }}
    where nullif(trim(hugging_face_id), '') is not null
),

bases as (
    select
        model_id,
        base_model_id
    from {{ ref('int_model_bases_resolved') }}
),

-- The model each known repo is: its Hugging Face listing, else a known-specs row.
repo_models as (
    select
        lower(source_model_name) as repo_id,
        model_id
    from names_resolved
    where source_name = 'huggingface'
    union
    select
        lower(trim(hugging_face_id)) as repo_id,
        model_id
    from known_model_specs
),

entries_resolved as (
    select
        openrouter_models.openrouter_model_id,
        openrouter_models.hugging_face_id,
        names_resolved.model_id as openrouter_resolves_to,
        repo_models.model_id as repo_resolves_to
    from openrouter_models
    inner join names_resolved
        on
            names_resolved.source_name = 'openrouter'
            and openrouter_models.openrouter_model_id = names_resolved.source_model_name
    inner join repo_models
        on lower(openrouter_models.hugging_face_id) = repo_models.repo_id
),

related_pairs as (
    select
        model_id as model_a,
        base_model_id as model_b
    from bases
    union
    select
        base_model_id as model_a,
        model_id as model_b
    from bases
),

resolved_elsewhere as (
    select
        entries_resolved.openrouter_model_id,
        entries_resolved.hugging_face_id,
        entries_resolved.openrouter_resolves_to,
        entries_resolved.repo_resolves_to
    from entries_resolved
    left join related_pairs
        on
            entries_resolved.openrouter_resolves_to = related_pairs.model_a
            and entries_resolved.repo_resolves_to = related_pairs.model_b
    where
        entries_resolved.openrouter_resolves_to != entries_resolved.repo_resolves_to
        and related_pairs.model_a is null
)

select * from resolved_elsewhere
