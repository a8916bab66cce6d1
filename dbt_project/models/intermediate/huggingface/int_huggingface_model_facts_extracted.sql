{# One row per model_id with a Hugging Face repo: total parameters from the safetensors
   metadata (the dominant weight dtype's element count, never `total`, which also counts
   scale tensors and extra modules; NULL when 4-bit weights are packed into integer
   tensors), and active parameters from config.json for mixture-of-experts models. When
   several repos resolve to one model (base and instruct, BF16 and FP8), the repo with
   usable counts and a config wins, then the newest. The Hub has no release date
   (createdAt is repo creation), no tokens and no compute. #}
with

repos as (
    select * from {{ ref('int_huggingface_repos_deduplicated') }}
),

active_parameters as (
    select
        repo_id,
        active_parameters
    from {{ ref('int_huggingface_active_parameters_computed') }}
),

names_resolved as (
    select
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
    where source_name = 'huggingface'
),

repos_with_facts as (
    select
        names_resolved.model_id,
        repos.repo_id,
        repos.evidence_url,
        repos.is_sample,
        repos.last_seen_at,
        case when not repos.has_packed_int_weights then repos.dominant_dtype_parameters end
            as parameters,
        case
            when repos.is_mixture_of_experts then active_parameters.active_parameters
            when repos.is_mixture_of_experts = false and not repos.has_packed_int_weights
                then repos.dominant_dtype_parameters
        end as active_parameters
    from repos
    inner join names_resolved
        on repos.repo_id = names_resolved.source_model_name
    left join active_parameters
        on repos.repo_id = active_parameters.repo_id
),

best_repo_per_model as (
    select *
    from repos_with_facts
    qualify row_number() over (
        partition by model_id
        order by
            parameters is null asc,
            active_parameters is null asc,
            last_seen_at desc,
            repo_id asc
    ) = 1
),

facts_per_model as (
    select
        model_id,
        cast(null as date) as publication_date,
        false as is_publication_date_announced,
        parameters,
        active_parameters,
        cast(null as bigint) as training_tokens,
        cast(null as double) as reported_compute_flop,
        evidence_url,
        is_sample
    from best_repo_per_model
)

select * from facts_per_model
